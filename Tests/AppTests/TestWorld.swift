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
/// SQLite in memory by default; with `TEST_DATABASE_URL` a new PostgreSQL database per test.
func withWorld(demo: Bool = true, _ body: (Application, DemoProvince.Built) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    var dropDatabase: (() async throws -> Void)?
    do {
        var url = "sqlite::memory:"
        if let base = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !base.isEmpty {
            let name = "qlcb_t_" + UUID().uuidString.prefix(8).lowercased()
            try await adminDatabase(base) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            url = replaceDatabase(in: base, with: name)
            dropDatabase = { try await adminDatabase(base) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() } }
        }
        try await configure(app, databaseURL: url)
        app.clock = .fixed(testNow)
        try await app.autoMigrate()
        let today = LocalDate(testNow, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        let province = DemoProvince(seed: 7, extraAgencies: 0, extraOfficers: 0, today: today).build()
        if demo { try await DemoLoader.load(province, on: app, console: app.console) }
        try await body(app, province)
    } catch {
        try? await app.asyncShutdown()
        try? await dropDatabase?()
        throw error
    }
    try await app.asyncShutdown()
    try await dropDatabase?()
}

private func replaceDatabase(in url: String, with name: String) -> String {
    var components = URLComponents(string: url)!
    components.path = "/" + name
    return components.string!
}

/// Runs statements against the server's maintenance database.
private func adminDatabase(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
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
