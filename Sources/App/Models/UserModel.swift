import Domain
import Fluent
import Foundation

/// A local account. Passwords are bcrypt hashes; repeated failures lock the account.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "full_name") var fullName: String
    @Field(key: "password_hash") var passwordHash: String
    @OptionalField(key: "officer_id") var officerID: UUID?
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "is_active") var isActive: Bool
    /// Copied into a session at login; raising it ends every session opened before.
    @Field(key: "session_epoch") var sessionEpoch: Int
    /// Where the system's letters go (issue 13 §3); empty: none are written to this account.
    @Field(key: "email") var email: String
    @Children(for: \.$user) var grants: [RoleGrantModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(username: String, fullName: String, passwordHash: String, officerID: UUID? = nil) {
        self.username = username
        self.fullName = fullName
        self.passwordHash = passwordHash
        self.officerID = officerID
        self.failedLogins = 0
        self.isActive = true
        self.sessionEpoch = 0
        self.email = ""
    }
}

final class RoleGrantModel: Model, @unchecked Sendable {
    static let schema = "role_grants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "role") var role: String
    @OptionalField(key: "agency_id") var agencyID: UUID?

    init() {}

    init(userID: UUID, role: Role, agencyID: UUID?) {
        self.$user.id = userID
        self.role = role.rawValue
        self.agencyID = agencyID
    }

    var grant: RoleGrant? { Role(rawValue: role).map { RoleGrant(role: $0, agencyID: agencyID) } }
}

/// A bearer token for the API; only its SHA-256 is stored.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "prefix") var prefix: String
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// The regulation profiles; exactly one is active.
final class ProfileModel: Model, @unchecked Sendable {
    static let schema = "regulation_profiles"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "body") var body: String
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
