import Documents
import Domain
import Fluent
import Vapor

/// Appendix II Forms 1 and 2 printed from a request's record (Art. 12.2.b, 12.5). Callers check the
/// permissions: Form 2 only for those who may see the result (D8).
enum InterviewPapers {
    static func dossierBoxes(_ r: InterviewRequestModel, on db: any Database) async throws -> (Set<Int>, String) {
        let kinds = Set(try await InterviewFileModel.query(on: db).filter(\.$request.$id == r.id!).all(\.$kind)
            .compactMap(PreScreening.DossierKind.init(rawValue:)))
        let names = PreScreening.DossierKind.allCases.filter(kinds.contains).map(\.label).joined(separator: "; ")
        return (Set(kinds.map(\.formBox)), names)
    }

    /// Form 1: the agency's request letter, signed by its head.
    static func request(_ r: InterviewRequestModel, on req: Request) async throws -> OfficialPapers.Paper {
        let profile = try await req.profile()
        let agency = try await r.$agency.get(on: req.db)
        let governing = try await OfficialPapers.governingName(of: agency, profile: profile, on: req.db)
        let (boxes, _) = try await dossierBoxes(r, on: req.db)
        let letter = Documents.InterviewRequest(
            governingName: governing, agencyName: agency.name, number: nil, date: profile.date(of: r.filedAt),
            duties: Set(r.plannedDuties.map(\.formBox)), otherDuty: r.otherDuty, candidateName: r.candidateName, birthYear: r.birthYear,
            replyBy: r.replyBy.flatMap(LocalDate.init(iso:)), leadershipConfirmation: r.format == .confirmed, contact: r.contact,
            attachments: boxes, signerTitle: agency.headTitle.isEmpty ? "Thủ trưởng cơ quan" : agency.headTitle,
            signerName: agency.headName.isEmpty ? r.filedByName : agency.headName)
        return .init(document: Forms.interviewRequest(letter, profile: profile),
                     fileName: OfficialPapers.fileName(FormCode.interviewRequest.fileStem, r.candidateName))
    }

    /// Form 2: the IT division's report, addressed to the requesting agency; the leadership's
    /// confirmation block only with the confirmed reply format.
    static func report(_ r: InterviewRequestModel, on req: Request) async throws -> OfficialPapers.Paper {
        let profile = try await req.profile()
        let agency = try await r.$agency.get(on: req.db)
        let (_, names) = try await dossierBoxes(r, on: req.db)
        let s = r.scores ?? []
        func score(_ i: Int) -> Double? { i < s.count ? Double(s[i]) / 10 : nil }
        let advice = [r.advice?.label, r.remarks].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ". ")
        let report = ScreeningReport(
            number: nil, date: r.reportedAt.map { profile.date(of: $0) }, recipient: agency.name, intervieweeName: r.candidateName,
            birthYear: r.birthYear, generalKnowledge: score(0), networking: score(1), programmingAndDatabases: score(2),
            attachments: names, recommendation: advice, leadershipConfirmation: r.format == .confirmed, divisionHeadName: r.assigneeName ?? "")
        return .init(document: Forms.screeningReport(report, profile: profile),
                     fileName: OfficialPapers.fileName(FormCode.screeningReport.fileStem, r.candidateName))
    }
}
