@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11's matrix for the API: every read of `/api/openapi.yaml` × every demo account × a record of
/// their own agency, of an agency governed by a demo account's agency, of another district. The answer
/// expected is what `Domain/Access` says for that account and record, so a rule changed in the policy
/// changes the expectation and a handler that forgets the policy fails. A read the table does not know
/// fails the coverage test: each new GET of the spec must say here who may read it.
@Suite("Every API read × every demo account × own, governed and other agency, as the policy says (issue 11)")
struct APIReadMatrixTests {
    /// A record to read: an agency, one of its officers and one of that officer's tickets.
    struct Target: Sendable {
        var label: String
        var agency: AgencyModel
        var place: AgencyPlace
        var officer: OfficerModel
        var ticket: WorkTicketModel
    }

    /// How one GET is filled for a target and whether the policy lets `viewer` read it.
    struct Read: Sendable {
        var path: @Sendable (Target) -> String
        var may: @Sendable (Viewer, Target, any Database) async throws -> Bool
    }

    static let logYear = 2026

    static func sees(_ v: Viewer, _ t: Target) -> Bool { v.policy.canSee(t.place) || v.officerID == t.officer.id }

    static func published(_ year: Int, _ db: any Database) async throws -> Bool {
        try await EvaluationYearModel.query(on: db).filter(\.$year == year).first()?.stage == .published
    }

    static func workLog(_ v: Viewer, _ t: Target, _ db: any Database) async throws -> Bool {
        let log = try await WorkLogModel.query(on: db).filter(\.$officer.$id == t.officer.id!).filter(\.$year == logYear).first()
        return try await Permissions.workLog(v, officer: t.officer, submitted: log?.receivedAt != nil, on: db).read
    }

    static let everyone: @Sendable (Viewer, Target, any Database) async throws -> Bool = { _, _, _ in true }

    /// Every GET operation of the spec, by operationId.
    static let reads: [String: Read] = [
        "listAgencies": Read(path: { _ in "/api/v1/agencies" }, may: everyone),
        "getAgency": Read(path: { "/api/v1/agencies/\($0.agency.id!)" }, may: { v, t, _ in v.policy.canSee(t.place) }),
        "listOfficers": Read(path: { _ in "/api/v1/officers" }, may: everyone),
        "getOfficer": Read(path: { "/api/v1/officers/\($0.officer.id!)" }, may: { v, t, _ in sees(v, t) }),
        "getStaffing": Read(path: { _ in "/api/v1/staffing" }, may: everyone),
        "getProfile": Read(path: { _ in "/api/v1/profile" }, may: everyone),
        "listTickets": Read(path: { _ in "/api/v1/tickets" }, may: everyone),
        "getTicket": Read(path: { "/api/v1/tickets/\($0.ticket.id!)" },
                          may: { v, t, db in try await Permissions.ticket(v, t.ticket, on: db).read }),
        "getTicketForm": Read(path: { "/api/v1/tickets/\($0.ticket.id!)/form.pdf" },
                              may: { v, t, db in try await Permissions.ticket(v, t.ticket, on: db).read }),
        "getWorkLog": Read(path: { "/api/v1/officers/\($0.officer.id!)/work-logs/\(logYear)" }, may: workLog),
        "getWorkLogBook": Read(path: { "/api/v1/officers/\($0.officer.id!)/work-logs/\(logYear)/book.pdf" }, may: workLog),
        "listGrades": Read(path: { "/api/v1/officers/\($0.officer.id!)/grades" },
                           may: { v, t, _ in sees(v, t) && v.policy.readsGrade(officerID: t.officer.id!, at: t.place, published: true) }),
        "getEvidence": Read(path: { "/api/v1/officers/\($0.officer.id!)/evidence/\(logYear)" }, may: { v, t, db in
            let isPublished = try await published(logYear, db)
            return sees(v, t) && v.policy.readsGrade(officerID: t.officer.id!, at: t.place, published: isPublished)
        }),
        "getCommitmentLetter": Read(path: { "/api/v1/officers/\($0.officer.id!)/commitment.pdf" },
                                    may: { v, t, _ in sees(v, t) && v.policy.readsPersonnelFile(officerID: t.officer.id!, at: t.place) }),
        "getEvaluationYear": Read(path: { _ in "/api/v1/evaluation-years/\(logYear)" }, may: everyone),
        "getEvaluationResults": Read(path: { _ in "/api/v1/evaluation-years/\(logYear)/results" },
                                     may: { v, _, db in v.policy.readsYearResults(published: try await published(logYear, db)) }),
        "getEfficiency": Read(path: { _ in "/api/v1/evaluation-years/\(logYear)/efficiency" }, may: { v, _, _ in v.policy.readsEfficiency }),
        "getFormSample": Read(path: { _ in "/api/v1/forms/pl1-m3/sample.pdf" }, may: everyone),
    ]

    /// The GET operations the served spec declares.
    static func specReads() throws -> Set<String> {
        let text = try String(contentsOf: FormLimitsTests.root.appendingPathComponent("Sources/App/openapi.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found = Set<String>()
        for (i, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces) == "get:" {
            if let op = lines[(i + 1)...].prefix(3).first(where: { $0.contains("operationId:") }) {
                found.insert(op.components(separatedBy: "operationId:")[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return found
    }

    @Test func everyReadOfTheSpecHasItsExpectation() throws {
        let spec = try Self.specReads()
        #expect(spec.count >= 18)
        #expect(spec == Set(Self.reads.keys), "missing: \(spec.subtracting(Self.reads.keys)), unknown: \(Set(Self.reads.keys).subtracting(spec))")
    }

    /// Own agency (the demo accounts' SKHĐT and UBND Dĩ An), an agency governed by UBND Dĩ An, and an
    /// agency of another district: each with an officer who has a ticket, chosen by id (no plan luck).
    static func targets(_ app: Application, _ province: DemoProvince.Built) async throws -> [Target] {
        let db = app.db
        let governed = try await AgencyModel.query(on: db).filter(\.$governingAgency.$id == province.agencyB.id!)
            .sort(\.$id).all()
        let elsewhere = try await AgencyModel.query(on: db).filter(\.$district != province.agencyB.district)
            .filter(\.$district != "").sort(\.$id).all()
        var targets: [Target] = []
        for (label, candidates) in [("cơ quan A", [province.agencyA!]), ("cơ quan B", [province.agencyB!]),
                                    ("cơ quan trực thuộc B", governed), ("huyện khác", elsewhere)] {
            for agency in candidates {
                guard let officer = try await OfficerModel.query(on: db).filter(\.$agency.$id == agency.id!).sort(\.$id).first(),
                      let ticket = try await WorkTicketModel.query(on: db).filter(\.$officer.$id == officer.id!).sort(\.$id).first(),
                      let place = try await Visibility.place(of: agency.id!, on: db) else { continue }
                targets.append(Target(label: label, agency: agency, place: place, officer: officer, ticket: ticket))
                break
            }
        }
        return targets
    }

    @Test(arguments: DemoLoader.accounts.map(\.username))
    func eachReadAnswersAsThePolicySays(_ username: String) async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let targets = try await Self.targets(app, province)
            #expect(targets.map(\.label) == ["cơ quan A", "cơ quan B", "cơ quan trực thuộc B", "huyện khác"])
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let token = try await APITests().token(app, username)
            var wrong: [String] = [], allowed = 0, refused = 0
            for (operation, read) in Self.reads.sorted(by: { $0.key < $1.key }) {
                for target in targets {
                    let may = try await read.may(viewer, target, app.db)
                    let status = try await APITests().call(app, .GET, read.path(target), token: token).status
                    let ok = may ? status == .ok : [.forbidden, .notFound].contains(status)
                    if !ok { wrong.append("\(operation) · \(target.label): \(status.code), chính sách: \(may ? "được" : "không")") }
                    if may { allowed += 1 } else { refused += 1 }
                }
            }
            #expect(wrong.isEmpty, "\(username): \(wrong)")
            #expect(allowed > 0)
        }
    }

    /// The lists answer everyone, with only what the policy lets them see.
    @Test(arguments: DemoLoader.accounts.map(\.username))
    func theAgencyAndOfficerListsHoldOnlyWhatThePolicyShows(_ username: String) async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let token = try await APITests().token(app, username)
            for list in ["agencies", "officers"] {
                let body = try APITests().object(try await APITests().call(app, .GET, "/api/v1/\(list)?per=100", token: token))
                let items = try #require(body["items"] as? [[String: Any]])
                for item in items {
                    let agencyID = try #require(UUID(uuidString: (list == "agencies" ? item["id"] : item["agencyId"]) as? String ?? ""))
                    let place = try #require(try await Visibility.place(of: agencyID, on: app.db))
                    let own = list == "officers" && (item["id"] as? String).flatMap(UUID.init(uuidString:)) == viewer.officerID
                    #expect(viewer.policy.canSee(place) || own, "\(username) thấy \(list) \(item["id"] ?? "")")
                }
            }
        }
    }
}
