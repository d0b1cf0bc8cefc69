@testable import App
import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// Issue 13 §4: several instances behind nginx. `QLCB_TRUSTED_PROXIES` decides whose forwarding
/// headers are believed — for the login throttle, the audit entries of logins and the request log
/// (docs/operations.md "Several instances", deploy/README.md).
@Suite("Trusted proxies: the client's address and HTTPS behind nginx")
struct TrustedProxyTests {
    static let proxy = "10.0.0.5"
    static let attacker = "203.0.113.66"

    func failedLoginAddresses(_ app: Application) async throws -> [String] {
        try await AuditEntryModel.query(on: app.db).filter(\.$action == "login.failed").sort(\.$seq).all().map(\.after)
    }

    @Test func parsingTakesAddressesAndRangesOfBothFamiliesAndRefusesTheRest() throws {
        let proxies = try TrustedProxies(parsing: "127.0.0.1, ::1,10.20.0.0/16, 2001:db8::/32,,")
        #expect(proxies.ranges.count == 4)
        for trusted in ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.20.255.1", "2001:db8:0:1::7"] {
            #expect(proxies.contains(trusted), "\(trusted)")
        }
        for untrusted in ["127.0.0.2", "10.21.0.1", "2001:db9::1", "::2", "", "localhost", "10.20.0.1/16"] {
            #expect(!proxies.contains(untrusted), "\(untrusted)")
        }
        #expect(try TrustedProxies(parsing: "") == .none)
        #expect(try TrustedProxies(parsing: " , ") == .none)
        #expect(try TrustedProxies(parsing: "0.0.0.0/0").contains("198.51.100.7"))
        for bad in ["127.0.0.1/-1", "::1/129", "10.0.0.1/8/8", "10.0.0.256", "*"] {
            #expect(throws: ConfigError.self, "\(bad)") { try TrustedProxies(parsing: bad) }
        }
    }

    @Test func theRightmostUntrustedAddressIsTheClientBehindAChainOfProxies() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8")
        var headers = HTTPHeaders()
        // What the client wrote itself (1.1.1.1), the client as the outer proxy saw it, the outer proxy.
        headers.add(name: .xForwardedFor, value: "1.1.1.1, 198.51.100.7")
        headers.add(name: .xForwardedFor, value: "10.1.2.3")
        #expect(proxies.origin(peer: "10.0.0.5", headers: headers, overTLS: false).address == "198.51.100.7")
        // Every hop a trusted proxy: the leftmost one is as far as the chain can be believed.
        var inside = HTTPHeaders()
        inside.add(name: .xForwardedFor, value: "10.9.9.9, 10.1.2.3")
        #expect(proxies.origin(peer: "10.0.0.5", headers: inside, overTLS: false).address == "10.9.9.9")
        // No header from a trusted peer: the peer itself.
        #expect(proxies.origin(peer: "10.0.0.5", headers: HTTPHeaders(), overTLS: false)
            == ClientOrigin(address: "10.0.0.5", isHTTPS: false))
    }

    @Test func anUntrustedClientSendingForwardedForIsNotBelieved() async throws {
        try await withWorld { app, _ in
            app.trustedProxies = try TrustedProxies(parsing: Self.proxy)
            var attacker = Browser(app, peer: Self.attacker)
            // A new forged address on every guess: the throttle still counts the socket's peer.
            for i in 0..<LoginThrottle.address.threshold {
                attacker.extraHeaders.replaceOrAdd(name: .xForwardedFor, value: "192.0.2.\(i + 1)")
                attacker.extraHeaders.replaceOrAdd(name: "X-Forwarded-Proto", value: "https")
                #expect(try await attacker.login("khongco\(i)", "sai").status == .unauthorized)
            }
            attacker.extraHeaders.replaceOrAdd(name: .xForwardedFor, value: "192.0.2.200")
            let refused = try await attacker.login("nhanvien", DemoCommand.password)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: .setCookie)?.contains("Secure") != true)
            let addresses = try await failedLoginAddresses(app)
            #expect(addresses.count == LoginThrottle.address.threshold)
            #expect(addresses.allSatisfy { $0.contains(Self.attacker) && !$0.contains("192.0.2.") }, "\(addresses)")
        }
    }

    @Test func throughTheTrustedProxyEachClientIsThrottledOnItsOwn() async throws {
        try await withWorld { app, _ in
            app.trustedProxies = try TrustedProxies(parsing: Self.proxy)
            var guesser = Browser(app, peer: Self.proxy)
            guesser.extraHeaders.add(name: .xForwardedFor, value: Self.attacker)
            for i in 0..<LoginThrottle.address.threshold {
                #expect(try await guesser.login("khongco\(i)", "sai").status == .unauthorized)
            }
            #expect(try await guesser.login("nhanvien", DemoCommand.password).status == .tooManyRequests)
            // Another client behind the same proxy is not held back by the guesser's failures.
            var colleague = Browser(app, peer: Self.proxy)
            colleague.extraHeaders.add(name: .xForwardedFor, value: "198.51.100.7")
            colleague.extraHeaders.add(name: "X-Forwarded-Proto", value: "https")
            let welcomed = try await colleague.login("nhanvien", DemoCommand.password)
            #expect(welcomed.status == .seeOther)
            #expect(welcomed.headers.first(name: .setCookie)?.contains("Secure") == true)
            #expect(try await failedLoginAddresses(app).allSatisfy { $0.contains(Self.attacker) })
        }
    }

    @Test func theRequestLogNamesTheClientAsTheTrustedProxyForwardedIt() async throws {
        try await withWorld { app, _ in
            app.trustedProxies = try TrustedProxies(parsing: Self.proxy)
            app.requestLogLevel = .info
            let lines = app.captureLogLines()
            var proxied = Browser(app, peer: Self.proxy)
            proxied.extraHeaders.add(name: .xForwardedFor, value: "198.51.100.7")
            _ = try await proxied.get("/dang-nhap")
            var forged = Browser(app, peer: Self.attacker)
            forged.extraHeaders.add(name: .xForwardedFor, value: "198.51.100.8")
            _ = try await forged.get("/dang-nhap")
            let clients = lines.withLockedValue { $0 }
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .filter { $0["route"] as? String == "/dang-nhap" }.compactMap { $0["client"] as? String }
            #expect(clients == ["198.51.100.7", Self.attacker])
        }
    }
}
