import Domain
import Fluent
import Vapor

/// Accounts and role grants; managed by the administrator, each change audited.
enum UserService {
    static func validate(username: String, fullName: String, password: String) -> FieldErrors {
        var errors = FieldErrors()
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        if name.count < 3 || name.count > 40 || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            errors.add("username", "Tên đăng nhập 3–40 ký tự, chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.")
        }
        if VietnameseText.normalize(fullName).isEmpty { errors.add("fullName", "Nhập họ và tên.") }
        if let problem = Login.problem(newPassword: password) { errors.add("password", problem) }
        return errors
    }

    /// Checks a grant: agency-scoped roles name an existing agency; an IT officer grant names the
    /// officer record it is bound to through the user.
    static func checkGrant(_ grant: RoleGrant, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if grant.role.isAgencyScoped {
            if let id = grant.agencyID {
                if try await AgencyModel.find(id, on: db) == nil { errors.add("agencyID", "Không tìm thấy cơ quan.") }
            } else {
                errors.add("agencyID", "Vai trò “\(grant.role.label)” cần chọn cơ quan.")
            }
        }
        return errors
    }

    static func create(username: String, fullName: String, passwordHash: String, grants: [RoleGrant],
                       officerID: UUID?, actor: (UUID?, String), on db: any Database) async throws -> UserModel {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        if try await UserModel.query(on: db).filter(\.$username == name).first() != nil {
            var errors = FieldErrors()
            errors.add("username", "Tên đăng nhập đã có người dùng.")
            throw errors
        }
        for grant in grants {
            let errors = try await checkGrant(grant, on: db)
            if !errors.isEmpty { throw errors }
        }
        let user = UserModel(username: name, fullName: VietnameseText.normalize(fullName), passwordHash: passwordHash,
                             officerID: officerID)
        try await user.create(on: db)
        for grant in grants {
            try await RoleGrantModel(userID: user.id!, role: grant.role, agencyID: grant.agencyID).create(on: db)
        }
        try await AuditLog.append(AuditEvent(actorID: actor.0, actorName: actor.1, action: "user.create", entityType: "user",
                                             entityID: user.id,
                                             after: grants.map { "\($0.role.rawValue)@\($0.agencyID?.canonicalText ?? "-")" }
                                                 .joined(separator: ",")), on: db)
        return user
    }

    /// Nobody grants or revokes their own roles (issue 10 §4.5): the administrator could otherwise
    /// make itself an editor of agencies and grades.
    static let ownRolesReason = "Không ai được tự cấp hoặc thu hồi vai trò của chính mình. Hãy nhờ một quản trị viên khác."

    static func addGrant(_ grant: RoleGrant, to userID: UUID, actor: Viewer, on db: any Database) async throws {
        guard userID != actor.userID else { throw Abort(.forbidden, reason: ownRolesReason) }
        let errors = try await checkGrant(grant, on: db)
        if !errors.isEmpty { throw errors }
        try await RoleGrantModel(userID: userID, role: grant.role, agencyID: grant.agencyID).create(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "user.grant",
                                             entityType: "user", entityID: userID,
                                             after: "\(grant.role.rawValue)@\(grant.agencyID?.canonicalText ?? "-")"), on: db)
    }

    static func removeGrant(_ grantID: UUID, from userID: UUID, actor: Viewer, on db: any Database) async throws {
        guard userID != actor.userID else { throw Abort(.forbidden, reason: ownRolesReason) }
        guard let grant = try await RoleGrantModel.find(grantID, on: db), grant.$user.id == userID else { throw NotFound() }
        try await grant.delete(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "user.revoke",
                                             entityType: "user", entityID: userID,
                                             before: "\(grant.role)@\(grant.agencyID?.canonicalText ?? "-")"), on: db)
    }
}
