import Fluent

/// The leadership's dashboard lists the latest role grants from the audit log: `(action, seq)` finds
/// them without reading the whole log.
struct AddAuditLogActionIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await Indexes.create(on: database, table: AuditEntryModel.schema, columns: ["action", "seq"])
    }

    func revert(on database: any Database) async throws {
        try await Indexes.drop(on: database, table: AuditEntryModel.schema, columns: ["action", "seq"])
    }
}
