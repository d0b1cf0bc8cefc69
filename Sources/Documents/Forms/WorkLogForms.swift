import Domain

/// Appendix I Form 1, "Những thông tin chính", from the officer's record.
public struct OfficerKeyInformation: Sendable {
    public var agencyName: String
    public var division: String
    public var fullName: String
    public var dateOfBirth: LocalDate?
    public var gender: Gender?
    public var position: String
    public var kind: ITOfficerKind?
    public var monthlyIncentive: Int?
    /// The month the head signs (Form 1 carries a month and a year).
    public var signedOn: LocalDate?

    public init(agencyName: String, division: String, fullName: String, dateOfBirth: LocalDate?, gender: Gender?,
                position: String, kind: ITOfficerKind?, monthlyIncentive: Int?, signedOn: LocalDate?) {
        self.agencyName = agencyName
        self.division = division
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.gender = gender
        self.position = position
        self.kind = kind
        self.monthlyIncentive = monthlyIncentive
        self.signedOn = signedOn
    }
}

public enum WorkLogForms {
    /// Appendix I Form 1.
    public static func keyInformation(_ sheet: OfficerKeyInformation, profile: RegulationProfile) -> [Block] {
        let incentive = sheet.monthlyIncentive.map { Money.format(dong: $0) }
        return [
            .columns([Column(width: 0.2, []), FormParts.national(width: 0.6, placeDate: nil), Column(width: 0.2, [])]),
        ] + FormParts.title("MẪU 1 - NHỮNG THÔNG TIN CHÍNH") + [
            .field("Cơ quan, đơn vị công tác:", value: sheet.agencyName),
            .field("Phòng ban:", value: sheet.division),
            .field("Họ và tên:", value: sheet.fullName),
            .field("Ngày sinh:", value: sheet.dateOfBirth?.vietnamese),
            .checkboxes([.caption("Giới tính:"),
                         CheckItem("Nam", checked: sheet.gender == .male),
                         CheckItem("Nữ", checked: sheet.gender == .female)], perRow: 3),
            .field("Chức vụ:", value: sheet.position),
            .paragraph("Chức danh:", .plain),
            .checkboxes([CheckItem("Chuyên trách công nghệ thông tin", checked: sheet.kind == .fullTime),
                         CheckItem("Bán chuyên trách công nghệ thông tin", checked: sheet.kind == .partTime)], perRow: 1),
            .field("Mức ưu đãi hàng tháng (nếu có):", value: incentive),
            .space(16),
            .columns([Column(width: 0.45, []),
                      FormParts.signature(width: 0.55, title: ["Thủ trưởng cơ quan"], note: "(Chữ ký và con dấu)",
                                          above: FormParts.placeAndMonth(profile.placeName, sheet.signedOn))]),
        ]
    }
}

