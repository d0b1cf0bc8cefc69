import Domain
import Fluent
import Foundation

/// The policy's answers about stored records (issue 11). Each function gathers the facts a rule of
/// `Domain/Access` needs and asks it; web pages and API handlers both call these, never each other.
enum Permissions {
    /// One work ticket (`AccessPolicy.ticketAccess`).
    static func ticket(_ viewer: Viewer, _ ticket: WorkTicketModel, on db: any Database) async throws -> TicketAccess {
        guard let place = try await Visibility.place(of: ticket.$agency.id, on: db) else { return .none }
        var submitted = false
        if let officer = ticket.$officer.id {
            submitted = try await WorkLogModel.query(on: db).filter(\.$officer.$id == officer).filter(\.$year == ticket.year)
                .filter(\.$receivedAt != nil).first() != nil
        }
        return viewer.policy.ticketAccess(.init(officerID: ticket.$officer.id, requesterUserID: ticket.requesterUserID,
                                                place: place, logSubmitted: submitted), viewerUserID: viewer.userID)
    }

    /// One officer's work log of a year (`AccessPolicy.workLogAccess`).
    static func workLog(_ viewer: Viewer, officer: OfficerModel, submitted: Bool, on db: any Database) async throws -> WorkLogAccess {
        guard let id = officer.id, let place = try await Visibility.place(of: officer.$agency.id, on: db) else { return WorkLogAccess() }
        return workLog(viewer, officer: id, at: place, submitted: submitted)
    }

    /// The same, for a caller who has placed the officer's agency already.
    static func workLog(_ viewer: Viewer, officer id: UUID, at place: AgencyPlace, submitted: Bool) -> WorkLogAccess {
        viewer.policy.workLogAccess(.init(officerID: id, place: place, submitted: submitted))
    }

    /// Adding an officer: someone who keeps officer records, and, when the form names an agency, one
    /// where they manage officers (`AccessPolicy.canManageOfficers`). Asked before the form is read, so
    /// nobody learns the form's rules for an agency not theirs.
    static func mayAddOfficer(_ viewer: Viewer, agencyText: String, on db: any Database) async throws -> Bool {
        guard viewer.policy.createsOfficerRecords else { return false }
        guard let chosen = UUID(uuidString: agencyText), let place = try await Visibility.place(of: chosen, on: db) else { return true }
        return viewer.policy.canManageOfficers(at: place)
    }

    /// The agencies the viewer sends support requests for (`AccessPolicy.requestAgencies`), by name.
    static func requestAgencies(_ viewer: Viewer, on db: any Database) async throws -> [AgencyModel] {
        try await AgencyModel.query(on: db).filter(\.$id ~~ Array(viewer.policy.requestAgencies)).sort(\.$nameFolded).all()
    }
}

extension Viewer {
    /// The viewer as the author of a ticket's events.
    var ticketActor: TicketService.Actor { .init(userID: userID, name: username) }
}
