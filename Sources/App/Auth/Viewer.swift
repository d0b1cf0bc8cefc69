import Domain
import Fluent
import SQLKit
import Vapor

/// The signed-in person, with their role grants, for one request.
struct Viewer: Sendable {
    let userID: UUID
    let username: String
    let fullName: String
    let officerID: UUID?
    let grants: [RoleGrant]
    let policy: AccessPolicy
    /// Sessions opened before the user's epoch was raised (password change) are no longer valid.
    var sessionEpoch = 0

    var roles: Set<Role> { Set(grants.map(\.role)) }
    var agencyIDs: [UUID] { grants.compactMap(\.agencyID) }

    var auditActor: (UUID?, String) { (userID, username) }

    /// The signed-in user of a web session or of an API token, kept in `kept` while its head stays at
    /// `head` (the head without tickets the request read with its session or token; nil: read every
    /// time). A change to an account, its grants or password, and to an agency, is an audited write
    /// other than a ticket's, which moves that head (ADR 0020, forty-second part): the user's statement
    /// was one of a list page's three, and was read again after every ticket in the province.
    static func load(userID: UUID, at head: Int?, kept: KeptReads, on db: any Database) async throws -> Viewer? {
        guard let head else { return try await load(userID: userID, on: db) }
        return try await kept.value("viewer \(userID)", readAfter: head) { try await load(userID: userID, on: db) }
    }

    /// The user and their grants in one statement (nil when the account is locked).
    static func load(userID: UUID, on db: any Database) async throws -> Viewer? {
        struct Row: Sendable { var id: UUID, username, fullName: String, officerID: UUID?, active: Bool, epoch: Int, grant: RoleGrant? }
        let rows = try await RawRows.all("""
            SELECT u.id, u.username, u.full_name, u.officer_id, u.is_active, u.session_epoch, g.role, g.agency_id
            FROM \(name: UserModel.schema) u LEFT JOIN \(name: RoleGrantModel.schema) g ON g.user_id = u.id WHERE u.id = \(bind: userID)
            """, on: db) { c in
            Row(id: try c.required("id", c.uuid), username: try c.string("username", default: ""),
                fullName: try c.string("full_name", default: ""), officerID: try c.uuid("officer_id"),
                active: try c.bool("is_active") ?? false, epoch: try c.int("session_epoch") ?? 0,
                grant: try c.string("role").flatMap(Role.init(rawValue:)).map { RoleGrant(role: $0, agencyID: try c.uuid("agency_id")) })
        }
        guard let user = rows.first, user.active else { return nil }
        let grants = rows.compactMap(\.grant)
        var districts: [UUID: String] = [:]
        for grant in grants where grant.role == .districtITBody {
            if let id = grant.agencyID, let agency = try await AgencyModel.find(id, on: db) {
                districts[id] = agency.district
            }
        }
        let policy = AccessPolicy(grants: grants, districtsOfGrantAgencies: districts, officerID: user.officerID)
        return Viewer(userID: user.id, username: user.username, fullName: user.fullName,
                      officerID: user.officerID, grants: grants, policy: policy, sessionEpoch: user.epoch)
    }
}

extension Request {
    private struct ViewerKey: StorageKey { typealias Value = Viewer }
    var viewer: Viewer? {
        get { storage[ViewerKey.self] }
        set { storage[ViewerKey.self] = newValue }
    }

    func requireViewer() throws -> Viewer {
        guard let viewer else { throw Abort(.unauthorized, reason: "Bạn cần đăng nhập.") }
        return viewer
    }

    /// Writes the refusal to the audit log (issue 2 §7) and returns the error to throw.
    func denied(_ what: String, entityID: UUID? = nil,
                reason: String = "Bạn không có quyền thực hiện thao tác này.") async -> any Error {
        let event = AuditEvent(actorID: viewer?.userID, actorName: viewer?.username ?? "(khách)",
                               action: "permission.denied", entityType: what, entityID: entityID,
                               after: "\(method.rawValue) \(url.path)")
        do { try await write { try await AuditLog.append(event, on: $0) } } catch {
            logger.error("Không ghi được nhật ký từ chối truy cập: \(error)")
        }
        return Abort(.forbidden, reason: reason)
    }
}
