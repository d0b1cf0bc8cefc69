import Fluent
import SQLKit
import Vapor

enum AccountController {
    static func register(_ routes: any RoutesBuilder) {
        let account = routes.grouped("tai-khoan")
        account.get(use: show)
        account.post("mat-khau", use: changePassword)
        account.post("token", use: createToken)
        account.post("token", ":id", "thu-hoi", use: revokeToken)
        account.post("token", "thu-hoi-tat-ca", use: revokeAllTokens)
        account.post("thu-dien-tu", use: changeEmail)
    }

    struct TokenRow: Encodable, Sendable { var id: String, name: String, prefix: String, created: String, lastUsed: String }

    struct Body: Encodable, Sendable {
        var username: String
        var roles: [String]
        var tokens: [TokenRow]
        var newToken: String?
        var errors: FieldErrors
        var tokenName: String
        /// Right after a password change: the other sessions ended; the tokens are shown for review.
        var passwordChanged: Bool
        /// The address the system's letters go to (issue 13 §3), as saved or as just typed.
        var email: String
    }

    static func body(_ req: Request, newToken: String? = nil, errors: FieldErrors = .init(), tokenName: String = "",
                     email: String? = nil) async throws -> Body {
        let viewer = try req.requireViewer()
        let saved = try await UserModel.find(viewer.userID, on: req.db)?.email ?? ""
        var roles: [String] = []
        for grant in viewer.grants {
            var label = grant.role.label
            if let id = grant.agencyID, let agency = try await AgencyModel.find(id, on: req.db) { label += " — " + agency.name }
            roles.append(label)
        }
        let tokens = try await APITokenModel.query(on: req.db).filter(\.$user.$id == viewer.userID)
            .filter(\.$revokedAt == nil).sort(\.$createdAt, .descending).all()
        return Body(username: viewer.username, roles: roles, tokens: tokens.map {
            TokenRow(id: $0.id!.canonicalText, name: $0.name, prefix: $0.prefix,
                     created: $0.createdAt.map { VietnameseTime.format($0) } ?? "",
                     lastUsed: $0.lastUsedAt.map { VietnameseTime.format($0) } ?? "Chưa dùng")
        }, newToken: newToken, errors: errors, tokenName: tokenName,
           passwordChanged: req.queryText("da-doi-mat-khau") == "1", email: email ?? saved)
    }

    static func show(req: Request) async throws -> Response {
        try await req.render("account", title: "Tài khoản", try await body(req))
    }

    struct PasswordInput: Content { var current: String?; var new: String?; var confirm: String? }

    /// The current password is checked under the login throttle (same counters, ADR 0007). The change
    /// raises the user's session epoch: every other session ends, this one continues.
    static func changePassword(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let input = try req.content.decode(PasswordInput.self)
        var errors = FieldErrors()
        guard let user = try await UserModel.find(viewer.userID, on: req.db) else { throw Abort(.notFound) }
        let address = req.clientOrigin.address
        let keys = LoginThrottle.Keys(username: viewer.username, address: address)
        let now = req.now
        if case .refused(let seconds) = try await req.write({ try await LoginThrottle.reserve(keys, now: now, knownAddressesPass: false, on: $0) }) {
            errors.add("current", Login.throttledMessage(seconds: seconds))
            let response = try await req.render("account", title: "Tài khoản", try await body(req, errors: errors), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        }
        let currentMatches = try await req.password.async.verify(input.current ?? "", created: user.passwordHash)
        if !currentMatches { errors.add("current", "Mật khẩu hiện tại không đúng.") }
        if let problem = Login.problem(newPassword: input.new ?? "") { errors.add("new", problem) }
        if input.new != input.confirm { errors.add("confirm", "Mật khẩu nhập lại không khớp.") }
        guard errors.isEmpty else {
            try await req.write { db in
                try await LoginThrottle.settle(keys, success: currentMatches, now: now, on: db)
                if !currentMatches {
                    try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "user.password.failed",
                                                         entityType: "user", entityID: viewer.userID,
                                                         after: "địa chỉ \(address)"), on: db)
                }
            }
            return try await req.render("account", title: "Tài khoản", try await body(req, errors: errors), status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(input.new ?? "")
        let epoch = try await req.write { db in
            try await LoginThrottle.settle(keys, success: true, now: now, on: db)
            let epoch = try await SessionEpoch.raise(userID: viewer.userID, on: db)
            try await UserModel.query(on: db).filter(\.$id == viewer.userID).set(\.$passwordHash, to: hash).update()
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "user.password",
                                                 entityType: "user", entityID: viewer.userID), on: db)
            return epoch
        }
        req.session.data["epoch"] = String(epoch)
        req.flash("Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc.")
        return req.redirect(to: "/tai-khoan?da-doi-mat-khau=1")
    }

    struct TokenInput: Content { var name: String? }

    static func createToken(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let name = (try req.content.decode(TokenInput.self)).name?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !name.isEmpty, name.count <= 80 else {
            var errors = FieldErrors()
            errors.add("tokenName", "Đặt tên cho mã truy cập (tối đa 80 ký tự), ví dụ “Báo cáo tự động”.")
            return try await req.render("account", title: "Tài khoản", try await body(req, errors: errors, tokenName: name),
                                        status: .unprocessableEntity)
        }
        let token = try await req.write { try await APITokens.issue(userID: viewer.userID, actor: viewer.username, name: name, on: $0) }
        return try await req.render("account", title: "Tài khoản", try await body(req, newToken: token))
    }

    static func revokeToken(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self),
              let token = try await APITokenModel.find(id, on: req.db), token.$user.id == viewer.userID else {
            throw Abort(.notFound)
        }
        try await req.write { db in
            token.revokedAt = Date()
            try await token.save(on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "token.revoke",
                                                 entityType: "apiToken", entityID: id), on: db)
        }
        req.flash("Đã thu hồi mã truy cập “\(token.name)”.")
        return req.redirect(to: "/tai-khoan")
    }

    /// Every token of the user at once (after a password change, when one may have leaked).
    static func revokeAllTokens(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let now = req.now
        let count = try await req.write { db in
            let tokens = try await APITokenModel.query(on: db).filter(\.$user.$id == viewer.userID).filter(\.$revokedAt == nil).all()
            guard !tokens.isEmpty else { return 0 }
            try await APITokenModel.query(on: db).filter(\.$user.$id == viewer.userID).filter(\.$revokedAt == nil)
                .set(\.$revokedAt, to: now).update()
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "token.revokeAll",
                                                 entityType: "apiToken", entityID: viewer.userID,
                                                 after: tokens.map(\.prefix).joined(separator: ",")), on: db)
            return tokens.count
        }
        req.flash(count == 0 ? "Không có mã truy cập nào để thu hồi." : "Đã thu hồi \(count) mã truy cập.")
        return req.redirect(to: "/tai-khoan")
    }
}

/// A user's session epoch (ADR 0007): raising it ends every session opened before.
enum SessionEpoch {
    /// Run inside `req.write`; returns the new epoch.
    static func raise(userID: UUID, on db: any Database) async throws -> Int {
        guard let user = try await UserModel.find(userID, on: db) else { throw Abort(.notFound) }
        user.sessionEpoch += 1
        try await user.save(on: db)
        return user.sessionEpoch
    }
}

/// Bearer tokens: shown once, stored as SHA-256.
enum APITokens {
    static func issue(userID: UUID, actor: String, name: String, on db: any Database) async throws -> String {
        let token = "qlcb_" + Secrets.token(bytes: 32)
        let model = APITokenModel()
        model.$user.id = userID
        model.name = name
        model.tokenHash = Secrets.sha256(token)
        model.prefix = String(token.prefix(10))
        try await model.create(on: db)
        try await AuditLog.append(AuditEvent(actorID: userID, actorName: actor, action: "token.create",
                                             entityType: "apiToken", entityID: model.id, after: name), on: db)
        return token
    }

    /// The user of a bearer token that has not been revoked. The token is read at every request, so a
    /// revoked one is refused at once, in one statement with the audit head; the user and their
    /// grants are kept at that head, as a web session's are (`Viewer.load(userID:at:kept:)`, ADR 0020),
    /// and the request's kept values take the head from there (`Request.auditHeadAtStart`).
    static func viewer(for token: String, request: Request) async throws -> Viewer? {
        let statement = try request.db.sql().select().columns(QuotedColumn("id"), QuotedColumn("user_id"), QuotedColumn("last_used_at"))
            .column(SQLAlias(AuditLog.headSeq, as: QuotedIdentifier("audit_head")))
            .column(SQLAlias(AuditLog.headWithoutTicketsSeq, as: QuotedIdentifier("steady_head"))).from(QuotedIdentifier(APITokenModel.schema))
            .where(QuotedColumn("token_hash"), .equal, SQLBind(Secrets.sha256(token)))
            .where(QuotedColumn("revoked_at"), .is, SQLLiteral.null).select
        guard let (id, userID, lastUsed, head, steady) = try await RawRows.all(statement: statement, on: request.db, { c in
            (try c.required("id", c.uuid), try c.required("user_id", c.uuid), try c.date("last_used_at"), try c.int("audit_head"),
             try c.int("steady_head"))
        }).first else { return nil }
        (request.auditHeadAtStart, request.headWithoutTickets) = (head, steady)
        guard let viewer = try await Viewer.load(userID: userID, at: steady, kept: request.application.keptViewers, on: request.db)
        else { return nil }
        await noteUse(of: id, lastUsed: lastUsed, request: request)
        return viewer
    }

    /// How stale a token's last use may be before it is written again: the account page shows the
    /// last use to within this, and the API's reads write nothing in between (issue 14).
    static let lastUseEvery: TimeInterval = 15 * 60

    /// Writes the token's last use (through the write gate, as a session's expiry is) when the one
    /// recorded is older than `lastUseEvery`, and only if it still is: of calls arriving together,
    /// one writes. Bookkeeping, not a change of anyone's data: no audit entry, and a failed write is
    /// logged and does not refuse the request.
    private static func noteUse(of id: UUID, lastUsed: Date?, request: Request) async {
        let now = request.now
        if let lastUsed, now.timeIntervalSince(lastUsed) < lastUseEvery { return }
        let stale = now.addingTimeInterval(-lastUseEvery)
        do {
            try await request.application.gated {
                try await APITokenModel.query(on: request.db).filter(\.$id == id)
                    .group(.or) { $0.filter(\.$lastUsedAt == nil).filter(\.$lastUsedAt <= stale) }
                    .set(\.$lastUsedAt, to: now).update()
            }
        } catch {
            request.logger.warning("Không ghi được lần dùng cuối của mã truy cập \(id.canonicalText): \(String(reflecting: error))")
        }
    }
}

extension AccountController {
    struct EmailInput: Content { var email: String? }

    /// The account's own address for the system's letters (issue 13 §3): empty removes it (the
    /// officer record's address is then used, if any). Saved with its audit entry.
    static func changeEmail(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let typed = (try req.content.decode(EmailInput.self).email ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = AccountEmail.problem(typed) {
            var errors = FieldErrors()
            errors.add("email", problem)
            return try await req.render("account", title: "Tài khoản", try await body(req, errors: errors, email: typed),
                                        status: .unprocessableEntity)
        }
        try await req.write { db in try await AccountEmail.save(typed, userID: viewer.userID, by: viewer.username, actorID: viewer.userID, on: db) }
        req.flash(typed.isEmpty ? "Đã xóa địa chỉ thư điện tử của tài khoản." : "Đã lưu địa chỉ thư điện tử.")
        return req.redirect(to: "/tai-khoan")
    }
}

/// An account's e-mail address: checked, then saved with its audit entry (by the user or the administrator).
enum AccountEmail {
    static func problem(_ text: String) -> String? {
        if text.isEmpty { return nil }
        if text.count > 254 { return "Địa chỉ thư điện tử quá dài (tối đa 254 ký tự)." }
        return OfficerDraft.looksLikeEmail(text) ? nil : "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@coquan.gov.vn)."
    }

    static func save(_ email: String, userID: UUID, by actor: String, actorID: UUID, on db: any Database) async throws {
        guard let user = try await UserModel.find(userID, on: db) else { throw Abort(.notFound) }
        guard user.email != email else { return }
        let before = user.email
        user.email = email
        try await user.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actorID, actorName: actor, action: "user.email", entityType: "user",
                                             entityID: userID, before: before, after: email), on: db)
    }
}
