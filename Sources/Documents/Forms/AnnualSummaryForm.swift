import Domain

/// Appendix I Form 2, "Tổng hợp kết quả công tác năm": the Domain summary, the officer, the
/// agency and the head's opinion.
public struct AnnualSummarySheet: Sendable {
    public var governingName: String?
    public var agencyName: String
    public var officerName: String
    public var summary: AnnualSummary
    public var headOpinion: String
    public var preparedOn: LocalDate?

    public init(governingName: String?, agencyName: String, officerName: String, summary: AnnualSummary,
                headOpinion: String, preparedOn: LocalDate?) {
        self.governingName = governingName
        self.agencyName = agencyName
        self.officerName = officerName
        self.summary = summary
        self.headOpinion = headOpinion
        self.preparedOn = preparedOn
    }
}

extension WorkLogForms {
    /// The row captions as the template prints them (row 8 is the "other" group).
    static let form2Captions = [
        1: "Bảo trì thiết bị (trừ TB mạng)", 2: "Bảo trì hệ thống mạng", 3: "Quản trị mạng",
        4: "Quản trị phần mềm, cơ sở dữ liệu", 5: "Quản trị website", 6: "Tham mưu quản lý về công nghệ thông tin",
        7: "Sáng kiến về chuyên môn kỹ thuật", 8: "Công việc khác",
    ]

    /// Appendix I Form 2.
    public static func annualSummary(_ sheet: AnnualSummarySheet, profile: RegulationProfile) -> [Block] {
        let summary = sheet.summary
        var rows = summary.rows.map { row in
            [String(row.row), form2Captions[row.row] ?? row.label, row.unit, String(row.quantity), row.note]
        }
        rows.append(["", "Tổng cộng:", "", String(summary.total), ""])
        let cost = summary.outsourcedCost.map { Money.format(dong: $0) } ?? "……………………………"
        let opinion: [Line] = sheet.headOpinion.isEmpty
            ? Array(repeating: Line.centered("………………………………"), count: 4)
            : [.text(Markup.escape(sheet.headOpinion), ParagraphStyle(alignment: .justify, spaceAfter: 0))]
        let head = Column(width: 0.5, [.centered("Ý kiến và xác nhận", bold: true), .centered("của Thủ trưởng cơ quan", bold: true)]
                          + opinion + [.centered("(chữ ký và con dấu)", size: 12, italic: true), .gap(50)])
        return [
            FormParts.header(governing: sheet.governingName, issuing: sheet.agencyName, number: nil,
                             placeDate: FormParts.placeAndDate(profile.placeName, sheet.preparedOn)),
        ] + FormParts.title("MẪU 2 - TỔNG HỢP KẾT QUẢ CÔNG TÁC NĂM \(summary.year)") + [
            .paragraph(Markup.escape("(Từ ngày \(summary.period.lowerBound.vietnamese) đến ngày \(summary.period.upperBound.vietnamese))"),
                       ParagraphStyle(italic: true, alignment: .center, spaceAfter: 8)),
            .paragraph("Họ và tên Cán bộ chuyên trách (hoặc bán chuyên trách) công nghệ thông tin:", .plain),
            .paragraph(Markup.bold(sheet.officerName), ParagraphStyle(alignment: .left, spaceAfter: 8)),
            .table(Table(columns: [
                .init("STT", width: 7, alignment: .center), .init("Nhóm nhiệm vụ, công việc", width: 43),
                .init("Đơn vị tính", width: 14, alignment: .center), .init("Số lượng", width: 12, alignment: .center),
                .init("Ghi chú", width: 24),
            ], rows: rows, boldRows: [rows.count - 1])),
            .paragraph(Markup.escape("Tổng chi phí thuê dịch vụ bên ngoài thực hiện các công việc bảo trì, khắc phục sự cố trong năm: ")
                       + Markup.bold(cost), ParagraphStyle(alignment: .justify, spaceAfter: 0)),
            .paragraph(Markup.italic("(số liệu do bộ phận tài chính cung cấp)"), ParagraphStyle(alignment: .left, spaceAfter: 12)),
            .columns([head, FormParts.signature(width: 0.5, title: ["Cán bộ lập biểu"], name: sheet.officerName)]),
        ]
    }
}
