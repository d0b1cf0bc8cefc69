import Fluent
import SQLKit

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema)
            .id()
            .field("seq", .int64, .required)
            .field("at", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .uuid)
            .field("before", .string, .required)
            .field("after", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
        // The head of the chain: one row, updated by every append so that writers serialise.
        try await database.schema(AuditLog.headTable)
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.insert(into: AuditLog.headTable)
            .columns("id", "seq", "hash").values(SQLLiteral.numeric("1"), SQLLiteral.numeric("0"), SQLBind(AuditLog.genesis))
            .run()
        try await Indexes.create(on: database, table: AuditEntryModel.schema, columns: ["entity_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditLog.headTable).delete()
        try await database.schema(AuditEntryModel.schema).delete()
    }
}
