import Vapor

enum AuthController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("dang-nhap", use: form)
        routes.post("dang-nhap", use: login)
        routes.post("dang-xuat", use: logout)
    }

    struct LoginBody: Encodable, Sendable {
        var username: String
        var next: String
        var error: String?
    }

    struct LoginInput: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    static func form(req: Request) async throws -> Response {
        if req.viewer != nil { return req.redirect(to: "/") }
        let next = req.queryText("next") ?? "/"
        return try await req.render("login", title: "Đăng nhập", LoginBody(username: "", next: safe(next)), visitorForm: true)
    }

    static func login(req: Request) async throws -> Response {
        let input = try req.content.decode(LoginInput.self)
        let username = input.username ?? ""
        let next = safe(input.next ?? "/")
        switch try await Login.attempt(username: username, password: input.password ?? "", on: req) {
        case .success(let id, let epoch):
            // A fresh session id after login (no session fixation); the old record is deleted.
            if let old = req.session.id {
                try await req.application.sessions.driver.deleteSession(old, for: req).get()
            }
            req.session.id = nil
            req.session.data = SessionData()
            req.session.data["uid"] = id.canonicalText
            req.session.data["epoch"] = String(epoch)
            return req.redirect(to: next)
        case .wrongCredentials:
            Observability.failedLogin("wrong")
            return try await req.render("login", title: "Đăng nhập",
                                        LoginBody(username: username, next: next,
                                                  error: "Tên đăng nhập hoặc mật khẩu không đúng."),
                                        status: .unauthorized, visitorForm: true)
        case .throttled(let seconds):
            Observability.failedLogin("throttled")
            let response = try await req.render("login", title: "Đăng nhập",
                                                LoginBody(username: username, next: next,
                                                          error: Login.throttledMessage(seconds: seconds)),
                                                status: .tooManyRequests, visitorForm: true)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        }
    }

    static func logout(req: Request) async throws -> Response {
        if let viewer = req.viewer {
            try await req.write { try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username,
                                                                       action: "logout", entityType: "user",
                                                                       entityID: viewer.userID), on: $0) }
        }
        req.session.destroy()
        return req.redirect(to: "/dang-nhap")
    }

    /// Only a local path: never redirect to another site after login. The whole value has no
    /// control character, whitespace or backslash; its path (before `?` or `#`), percent-decoded as
    /// often as it decodes, starts with exactly one `/` and has none of them either. Anything else
    /// becomes `/`.
    static func safe(_ next: String) -> String {
        guard next.utf8.count <= 2000, isLocal(next) else { return "/" }
        var path = String(next.prefix { $0 != "?" && $0 != "#" })
        for _ in 0..<4 {
            guard let decoded = path.removingPercentEncoding else { return "/" }
            guard isLocal(decoded) else { return "/" }
            if decoded == path { return next }
            path = decoded
        }
        return "/"
    }

    private static func isLocal(_ text: String) -> Bool {
        guard text.hasPrefix("/"), !text.hasPrefix("//") else { return false }
        return !text.unicodeScalars.contains {
            $0 == "\\" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .format || $0.properties.generalCategory == .lineSeparator
                || $0.properties.generalCategory == .paragraphSeparator
        }
    }
}
