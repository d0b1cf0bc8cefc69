import Domain

/// Appendix I Form 3, one work ticket, with the link the requester confirms through while the
/// ticket is unconfirmed (printed as a QR code).
public struct WorkTicketSheet: Sendable {
    public var number: Int?
    public var content: WorkTicketContent
    public var confirmedBy: String?
    public var confirmedOn: LocalDate?
    public var confirmationLink: String?

    public init(number: Int?, content: WorkTicketContent, confirmedBy: String? = nil, confirmedOn: LocalDate? = nil,
                confirmationLink: String? = nil) {
        self.number = number
        self.content = content
        self.confirmedBy = confirmedBy
        self.confirmedOn = confirmedOn
        self.confirmationLink = confirmationLink
    }
}

extension WorkLogForms {
    static let form3Groups: [(TaskGroup, String)] = [
        (.equipmentMaintenance, "Bảo trì thiết bị (trừ TB mạng)"), (.networkMaintenance, "Bảo trì hệ thống mạng"),
        (.networkAdministration, "Quản trị mạng"), (.softwareAndDatabaseAdministration, "Quản trị phần mềm, cơ sở dữ liệu"),
        (.websiteAdministration, "Quản trị website"), (.itManagementAdvisory, "Tham mưu quản lý về CNTT"),
        (.other, "Loại khác"),
    ]

    /// Appendix I Form 3.
    public static func workTicket(_ sheet: WorkTicketSheet) -> [Block] {
        let c = sheet.content
        let number = sheet.number.map { String(format: "%03d", $0) } ?? "….."
        let groups = form3Groups.map { group, caption in
            CheckItem(group == .other && c.taskGroup == .other ? "\(caption): \(c.taskOther)" : caption,
                      checked: c.taskGroup == group)
        }
        let document = [c.documentNumber, c.documentDate.map { "ngày \($0.vietnamese)" } ?? ""]
            .filter { !$0.isEmpty }.joined(separator: " ")
        let outcomes: [CheckItem] = [
            CheckItem("Văn bản, số hiệu và ngày ban hành: " + (document.isEmpty ? "……………………" : document),
                      checked: c.outcomes.contains(.documentIssued)),
            CheckItem("Thiết bị đã được khắc phục lỗi;", checked: c.outcomes.contains(.deviceFixed)),
            CheckItem("Hệ thống mạng đã được vận hành tốt;", checked: c.outcomes.contains(.networkOperational)),
            CheckItem("Phần mềm, cơ sở dữ liệu, website đã hoạt động theo yêu cầu;", checked: c.outcomes.contains(.softwareOperational)),
            CheckItem("Hoàn thành tập huấn, hướng dẫn;", checked: c.outcomes.contains(.trainingCompleted)),
            CheckItem("Kết quả khác. Ghi rõ: " + (c.outcomeOther.isEmpty ? "……………………" : c.outcomeOther),
                      checked: c.outcomes.contains(.other)),
        ]
        var confirmation: [Line] = [
            .centered("Xác nhận hoàn thành của Người yêu cầu", bold: true),
            .centered("hoặc Thủ trưởng trực tiếp của", bold: true),
            .centered("Cán bộ công nghệ thông tin", bold: true),
            .centered("(ký và ghi rõ họ tên)", size: 11, italic: true),
        ]
        if let by = sheet.confirmedBy, !by.isEmpty {
            let on = sheet.confirmedOn.map { " ngày \($0.vietnamese)" } ?? ""
            confirmation += [.gap(6), .centered(Markup.italic("Đã xác nhận trên hệ thống\(on)"), size: 11),
                             .centered(Markup.bold(by))]
        } else {
            confirmation.append(.gap(42))
        }
        var blocks: [Block] = [
            .columns([Column(width: 0.42, [.gap(2), .centered(Markup.escape("Số phiếu: \(number)"), size: 13)]),
                      FormParts.national(width: 0.58, placeDate: nil)]),
            .space(6), .paragraph("MẪU 3 - PHIẾU CÔNG TÁC", .centeredTitle), .space(4),
            .paragraph("<b>I. Mô tả công việc</b>", .plain),
            .checkboxes(groups, perRow: 2),
            .field("Chi tiết công việc:", value: c.details, blankLines: c.details.isEmpty ? 1 : 0),
            .paragraph("<b>II. Nơi yêu cầu (cơ quan, cá nhân):</b>", .plain),
            .field("+ Cơ quan, đơn vị, phòng ban:", value: c.requesterUnit),
            .field("+ Họ tên:", value: c.requesterName),
            .field("+ Hồ sơ liên quan (nếu có):", value: c.relatedRecords),
            .field("+ Ngày yêu cầu:", value: c.requestedOn.vietnamese),
            .columns([Column(width: 0.5, []), Column(width: 0.5, [
                .centered("Xác nhận của nơi yêu cầu", bold: true), .centered("(ký và ghi rõ họ tên)", size: 11, italic: true), .gap(36),
            ])]),
            .paragraph("<b>III. Phần thực hiện:</b>", .plain),
            .field("+ Hướng xử lý:", value: c.handling, blankLines: c.handling.isEmpty ? 1 : 0),
            .paragraph("+ Kết quả thực hiện:", .plain),
            .checkboxes(outcomes, perRow: 1),
            .field("+ Ngày hoàn thành:", value: c.completedOn?.vietnamese),
        ]
        blocks.append(.columns([Column(width: 0.5, []), Column(width: 0.5, confirmation)]))
        if let link = sheet.confirmationLink, sheet.confirmedBy?.isEmpty ?? true {
            blocks.append(.qrCode(link, caption: "Người yêu cầu quét mã này để xác nhận hoặc từ chối phiếu trên hệ thống (liên kết dùng một lần, có thời hạn)."))
        }
        return blocks
    }
}
