@testable import App
import Testing
import Vapor
import VaporTesting

/// A server whose database connections are all busy is overloaded, not broken: people and API
/// clients get a 503 with `Retry-After` and a Vietnamese message, never a 500.
@Suite struct OverloadTests {
    @Test func aRequestThatWaitsTooLongForAConnectionGetsA503WithRetryAfter() async throws {
        try await withWorld(demo: false) { app, _ in
            app.get("thu-qua-tai") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            app.get("api", "v1", "thu-qua-tai") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            let page = try await app.testing().sendRequest(.GET, "/thu-qua-tai")
            #expect(page.status == .serviceUnavailable)
            #expect(page.headers.first(name: .retryAfter) == "2")
            #expect(page.body.string.contains("Hệ thống đang bận"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/thu-qua-tai")
            #expect(api.status == .serviceUnavailable)
            #expect(api.headers.first(name: .retryAfter) == "2")
            #expect(api.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
            #expect(api.body.string.contains("thử lại"))
        }
    }

    @Test func thePoolSizeIsReadFromTheEnvironmentWithinBounds() throws {
        #expect(try AppConfig.poolSize(nil) == 4)
        #expect(try AppConfig.poolSize("") == 4)
        #expect(try AppConfig.poolSize("12") == 12)
        #expect(try AppConfig.poolTimeout(nil) == 10)
        #expect(try AppConfig.poolTimeout("60") == 60)
        for bad in ["0", "601", "mười"] { #expect(throws: ConfigError.self) { try AppConfig.poolTimeout(bad) } }
        for bad in ["0", "65", "bốn", "-1"] {
            #expect(throws: ConfigError.self) { try AppConfig.poolSize(bad) }
        }
    }
}
