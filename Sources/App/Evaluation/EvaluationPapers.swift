import Documents
import Domain
import Fluent
import Vapor

/// The papers of the evaluation (issue 5 §2): the results sent to a managing agency, the joint
/// cessation proposal and the list of reward candidates, with the permissions of their pages. Each
/// prints with the profile kept when its year was published (ADR 0010).
enum EvaluationPapers {
    static func register(_ years: any RoutesBuilder) {
        years.get(":year", "thong-bao", ":agency", use: resultsNotice)
        years.get(":year", "de-xuat", ":id", "van-ban.pdf", use: cessationLetter)
        years.get(":year", "khen-thuong.pdf", use: rewardList)
    }

    static func published(_ year: Int, on db: any Database) async throws -> Bool {
        try await EvaluationYearModel.query(on: db).filter(\.$year == year).first()?.stage == .published
    }

    /// `/danh-gia/Y/thong-bao/<agency>.pdf`: the authority for any agency; after publication the heads above it.
    static func resultsNotice(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        guard let text = req.parameters.get("agency"), text.hasSuffix(".pdf"), let id = UUID(uuidString: String(text.dropLast(4))),
              let agency = try await AgencyModel.find(id, on: req.db), let place = try await Visibility.place(of: id, on: req.db) else {
            throw Abort(.notFound)
        }
        let isPublished = try await published(year, on: req.db)
        guard viewer.policy.readsResultsNotice(at: place, published: isPublished) else {
            throw await req.denied("grade", entityID: id)
        }
        let profile = try await req.profile(forYear: year)
        let officers = try await EvaluationService.evaluable(year: year, profile: profile, on: req.db).filter { $0.$agency.id == id }
            .sorted { $0.nameSortKey < $1.nameSortKey }
        let grades = try await GradeModel.query(on: req.db).filter(\.$year == year).filter(\.$officer.$id ~~ officers.map { $0.id! }).all()
            .reduce(into: [UUID: GradeModel]()) { $0[$1.$officer.id] = $1 }
        let lines = officers.map { o in
            GradeLine(name: o.fullName, title: o.officerKind.label, grade: grades[o.id!]?.grade ?? "",
                      note: grades[o.id!]?.isAutomatic == true ? "Không nộp Sổ công tác đúng hạn" : "")
        }
        let notice = ResultsNotice(year: year, agencyName: agency.name, date: profile.date(of: req.now), lines: lines)
        return OfficialPapers.response(try await OfficialPapers.render(EvaluationDocuments.resultsNotice(notice, profile: profile), on: req),
                                       fileName: OfficialPapers.fileName("thong-bao-ket-qua-danh-gia", String(year), agency.name))
    }

    static func cessationLetter(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        guard viewer.policy.readsCessationProposals else { throw await req.denied("cessationProposal") }
        guard let id = req.parameters.get("id", as: UUID.self),
              let proposal = try await CessationProposalModel.query(on: req.db).with(\.$officer).filter(\.$id == id).filter(\.$year == year).first(),
              let agency = try await AgencyModel.find(proposal.agencyID, on: req.db) else { throw Abort(.notFound) }
        let years = proposal.window.split(separator: ",").compactMap { Int($0) }
        let grades = try await GradeModel.query(on: req.db).filter(\.$officer.$id == proposal.$officer.id).filter(\.$year ~~ years)
            .sort(\.$year).all().map { (year: $0.year, grade: $0.grade) }
        let profile = try await req.profile(forYear: year)
        let letter = CessationLetter(officerName: proposal.officer.fullName, agencyName: agency.name,
                                     pattern: proposal.disciplinePattern?.label ?? proposal.pattern, grades: grades, date: profile.date(of: req.now))
        return OfficialPapers.response(try await OfficialPapers.render(EvaluationDocuments.cessationLetter(letter, profile: profile), on: req),
                                       fileName: OfficialPapers.fileName("de-xuat-thoi-huong-uu-dai", String(year), proposal.officer.fullName))
    }

    static func rewardList(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        guard viewer.policy.isITAuthority else { throw await req.denied("rewardCandidate") }
        let candidates = try await RewardCandidateModel.query(on: req.db).with(\.$officer) { $0.with(\.$agency) }.filter(\.$year == year).all()
            .sorted { $0.officer.nameSortKey < $1.officer.nameSortKey }
        let lines = candidates.map { c in
            RewardLine(name: c.officer.fullName, agency: c.officer.agency.name, candidacy: c.kind?.label ?? c.candidacy,
                       decision: c.decision == "approved" ? "Đề nghị" : c.decision == "declined" ? "Không đề nghị" : "Chưa quyết định")
        }
        let profile = try await req.profile(forYear: year)
        let document = EvaluationDocuments.rewardList(year: year, lines: lines, date: profile.date(of: req.now), profile: profile)
        return OfficialPapers.response(try await OfficialPapers.render(document, on: req),
                                       fileName: OfficialPapers.fileName("danh-sach-de-xuat-khen-thuong", String(year)))
    }
}
