import Domain

/// One officer's line in the results sent to a managing agency.
public struct GradeLine: Sendable {
    public var name: String, title: String, grade: String, note: String
    public init(name: String, title: String, grade: String, note: String) {
        self.name = name
        self.title = title
        self.grade = grade
        self.note = note
    }
}

/// Art. 15.6: the evaluation results of year Y sent to one managing agency.
public struct ResultsNotice: Sendable {
    public var year: Int, agencyName: String, date: LocalDate?, lines: [GradeLine]
    public init(year: Int, agencyName: String, date: LocalDate?, lines: [GradeLine]) {
        self.year = year
        self.agencyName = agencyName
        self.date = date
        self.lines = lines
    }
}

/// Art. 16.3.b: the joint proposal of the IT authority and Home Affairs to stop an officer's incentive.
public struct CessationLetter: Sendable {
    public var officerName: String, agencyName: String, pattern: String, grades: [(year: Int, grade: String)], date: LocalDate?
    public init(officerName: String, agencyName: String, pattern: String, grades: [(year: Int, grade: String)], date: LocalDate?) {
        self.officerName = officerName
        self.agencyName = agencyName
        self.pattern = pattern
        self.grades = grades
        self.date = date
    }
}

/// Art. 16.2: the officers proposed for commendation in year Y and what was decided.
public struct RewardLine: Sendable {
    public var name: String, agency: String, candidacy: String, decision: String
    public init(name: String, agency: String, candidacy: String, decision: String) {
        self.name = name
        self.agency = agency
        self.candidacy = candidacy
        self.decision = decision
    }
}

public enum EvaluationDocuments {
    /// The regulation cited with its issuer (Bình Dương's People's Committee), not today's province.
    static func basis(_ profile: RegulationProfile) -> Block {
        .paragraph(Markup.escape("Căn cứ \(profile.regulationCitation) ban hành \(profile.regulationRulesName);"), .body)
    }

    /// "Nơi nhận" beside the signer of the IT authority from the profile (the year's, once published).
    static func authoritySignature(_ profile: RegulationProfile) -> Block {
        .columns([FormParts.recipients(width: 0.5, ["- Như trên;", "- Lưu: VT, \(profile.itDivisionName)."]),
                  FormParts.signatory(width: 0.5, profile.authoritySignatory)])
    }

    /// Art. 15.6: "Thông báo kết quả đánh giá" to a managing agency, one row per officer.
    public static func resultsNotice(_ n: ResultsNotice, profile: RegulationProfile) -> OfficialDocument {
        let rows = n.lines.enumerated().map { [String($0 + 1), $1.name, $1.title, $1.grade, $1.note] }
        return OfficialDocument(title: "Thông báo kết quả đánh giá năm \(n.year) — \(n.agencyName)", blocks: [
            FormParts.header(governing: profile.peoplesCommitteeName, issuing: profile.itAuthorityName, number: "Số:       /TB-CNTT",
                             placeDate: FormParts.placeAndDate(profile.placeName, n.date)),
        ] + FormParts.title("THÔNG BÁO", subtitle: "Kết quả đánh giá, xếp loại cán bộ công nghệ thông tin năm \(n.year)") + [
            .paragraph(Markup.escape("Kính gửi: \(n.agencyName)."), ParagraphStyle(alignment: .center, spaceAfter: 10)),
            basis(profile),
            .paragraph(Markup.escape("\(profile.itAuthorityName) thông báo kết quả đánh giá, xếp loại năm \(n.year) của cán bộ "
                                     + "công nghệ thông tin thuộc Quý cơ quan như sau:"), .body),
            .table(Table(columns: [.init("STT", width: 8, alignment: .center), .init("Họ và tên", width: 28),
                                   .init("Chức danh", width: 28), .init("Xếp loại", width: 10, alignment: .center),
                                   .init("Ghi chú", width: 28)], rows: rows)),
            .paragraph(Markup.escape("Kết quả đánh giá là căn cứ để Quý cơ quan bố trí, sử dụng và xem xét khen thưởng, kỷ luật "
                                     + "đối với cán bộ công nghệ thông tin theo quy định./."), .body),
            authoritySignature(profile),
        ])
    }

    /// Art. 16.3.b: the proposal Home Affairs and the IT authority sign jointly.
    public static func cessationLetter(_ c: CessationLetter, profile: RegulationProfile) -> OfficialDocument {
        let history = c.grades.map { "năm \($0.year): loại \($0.grade)" }.joined(separator: "; ")
        return OfficialDocument(title: "Đề xuất thôi hưởng chế độ ưu đãi — \(c.officerName)", blocks: [
            FormParts.header(governing: profile.peoplesCommitteeName, issuing: profile.itAuthorityName, number: "Số:       /ĐX-CNTT-NV",
                             placeDate: FormParts.placeAndDate(profile.placeName, c.date)),
        ] + FormParts.title("ĐỀ XUẤT", subtitle: "Về việc thôi hưởng chế độ ưu đãi đối với cán bộ công nghệ thông tin") + [
            .paragraph(Markup.escape("Kính gửi: \(c.agencyName)."), ParagraphStyle(alignment: .center, spaceAfter: 10)),
            basis(profile),
            .paragraph(Markup.escape("Căn cứ kết quả đánh giá, xếp loại cán bộ công nghệ thông tin hằng năm của \(profile.itAuthorityName);"), .body),
            .paragraph(Markup.escape("\(profile.itAuthorityName) và \(profile.homeAffairsName) thống nhất đề xuất như sau:"), .body),
            .paragraph(Markup.escape("1. Ông (bà) \(c.officerName), cán bộ công nghệ thông tin của \(c.agencyName), có kết quả xếp loại "
                                     + "\(history) — thuộc trường hợp “\(c.pattern)” quy định tại điểm b khoản 3 Điều 16 của Quy chế."), .body),
            .paragraph("2. Đề nghị Quý cơ quan cho thôi hưởng chế độ ưu đãi đối với cán bộ công nghệ thông tin kể từ tháng tiếp theo.", .body),
            .paragraph("3. Bố trí cán bộ làm công việc khác; tuyển dụng hoặc phân công cán bộ công nghệ thông tin khác phù hợp thay thế, "
                       + "thực hiện bàn giao theo Điều 14 của Quy chế./.", .body),
            .space(6),
            .columns([FormParts.signature(width: 0.5, title: [profile.homeAffairsName.uppercased(), "GIÁM ĐỐC"]),
                      FormParts.signature(width: 0.5, title: [profile.itAuthorityName.uppercased(), "GIÁM ĐỐC"])]),
            .columns([FormParts.recipients(width: 0.5, ["- Như trên;", "- Cán bộ có tên tại mục 1;", "- Lưu: VT, \(profile.itDivisionName)."])]),
        ])
    }

    /// Art. 16.2: the list of reward candidates of the year.
    public static func rewardList(year: Int, lines: [RewardLine], date: LocalDate?, profile: RegulationProfile) -> OfficialDocument {
        let rows = lines.enumerated().map { [String($0 + 1), $1.name, $1.agency, $1.candidacy, $1.decision] }
        return OfficialDocument(title: "Danh sách đề xuất khen thưởng năm \(year)", blocks: [
            FormParts.header(governing: profile.peoplesCommitteeName, issuing: profile.itAuthorityName, number: nil,
                             placeDate: FormParts.placeAndDate(profile.placeName, date)),
        ] + FormParts.title("DANH SÁCH", subtitle: "Cán bộ công nghệ thông tin được đề xuất khen thưởng năm \(year)") + [
            .paragraph(Markup.italic("(Theo khoản 2 Điều 16 Quy chế ban hành kèm theo \(profile.regulationCitation))"),
                       ParagraphStyle(alignment: .center, spaceAfter: 8)),
            .table(Table(columns: [.init("STT", width: 8, alignment: .center), .init("Họ và tên", width: 22),
                                   .init("Cơ quan", width: 28), .init("Hình thức đề xuất", width: 28), .init("Quyết định", width: 16)],
                         rows: rows)),
            .space(6),
            .columns([Column(width: 0.5, []), FormParts.signatory(width: 0.5, profile.authoritySignatory)]),
        ])
    }
}
