@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11's matrix for the API's writes: every POST, PUT and PATCH of `/api/openapi.yaml` × every
/// demo account × own, governed and other agency, each with a valid body. What the policy allows is
/// never refused (it may still meet the record's state: 409 or 422); what it does not allow answers 403
/// or 404 and writes nothing but the refusal.
@Suite("Every API write × every demo account × own, governed and other agency, as the policy says (issue 11)")
struct APIWriteMatrixTests {
    /// The write operations the served spec declares.
    static func specWrites() throws -> Set<String> {
        let text = try String(contentsOf: FormLimitsTests.root.appendingPathComponent("Sources/App/openapi.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found = Set<String>()
        for (i, line) in lines.enumerated() where ["post:", "put:", "patch:"].contains(line.trimmingCharacters(in: .whitespaces)) {
            if let op = lines[(i + 1)...].prefix(3).first(where: { $0.contains("operationId:") }) {
                found.insert(op.components(separatedBy: "operationId:")[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return found
    }

    @Test func everyWriteOfTheSpecHasItsExpectation() throws {
        let spec = try Self.specWrites()
        let known = Set(APIWriteRules.writes.keys).union(APIWriteRules.exempt.keys)
        #expect(spec.count >= 32)
        #expect(spec == known, "thiếu: \(spec.subtracting(known).sorted()), thừa: \(known.subtracting(spec).sorted())")
    }

    @Test(arguments: DemoLoader.accounts.map(\.username))
    func eachWriteAnswersAsThePolicySays(_ username: String) async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let targets = try await WebRouteMatrixTests.enrich(APIReadMatrixTests.targets(app, province), app.db)
            let extra = try await WebRouteMatrixTests.extra(app.db)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let api = APITests()
            let token = try await api.token(app, username)
            var wrong: [String] = [], allowed = 0, refused = 0
            for (operation, write) in APIWriteRules.writes.sorted(by: { $0.key < $1.key }) {
                for target in targets {
                    let c = WebRouteRules.Context(viewer: viewer, target: target, extra: extra, db: app.db)
                    guard let path = write.path(c) else { continue }
                    let may = try await write.may(c)
                    let before = try await WebRouteMatrixTests.writes(app.db)
                    let code = try await api.call(app, write.method, path, token: token, json: write.body(c)).status.code
                    let after = try await WebRouteMatrixTests.writes(app.db)
                    let ok = may ? ![403, 404].contains(code) && code < 500 : [403, 404].contains(code) && after == before
                    if !ok { wrong.append("\(operation) · \(target.label): \(code), chính sách: \(may ? "được" : "không")") }
                    if may { allowed += 1 } else { refused += 1 }
                }
            }
            #expect(wrong.isEmpty, "\(username): \(wrong.joined(separator: "\n"))")
            // The administrator and the Department of Finance write nothing through the API.
            #expect(allowed + refused > 100 && refused > 5, "\(username): \(allowed) được, \(refused) không")
        }
    }
}
