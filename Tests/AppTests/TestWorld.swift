@testable import App
import Domain
import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Tests run at a fixed instant: 29/11/2026 12:00 in Asia/Ho_Chi_Minh (evaluation year 2027 is open,
/// the 2026 work-log deadline has passed).
let testNow = Date(timeIntervalSince1970: 1_795_928_400)

/// A fresh application and database for one test, loaded with the demo province.
/// SQLite in memory by default; with `TEST_DATABASE_URL` a new PostgreSQL database per test, at most
/// `WorldSlots.postgres` of them at once.
func withWorld(demo: Bool = true, _ body: (Application, DemoProvince.Built) async throws -> Void) async throws {
    guard !(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty else {
        return try await makeWorld(demo: demo, body)
    }
    await WorldSlots.postgres.acquire()
    do {
        try await makeWorld(demo: demo, body)
    } catch {
        await WorldSlots.postgres.release()
        throw error
    }
    await WorldSlots.postgres.release()
}

/// How many PostgreSQL worlds live at once. Swift Testing starts every test and every argument
/// together; each world holds a pool (a connection per event loop) and its own database, and some
/// tests open more. Unbounded, a suite that grew past the cluster's `max_connections` (600,
/// scripts/with-postgres.sh) failed tests at random with "too many clients already".
actor WorldSlots {
    static let postgres = WorldSlots(limit: 64)
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// The slot goes to the longest waiting world, or back to the free ones.
    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

private func makeWorld(demo: Bool, _ body: (Application, DemoProvince.Built) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    var dropDatabase: (() async throws -> Void)?
    let uploads = app.uploadStore.directory
    defer { try? FileManager.default.removeItem(at: uploads) }
    do {
        var url = "sqlite::memory:"
        var loaded = false
        if let base = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !base.isEmpty {
            // A copy of a template migrated and loaded once per test process: CREATE DATABASE … TEMPLATE
            // copies files, far faster than migrating and loading the demo again for every test.
            let template = try await PostgresTemplates.shared.name(demo: demo, base: base)
            let name = "qlcb_t_" + UUID().uuidString.prefix(8).lowercased()
            try await adminDatabase(base) { db in
                try await db.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: template)").run()
                // The scrambled pass (make test-postgres): no sorted or index-ordered plans unless a
                // statement asks for an order, so code that trusts an order it never asked for fails.
                if ProcessInfo.processInfo.environment["QLCB_TEST_PG_PLANS"] == "scrambled" {
                    for setting in ["enable_sort", "enable_indexscan", "enable_indexonlyscan"] {
                        try await db.raw("ALTER DATABASE \(unsafeRaw: name) SET \(unsafeRaw: setting) = off").run()
                    }
                }
            }
            url = replaceDatabase(in: base, with: name)
            dropDatabase = { try await adminDatabase(base) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() } }
            loaded = true
        }
        try await configure(app, databaseURL: url)
        app.clock = .fixed(testNow)
        let province = testProvince()
        if !loaded {
            try await app.autoMigrate()
            if demo { try await DemoLoader.load(province, on: app, console: app.console) }
        }
        try await body(app, province)
    } catch {
        try? await app.asyncShutdown()
        try? await dropDatabase?()
        throw error
    }
    try await app.asyncShutdown()
    try await dropDatabase?()
}

/// The demo's logs, tickets, evidence, grades and results of several years, as `qlcb demo` loads
/// them (two tickets per officer and year, to stay quick).
func loadDemoYears(_ app: Application, _ province: DemoProvince.Built) async throws {
    let profile = try await ProfileStore.active(on: app.db)
    let today = LocalDate(testNow, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
    try await DemoWorkLogLoader.load(officers: province.officers, agencies: province.agencies, ticketsPerOfficerYear: 2,
                                     seed: 7, profile: profile, today: today, on: app, console: app.console)
    try await DemoEvaluationLoader.load(officers: province.officers, agencies: province.agencies, profile: profile,
                                        today: today, seed: 7, on: app)
}

/// The demo province every test starts from (seeded: the same ids each time it is built).
private func testProvince() -> DemoProvince.Built {
    let today = LocalDate(testNow, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
    return DemoProvince(seed: 7, extraAgencies: 0, extraOfficers: 0, today: today).build()
}

/// The template databases of this test process on the PostgreSQL server: one migrated and empty, one
/// with the demo province. Made once, on first use, and left to the throw-away cluster.
actor PostgresTemplates {
    static let shared = PostgresTemplates()
    /// The work of making each template, shared by every test that asks while it runs (an actor lets
    /// other callers in at each `await`, so the task, not its result, is what is remembered).
    private var making: [Bool: Task<String, any Error>] = [:]

    func name(demo: Bool, base: String) async throws -> String {
        if let task = making[demo] { return try await task.value }
        let task = Task { try await Self.make(demo: demo, base: base) }
        making[demo] = task
        return try await task.value
    }

    private static func make(demo: Bool, base: String) async throws -> String {
        let name = "qlcb_tpl_\(demo ? "demo" : "empty")_" + UUID().uuidString.prefix(8).lowercased()
        try await adminDatabase(base) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, databaseURL: replaceDatabase(in: base, with: name))
            app.clock = .fixed(testNow)
            try await app.autoMigrate()
            if demo { try await DemoLoader.load(testProvince(), on: app, console: app.console) }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return name
    }
}

func replaceDatabase(in url: String, with name: String) -> String {
    var components = URLComponents(string: url)!
    components.path = "/" + name
    return components.string!
}

/// Runs statements against the server's maintenance database.
func adminDatabase(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
    let admin = try await Application.make(.testing)
    do {
        var config = try SQLPostgresConfiguration(url: url)
        config.coreConfiguration.tls = .disable
        admin.databases.use(.postgres(configuration: config), as: .psql)
        try await body(admin.db as! any SQLDatabase)
    } catch {
        try? await admin.asyncShutdown()
        throw error
    }
    try await admin.asyncShutdown()
}

/// A signed-in (or not) browser: keeps the session cookie and the CSRF token.
struct Browser {
    let app: Application
    var cookie: String?
    var csrf: String?
    /// The client's address as the server's socket sees it; nil: an in-process request without one.
    var peer: String?
    /// Sent with every request (e.g. `X-Forwarded-For` through a proxy).
    var extraHeaders = HTTPHeaders()

    init(_ app: Application, peer: String? = nil) {
        self.app = app
        self.peer = peer
    }

    static func signedIn(_ app: Application, as username: String, password: String = DemoCommand.password) async throws -> Browser {
        var browser = Browser(app)
        let response = try await browser.login(username, password)
        #expect(response.status == .seeOther, "đăng nhập \(username)")
        _ = try await browser.get("/")  // the session (and its CSRF token) is new after login
        return browser
    }

    mutating func login(_ username: String, _ password: String) async throws -> TestingHTTPResponse {
        _ = try await get("/dang-nhap")
        return try await post("/dang-nhap", ["username": username, "password": password, "next": "/"])
    }

    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.send(.GET, path, headers: headers(), from: peer)
        remember(response)
        return response
    }

    mutating func post(_ path: String, _ form: [String: String], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if csrf { fields["_csrf"] = self.csrf ?? "" }
        let body = fields.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let response = try await app.send(.POST, path, headers: headers, body: ByteBuffer(string: body), from: peer)
        remember(response)
        return response
    }

    /// A form already encoded (repeated keys such as `ids[]=…&ids[]=…`), with the CSRF token added.
    mutating func postRaw(_ path: String, _ encoded: String) async throws -> TestingHTTPResponse {
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let body = encoded + (encoded.isEmpty || encoded.hasSuffix("&") ? "" : "&") + "_csrf=\(encode(csrf ?? ""))"
        let response = try await app.send(.POST, path, headers: headers, body: ByteBuffer(string: body), from: peer)
        remember(response)
        return response
    }

    private func headers() -> HTTPHeaders {
        var headers = extraHeaders
        if let cookie { headers.add(name: .cookie, value: cookie) }
        return headers
    }

    private mutating func remember(_ response: TestingHTTPResponse) {
        if let set = response.headers.first(name: .setCookie), let pair = set.split(separator: ";").first {
            cookie = String(pair)
        }
        let html = response.body.string
        if let range = html.range(of: "name=\"_csrf\" value=\"") {
            let rest = html[range.upperBound...]
            csrf = String(rest.prefix { $0 != "\"" })
        }
    }

    private func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension DemoProvince.Built {
    var officerA: OfficerModel { officers.first { $0.fullName == "Trần Minh Khoa" }! }
    var officerB: OfficerModel { officers.first { $0.fullName == "Phạm Quốc Bảo" }! }
}

extension VisibleAgencies {
    /// What a viewer with a staff grant in each of these agencies sees: exactly them.
    static func own(_ ids: some Sequence<UUID>) -> VisibleAgencies {
        VisibleAgencies(AccessPolicy(grants: ids.map { RoleGrant(role: .agencyStaff, agencyID: $0) }))!
    }
}
