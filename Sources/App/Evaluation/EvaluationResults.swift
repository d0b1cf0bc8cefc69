import Domain
import Fluent
import Vapor

/// What publication produced (issue 4 §5–6, §10): cessation proposals signed jointly by the IT
/// authority and Home Affairs, the heads' tasks, and reward candidacies with a person's decision.
enum EvaluationResults {
    static func register(_ years: any RoutesBuilder) {
        years.get(":year", "ket-qua", use: show)
        years.post(":year", "de-xuat", ":id", "ky", use: sign)
        years.post(":year", "nhiem-vu", ":id", use: completeTask)
        years.post(":year", "khen-thuong", ":id", use: decide)
    }

    struct ProposalRow: Encodable, Sendable {
        var id, officerID, officer, agency, pattern, window: String
        var authoritySigned, homeAffairsSigned: String?
        var canSignAuthority, canSignHomeAffairs: Bool
    }
    struct TaskRow: Encodable, Sendable { var id, officerID, officer, agency, task: String, done: String?, note: String, canComplete: Bool }
    struct RewardRow: Encodable, Sendable { var id, officerID, officer, agency, candidacy, decision, note: String, decided: String? }

    struct Body: Encodable, Sendable {
        var year: Int, published: Bool
        var proposals: [ProposalRow], tasks: [TaskRow], rewards: [RewardRow]
        var seesProposals, seesRewards, canDecide: Bool
        /// The reward candidacies' page (a year had 2,934: a page of 1.7 MB, each with its form).
        var paging: Paging
        var query = ""
    }

    /// The rewards shown on a page: Art. 16.2 proposes every officer graded A in consecutive years,
    /// thousands in a province (the list in PDF holds them all).
    static let rewardsPerPage = 50

    static func show(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        let db = req.db
        let authority = viewer.policy.isITAuthority
        let homeAffairs = viewer.policy.actsForHomeAffairs
        let cycle = try await EvaluationYearModel.query(on: db).filter(\.$year == year).first()
        let published = cycle?.stage == .published
        guard viewer.policy.readsYearResults(published: published) else {
            throw await req.denied("evaluationYear")
        }
        let visible = try await Visibility.agencyIDs(for: viewer, on: db)
        let heads = viewer.policy.headedAgencies
        let seesProposals = authority || homeAffairs
        let proposalModels = seesProposals
            ? try await CessationProposalModel.query(on: db).with(\.$officer).filter(\.$year == year).all().sorted(by: byOfficer) : []
        let taskQuery = HeadTaskModel.query(on: db).with(\.$officer).filter(\.$year == year)
        if let visible { taskQuery.filter(\.$agencyID ~~ Array(visible)) }
        let taskModels = try await taskQuery.all().sorted(by: byOfficer)
        var paging = try req.paging(fixedPer: rewardsPerPage)
        var rewardModels: [RewardCandidateModel] = []
        if authority {
            let rewards = RewardCandidateModel.query(on: db).filter(\.$year == year)
            paging.total = try await rewards.count()
            if !paging.isPastTheEnd {
                rewardModels = try await rewards.join(OfficerModel.self, on: \RewardCandidateModel.$officer.$id == \OfficerModel.$id)
                    .with(\.$officer).sort(OfficerModel.self, \.$nameSortKey).sort(\.$id)
                    .range(paging.offset..<(paging.offset + paging.per)).all()
            }
        }
        // The names of the agencies shown, read alone: read as the province's 10,000 agency models,
        // they cost 0.65 s before the page showed anything (issue 14).
        let names = try await RegistryQueries.agencyNames(
            of: proposalModels.map(\.agencyID) + taskModels.map(\.agencyID) + rewardModels.map { $0.officer.$agency.id }, on: db)
        let proposals = proposalModels.map { p in
            ProposalRow(id: p.id!.canonicalText, officerID: p.$officer.id.canonicalText, officer: p.officer.fullName,
                        agency: names[p.agencyID] ?? "", pattern: p.disciplinePattern?.label ?? p.pattern,
                        window: p.window.replacingOccurrences(of: ",", with: ", "),
                        authoritySigned: p.authoritySignedAt.map { "\(p.authoritySignedBy ?? "") · \(VietnameseTime.format($0))" },
                        homeAffairsSigned: p.homeAffairsSignedAt.map { "\(p.homeAffairsSignedBy ?? "") · \(VietnameseTime.format($0))" },
                        canSignAuthority: ResultActions.signsForAuthority(viewer) && p.authoritySignedAt == nil,
                        canSignHomeAffairs: homeAffairs && p.homeAffairsSignedAt == nil)
        }
        let tasks = taskModels.map { t in
            TaskRow(id: t.id!.canonicalText, officerID: t.$officer.id.canonicalText, officer: t.officer.fullName, agency: names[t.agencyID] ?? "",
                    task: t.task?.label ?? t.kind, done: t.doneAt.map { "\(t.doneBy ?? "") · \(VietnameseTime.format($0))" }, note: t.note,
                    canComplete: t.doneAt == nil && heads.contains(t.agencyID))
        }
        let rewards = rewardModels.map { r in
            RewardRow(id: r.id!.canonicalText, officerID: r.$officer.id.canonicalText, officer: r.officer.fullName,
                      agency: names[r.officer.$agency.id] ?? "", candidacy: r.kind?.label ?? r.candidacy,
                      decision: r.decision, note: r.decisionNote,
                      decided: r.decidedAt.map { "\(r.decidedBy ?? "") · \(VietnameseTime.format($0))" })
        }
        return try await req.render("evaluation/results", title: "Kết quả đánh giá năm \(year)", active: "/danh-gia", Body(
            year: year, published: published, proposals: proposals, tasks: tasks, rewards: rewards,
            seesProposals: seesProposals, seesRewards: authority, canDecide: GradeService.mayGrade(viewer), paging: paging))
    }

    /// Rows in the order of their officers' names (Vietnamese order), then of their own ids.
    private static func byOfficer<Row: OfficerRow>(_ a: Row, _ b: Row) -> Bool {
        (a.officer.nameSortKey, a.id!.canonicalText) < (b.officer.nameSortKey, b.id!.canonicalText)
    }

    static func sign(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        let proposal = try await ResultActions.proposal(req.parameters.get("id", as: UUID.self), year: year, on: req.db)
        try await ResultActions.sign(proposal, by: viewer, req: req)
        req.flash(proposal.isSigned ? "Đề xuất đã đủ chữ ký của hai cơ quan." : "Đã ký đề xuất; chờ cơ quan còn lại ký.")
        return req.redirect(to: "/danh-gia/\(year)/ket-qua")
    }

    /// `page`: the page of reward candidacies the decision was made on, to return to it.
    struct NoteForm: Content { var note: String?; var decision: String?; var page: String? }

    static func completeTask(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        let task = try await ResultActions.task(req.parameters.get("id", as: UUID.self), year: year, on: req.db)
        try await ResultActions.complete(task, note: try req.content.decode(NoteForm.self).note ?? "", by: viewer, req: req)
        req.flash("Đã ghi nhận hoàn thành nhiệm vụ.")
        return req.redirect(to: "/danh-gia/\(year)/ket-qua")
    }

    static func decide(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        guard GradeService.mayGrade(viewer) else { throw await req.denied("rewardCandidate") }
        let candidate = try await ResultActions.candidate(req.parameters.get("id", as: UUID.self), year: year, on: req.db)
        let form = try req.content.decode(NoteForm.self)
        guard let decision = form.decision, ["approved", "declined"].contains(decision) else { throw Abort(.badRequest) }
        try await ResultActions.decide(candidate, approved: decision == "approved", note: form.note ?? "", by: viewer, req: req)
        req.flash(decision == "approved" ? "Đã ghi nhận: đề nghị khen thưởng." : "Đã ghi nhận: không đề nghị khen thưởng.")
        let page = form.page.flatMap { Int($0) }.flatMap { $0 > 1 && QueryNumbers.pages.contains($0) ? $0 : nil }
        return req.redirect(to: "/danh-gia/\(year)/ket-qua" + (page.map { "?page=\($0)" } ?? ""))
    }
}

/// A row of a year's results, with its officer loaded.
protocol OfficerRow { var id: UUID? { get }; var officer: OfficerModel { get } }
extension CessationProposalModel: OfficerRow {}
extension HeadTaskModel: OfficerRow {}
