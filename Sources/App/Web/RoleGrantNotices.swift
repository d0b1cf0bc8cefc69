import Domain
import Fluent
import Vapor

/// Grants of a role that edits agencies or grades (`Role.editsRegistryOrGrades`), read from the audit
/// log and shown on the dashboard of the authority's leadership (issue 10 §4.5): no such grant, by
/// the administrator or by `qlcb create-user`, goes unnoticed.
enum RoleGrantNotices {
    struct Row: Hashable, Encodable, Sendable {
        var at: String
        var grantor: String
        var role: String
        var grantee: String
    }

    static func recent(limit: Int = 10, on db: any Database) async throws -> [Row] {
        // `user.create` lists the new account's grants, `user.grant` the one granted: `role@agency,…`.
        let entries = try await AuditEntryModel.query(on: db).filter(\.$action ~~ ["user.grant", "user.create"])
            .sort(\.$seq, .descending).limit(200).all()
        var found: [(entry: AuditEntryModel, role: Role)] = []
        for entry in entries where found.count < limit {
            for part in entry.after.split(separator: ",") {
                if let role = Role(rawValue: String(part.prefix { $0 != "@" })), role.editsRegistryOrGrades {
                    found.append((entry, role))
                }
            }
        }
        let ids = Array(Set(found.compactMap(\.entry.entityID)))
        let users = ids.isEmpty ? [] : try await UserModel.query(on: db).filter(\.$id ~~ ids).all()
        let names = Dictionary(users.compactMap { u in u.id.map { ($0, "\(u.username) (\(u.fullName))") } }, uniquingKeysWith: { a, _ in a })
        let grantors = try await AuditNames.load(for: found.map(\.entry), on: db)
        return found.prefix(limit).map {
            Row(at: HistoryRow.local($0.entry.at), grantor: grantors.actor(of: $0.entry), role: $0.role.label,
                grantee: $0.entry.entityID.flatMap { names[$0] } ?? "—")
        }
    }
}
