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
        /// Each list's pager (nil: the list fits on one page), and where the reader is, for the forms.
        var proposalPager, taskPager, rewardPager: ResultsPages.Pager?
        var pages: ResultsPages
    }

    /// The rows of each list shown on a page. Art. 16.2 proposes every officer graded A in
    /// consecutive years, thousands in a province (the list in PDF holds them all); a year had 2,934
    /// candidacies, a page of 1.7 MB with their forms.
    static let perPage = 50

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
        let signsForAuthority = ResultActions.signsForAuthority(viewer)
        // The lists read no ticket: kept at the head without tickets (ADR 0020, forty-first part).
        let kept = try await req.keptReadsWithoutTickets()
        // Only the authority reads the rewards and only it and Home Affairs the proposals: for others
        // the page asked of those lists is not a page.
        var pages = try ResultsPages(query: req)
        if !seesProposals { pages[.proposals] = 1 }
        if !authority { pages[.rewards] = 1 }
        func paging(_ list: ResultsPages.List) throws -> Paging { try Paging(page: pages[list], per: perPage) }
        var proposalPaging = try paging(.proposals), taskPaging = try paging(.tasks), rewardPaging = try paging(.rewards)
        let proposals = seesProposals ? try await ResultRows.proposals(year: year, paging: &proposalPaging, kept: kept, on: db) : []
        let tasks = try await ResultRows.tasks(year: year, agencies: visible, paging: &taskPaging, kept: kept, on: db)
        let rewards = authority ? try await ResultRows.rewards(year: year, paging: &rewardPaging, kept: kept, on: db) : []
        // A page past a list's last (a bookmark, or a list shortened since): that list's last page.
        var last = pages
        for (list, paging) in [(ResultsPages.List.proposals, proposalPaging), (.tasks, taskPaging), (.rewards, rewardPaging)]
        where paging.isPastTheEnd && paging.total > 0 { last[list] = paging.pages }
        if last != pages { return req.redirect(to: last.path(year: year)) }
        return try await req.render("evaluation/results", title: "Kết quả đánh giá năm \(year)", active: "/danh-gia", content: Body(
            year: year, published: published,
            proposals: proposals.map { p in
                ProposalRow(id: p.id.canonicalText, officerID: p.officerID.canonicalText, officer: p.officer, agency: p.agency,
                            pattern: DisciplinePattern(rawValue: p.pattern)?.label ?? p.pattern,
                            window: p.window.replacingOccurrences(of: ",", with: ", "),
                            authoritySigned: p.authoritySigned, homeAffairsSigned: p.homeAffairsSigned,
                            canSignAuthority: signsForAuthority && p.authoritySigned == nil,
                            canSignHomeAffairs: homeAffairs && p.homeAffairsSigned == nil)
            },
            tasks: tasks.map { t in
                TaskRow(id: t.id.canonicalText, officerID: t.officerID.canonicalText, officer: t.officer, agency: t.agency,
                        task: DisciplineOutcome.HeadTask(rawValue: t.kind)?.label ?? t.kind,
                        done: t.done, note: t.note, canComplete: t.done == nil && heads.contains(t.agencyID))
            },
            rewards: rewards.map { r in
                RewardRow(id: r.id.canonicalText, officerID: r.officerID.canonicalText, officer: r.officer, agency: r.agency,
                          candidacy: RewardCandidacy(rawValue: r.candidacy)?.label ?? r.candidacy, decision: r.decision, note: r.note,
                          decided: r.decided)
            },
            seesProposals: seesProposals, seesRewards: authority, canDecide: GradeService.mayGrade(viewer),
            proposalPager: pages.pager(.proposals, proposalPaging, year: year), taskPager: pages.pager(.tasks, taskPaging, year: year),
            rewardPager: pages.pager(.rewards, rewardPaging, year: year), pages: pages))
    }

    static func sign(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        let proposal = try await ResultActions.proposal(req.parameters.get("id", as: UUID.self), year: year, on: req.db)
        try await ResultActions.sign(proposal, by: viewer, req: req)
        req.flash(proposal.isSigned ? "Đề xuất đã đủ chữ ký của hai cơ quan." : "Đã ký đề xuất; chờ cơ quan còn lại ký.")
        return req.redirect(to: ((try? req.content.decode(NoteForm.self))?.pages ?? ResultsPages()).path(year: year))
    }

    /// A form's note or decision, and the page of each list it was sent from, to return to it.
    struct NoteForm: Content {
        var note: String?
        var decision: String?
        var page: String?
        var proposalsPage: String?
        var tasksPage: String?

        enum CodingKeys: String, CodingKey {
            case note, decision, page
            case proposalsPage = "de-xuat", tasksPage = "nhiem-vu"
        }

        var pages: ResultsPages {
            ResultsPages(form: { list in
                switch list {
                case .proposals: proposalsPage
                case .tasks: tasksPage
                case .rewards: page
                }
            })
        }
    }

    static func completeTask(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        let task = try await ResultActions.task(req.parameters.get("id", as: UUID.self), year: year, on: req.db)
        let form = try req.content.decode(NoteForm.self)
        try await ResultActions.complete(task, note: form.note ?? "", by: viewer, req: req)
        req.flash("Đã ghi nhận hoàn thành nhiệm vụ.")
        return req.redirect(to: form.pages.path(year: year))
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
        return req.redirect(to: form.pages.path(year: year))
    }
}
