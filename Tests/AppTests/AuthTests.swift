@testable import App
import Fluent
import Testing
import VaporTesting

@Suite("Login, sessions, CSRF, security headers")
struct AuthTests {
    @Test func signedOutVisitorIsSentToLogin() async throws {
        try await withWorld { app, _ in
            var browser = Browser(app)
            let response = try await browser.get("/co-quan")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location)?.hasPrefix("/dang-nhap?next=") == true)
        }
    }

    @Test func loginWithWrongPasswordShowsVietnameseMessageAndKeepsUsername() async throws {
        try await withWorld { app, _ in
            var browser = Browser(app)
            let response = try await browser.login("sotttt", "sai-mat-khau")
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            #expect(response.body.string.contains("value=\"sotttt\""))
        }
    }

    @Test func loginLogoutAndSessionInDatabase() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            #expect(try await SessionRecord.query(on: app.db).count() >= 1)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Tổng quan"))
            let out = try await browser.post("/dang-xuat", [:])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "logout").count() == 1)
        }
    }

    @Test func formPostWithoutCSRFTokenIsRefused() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let response = try await browser.post("/co-quan", ["name": "Cơ quan thử"], csrf: false)
            #expect(response.status == .forbidden)
            #expect(try await AgencyModel.query(on: app.db).filter(\.$name == "Cơ quan thử").count() == 0)
        }
    }

    @Test func securityHeadersAndCookieFlags() async throws {
        try await withWorld { app, _ in
            var browser = Browser(app)
            let response = try await browser.get("/dang-nhap")
            #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let cookie = response.headers.first(name: .setCookie) ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
        }
    }

    @Test func redirectAfterLoginStaysOnThisSite() {
        #expect(AuthController.safe("//evil.example") == "/")
        #expect(AuthController.safe("https://evil.example") == "/")
        #expect(AuthController.safe("/can-bo?q=a") == "/can-bo?q=a")
    }
}
