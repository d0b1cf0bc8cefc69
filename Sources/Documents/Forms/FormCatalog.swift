import Domain

/// The forms of the regulation's appendices, by the code the API uses.
public enum FormCode: String, CaseIterable, Sendable {
    case keyInformation = "pl1-m1"
    case annualSummary = "pl1-m2"
    case workTicket = "pl1-m3"
    case interviewRequest = "pl2-m1"
    case screeningReport = "pl2-m2"
    case commitment = "pl3"

    public var title: String {
        switch self {
        case .keyInformation: "Phụ lục I – Mẫu 1: Những thông tin chính"
        case .annualSummary: "Phụ lục I – Mẫu 2: Tổng hợp kết quả công tác năm"
        case .workTicket: "Phụ lục I – Mẫu 3: Phiếu công tác"
        case .interviewRequest: "Phụ lục II – Mẫu 1: Giấy đề nghị phỏng vấn"
        case .screeningReport: "Phụ lục II – Mẫu 2: Báo cáo kết quả sơ tuyển"
        case .commitment: "Phụ lục III: Giấy cam kết"
        }
    }

    /// ASCII file name stem: "mau-3-phieu-cong-tac".
    public var fileStem: String {
        switch self {
        case .keyInformation: "mau-1-thong-tin-chinh"
        case .annualSummary: "mau-2-tong-hop-ket-qua"
        case .workTicket: "mau-3-phieu-cong-tac"
        case .interviewRequest: "pl2-mau-1-de-nghi-phong-van"
        case .screeningReport: "pl2-mau-2-bao-cao-so-tuyen"
        case .commitment: "pl3-giay-cam-ket"
        }
    }
}

/// Official documents ready to render.
public enum Forms {
    public static func workTicket(_ sheet: WorkTicketSheet, year: Int) -> OfficialDocument {
        OfficialDocument(title: "Phiếu công tác \(year)-\(sheet.number.map { String(format: "%03d", $0) } ?? "")",
                         bodySize: 12, blocks: WorkLogForms.workTicket(sheet))
    }

    /// The whole work log of an officer-year: Form 1, Form 2, then every Form 3, each on its own page.
    public static func workLogBook(_ key: OfficerKeyInformation, _ summary: AnnualSummarySheet,
                                   tickets: [WorkTicketSheet], profile: RegulationProfile) -> OfficialDocument {
        var blocks = WorkLogForms.keyInformation(key, profile: profile)
        blocks.append(.pageBreak)
        blocks += WorkLogForms.annualSummary(summary, profile: profile)
        for ticket in tickets {
            blocks.append(.pageBreak)
            blocks += WorkLogForms.workTicket(ticket)
        }
        return OfficialDocument(title: "Sổ công tác năm \(summary.summary.year) – \(key.fullName)", bodySize: 12, blocks: blocks)
    }

    public static func keyInformation(_ key: OfficerKeyInformation, profile: RegulationProfile) -> OfficialDocument {
        OfficialDocument(title: FormCode.keyInformation.title, blocks: WorkLogForms.keyInformation(key, profile: profile))
    }

    public static func annualSummary(_ sheet: AnnualSummarySheet, profile: RegulationProfile) -> OfficialDocument {
        OfficialDocument(title: FormCode.annualSummary.title, bodySize: 13, blocks: WorkLogForms.annualSummary(sheet, profile: profile))
    }

    public static func commitment(_ letter: CommitmentLetter, profile: RegulationProfile) -> OfficialDocument {
        OfficialDocument(title: "Giấy cam kết – \(letter.officerName)", blocks: CommitmentForm.blocks(letter, profile: profile))
    }

    /// Every form from the sample data, as the API's `/forms/{code}/sample.pdf` serves them.
    public static func sample(_ code: FormCode, profile: RegulationProfile) -> OfficialDocument {
        let s = FormSamples.self
        switch code {
        case .keyInformation: return keyInformation(s.officer, profile: profile)
        case .annualSummary: return annualSummary(s.summary(profile: profile), profile: profile)
        case .workTicket: return workTicket(s.ticket, year: 2026)
        case .interviewRequest:
            return OfficialDocument(title: code.title, blocks: RecruitmentForms.interviewRequest(s.interviewRequest, profile: profile))
        case .screeningReport:
            return OfficialDocument(title: code.title, blocks: RecruitmentForms.screeningReport(s.screeningReport, profile: profile))
        case .commitment: return commitment(s.commitment, profile: profile)
        }
    }
}
