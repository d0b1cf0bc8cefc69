@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11 §1: a list shows exactly the tickets the policy lets its reader open. For every demo
/// account, the ticket list's SQL (built from `AccessPolicy.ticketScope`) and `ticketAccess(_:).read`
/// agree on every ticket of the province, on both databases.
@Suite("The ticket list's scope is the policy's (issue 11)")
struct TicketScopeTests {
    @Test func listScopeEqualsTicketAccessForEveryAccount() async throws {
        try await withWorld { app, _ in
            let tickets = try await WorkTicketModel.query(on: app.db).all()
            let users = try await UserModel.query(on: app.db).all()
            var places: [UUID: AgencyPlace] = [:]
            for agencyID in Set(tickets.map { $0.$agency.id }) { places[agencyID] = try await Visibility.place(of: agencyID, on: app.db) }
            let submitted = Set(try await WorkLogModel.query(on: app.db).filter(\.$receivedAt != nil).all()
                .map { "\($0.$officer.id.uuidString)/\($0.year)" })
            var checkedAccounts = 0
            for account in DemoLoader.accounts {
                guard let user = users.first(where: { $0.username == account.username }), let userID = user.id,
                      let viewer = try await Viewer.load(userID: userID, on: app.db) else { continue }
                let scope = try await TicketQueries.scope(for: viewer, on: app.db)
                let listed = Set(try await TicketQueries.list(TicketFilter(), scope: scope, after: nil, limit: 1_000_000, on: app.db).map(\.id))
                var allowed = Set<UUID>()
                for t in tickets {
                    guard let place = places[t.$agency.id], let id = t.id else { continue }
                    let logSubmitted = t.$officer.id.map { submitted.contains("\($0.uuidString)/\(t.year)") } ?? false
                    let access = viewer.policy.ticketAccess(.init(officerID: t.$officer.id, requesterUserID: t.requesterUserID,
                                                                  place: place, logSubmitted: logSubmitted), viewerUserID: userID)
                    if access.read { allowed.insert(id) }
                }
                #expect(listed == allowed, "\(account.username): \(listed.subtracting(allowed).count) thừa, \(allowed.subtracting(listed).count) thiếu")
                checkedAccounts += 1
            }
            #expect(checkedAccounts == DemoLoader.accounts.count)
        }
    }

    @Test func staffOfAnAgencySeeTheirOwnRequestsNotTheAgencysWork() async throws {
        try await withWorld { app, _ in
            for username in ["nhanvien", "ketoan", "tochuc"] {
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
                let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
                let rows = try await TicketQueries.list(TicketFilter(), scope: try await TicketQueries.scope(for: viewer, on: app.db),
                                                        after: nil, limit: 100_000, on: app.db)
                let requested = try await WorkTicketModel.query(on: app.db).filter(\.$requesterUserID == user.id!).count()
                #expect(rows.count == requested, "\(username)")
            }
        }
    }
}
