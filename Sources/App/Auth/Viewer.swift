import Domain
import Fluent
import Vapor

/// The signed-in person, with their role grants, for one request.
struct Viewer: Sendable {
    let userID: UUID
    let username: String
    let fullName: String
    let officerID: UUID?
    let grants: [RoleGrant]
    let policy: AccessPolicy

    var roles: Set<Role> { Set(grants.map(\.role)) }
    var agencyIDs: [UUID] { grants.compactMap(\.agencyID) }

    var auditActor: (UUID?, String) { (userID, username) }

    static func load(userID: UUID, on db: any Database) async throws -> Viewer? {
        guard let user = try await UserModel.find(userID, on: db), user.isActive else { return nil }
        let grants = try await RoleGrantModel.query(on: db).filter(\.$user.$id == userID).all().compactMap(\.grant)
        var districts: [UUID: String] = [:]
        for grant in grants where grant.role == .districtITBody {
            if let id = grant.agencyID, let agency = try await AgencyModel.find(id, on: db) {
                districts[id] = agency.district
            }
        }
        let policy = AccessPolicy(grants: grants, districtsOfGrantAgencies: districts, officerID: user.officerID)
        return Viewer(userID: userID, username: user.username, fullName: user.fullName,
                      officerID: user.officerID, grants: grants, policy: policy)
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
    func denied(_ what: String, entityID: UUID? = nil) async -> any Error {
        let event = AuditEvent(actorID: viewer?.userID, actorName: viewer?.username ?? "(khách)",
                               action: "permission.denied", entityType: what, entityID: entityID,
                               after: "\(method.rawValue) \(url.path)")
        do { try await write { try await AuditLog.append(event, on: $0) } } catch {
            logger.error("Không ghi được nhật ký từ chối truy cập: \(error)")
        }
        return Abort(.forbidden, reason: "Bạn không có quyền thực hiện thao tác này.")
    }
}
