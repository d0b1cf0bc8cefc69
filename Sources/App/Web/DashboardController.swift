import Domain
import Fluent
import Vapor

/// The home page, "Việc cần làm" (issue 11 §3): what this person should do today, first.
enum DashboardController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(use: show)
    }

    struct Body: Hashable, Encodable, Sendable {
        var year: Int
        var agencies: Int
        var officers: Int
        var fullTime: Int
        var partTime: Int
        var staffingProblems: Int
        var worst: [StaffingController.Row]
        var profileTitle: String
        var deadline: String
        var daysToDeadline: Int
        var reminders: [Reminders.Item]
        var actions: [HomeTasks.Action]
        var toConfirm, myRequests, toTake, myOpen: [TicketController.Row]
        /// The registry's figures and staffing warnings (`AccessPolicy.followsStaffing`).
        var followsStaffing: Bool
        /// The authority's leadership sees every recent grant of a role that edits agencies or grades.
        var showsRoleGrants: Bool
        var roleGrants: [RoleGrantNotices.Row]
    }

    static func show(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let profile = try await req.profile()
        let today = profile.date(of: req.now)
        // The count that walks a head's tickets, and the reach, are kept until a write moves the audit
        // head (ADR 0020); so is the whole page, for this person and this day. The counts that walk
        // their officers are kept until a write other than a ticket's (`keptReadsWithoutTickets`).
        let kept = try await req.keptReadsAtHead()
        let pages = KeptReads.At(reads: req.application.keptDashboards, head: kept.head)
        let body = try await pages.value("\(viewer.userID) \(today.iso)") {
            try await Self.body(for: viewer, profile: profile, today: today, kept: kept, on: req)
        }
        return try await req.render("dashboard", title: "Việc cần làm", active: "/", content: body)
    }

    /// The page of `viewer` on `today`: what the database holds at `kept`'s audit head for this person,
    /// whose grants and officer record change only by audited writes, and this day's reminders.
    private static func body(for viewer: Viewer, profile: RegulationProfile, today: LocalDate, kept: KeptReads.At,
                             on req: Request) async throws -> Body {
        let year = profile.evaluationYear(of: today)
        let visible = try await Visibility.agencyIDs(for: viewer, kept: kept, on: req.db)
        let follows = viewer.policy.followsStaffing
        let rows = follows ? try await req.staffing(year: today.year, visible: visible, threshold: profile.staffingBothKindsFromLevel,
                                                    at: kept.head).rows : []
        let steady = try await req.keptReadsWithoutTickets()
        let kinds = follows ? try await RegistryQueries.officerKinds(visible: VisibleAgencies(viewer.policy), kept: steady, on: req.db) : [:]
        let (officers, fullTime) = (kinds.values.reduce(0, +), kinds[ITOfficerKind.fullTime.rawValue] ?? 0)
        let deadline = profile.workLogDeadline.inYear(year) ?? today
        let problems = rows.filter { $0.assessment.status.severity >= .warning }
        let showsRoleGrants = viewer.policy.seesRoleGrantNotices
        let db = req.db
        let scope = try await TicketQueries.scope(for: viewer, kept: kept, on: db)
        return Body(
            year: year, agencies: rows.count, officers: officers, fullTime: fullTime, partTime: officers - fullTime,
            staffingProblems: problems.count, worst: problems.prefix(8).map(StaffingController.Row.init),
            profileTitle: profile.title, deadline: deadline.vietnamese, daysToDeadline: today.days(until: deadline),
            reminders: try await Reminders.items(for: viewer, profile: profile, today: today, scope: scope, kept: kept,
                                                 steady: steady, on: db)
                + EvaluationReminders.items(for: viewer, profile: profile, today: today, on: db)
                + InterviewReminders.items(for: viewer, today: today, on: db),
            actions: try await HomeTasks.actions(for: viewer, profile: profile, today: today, kept: kept, on: db),
            toConfirm: try await HomeTasks.toConfirm(viewer, scope: scope, on: db),
            myRequests: try await HomeTasks.myRequests(viewer, scope: scope, on: db),
            toTake: try await HomeTasks.toTake(viewer, scope: scope, on: db), myOpen: try await HomeTasks.myOpen(viewer, scope: scope, on: db),
            followsStaffing: follows,
            showsRoleGrants: showsRoleGrants,
            roleGrants: showsRoleGrants ? try await RoleGrantNotices.recent(on: db) : [])
    }
}
