@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Issue 10 §4.1: throttling by account and by address instead of a lockout an attacker controls.
@Suite("Login throttling by account and address")
struct LoginThrottleTests {
    static let attacker = "203.0.113.66"
    static let office = "198.51.100.7"

    @Test func loginThrottleDoesNotLetAnAnonymousLockOutAnAccount() async throws {
        try await withWorld { app, _ in
            // The administrator signed in from the office before.
            var owner = Browser(app, peer: Self.office)
            #expect(try await owner.login("admin", DemoCommand.password).status == .seeOther)
            var attacker = Browser(app, peer: Self.attacker)
            for _ in 0..<LoginThrottle.account.threshold {
                #expect(try await attacker.login("admin", "doan-mo").status == .unauthorized)
            }
            let refused = try await attacker.login("admin", DemoCommand.password)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.string.contains("thử lại sau 30 giây"))
            #expect(refused.headers.first(name: .retryAfter) == "30")
            // From a new address the owner waits for the delay, not forever: then the password gets in.
            var elsewhere = Browser(app, peer: "192.0.2.10")
            #expect(try await elsewhere.login("admin", DemoCommand.password).status == .tooManyRequests)
            app.clock = .fixed(testNow.addingTimeInterval(31))
            #expect(try await elsewhere.login("admin", DemoCommand.password).status == .seeOther)
            // The attacker goes on; from an address the account signed in from, the owner is not held back.
            for _ in 0..<LoginThrottle.account.threshold { _ = try await attacker.login("admin", "doan-mo") }
            #expect(try await attacker.login("admin", DemoCommand.password).status == .tooManyRequests)
            var again = Browser(app, peer: Self.office)
            #expect(try await again.login("admin", DemoCommand.password).status == .seeOther)
        }
    }

    @Test func eachFurtherFailureDoublesTheDelayUpToTheCap() async throws {
        try await withWorld { app, _ in
            var attacker = Browser(app, peer: Self.attacker)
            var now = testNow
            for _ in 0..<LoginThrottle.account.threshold { _ = try await attacker.login("canbo", "sai") }
            for expected in [60, 120, 240, 480, 900, 900] {
                now = now.addingTimeInterval(15 * 60 + 1)
                app.clock = .fixed(now)
                #expect(try await attacker.login("canbo", "sai").status == .unauthorized)
                let refused = try await attacker.login("canbo", "sai")
                #expect(refused.status == .tooManyRequests)
                #expect(refused.body.string.contains("thử lại sau \(expected) giây"), "\(expected)")
            }
            // An hour without failures and the counter starts again.
            app.clock = .fixed(now.addingTimeInterval(3601))
            #expect(try await attacker.login("canbo", "sai").status == .unauthorized)
            #expect(try await attacker.login("canbo", "sai").status == .unauthorized)
        }
    }

    @Test func oneAddressGuessingManyAccountsIsThrottledByAddress() async throws {
        try await withWorld { app, _ in
            var attacker = Browser(app, peer: Self.attacker)
            let names = ["sotttt", "truongphong", "giamdoc", "noivu", "taichinh", "thutruong", "canbo"]
            for i in 0..<LoginThrottle.address.threshold {
                let name = names[i % names.count] + (i < names.count ? "" : "x\(i)")
                let status = try await attacker.login(name, "sai").status
                #expect(status == .unauthorized)
            }
            let refused = try await attacker.login("nhanvien", DemoCommand.password).status
            #expect(refused == .tooManyRequests)
            // Another address is not affected.
            var other = Browser(app, peer: Self.office)
            let welcomed = try await other.login("nhanvien", DemoCommand.password).status
            #expect(welcomed == .seeOther)
        }
    }

    @Test func parallelGuessesGetAtMostTheAllowedPasswordChecksAndNoServerError() async throws {
        try await withWorld { app, _ in
            var browsers: [Browser] = []
            for _ in 0..<25 {
                var browser = Browser(app, peer: Self.attacker)
                _ = try await browser.get("/dang-nhap")
                browsers.append(browser)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for browser in browsers {
                    group.addTask {
                        var b = browser
                        return try await b.post("/dang-nhap", ["username": "admin", "password": "doan-mo", "next": "/"]).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests }, "\(statuses)")
            #expect(statuses.filter { $0 == .unauthorized }.count == LoginThrottle.account.threshold)
            let checks = try await AuditEntryModel.query(on: app.db).filter(\.$action == "login.failed").count()
            #expect(checks == LoginThrottle.account.threshold)
        }
    }

    /// Unknown names are checked against a dummy hash (`Login.attempt`), so they cost the same work;
    /// timing is measured in benchmarks, never asserted here. What a stranger can see is the same.
    @Test func unknownUsernamesGetTheSameAnswerAndTheSameThrottle() async throws {
        try await withWorld { app, _ in
            var browser = Browser(app, peer: Self.office)
            func attempt(_ name: String) async throws -> TestingHTTPResponse {
                _ = try await browser.get("/dang-nhap")
                return try await browser.post("/dang-nhap", ["username": name, "password": "sai", "next": "/"])
            }
            for i in 0..<2 {
                let known = try await attempt("canbo")
                let unknown = try await attempt("khongco\(i)")
                #expect(known.status == unknown.status)
                #expect(unknown.body.string.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            }
            for _ in 1..<LoginThrottle.account.threshold { _ = try await attempt("khongco0") }
            #expect(try await attempt("khongco0").status == .tooManyRequests)
        }
    }

    @Test func forwardedForIsBelievedOnlyFromATrustedProxy() throws {
        let proxies = try TrustedProxies(parsing: " 10.0.0.5, 192.168.0.0/16 ,::1")
        var headers = HTTPHeaders()
        headers.add(name: .xForwardedFor, value: "198.51.100.7, 192.168.3.4")
        headers.add(name: "X-Forwarded-Proto", value: "https")
        #expect(proxies.origin(peer: "10.0.0.5", headers: headers, overTLS: false)
            == ClientOrigin(address: "198.51.100.7", isHTTPS: true))
        #expect(proxies.origin(peer: "::ffff:192.168.9.9", headers: headers, overTLS: false).address == "198.51.100.7")
        // An untrusted peer's headers are ignored.
        #expect(proxies.origin(peer: "203.0.113.66", headers: headers, overTLS: false)
            == ClientOrigin(address: "203.0.113.66", isHTTPS: false))
        #expect(TrustedProxies.none.origin(peer: "10.0.0.5", headers: headers, overTLS: false).address == "10.0.0.5")
        // A forged leftmost entry does not win over the nearest untrusted hop; garbage stops the walk.
        var forged = HTTPHeaders()
        forged.add(name: .xForwardedFor, value: "1.1.1.1, 203.0.113.66")
        #expect(proxies.origin(peer: "10.0.0.5", headers: forged, overTLS: false).address == "203.0.113.66")
        var garbage = HTTPHeaders()
        garbage.add(name: .xForwardedFor, value: "evil, not-an-ip")
        #expect(proxies.origin(peer: "10.0.0.5", headers: garbage, overTLS: false).address == "10.0.0.5")
        #expect(proxies.contains("192.168.255.1") && !proxies.contains("192.169.0.1") && proxies.contains("::1"))
        #expect(throws: ConfigError.self) { try TrustedProxies(parsing: "10.0.0.0/33") }
        #expect(throws: ConfigError.self) { try TrustedProxies(parsing: "/") }
        #expect(throws: ConfigError.self) { try TrustedProxies(parsing: "10.0.0.1/") }
        #expect(throws: ConfigError.self) { try TrustedProxies(parsing: "proxy.example") }
    }
}
