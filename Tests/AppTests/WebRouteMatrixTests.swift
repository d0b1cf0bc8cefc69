@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Runs `WebRouteRules` against the demo province as each demo account (issue 11).
@Suite("Every web route × every demo account × own, governed and other agency, as the policy says (issue 11)")
struct WebRouteMatrixTests {
    typealias Target = APIReadMatrixTests.Target
    typealias Rule = WebRouteRules.Rule
    typealias Context = WebRouteRules.Context
    typealias Extra = WebRouteRules.Extra
    static let rules = WebRouteRules.rules
    static let exempt = WebRouteRules.exempt
    static let year = WebRouteRules.year

    static func key(_ route: Route) -> String { "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/") }

    @Test func everyWebRouteHasItsExpectation() async throws {
        try await withWorld(demo: false) { app, _ in
            let routes = Set(app.routes.all.map(Self.key).filter { !$0.contains(" /api/v1/") })
            let known = Set(Self.rules.keys).union(Self.exempt.keys)
            #expect(routes.count >= 110)
            #expect(routes == known, "thiếu: \(routes.subtracting(known).sorted()), thừa: \(known.subtracting(routes).sorted())")
        }
    }

    /// The records of the cycle and of the accounts a route needs, chosen by id (no plan luck).
    static func extra(_ db: any Database) async throws -> Extra {
        let user = try #require(try await UserModel.query(on: db).filter(\.$username == "canbo").first())
        let grant = try #require(try await RoleGrantModel.query(on: db).filter(\.$user.$id == user.id!).sort(\.$id).first())
        let training = try #require(try await TrainingEventModel.query(on: db).sort(\.$id).first())
        let invitation = try #require(try await InvitationModel.query(on: db).filter(\.$event.$id == training.id!).sort(\.$id).first())
        let proposal = try #require(try await CessationProposalModel.query(on: db).sort(\.$id).first())
        // Unsigned again, so both sides' signatures are tried.
        proposal.authoritySignedAt = nil
        proposal.authoritySignedBy = nil
        proposal.homeAffairsSignedAt = nil
        proposal.homeAffairsSignedBy = nil
        try await proposal.save(on: db)
        // The demo's head tasks are all reported done: the first one is open again.
        let task = try #require(try await HeadTaskModel.query(on: db).sort(\.$id).first())
        task.doneAt = nil
        task.doneBy = nil
        try await task.save(on: db)
        let candidate = try #require(try await RewardCandidateModel.query(on: db).sort(\.$id).first())
        return Extra(userID: user.id!, grantID: grant.id!, training: training, invitation: invitation, proposal: proposal,
                     task: task, candidate: candidate, profileCode: try await ProfileStore.active(on: db).code,
                     divisionHeadID: try #require(try await UserModel.query(on: db).filter(\.$username == "truongphong").first()?.id))
    }

    /// The targets with the records the forms act on: an unconfirmed ticket of this year when there is
    /// one, the handover's first item, the agency's first commitment.
    static func enrich(_ targets: [Target], _ db: any Database) async throws -> [Target] {
        var enriched: [Target] = []
        for var t in targets {
            if t.interview == nil, let open = try await WorkTicketModel.query(on: db).filter(\.$officer.$id == t.officer.id!)
                .filter(\.$year == year).filter(\.$status != TicketStatus.confirmed.rawValue).sort(\.$id).first() {
                t.ticket = open
            }
            if let h = t.handover { t.handoverItem = try await HandoverItemModel.query(on: db).filter(\.$handover.$id == h.id!).sort(\.$position).first() }
            t.commitment = try await CommitmentModel.query(on: db).filter(\.$agency.$id == t.agency.id!).sort(\.$id).first()
            enriched.append(t)
        }
        return enriched
    }

    static func writes(_ db: any Database) async throws -> Int {
        try await AuditEntryModel.query(on: db).filter(\.$action != "permission.denied").count()
    }

    @Test(arguments: DemoLoader.accounts.map(\.username))
    func eachWebRouteAnswersAsThePolicySays(_ username: String) async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let targets = try await Self.enrich(APIReadMatrixTests.targets(app, province), app.db)
            let extra = try await Self.extra(app.db)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            var browser = try await Browser.signedIn(app, as: username)
            var wrong: [String] = [], allowed = 0, refused = 0
            // Pages first, then forms: a form an account may send changes records the pages read.
            for method in ["GET", "POST"] {
                for (key, rule) in Self.rules.sorted(by: { $0.key < $1.key }) where key.hasPrefix(method + " ") {
                    for target in targets {
                        let c = Context(viewer: viewer, target: target, extra: extra, db: app.db)
                        guard let path = rule.path(c) else { continue }
                        let may = try await rule.may(c)
                        let before = try await Self.writes(app.db)
                        let response = method == "GET" ? try await browser.get(path) : try await browser.post(path, rule.form(c))
                        let code = response.status.code
                        let ok: Bool
                        if may { ok = method == "GET" ? code < 400 : ![403, 404].contains(code) && code < 500 }
                        else { let after = try await Self.writes(app.db); ok = [403, 404].contains(code) && after == before }
                        if !ok { wrong.append("\(key) · \(target.label): \(code), chính sách: \(may ? "được" : "không")") }
                        if may { allowed += 1 } else { refused += 1 }
                    }
                }
            }
            #expect(wrong.isEmpty, "\(username): \(wrong.joined(separator: "\n"))")
            #expect(allowed > 5 && refused > 5, "\(username): \(allowed) được, \(refused) không")
        }
    }
}
