import Domain
import Fluent
import SQLKit
import Vapor

/// What a person's home page ("Việc cần làm", issue 11 §3) lists: their first actions and the work
/// waiting for them, each only where the policy lets them act, each one click from the work.
enum HomeTasks {
    struct Action: Hashable, Encodable, Sendable { var label, href: String }

    /// The actions the policy offers (`AccessPolicy.offers`), with where each one starts. `kept`: the
    /// reads kept at the page's audit head (a head's reach, `VisibleAgencies.measured`).
    static func actions(for viewer: Viewer, profile: RegulationProfile, today: LocalDate, kept: KeptReads.At? = nil,
                        on db: any Database) async throws -> [Action] {
        let year = profile.evaluationYear(of: today)
        var actions: [Action] = []
        for action in HomeAction.allCases where viewer.policy.offers(action) {
            guard let href = try await href(action, viewer: viewer, year: year, profile: profile, today: today, kept: kept, on: db)
            else { continue }
            actions.append(Action(label: action.label, href: href))
        }
        return actions
    }

    private static func href(_ action: HomeAction, viewer: Viewer, year: Int, profile: RegulationProfile, today: LocalDate,
                             kept: KeptReads.At?, on db: any Database) async throws -> String? {
        switch action {
        case .sendRequest: return "/yeu-cau/moi"
        case .writeTicket: return "/phieu/moi"
        case .signOffWorkLogs: return "/nop-so?year=\(year)"
        case .enterOutsourcedCost: return "/nop-so?year=\(year)"
        case .addOfficer: return "/can-bo/moi"
        case .gradeOfficers: return "/danh-gia/\(profile.yearUnderEvaluation(today: today))?loc=chua"
        case .signProposals:
            // The latest year whose results this person reads: for Home Affairs, a published one.
            let published = try await EvaluationYearModel.query(on: db).filter(\.$state == EvaluationStage.published.rawValue)
                .sort(\.$year, .descending).first()?.year
            let candidate = viewer.policy.isITAuthority ? profile.yearUnderEvaluation(today: today) : published
            guard let year = candidate, viewer.policy.readsYearResults(published: year == published) else { return nil }
            return "/danh-gia/\(year)/ket-qua"
        case .manageAccounts: return Section.accounts.path
        case .manageProfile: return Section.profile.path
        case .fileInterviewRequest: return "/so-tuyen/moi"
        case .followHandovers:
            // Art. 14.2: shown only while a handover of the head's agencies is open, leading to the oldest.
            // One statement: the oldest open handover the head can see, their reach asked inside it
            // (a district head's 1,291 agencies were read out and bound one by one). The open
            // handovers are few and walked oldest first (`AddOpenHandoverIndex`), each tested.
            let reach = try await VisibleAgencies(viewer.policy)?.measured(on: db, kept: kept?.reads, at: kept?.head)
            let inReach: SQLQueryString = reach.map { " AND \($0.contains(QuotedColumn("agency_id"), walked: .few))" } ?? ""
            return try await RawRows.all("""
                SELECT id FROM \(name: HandoverModel.schema) WHERE closed_at IS NULL\(inReach) ORDER BY opened_on, id LIMIT 1
                """, on: db) { try $0.required("id", $0.uuid) }.first.map { "/ban-giao/\($0.canonicalText)" }
        }
    }

    /// Tickets finished and waiting for this person's confirmation (Form 3 §III): as requester, or
    /// as head of the officer's agency (never their own work).
    static func toConfirm(_ viewer: Viewer, scope: TicketQueries.Scope, on db: any Database) async throws -> [TicketController.Row] {
        try await TicketQueries.awaitingConfirmation(viewer, scope: scope, limit: 50, on: db).map(TicketController.Row.init)
    }

    /// What this person asked for, newest first, with its state.
    static func myRequests(_ viewer: Viewer, scope: TicketQueries.Scope, on db: any Database) async throws -> [TicketController.Row] {
        guard viewer.policy.sendsRequests else { return [] }
        return try await TicketQueries.list(TicketFilter(requesterUserID: viewer.userID), scope: scope, after: nil, limit: 8, on: db)
            .map(TicketController.Row.init)
    }

    /// Requests nobody has taken yet, for the agency's IT officers.
    static func toTake(_ viewer: Viewer, scope: TicketQueries.Scope, on db: any Database) async throws -> [TicketController.Row] {
        guard !scope.requestAgencies.isEmpty else { return [] }
        return try await TicketQueries.list(TicketFilter(status: .requested), scope: scope, after: nil, limit: 10, on: db)
            .filter { $0.officerID == nil }.map(TicketController.Row.init)
    }

    /// The officer's own tickets still in progress.
    static func myOpen(_ viewer: Viewer, scope: TicketQueries.Scope, on db: any Database) async throws -> [TicketController.Row] {
        guard let officerID = viewer.officerID else { return [] }
        return try await TicketQueries.list(TicketFilter(officerID: officerID, status: .inProgress), scope: scope, after: nil,
                                            limit: 10, on: db).map(TicketController.Row.init)
    }
}
