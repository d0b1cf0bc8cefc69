import Domain

/// Appendix III: an IT officer's letter of commitment (Art. 13).
public struct CommitmentLetter: Sendable {
    public var governingName: String?
    public var agencyName: String
    public var number: String?
    public var date: LocalDate?
    public var officerName: String
    public var idNumber: String

    public init(governingName: String?, agencyName: String, number: String?, date: LocalDate?, officerName: String, idNumber: String) {
        self.governingName = governingName
        self.agencyName = agencyName
        self.number = number
        self.date = date
        self.officerName = officerName
        self.idNumber = idNumber
    }
}

public enum CommitmentForm {
    public static func blocks(_ c: CommitmentLetter, profile: RegulationProfile) -> [Block] {
        let name = c.officerName.isEmpty ? "…………………………………………." : c.officerName
        let id = c.idNumber.isEmpty ? "………………………" : c.idNumber
        return [
            FormParts.header(governing: c.governingName, issuing: c.agencyName, number: "Số: \(c.number ?? "       /…..")",
                             placeDate: FormParts.placeAndDate(profile.placeName, c.date)),
        ] + FormParts.title("GIẤY CAM KẾT", subtitle: "Về việc thực hiện đúng chức trách, nhiệm vụ công nghệ thông tin") + [
            .paragraph(Markup.escape("Tôi tên là: \(name)    \(IdentityNumber.label(forShown: c.idNumber)): \(id)"), .body),
            .paragraph(Markup.escape("là Cán bộ công nghệ thông tin của cơ quan \(c.agencyName)"), .body),
            .paragraph("được phân công quản trị, vận hành hệ thống thông tin của cơ quan.", .body),
            .paragraph("Tôi cam kết:", .body),
            .paragraph("1. Thực hiện đúng, đầy đủ các nhiệm vụ do cơ quan phân công.", .body),
            .paragraph("2. Không tiết lộ những bí mật liên quan đến hệ thống thông tin của cơ quan khi chưa được cấp trên cho phép.", .body),
            .paragraph(Markup.escape("3. Không lợi dụng vai trò, vị trí công tác của mình để thực hiện các hành vi xâm nhập, tấn công, đánh cắp "
                                     + "thông tin hoặc các hành vi khác làm ảnh hưởng đến an toàn thông tin của các cơ quan nhà nước."), .body),
            .paragraph(Markup.escape("Tôi xin chịu hoàn toàn trách nhiệm trước cơ quan và trước pháp luật nếu vi phạm những điều cam kết nêu trên."), .body),
            .space(8),
            .columns([FormParts.signature(width: 0.5, title: ["XÁC NHẬN CỦA LÃNH ĐẠO"], note: "(Ký tên, đóng dấu)"),
                      FormParts.signature(width: 0.5, title: ["NGƯỜI CAM KẾT"], note: "(Họ tên, chữ ký)", name: c.officerName)]),
            .columns([FormParts.recipients(width: 0.5, ["- Hồ sơ nhân sự;", "- Lưu: VT."])]),
        ]
    }
}
