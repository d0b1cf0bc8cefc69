import Fluent
import Vapor

enum AccountController {
    static func register(_ routes: any RoutesBuilder) {
        let account = routes.grouped("tai-khoan")
        account.get(use: show)
        account.post("mat-khau", use: changePassword)
        account.post("token", use: createToken)
        account.post("token", ":id", "thu-hoi", use: revokeToken)
    }

    struct TokenRow: Encodable, Sendable { var id: String, name: String, prefix: String, created: String, lastUsed: String }

    struct Body: Encodable, Sendable {
        var username: String
        var roles: [String]
        var tokens: [TokenRow]
        var newToken: String?
        var errors: FieldErrors
        var tokenName: String
    }

    static func body(_ req: Request, newToken: String? = nil, errors: FieldErrors = .init(), tokenName: String = "") async throws -> Body {
        let viewer = try req.requireViewer()
        var roles: [String] = []
        for grant in viewer.grants {
            var label = grant.role.label
            if let id = grant.agencyID, let agency = try await AgencyModel.find(id, on: req.db) { label += " — " + agency.name }
            roles.append(label)
        }
        let tokens = try await APITokenModel.query(on: req.db).filter(\.$user.$id == viewer.userID)
            .filter(\.$revokedAt == nil).sort(\.$createdAt, .descending).all()
        return Body(username: viewer.username, roles: roles, tokens: tokens.map {
            TokenRow(id: $0.id!.uuidString, name: $0.name, prefix: $0.prefix,
                     created: $0.createdAt.map { HistoryRow.local(AuditLog.timestamp($0)) } ?? "",
                     lastUsed: $0.lastUsedAt.map { HistoryRow.local(AuditLog.timestamp($0)) } ?? "Chưa dùng")
        }, newToken: newToken, errors: errors, tokenName: tokenName)
    }

    static func show(req: Request) async throws -> Response {
        try await req.render("account", title: "Tài khoản", try await body(req))
    }

    struct PasswordInput: Content { var current: String?; var new: String?; var confirm: String? }

    static func changePassword(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let input = try req.content.decode(PasswordInput.self)
        var errors = FieldErrors()
        guard let user = try await UserModel.find(viewer.userID, on: req.db) else { throw Abort(.notFound) }
        if !(try await req.password.async.verify(input.current ?? "", created: user.passwordHash)) {
            errors.add("current", "Mật khẩu hiện tại không đúng.")
        }
        if let problem = Login.problem(newPassword: input.new ?? "") { errors.add("new", problem) }
        if input.new != input.confirm { errors.add("confirm", "Mật khẩu nhập lại không khớp.") }
        guard errors.isEmpty else {
            return try await req.render("account", title: "Tài khoản", try await body(req, errors: errors), status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(input.new ?? "")
        try await req.write { db in
            try await UserModel.query(on: db).filter(\.$id == viewer.userID).set(\.$passwordHash, to: hash).update()
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "user.password",
                                                 entityType: "user", entityID: viewer.userID), on: db)
        }
        req.flash("Đã đổi mật khẩu.")
        return req.redirect(to: "/tai-khoan")
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

    static func viewer(for token: String, on db: any Database) async throws -> Viewer? {
        try await Viewer.load(tokenHash: Secrets.sha256(token), on: db)
    }
}
