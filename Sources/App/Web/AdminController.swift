import Domain
import Fluent
import SQLKit
import Vapor

/// Accounts, the regulation profile and the audit log: the administrator's pages.
enum AdminController {
    static func register(_ routes: any RoutesBuilder) {
        let admin = routes.grouped("quan-tri").grouped(AdminOnly())
        admin.get("nguoi-dung", use: users)
        admin.post("nguoi-dung", use: createUser)
        admin.get("nguoi-dung", ":id", use: user)
        admin.post("nguoi-dung", ":id", "quyen", use: addGrant)
        admin.post("nguoi-dung", ":id", "quyen", ":grant", "xoa", use: removeGrant)
        admin.post("nguoi-dung", ":id", "trang-thai", use: setActive)
        admin.post("nguoi-dung", ":id", "mat-khau", use: resetPassword)
        admin.post("nguoi-dung", ":id", "thu-dien-tu", use: changeEmail)
        ProfileAdmin.register(admin)
        admin.get("nhat-ky", use: audit)
    }

    struct AdminOnly: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            guard request.viewer?.policy.managesAccounts == true else { throw await request.denied("admin") }
            return try await next.respond(to: request)
        }
    }

    struct UserRow: Encodable, Sendable { var id: String, username: String, fullName: String, roles: String, isActive: Bool, locked: Bool }

    struct NewUser: Content {
        var username: String = ""
        var fullName: String = ""
        var password: String = ""
        var role: String = ""
        var agencyID: String = ""
        var officerID: String = ""

        init() {}

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            username = c.text(.username); fullName = c.text(.fullName); password = c.text(.password)
            role = c.text(.role); agencyID = c.text(.agencyID); officerID = c.text(.officerID)
        }
    }

    struct UsersBody: Encodable, Sendable {
        var rows: [UserRow]
        var paging: Paging
        var q: String
        var input: NewUser
        var errors: FieldErrors
        var roles: [Choice]
        var agencyChoice: AgencyChoice
    }

    /// The choice of an account's agency, narrowed by the name searched for on the page `action`.
    static func agencyChoice(_ req: Request, selected: String, action: String) async throws -> AgencyChoice {
        try await req.agencyChoice(try await AgencyOptions.active(req),
                                   placeholder: "— Không gắn cơ quan —", selected: selected, action: action)
    }

    static func usersPage(_ req: Request, input: NewUser = .init(), errors: FieldErrors = .init(),
                          status: HTTPStatus = .ok) async throws -> Response {
        let q = try req.searchText()
        var paging = try req.paging(fixedPer: 50)
        let query = UserModel.query(on: req.db).with(\.$grants)
        if !q.isEmpty { query.filter(\.$username ~~ q.lowercased()) }
        paging.total = try await query.count()
        let users = try await query.sort(\.$username).range(paging.offset..<(paging.offset + paging.per)).all()
        let blocked = try await LoginThrottle.blockedAccounts(users.map(\.username), now: req.now, on: req.db)
        let rows = users.map { u in
            UserRow(id: u.id!.canonicalText, username: u.username, fullName: u.fullName,
                    roles: Set(u.grants.compactMap { Role(rawValue: $0.role)?.label }).sorted().joined(separator: "; "),
                    isActive: u.isActive, locked: blocked.contains(u.username))
        }
        return try await req.render("admin/users", title: "Người dùng", active: "/quan-tri/nguoi-dung", UsersBody(
            rows: rows, paging: paging, q: q, input: input, errors: errors,
            roles: Choice.list(Role.self, selected: input.role, label: \.label),
            agencyChoice: try await agencyChoice(req, selected: input.agencyID, action: "/quan-tri/nguoi-dung")), status: status)
    }

    static func users(req: Request) async throws -> Response { try await usersPage(req) }

    static func createUser(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        var input = try req.content.decode(NewUser.self)
        var errors = UserService.validate(username: input.username, fullName: input.fullName, password: input.password)
        let role = Role(rawValue: input.role)
        if role == nil { errors.add("role", "Chọn vai trò.") }
        let officerID = UUID(uuidString: input.officerID.trimmingCharacters(in: .whitespaces))
        if !input.officerID.isEmpty, officerID == nil { errors.add("officerID", "Mã hồ sơ cán bộ không hợp lệ.") }
        if role == .itOfficer, officerID == nil { errors.add("officerID", "Tài khoản cán bộ CNTT cần gắn với hồ sơ cán bộ.") }
        if let officerID, try await OfficerModel.find(officerID, on: req.db) == nil {
            errors.add("officerID", "Không tìm thấy hồ sơ cán bộ.")
        }
        input.password = ""
        guard errors.isEmpty, let role else { return try await usersPage(req, input: input, errors: errors, status: .unprocessableEntity) }
        let hash = try await req.password.async.hash(try req.content.decode(NewUser.self).password)
        let grant = RoleGrant(role: role, agencyID: UUID(uuidString: input.agencyID))
        let (username, fullName) = (input.username, input.fullName)
        do {
            let user = try await req.write { try await UserService.create(
                username: username, fullName: fullName, passwordHash: hash, grants: [grant],
                officerID: officerID, actor: viewer.auditActor, on: $0) }
            req.flash("Đã tạo tài khoản “\(user.username)”.")
            return req.redirect(to: "/quan-tri/nguoi-dung/\(user.id!.canonicalText)")
        } catch let errors as FieldErrors {
            return try await usersPage(req, input: input, errors: errors, status: .unprocessableEntity)
        }
    }

    struct GrantRow: Encodable, Sendable { var id: String, role: String, agency: String }

    struct UserBody: Encodable, Sendable {
        var id: String, username: String, fullName: String, isActive: Bool, locked: Bool, officerID: String
        /// The administrator's own account: its roles are changed by another administrator only.
        var isSelf: Bool
        var grants: [GrantRow]
        var roles: [Choice]
        var agencyChoice: AgencyChoice
        var errors: FieldErrors
        /// The account's address for the system's letters (issue 13 §3), as saved or as just typed.
        var email = ""
    }

    static func userPage(_ req: Request, errors: FieldErrors = .init(), status: HTTPStatus = .ok, email: String? = nil) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await UserModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        var grants: [GrantRow] = []
        for grant in try await RoleGrantModel.query(on: req.db).filter(\.$user.$id == id).all() {
            let agency = try await grant.agencyID.asyncMap { try await AgencyModel.find($0, on: req.db)?.name } ?? nil
            grants.append(GrantRow(id: grant.id!.canonicalText, role: Role(rawValue: grant.role)?.label ?? grant.role,
                                   agency: agency ?? "—"))
        }
        return try await req.render("admin/user", title: user.username, active: "/quan-tri/nguoi-dung", UserBody(
            id: id.canonicalText, username: user.username, fullName: user.fullName, isActive: user.isActive,
            locked: try await LoginThrottle.blockedAccounts([user.username], now: req.now, on: req.db).contains(user.username),
            officerID: user.officerID?.canonicalText ?? "", isSelf: id == req.viewer?.userID,
            grants: grants, roles: Choice.list(Role.self, selected: nil, label: \.label),
            agencyChoice: try await agencyChoice(req, selected: AgencyOptions.posted(req), action: "/quan-tri/nguoi-dung/\(id.canonicalText)"), errors: errors, email: email ?? user.email), status: status)
    }

    static func user(req: Request) async throws -> Response { try await userPage(req) }

    struct GrantInput: Content { var role: String?; var agencyID: String? }

    static func addGrant(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        if id == viewer.userID { throw await req.denied("roleGrant", entityID: id, reason: UserService.ownRolesReason) }
        let input = try req.content.decode(GrantInput.self)
        guard let role = Role(rawValue: input.role ?? "") else {
            var errors = FieldErrors()
            errors.add("role", "Chọn vai trò.")
            return try await userPage(req, errors: errors, status: .unprocessableEntity)
        }
        do {
            try await req.write { try await UserService.addGrant(RoleGrant(role: role, agencyID: UUID(uuidString: input.agencyID ?? "")),
                                                                  to: id, actor: viewer, on: $0) }
        } catch let errors as FieldErrors {
            return try await userPage(req, errors: errors, status: .unprocessableEntity)
        }
        req.flash("Đã cấp vai trò.")
        return req.redirect(to: "/quan-tri/nguoi-dung/\(id.canonicalText)")
    }

    static func removeGrant(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self), let grant = req.parameters.get("grant", as: UUID.self) else {
            throw Abort(.notFound)
        }
        if id == viewer.userID { throw await req.denied("roleGrant", entityID: id, reason: UserService.ownRolesReason) }
        try await req.write { try await UserService.removeGrant(grant, from: id, actor: viewer, on: $0) }
        req.flash("Đã thu hồi vai trò.")
        return req.redirect(to: "/quan-tri/nguoi-dung/\(id.canonicalText)")
    }

    struct ActiveInput: Content { var active: String? }

    static func setActive(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await UserModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let active = (try req.content.decode(ActiveInput.self)).active == "1"
        if id == viewer.userID && !active {
            req.flash("Không thể tự khóa tài khoản của chính mình.")
            return req.redirect(to: "/quan-tri/nguoi-dung/\(id.canonicalText)")
        }
        try await req.write { db in
            user.isActive = active
            user.lockedUntil = nil
            user.failedLogins = 0
            try await user.save(on: db)
            try await LoginThrottle.clear(username: user.username, on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username,
                                                 action: active ? "user.activate" : "user.deactivate",
                                                 entityType: "user", entityID: id), on: db)
        }
        req.flash(active ? "Đã mở khóa tài khoản." : "Đã khóa tài khoản.")
        return req.redirect(to: "/quan-tri/nguoi-dung/\(id.canonicalText)")
    }

    struct PasswordInput: Content { var password: String? }

    static func resetPassword(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self), try await UserModel.find(id, on: req.db) != nil else {
            throw Abort(.notFound)
        }
        let password = (try req.content.decode(PasswordInput.self)).password ?? ""
        if let problem = Login.problem(newPassword: password) {
            var errors = FieldErrors()
            errors.add("password", problem)
            return try await userPage(req, errors: errors, status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(password)
        try await req.write { db in
            // The user's sessions end (ADR 0007) and the login throttle starts again.
            _ = try await SessionEpoch.raise(userID: id, on: db)
            try await UserModel.query(on: db).filter(\.$id == id).set(\.$passwordHash, to: hash)
                .set(\.$failedLogins, to: 0).set(\.$lockedUntil, to: nil).update()
            if let user = try await UserModel.find(id, on: db) { try await LoginThrottle.clear(username: user.username, on: db) }
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "user.resetPassword",
                                                 entityType: "user", entityID: id), on: db)
        }
        req.flash("Đã đặt lại mật khẩu.")
        return req.redirect(to: "/quan-tri/nguoi-dung/\(id.canonicalText)")
    }

    struct AuditBody: Encodable, Sendable { var rows: [AuditSentence]; var paging: Paging }

    /// The administrator reads who did what, to which record and when, as sentences (the fields an
    /// edit changed, never the stored before/after content).
    ///
    /// The entries are read as plain rows, and their count is kept while the audit head stays (it moves
    /// only by an entry): the log grows by every write, and counting it at each view cost more with each.
    static func audit(req: Request) async throws -> Response {
        var paging = try req.paging(fixedPer: 50)
        let kept = try await req.keptReadsAtHead()
        paging.total = try await kept.reads.total(try KeptReads.count(from: QuotedIdentifier(AuditEntryModel.schema), [], on: req.db),
                                                  at: kept.head, on: req.db)
        let entries = try await AuditEntryModel.newest(limit: paging.per, offset: paging.offset, on: req.db)
        return try await req.render("admin/audit", title: "Nhật ký hệ thống", active: "/quan-tri/nhat-ky", AuditBody(
            rows: try await AuditSentence.all(entries, on: req.db), paging: paging))
    }
}

extension AdminController {
    /// The administrator sets an account's address for the system's letters (checked and audited as
    /// when the user sets it on "Tài khoản").
    static func changeEmail(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self), try await UserModel.find(id, on: req.db) != nil else {
            throw Abort(.notFound)
        }
        let typed = (try req.content.decode(AccountController.EmailInput.self).email ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = AccountEmail.problem(typed) {
            var errors = FieldErrors()
            errors.add("email", problem)
            return try await userPage(req, errors: errors, status: .unprocessableEntity, email: typed)
        }
        try await req.write { db in try await AccountEmail.save(typed, userID: id, by: viewer.username, actorID: viewer.userID, on: db) }
        req.flash("Đã lưu địa chỉ thư điện tử của tài khoản.")
        return req.redirect(to: "/quan-tri/nguoi-dung/\(id.canonicalText)")
    }
}
