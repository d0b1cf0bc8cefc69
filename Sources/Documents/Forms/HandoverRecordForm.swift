import Domain

/// "Biên bản bàn giao" (Art. 14; D9): what the leaving officer handed over, to whom, acknowledged
/// when, and whether each credential was changed afterwards. Never a secret's value.
public struct HandoverRecordSheet: Sendable {
    public struct Item: Sendable {
        public var label: String
        public var receiver: String
        public var acknowledgedOn: LocalDate?
        /// nil: not a credential; otherwise the rotation's state as printed.
        public var rotation: String?
        public init(label: String, receiver: String, acknowledgedOn: LocalDate?, rotation: String?) {
            self.label = label
            self.receiver = receiver
            self.acknowledgedOn = acknowledgedOn
            self.rotation = rotation
        }
    }
    public var governingName: String?
    public var agencyName: String
    public var officerName: String
    public var reason: String
    public var openedOn: LocalDate?
    public var closedOn: LocalDate?
    public var plan: String
    public var items: [Item]

    public init(governingName: String?, agencyName: String, officerName: String, reason: String, openedOn: LocalDate?,
                closedOn: LocalDate?, plan: String, items: [Item]) {
        self.governingName = governingName
        self.agencyName = agencyName
        self.officerName = officerName
        self.reason = reason
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.plan = plan
        self.items = items
    }
}

public enum HandoverRecordForm {
    public static func blocks(_ h: HandoverRecordSheet, profile: RegulationProfile) -> [Block] {
        var blocks: [Block] = [
            FormParts.header(governing: h.governingName, issuing: h.agencyName, number: nil,
                             placeDate: FormParts.placeAndDate(profile.placeName, h.closedOn ?? h.openedOn)),
        ]
        blocks += FormParts.title("BIÊN BẢN BÀN GIAO", subtitle: "Bí mật hệ thống thông tin và công tác quản trị, vận hành hệ thống")
        blocks.append(.paragraph(Markup.escape("Căn cứ Điều 14 Quy chế ban hành kèm theo Quyết định số \(profile.regulationNumber) "
            + "ngày \(profile.regulationSignedOn.vietnamese);"), .body))
        blocks.append(.field("Người bàn giao", value: h.officerName))
        blocks.append(.field("Lý do bàn giao", value: h.reason))
        blocks.append(.field("Ngày bắt đầu bàn giao", value: h.openedOn?.vietnamese))
        blocks.append(.paragraph("Nội dung bàn giao (chỉ ghi loại bí mật và người nhận, không ghi giá trị bí mật — Điều 7.1):", .body))
        let rows = h.items.enumerated().map { index, item in
            [String(index + 1), item.label, item.receiver, item.acknowledgedOn?.vietnamese ?? "Chưa xác nhận", item.rotation ?? "—"]
        }
        blocks.append(.table(Table(columns: [Table.Column("TT", width: 0.06, alignment: .center), Table.Column("Nội dung", width: 0.37),
                                             Table.Column("Người nhận", width: 0.20), Table.Column("Xác nhận", width: 0.17, alignment: .center),
                                             Table.Column("Đổi thông tin xác thực (khuyến nghị)", width: 0.20)],
                                   rows: rows.isEmpty ? [["", "Không có mục nào", "", "", ""]] : rows)))
        blocks.append(.field("Phương án của thủ trưởng (Điều 14.2)", value: h.plan.isEmpty ? nil : h.plan))
        blocks.append(.space(8))
        blocks.append(.columns([FormParts.signature(width: 0.34, title: ["NGƯỜI BÀN GIAO"], note: "(Ký, ghi rõ họ tên)", name: h.officerName),
                                FormParts.signature(width: 0.33, title: ["NGƯỜI NHẬN"], note: "(Ký, ghi rõ họ tên)"),
                                FormParts.signature(width: 0.33, title: ["THỦ TRƯỞNG CƠ QUAN"], note: "(Ký tên, đóng dấu)")]))
        return blocks
    }
}

extension Forms {
    public static func dutyDecision(_ sheet: DutyDecisionSheet, profile: RegulationProfile) -> OfficialDocument {
        OfficialDocument(title: "Quyết định phân công nhiệm vụ \(sheet.number)", blocks: DutyDecisionForm.blocks(sheet, profile: profile))
    }

    public static func handoverRecord(_ sheet: HandoverRecordSheet, profile: RegulationProfile) -> OfficialDocument {
        OfficialDocument(title: "Biên bản bàn giao – \(sheet.officerName)", bodySize: 13, blocks: HandoverRecordForm.blocks(sheet, profile: profile))
    }
}
