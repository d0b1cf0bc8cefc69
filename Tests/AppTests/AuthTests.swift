@testable import App
import Domain
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

    /// Issue 14, no write on a read: a visitor without a session who is sent to the login page, shown
    /// a page without a form, or whose post is refused, gets no session; only a page with a form (the
    /// login page) makes one.
    @Test func aVisitorWithoutASessionWritesNoSessionRowUntilAFormIsShown() async throws {
        try await withWorld { app, _ in
            let before = try await SessionRow.query(on: app.db).count()
            var stranger = Browser(app)
            for path in ["/co-quan", "/danh-gia/2025", "/phieu?group=networkMaintenance", "/"] {
                let response = try await stranger.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers.first(name: .setCookie) == nil, "\(path)")
            }
            let gone = try await stranger.get("/xac-nhan/lien-ket-khong-co")  // a page without a form
            #expect(gone.status == .gone && gone.headers.first(name: .setCookie) == nil)
            let post = try await stranger.post("/co-quan", ["name": "Cơ quan thử"])
            #expect(post.status == .forbidden)
            #expect(post.headers.first(name: .setCookie) == nil)
            #expect(try await SessionRow.query(on: app.db).count() == before)

            let head = try await app.testing().sendRequest(.HEAD, "/dang-nhap")
            #expect(head.status == .ok && head.headers.first(name: .setCookie) == nil, "HEAD: no form, no session")
            #expect(try await SessionRow.query(on: app.db).count() == before)

            let login = try await stranger.get("/dang-nhap")
            #expect(login.status == .ok && login.headers.first(name: .setCookie) != nil)
            #expect(try await SessionRow.query(on: app.db).count() == before + 1)
            #expect(try await stranger.post("/dang-nhap", ["username": "sotttt", "password": DemoCommand.password, "next": "/"]).status
                    == .seeOther)
            #expect(try await stranger.get("/co-quan").status == .ok)
        }
    }

    /// A cookie whose session is not found (made up, or past its expiry) is cleared without a write:
    /// no row is added and the cookie is expired. The driver deletes only a session the request read:
    /// asked to delete another's (as Vapor asks for an unknown cookie), it leaves the row alone.
    @Test func aCookieWhoseSessionIsNotFoundIsClearedWithoutAWrite() async throws {
        try await withWorld { app, _ in
            let before = try await SessionRow.query(on: app.db).count()
            var visitor = Browser(app)
            visitor.cookie = "qlcb_session=phien-da-het-han"
            let cleared = try await visitor.get("/co-quan")
            #expect(cleared.status == .seeOther)
            let cookie = try #require(cleared.headers.first(name: .setCookie))
            #expect(cookie.hasPrefix("qlcb_session=;") && cookie.contains("1970"), "\(cookie)")
            #expect(try await SessionRow.query(on: app.db).count() == before)

            let driver = GatedSessionDriver()
            let key = try await driver.createSession(["uid": "1"], for: Request(application: app, on: app.eventLoopGroup.next())).get()
            let stranger = Request(application: app, on: app.eventLoopGroup.next())
            _ = try await driver.readSession(SessionID(string: "phien-khac"), for: stranger).get()
            try await driver.deleteSession(key, for: stranger).get()
            #expect(try await SessionRow.query(on: app.db).filter(\.$key == key).count() == 1, "not the session this request read")
            let owner = Request(application: app, on: app.eventLoopGroup.next())
            #expect(try await driver.readSession(key, for: owner).get() != nil)
            try await driver.deleteSession(key, for: owner).get()
            #expect(try await SessionRow.query(on: app.db).filter(\.$key == key).count() == 0)
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
            #expect(home.body.string.contains("Việc cần làm"))
            let out = try await browser.post("/dang-xuat", [:])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "logout").count() == 1)
        }
    }

    /// Issue 14 (ADR 0020): the signed-in person is read once while the audit head stays (the head
    /// comes with the session row), and every change to their account is an audited write: a grant
    /// shows on their next page, a locked account is signed out at its next request.
    @Test func theSignedInPersonIsReadOnceWhileTheHeadStaysAndAnAccountChangeShowsAtTheNextRequest() async throws {
        try await withWorld { app, _ in
            var head = try await Browser.signedIn(app, as: "thutruong")
            var officer = try await Browser.signedIn(app, as: "canbo")
            var admin = try await Browser.signedIn(app, as: "admin")
            _ = try await head.get("/")
            let reads = app.keptViewers.counted
            #expect(try await head.get("/").status == .ok)
            #expect(try await head.get("/co-quan").status == .ok)
            #expect(app.keptViewers.counted == reads, "nothing was written: the person is the kept one")

            let user = { (name: String) async throws -> String in
                try #require(try await UserModel.query(on: app.db).filter(\.$username == name).first()?.id?.uuidString)
            }
            #expect(!(try await head.get("/").body.string.contains(Role.homeAffairs.label)))
            let granted = try await admin.post("/quan-tri/nguoi-dung/\(try await user("thutruong"))/quyen", ["role": "homeAffairs", "agencyID": ""])
            #expect(granted.status == .seeOther)
            #expect(try await head.get("/").body.string.contains(Role.homeAffairs.label))

            #expect(try await officer.get("/").status == .ok)
            #expect(try await admin.post("/quan-tri/nguoi-dung/\(try await user("canbo"))/trang-thai", ["active": "0"]).status == .seeOther)
            let locked = try await officer.get("/")
            #expect(locked.status == .seeOther && locked.headers.first(name: .location)?.hasPrefix("/dang-nhap") == true)
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

    @Test func secureCookieAndHSTSOnlyOverHTTPSOrFromATrustedProxy() async throws {
        try await withWorld { app, _ in
            app.trustedProxies = try TrustedProxies(parsing: "10.0.0.5")
            func visit(peer: String?, proto: String?) async throws -> (cookie: String, hsts: String?) {
                var browser = Browser(app, peer: peer)
                if let proto { browser.extraHeaders.add(name: "X-Forwarded-Proto", value: proto) }
                let response = try await browser.get("/dang-nhap")
                return (response.headers.first(name: .setCookie) ?? "", response.headers.first(name: .strictTransportSecurity))
            }
            // Plain HTTP, as the demo runs: no Secure flag (the browser would drop the cookie), no HSTS.
            let plain = try await visit(peer: "127.0.0.1", proto: nil)
            #expect(plain.cookie.contains("qlcb_session=") && !plain.cookie.contains("Secure"))
            #expect(plain.hsts == nil)
            // Behind the trusted proxy over HTTPS.
            let proxied = try await visit(peer: "10.0.0.5", proto: "https")
            #expect(proxied.cookie.contains("qlcb_session=") && proxied.cookie.contains("Secure"))
            #expect(proxied.cookie.contains("HttpOnly") && proxied.cookie.contains("SameSite=Lax"))
            #expect(proxied.hsts == "max-age=31536000")
            // The same header from anyone else proves nothing.
            let forged = try await visit(peer: "203.0.113.66", proto: "https")
            #expect(!forged.cookie.contains("Secure") && forged.hsts == nil)
            #expect(try await visit(peer: "10.0.0.5", proto: "http").hsts == nil)
            // TLS of this server itself.
            app.http.server.configuration.tlsConfiguration = .makeClientConfiguration()
            let direct = try await visit(peer: "203.0.113.66", proto: nil)
            #expect(direct.cookie.contains("Secure") && direct.hsts == "max-age=31536000")
        }
    }

    @Test(arguments: [
        "//evil.example", "https://evil.example", "/\\evil.example", "\\\\evil.example", "/%09/evil.example/phish",
        "/\t/evil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%5C%5Cevil.example",
        "/%252F%252Fevil.example", "/ /evil.example", "/%20/evil.example", "/%0d%0aLocation:%20//evil.example",
        "/\u{0B}/evil.example", "/%E2%80%8B/evil.example", "/\u{2028}/evil.example", "javascript:alert(1)", "evil.example",
        "", "%2F%2Fevil.example", "/%zz", "/%00//evil.example",
    ])
    func openRedirectAfterLoginIsRefusedForHostileNext(_ hostile: String) {
        #expect(AuthController.safe(hostile) == "/", "\(hostile.debugDescription)")
    }

    @Test func redirectAfterLoginKeepsLocalPaths() async throws {
        #expect(AuthController.safe("/can-bo?q=a") == "/can-bo?q=a")
        #expect(AuthController.safe("/can-bo?q=nguyen%20van") == "/can-bo?q=nguyen%20van")
        #expect(AuthController.safe("/co-quan/ABC/muc-ung-dung#nam") == "/co-quan/ABC/muc-ung-dung#nam")
        try await withWorld { app, _ in
            var browser = Browser(app)
            _ = try await browser.get("/dang-nhap?next=%2F%09%2Fevil.example%2Fphish")
            let response = try await browser.post("/dang-nhap", ["username": "sotttt", "password": DemoCommand.password,
                                                                 "next": "/\t/evil.example/phish"])
            #expect(response.headers.first(name: .location) == "/")
            var back = Browser(app)
            _ = try await back.get("/dang-nhap")
            let kept = try await back.post("/dang-nhap", ["username": "sotttt", "password": DemoCommand.password,
                                                          "next": "/can-bo?q=nguyen%20van"])
            #expect(kept.headers.first(name: .location) == "/can-bo?q=nguyen%20van")
        }
    }
}
