import Domain

/// A decision on the assignment of duties to IT officers (Art. 13.1), as a record prints it.
public struct DutyDecisionSheet: Sendable {
    public struct Assignment: Sendable {
        public var officerName: String
        public var position: String
        public var duties: [ITDuty]
        public init(officerName: String, position: String, duties: [ITDuty]) {
            self.officerName = officerName
            self.position = position
            self.duties = duties
        }
    }
    public var governingName: String?
    public var agencyName: String
    public var number: String
    public var signedOn: LocalDate?
    public var signer: String
    public var signerTitle: String
    public var assignments: [Assignment]

    public init(governingName: String?, agencyName: String, number: String, signedOn: LocalDate?, signer: String,
                signerTitle: String, assignments: [Assignment]) {
        self.governingName = governingName
        self.agencyName = agencyName
        self.number = number
        self.signedOn = signedOn
        self.signer = signer
        self.signerTitle = signerTitle
        self.assignments = assignments
    }
}

/// Decree 30/2020/NĐ-CP layout of an individual administrative decision: motto, issuer, number and
/// symbol, place and date, title, legal bases, articles, recipients and the signer's block.
public enum DutyDecisionForm {
    public static func blocks(_ d: DutyDecisionSheet, profile: RegulationProfile) -> [Block] {
        let head = d.signerTitle.isEmpty ? "THỦ TRƯỞNG CƠ QUAN" : d.signerTitle.uppercased()
        var blocks: [Block] = [
            FormParts.header(governing: d.governingName, issuing: d.agencyName, number: "Số: \(d.number)",
                             placeDate: FormParts.placeAndDate(profile.placeName, d.signedOn)),
        ]
        blocks += FormParts.title("QUYẾT ĐỊNH", subtitle: "Về việc phân công nhiệm vụ cho cán bộ công nghệ thông tin")
        blocks.append(.paragraph(Markup.escape(head), ParagraphStyle(size: 14, bold: true, alignment: .center, spaceAfter: 8)))
        let regulation = "Quy chế quản lý cán bộ chuyên trách, bán chuyên trách công nghệ thông tin ban hành kèm theo Quyết định số "
            + "\(profile.regulationNumber) ngày \(profile.regulationSignedOn.vietnamese) của \(profile.regulationIssuer ?? profile.peoplesCommitteeName)"
        for basis in ["Căn cứ Điều 5 và Điều 13 \(regulation);",
                      "Căn cứ chức năng, nhiệm vụ, quyền hạn của \(d.agencyName);",
                      "Xét năng lực, chuyên môn của cán bộ công nghệ thông tin,"] {
            blocks.append(.paragraph("<i>\(Markup.escape(basis))</i>", .body))
        }
        blocks.append(.paragraph("QUYẾT ĐỊNH:", ParagraphStyle(size: 14, bold: true, alignment: .center, spaceAfter: 6)))
        blocks.append(.paragraph("<b>Điều 1.</b> " + Markup.escape("Phân công nhiệm vụ cho cán bộ công nghệ thông tin của \(d.agencyName) như sau:"), .body))
        for (index, a) in d.assignments.enumerated() {
            let who = a.position.isEmpty ? a.officerName : "\(a.officerName), \(a.position)"
            let all = a.duties.count == ITDuty.allCases.count
            blocks.append(.paragraph(Markup.escape("\(index + 1). Ông/Bà \(who)" + (all ? " đảm trách tất cả các nhiệm vụ tại Điều 5 của Quy chế:" : ":")), .body))
            for duty in a.duties {
                blocks.append(.paragraph(Markup.escape("- \(duty.title) (khoản \(duty.clause.dropFirst(2)) Điều 5)."),
                                         ParagraphStyle(firstLineIndent: 28.35, leftIndent: 14, spaceAfter: 3)))
            }
        }
        blocks.append(.paragraph("<b>Điều 2.</b> " + Markup.escape("Cán bộ được phân công quản trị, vận hành hệ thống thông tin lập Giấy cam kết "
            + "theo Phụ lục III của Quy chế (Điều 13.2). Quyết định này có hiệu lực kể từ ngày ký và thay thế phân công trước đây "
            + "đối với những cán bộ có tên tại Điều 1."), .body))
        blocks.append(.paragraph("<b>Điều 3.</b> " + Markup.escape("Các bộ phận có liên quan và các cán bộ có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."), .body))
        blocks.append(.space(8))
        blocks.append(.columns([
            FormParts.recipients(width: 0.5, ["- Như Điều 3;", "- \(profile.itAuthorityName);", "- \(profile.homeAffairsName);", "- Lưu: VT."]),
            FormParts.signatory(width: 0.5, PaperSigner(position: head, name: d.signer)),
        ]))
        return blocks
    }
}
