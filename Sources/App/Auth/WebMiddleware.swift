import Vapor

/// Loads the signed-in user from the database session; a session opened before the user's epoch
/// was raised (a password change elsewhere) ends here. Vapor makes a session on the first touch of
/// `session` and writes its row on the way out: one still empty at the end is dropped (`dropIfEmpty`),
/// so a stranger's request writes no row (issue 14, no write on a read).
struct SessionViewerMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.hasWebSession = true
        defer { Self.dropIfEmpty(request) }
        if let text = request.session.data["uid"], let id = UUID(uuidString: text) {
            if let viewer = try await Viewer.load(userID: id, at: request.headWithoutTickets, kept: request.application.keptViewers,
                                                  on: request.db),
               String(viewer.sessionEpoch) == request.session.data["epoch"] ?? "0" {
                request.viewer = viewer
            } else {
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }

    /// A session made during this request that holds nothing is not kept. Vapor makes an empty one
    /// for a cookie whose session is not found (past its expiry, purged, made up) and would write
    /// its row on the way out, at every request of whoever sends such a cookie; destroyed, its
    /// cookie is cleared instead (`GatedSessionDriver.deleteSession` then writes nothing).
    private static func dropIfEmpty(_ request: Request) {
        guard request.hasSession, request.session.id == nil, request.session.data.snapshot.isEmpty else { return }
        request.session.destroy()
    }
}

/// Sends a visitor who is not signed in to the login page, remembering where they were going.
struct RequireLoginMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.viewer != nil else {
            let target = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
            let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return request.redirect(to: "/dang-nhap?next=\(encoded)")
        }
        return try await next.respond(to: request)
    }
}

/// A CSRF token per session, required on every form post. The token is made by `Layout`: for every
/// page a signed-in person is shown, and for the pages that offer a visitor a form (`visitorForm`);
/// a post is checked against the session's token and never makes one, so a post without a session
/// is refused (its empty session dropped, `SessionViewerMiddleware`) without writing a row.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            let token = request.session.data["csrf"]
            let sent = (try? request.content.get(String.self, at: Self.field)) ?? request.headers.first(name: "X-CSRF-Token")
            guard let token, let sent, !sent.isEmpty, sent == token else {
                throw Abort(.forbidden, reason: "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang và thử lại.")
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct WebSessionKey: StorageKey { typealias Value = Bool }
    /// True once the web group's session middleware has run. A request that never reached a route
    /// (an unknown path, a method nobody answers) has no session: touching `session` then would end
    /// the process, so the error page renders without one.
    var hasWebSession: Bool {
        get { storage[WebSessionKey.self] ?? false }
        set { storage[WebSessionKey.self] = newValue }
    }

    var csrfToken: String {
        if let token = session.data["csrf"] { return token }
        let token = Secrets.token(bytes: 24)
        session.data["csrf"] = token
        return token
    }
}

/// Conservative security headers on every response. Over HTTPS — TLS of this server, or a trusted
/// proxy's `X-Forwarded-Proto: https` (`TrustedProxies`) — also HSTS, and the session cookie is
/// `Secure`; on plain HTTP (the demo at http://127.0.0.1:8080) neither, or the cookie would be lost.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let hsts = "max-age=31536000"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.clientOrigin.isHTTPS {
            response.headers.replaceOrAdd(name: .strictTransportSecurity, value: Self.hsts)
            let name = request.application.sessions.configuration.cookieName
            if var cookie = response.cookies[name] {
                cookie.isSecure = true
                response.cookies[name] = cookie
            }
        }
        let headers: [(String, String)] = [
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        return response
    }
}
