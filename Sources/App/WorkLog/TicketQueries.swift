import Domain
import Fluent
import Foundation

/// Filters of a ticket list; all optional.
struct TicketFilter: Sendable {
    var officerID: UUID?
    var agencyID: UUID?
    var year: Int?
    var group: TaskGroup?
    var status: TicketStatus?
    var q: String?
    var requesterUserID: UUID?
    var from: LocalDate?
    var to: LocalDate?
}

/// Position after the last row shown: (request date, id), newest first. Keyset pagination stays fast
/// at millions of tickets where an OFFSET would scan everything it skips.
struct TicketCursor: Sendable, Equatable {
    var requestedOn: String
    var id: UUID

    init(requestedOn: String, id: UUID) { self.requestedOn = requestedOn; self.id = id }

    init?(_ text: String?) {
        guard let parts = text?.split(separator: "_"), parts.count == 2, LocalDate(iso: String(parts[0])) != nil,
              let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(requestedOn: String(parts[0]), id: id)
    }

    var text: String { "\(requestedOn)_\(id.uuidString)" }
}

enum TicketQueries {
    /// What a viewer may list: exactly the rule of `AccessPolicy.ticketAccess`, as SQL.
    struct Scope: Sendable {
        var agencies: [UUID] = []
        var officerID: UUID?
        var requestAgencies: [UUID] = []
        var requesterUserID: UUID?
        var submittedOnly = false
    }

    static func scope(for viewer: Viewer, on db: any Database) async throws -> Scope {
        var scope = Scope()
        let policy = viewer.policy
        if policy.has(.authorityStaff) || policy.has(.itDivisionHead) || policy.has(.authorityLeadership) {
            scope.submittedOnly = true
        }
        var heads: [UUID] = []
        for grant in viewer.grants {
            guard let id = grant.agencyID else { continue }
            switch grant.role {
            case .agencyHead: heads.append(id)
            case .agencyStaff, .agencyFinance, .agencyPersonnel: scope.agencies.append(id)
            case .itOfficer: scope.requestAgencies.append(id)
            default: break
            }
        }
        if !heads.isEmpty {
            let below = try await Visibility.agencyIDs(for: Viewer(userID: viewer.userID, username: viewer.username,
                                                                   fullName: viewer.fullName, officerID: nil,
                                                                   grants: heads.map { RoleGrant(role: .agencyHead, agencyID: $0) },
                                                                   policy: AccessPolicy(grants: heads.map { RoleGrant(role: .agencyHead, agencyID: $0) })),
                                                       on: db) ?? []
            scope.agencies += below
        }
        scope.officerID = viewer.officerID
        scope.requesterUserID = viewer.userID
        return scope
    }

    /// One page of tickets, newest first. Each branch of the viewer's scope (their own tickets, their
    /// agencies', their requests, …) runs as its own query that an index serves, and the branches are
    /// merged: one query with the branches OR-ed together makes SQLite walk the whole year.
    static func list(_ filter: TicketFilter, scope: Scope, after cursor: TicketCursor?, limit: Int,
                     on db: any Database) async throws -> [WorkTicketModel] {
        var merged: [UUID: WorkTicketModel] = [:]
        for branch in branches(scope) {
            let query = WorkTicketModel.query(on: db)
            branch(query)
            apply(filter, after: cursor, to: query)
            for ticket in try await query.sort(\.$requestedOn, .descending).sort(\.$id, .descending).limit(limit).all() {
                merged[ticket.id!] = ticket
            }
        }
        let page = merged.values.sorted { ($0.requestedOn, $0.id!.uuidString) > ($1.requestedOn, $1.id!.uuidString) }.prefix(limit)
        let ids = page.map { $0.id! }
        guard !ids.isEmpty else { return [] }
        // Officers and agencies of the page only, loaded once.
        let loaded = try await WorkTicketModel.query(on: db).with(\.$officer).with(\.$agency).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id!, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// The parts of the viewer's scope, each a filter an index serves; a ticket is visible when one matches.
    static func branches(_ scope: Scope) -> [@Sendable (QueryBuilder<WorkTicketModel>) -> Void] {
        var branches: [@Sendable (QueryBuilder<WorkTicketModel>) -> Void] = []
        if scope.submittedOnly {
            // The provincial authority sees the tickets of logs it has received, and nothing else.
            branches.append { query in
                query.join(WorkLogModel.self, on: \WorkTicketModel.$officer.$id == \WorkLogModel.$officer.$id)
                    .filter(WorkLogModel.self, \.$receivedAt != nil)
                    .filter(\WorkLogModel.$year == \WorkTicketModel.$year)
            }
        } else {
            if !scope.agencies.isEmpty { branches.append { $0.filter(\.$agency.$id ~~ scope.agencies) } }
            if let officer = scope.officerID { branches.append { $0.filter(\.$officer.$id == officer) } }
            if !scope.requestAgencies.isEmpty {
                branches.append { $0.filter(\.$agency.$id ~~ scope.requestAgencies).filter(\.$officer.$id == nil) }
            }
            if let requester = scope.requesterUserID { branches.append { $0.filter(\.$requesterUserID == requester) } }
        }
        return branches
    }

    static func apply(_ filter: TicketFilter, after cursor: TicketCursor?, to query: QueryBuilder<WorkTicketModel>) {
        if let v = filter.officerID { query.filter(\.$officer.$id == v) }
        if let v = filter.agencyID { query.filter(\.$agency.$id == v) }
        if let v = filter.year { query.filter(\.$year == v) }
        if let v = filter.group { query.filter(\.$taskGroup == v.rawValue) }
        if let v = filter.status { query.filter(\.$status == v.rawValue) }
        if let v = filter.requesterUserID { query.filter(\.$requesterUserID == v) }
        if let v = filter.from { query.filter(\.$requestedOn >= v.iso) }
        if let v = filter.to { query.filter(\.$requestedOn <= v.iso) }
        if let q = filter.q.map(VietnameseText.fold), !q.isEmpty { query.filter(\.$searchFolded ~~ q) }
        if let cursor {
            query.group(.or) { or in
                or.filter(\.$requestedOn < cursor.requestedOn)
                or.group(.and) { $0.filter(\.$requestedOn == cursor.requestedOn).filter(\.$id < cursor.id) }
            }
        }
    }
}
