import Domain
import Fluent
import SQLKit
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

    struct ProposalRow: Hashable, Encodable, Sendable {
        var id, officerID, officer, agency, pattern, window: String
        var authoritySigned, homeAffairsSigned: String?
        var canSignAuthority, canSignHomeAffairs: Bool
    }
    struct TaskRow: Hashable, Encodable, Sendable { var id, officerID, officer, agency, task: String, done: String?, note: String, canComplete: Bool }
    struct RewardRow: Hashable, Encodable, Sendable { var id, officerID, officer, agency, candidacy, decision, note: String, decided: String? }

    struct Body: Hashable, Encodable, Sendable {
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
        let kept = try await req.keptReadsAtHead()
        let proposals = seesProposals ? try await ResultRows.proposals(year: year, kept: kept, on: db).map { p in
            ProposalRow(id: p.id.canonicalText, officerID: p.officerID.canonicalText, officer: p.officer, agency: p.agency,
                        pattern: DisciplinePattern(rawValue: p.pattern)?.label ?? p.pattern,
                        window: p.window.replacingOccurrences(of: ",", with: ", "),
                        authoritySigned: p.authoritySignedAt.map { "\(p.authoritySignedBy ?? "") · \(VietnameseTime.format($0))" },
                        homeAffairsSigned: p.homeAffairsSignedAt.map { "\(p.homeAffairsSignedBy ?? "") · \(VietnameseTime.format($0))" },
                        canSignAuthority: ResultActions.signsForAuthority(viewer) && p.authoritySignedAt == nil,
                        canSignHomeAffairs: homeAffairs && p.homeAffairsSignedAt == nil)
        } : []
        let tasks = try await ResultRows.tasks(year: year, agencies: visible, kept: kept, on: db).map { t in
            TaskRow(id: t.id.canonicalText, officerID: t.officerID.canonicalText, officer: t.officer, agency: t.agency,
                    task: DisciplineOutcome.HeadTask(rawValue: t.kind)?.label ?? t.kind,
                    done: t.doneAt.map { "\(t.doneBy ?? "") · \(VietnameseTime.format($0))" }, note: t.note,
                    canComplete: t.doneAt == nil && heads.contains(t.agencyID))
        }
        // Only the authority reads the rewards' pages: for others the page asked is not a page.
        var paging = authority ? try req.paging(fixedPer: rewardsPerPage) : try Paging(page: 1, per: rewardsPerPage)
        var rewards: [RewardRow] = []
        if authority {
            paging.total = try await kept.reads.total(KeptReads.count(from: QuotedIdentifier(RewardCandidateModel.schema),
                                                                      [SQLBinaryExpression(QuotedColumn("year"), .equal, SQLBind(year))], on: db),
                                                    at: kept.head, on: db)
            // A page past the last (a bookmark, or a list shortened since): the last page.
            if paging.isPastTheEnd, paging.total > 0 { return req.redirect(to: resultsPath(year, page: paging.pages)) }
            rewards = paging.isPastTheEnd ? [] : try await ResultRows.rewards(year: year, paging: paging, kept: kept, on: db).map { r in
                RewardRow(id: r.id.canonicalText, officerID: r.officerID.canonicalText, officer: r.officer, agency: r.agency,
                          candidacy: RewardCandidacy(rawValue: r.candidacy)?.label ?? r.candidacy, decision: r.decision, note: r.note,
                          decided: r.decidedAt.map { "\(r.decidedBy ?? "") · \(VietnameseTime.format($0))" })
            }
        }
        return try await req.render("evaluation/results", title: "Kết quả đánh giá năm \(year)", active: "/danh-gia", content: Body(
            year: year, published: published, proposals: proposals, tasks: tasks, rewards: rewards,
            seesProposals: seesProposals, seesRewards: authority, canDecide: GradeService.mayGrade(viewer), paging: paging))
    }

    static func sign(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        let proposal = try await ResultActions.proposal(req.parameters.get("id", as: UUID.self), year: year, on: req.db)
        try await ResultActions.sign(proposal, by: viewer, req: req)
        req.flash(proposal.isSigned ? "Đề xuất đã đủ chữ ký của hai cơ quan." : "Đã ký đề xuất; chờ cơ quan còn lại ký.")
        return req.redirect(to: resultsPath(year, page: try? req.content.decode(NoteForm.self).page))
    }

    /// `page`: the page of reward candidacies the form was sent from, to return to it.
    struct NoteForm: Content { var note: String?; var decision: String?; var page: String? }

    /// The results page of `year` at `page` (a number sent by a form: anything else, or 1, is the
    /// first page).
    static func resultsPath(_ year: Int, page: String?) -> String {
        resultsPath(year, page: page.flatMap { Int($0) } ?? 1)
    }

    static func resultsPath(_ year: Int, page: Int) -> String {
        "/danh-gia/\(year)/ket-qua" + (page > 1 && QueryNumbers.pages.contains(page) ? "?page=\(page)" : "")
    }

    static func completeTask(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        let task = try await ResultActions.task(req.parameters.get("id", as: UUID.self), year: year, on: req.db)
        let form = try req.content.decode(NoteForm.self)
        try await ResultActions.complete(task, note: form.note ?? "", by: viewer, req: req)
        req.flash("Đã ghi nhận hoàn thành nhiệm vụ.")
        return req.redirect(to: resultsPath(year, page: form.page))
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
        return req.redirect(to: resultsPath(year, page: form.page))
    }
}
