import Domain

/// Appendix II Form 1: the agency's request that the IT authority interview a candidate (Art. 12).
public struct InterviewRequest: Sendable {
    public var governingName: String?
    public var agencyName: String
    public var number: String?
    public var date: LocalDate?
    /// The duties planned for the post, by their position in the template's list (0…6), and any other.
    public var duties: Set<Int>
    public var otherDuty: String
    public var candidateName: String
    public var birthYear: Int?
    public var replyBy: LocalDate?
    /// true: the report must carry the authority leadership's confirmation.
    public var leadershipConfirmation: Bool
    public var contact: String
    public var attachments: Set<Int>
    public var signerTitle: String
    public var signerName: String

    public init(governingName: String?, agencyName: String, number: String?, date: LocalDate?, duties: Set<Int>,
                otherDuty: String, candidateName: String, birthYear: Int?, replyBy: LocalDate?,
                leadershipConfirmation: Bool, contact: String, attachments: Set<Int>, signerTitle: String, signerName: String) {
        self.governingName = governingName
        self.agencyName = agencyName
        self.number = number
        self.date = date
        self.duties = duties
        self.otherDuty = otherDuty
        self.candidateName = candidateName
        self.birthYear = birthYear
        self.replyBy = replyBy
        self.leadershipConfirmation = leadershipConfirmation
        self.contact = contact
        self.attachments = attachments
        self.signerTitle = signerTitle
        self.signerName = signerName
    }
}

/// Appendix II Form 2: the IT division's screening report; scores out of 10.
public struct ScreeningReport: Sendable {
    public var number: String?
    public var date: LocalDate?
    public var recipient: String
    public var intervieweeName: String
    public var birthYear: Int?
    /// Scores out of 10 with at most one decimal (Art. 12.4); printed as entered, with no total (D8).
    public var generalKnowledge: Double?
    public var networking: Double?
    public var programmingAndDatabases: Double?
    public var attachments: String
    public var recommendation: String
    /// Printed only when the request asked for it (Art. 12.4; the high-confidentiality option skips it).
    public var leadershipConfirmation: Bool
    public var divisionHeadName: String

    public init(number: String?, date: LocalDate?, recipient: String, intervieweeName: String, birthYear: Int?,
                generalKnowledge: Double?, networking: Double?, programmingAndDatabases: Double?, attachments: String,
                recommendation: String, leadershipConfirmation: Bool, divisionHeadName: String) {
        self.number = number
        self.date = date
        self.recipient = recipient
        self.intervieweeName = intervieweeName
        self.birthYear = birthYear
        self.generalKnowledge = generalKnowledge
        self.networking = networking
        self.programmingAndDatabases = programmingAndDatabases
        self.attachments = attachments
        self.recommendation = recommendation
        self.leadershipConfirmation = leadershipConfirmation
        self.divisionHeadName = divisionHeadName
    }
}

extension Forms {
    /// Appendix II Form 1 of a request (Art. 12.2.b).
    public static func interviewRequest(_ r: InterviewRequest, profile: RegulationProfile) -> OfficialDocument {
        OfficialDocument(title: FormCode.interviewRequest.title, blocks: RecruitmentForms.interviewRequest(r, profile: profile))
    }

    /// Appendix II Form 2 of a report (Art. 12.5).
    public static func screeningReport(_ r: ScreeningReport, profile: RegulationProfile) -> OfficialDocument {
        OfficialDocument(title: FormCode.screeningReport.title, blocks: RecruitmentForms.screeningReport(r, profile: profile))
    }
}

public enum RecruitmentForms {
    /// A score the Vietnamese way: "8", "7,5".
    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10),\(tenths % 10)"
    }

    static let duties = [
        "Tham mưu xây dựng: Quy chế, quy định và các kế hoạch về ứng dụng công nghệ thông tin, kế hoạch đào tạo, bồi dưỡng phát triển nguồn nhân lực công nghệ thông tin.",
        "Tham mưu tổ chức, triển khai các văn bản, quy định, các chương trình kế hoạch về công nghệ thông tin đã được phê duyệt;",
        "Quản lý thiết bị phần cứng, hệ thống mạng nội bộ;",
        "Khắc phục sự cố máy tính, phần cứng của người sử dụng;",
        "Quản lý hệ thống phần mềm, cơ sở dữ liệu;",
        "Quản lý Website của cơ quan;",
        "Thống kê báo cáo về công nghệ thông tin;",
    ]
    static let attachments = [
        "Văn bằng, bảng điểm đào tạo công nghệ thông tin;",
        "Chứng chỉ ngoại ngữ, chứng chỉ công nghệ thông tin;",
        "Hồ sơ về quá trình và kinh nghiệm trong quá trình công tác công nghệ thông tin (nếu có).",
    ]

    /// Appendix II Form 1, citing the regulation by its number, date and issuer from the profile.
    public static func interviewRequest(_ r: InterviewRequest, profile: RegulationProfile) -> [Block] {
        let basis = "Căn cứ \(profile.regulationRulesName) được ban hành kèm theo \(profile.regulationCitation);"
        let dutyItems = duties.enumerated().map { CheckItem($1, checked: r.duties.contains($0)) }
            + [CheckItem(r.otherDuty.isEmpty ? "……………………………………………………" : r.otherDuty, checked: !r.otherDuty.isEmpty)]
        return [
            FormParts.header(governing: r.governingName, issuing: r.agencyName, number: "Số: \(r.number ?? "       /……..")",
                             placeDate: FormParts.placeAndDate(profile.placeName, r.date)),
            .space(14),
            .paragraph(Markup.escape("Kính gửi: \(profile.itAuthorityName)."), ParagraphStyle(alignment: .center, spaceAfter: 10)),
            .paragraph(Markup.escape(basis), .body),
            .paragraph("Căn cứ thực tế nhu cầu công tác,", .body),
            .paragraph(Markup.escape("\(r.agencyName) dự định tuyển một nhân sự làm cán bộ chuyên trách công nghệ thông tin "
                                     + "với dự kiến phân công công việc cho vị trí này như sau (*):"), .body),
            .checkboxes(dutyItems, perRow: 1),
            .paragraph("<b>Đối tượng dự tuyển</b>", .plain),
            .field("Họ và tên ứng viên:", value: r.candidateName),
            .field("Sinh năm:", value: r.birthYear.map(String.init)),
            .paragraph(Markup.escape("Đề nghị \(profile.itAuthorityName) phỏng vấn về chuyên môn của ứng viên trên và gửi kết quả "
                                     + "đánh giá về \(r.agencyName) trước ngày \(r.replyBy?.vietnamese ?? "…………..")."), .body),
            .paragraph("Hình thức văn bản trả lời:", .plain),
            .checkboxes([
                CheckItem("Báo cáo kết quả phỏng vấn của \(profile.itDivisionName);", checked: !r.leadershipConfirmation),
                CheckItem("Báo cáo kết quả phỏng vấn của \(profile.itDivisionName) có xác nhận của Lãnh đạo \(profile.itAuthorityName).",
                          checked: r.leadershipConfirmation),
            ], perRow: 1),
            .field("Thông tin liên hệ:", value: r.contact, blankLines: r.contact.isEmpty ? 1 : 0),
            .paragraph("Hồ sơ đính kèm:", .plain),
            .checkboxes(attachments.enumerated().map { CheckItem($1, checked: r.attachments.contains($0)) }, perRow: 1),
            .paragraph("Trân trọng./.", .body),
            .columns([FormParts.recipients(width: 0.5, ["- Như trên;", "- Lưu: VT."]),
                      FormParts.signature(width: 0.5, title: [r.signerTitle.uppercased()], name: r.signerName)]),
            .paragraph(Markup.italic("(*) Ghi chú"), ParagraphStyle(size: 11, alignment: .left, spaceAfter: 1)),
            .paragraph(Markup.escape("Trường hợp cơ quan chưa có hoặc không có cán bộ chuyên trách công nghệ thông tin, ứng viên vào vị trí này "
                                     + "phải đảm nhận tất cả các nhiệm vụ (đánh dấu tất cả các ô)."), ParagraphStyle(size: 11, spaceAfter: 1)),
            .paragraph(Markup.escape("Trường hợp cơ quan có quy mô ứng dụng công nghệ thông tin rộng lớn, đã có một số cán bộ chuyên trách "
                                     + "công nghệ thông tin, ứng viên dự tuyển có thể đảm nhiệm một phần các nhiệm vụ (đánh dấu vào ô thích hợp)."),
                       ParagraphStyle(size: 11, spaceAfter: 1)),
        ]
    }

    /// Appendix II Form 2; the leadership confirmation block only when the request asked for it.
    public static func screeningReport(_ r: ScreeningReport, profile: RegulationProfile) -> [Block] {
        func score(_ value: Double?) -> String { value.map { "\(decimal($0))/10" } ?? "………../10" }
        let leadership = r.leadershipConfirmation
            ? FormParts.signature(width: 0.5, title: ["XÁC NHẬN CỦA", profile.itAuthorityName.uppercased()])
            : Column(width: 0.5, [])
        return [
            FormParts.header(governing: profile.itAuthorityName, issuing: profile.itDivisionName,
                             number: "Số: \(r.number ?? "       /BC-CNTT")",
                             placeDate: FormParts.placeAndDate(profile.placeName, r.date)),
        ] + FormParts.title("BÁO CÁO", subtitle: "Kết quả sơ tuyển chuyên môn công nghệ thông tin") + [
            .paragraph(Markup.escape("Kính gửi: \(r.recipient.isEmpty ? "…………………………………." : r.recipient)"),
                       ParagraphStyle(alignment: .center, spaceAfter: 10)),
            .field("Họ và tên người được phỏng vấn:", value: r.intervieweeName),
            .field("Năm sinh:", value: r.birthYear.map(String.init)),
            .paragraph("Kết quả phỏng vấn:", .plain),
            .paragraph(Markup.escape("1. Kiến thức chung về công nghệ thông tin, ứng dụng công nghệ thông tin trong cơ quan nhà nước: "
                                     + score(r.generalKnowledge) + "."), .body),
            .paragraph(Markup.escape("2. Kiến thức căn bản về mạng máy tính: " + score(r.networking) + "."), .body),
            .paragraph(Markup.escape("3. Kiến thức căn bản về lập trình và quản trị cơ sở dữ liệu: " + score(r.programmingAndDatabases) + "."), .body),
            .field("Hồ sơ đính kèm:", value: r.attachments, blankLines: r.attachments.isEmpty ? 1 : 0),
            .paragraph("Kiến nghị:", .plain),
            r.recommendation.isEmpty ? .field("", value: nil, blankLines: 2) : .paragraph(Markup.escape(r.recommendation), .body),
            .paragraph(Markup.escape("Kết quả phỏng vấn là một dạng thông tin cá nhân của ứng viên và sẽ được bảo mật theo yêu cầu của Quý cơ quan."), .body),
            .paragraph("Đề nghị Quý cơ quan tham khảo./.", .body),
            .space(6),
            .columns([leadership, FormParts.signature(width: 0.5, title: ["TRƯỞNG PHÒNG CNTT"], name: r.divisionHeadName)]),
            .columns([FormParts.recipients(width: 0.5, ["- Như trên;", "- Lưu: VT, CNTT."])]),
        ]
    }
}
