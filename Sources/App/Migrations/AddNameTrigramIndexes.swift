import Fluent
import SQLKit

/// Searches by name (`name_folded LIKE '%…%'`, issue 14) on PostgreSQL read every agency or officer:
/// a trigram index (`pg_trgm`, GIN) lets the planner find the matches from the index (ADR 0017).
/// Nothing on SQLite, which has no such index for LIKE (its searches scan the list's covering index).
/// Where the extension cannot be had — not shipped with the server, or a role without the right to
/// create it — the migration says so in the log and the searches stay correct, only slower.
struct AddNameTrigramIndexes: AsyncMigration {
    static let tables = [AgencyModel.schema, OfficerModel.schema]

    static func indexName(_ table: String) -> String { "idx_\(table)_name_folded_trgm" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        guard try await Self.trigramsAvailable(sql) else {
            database.logger.warning("Không có phần mở rộng pg_trgm: tìm kiếm theo tên vẫn đúng nhưng chậm hơn (ADR 0017).")
            return
        }
        for table in Self.tables { try await Self.create(Self.indexName(table), on: table, column: "name_folded", sql) }
    }

    /// The extension (if this database does not have it yet), then a GIN trigram index of `column`.
    static func create(_ name: String, on table: String, column: String, _ sql: any SQLDatabase) async throws {
        try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS \(name: name) ON \(name: table) USING gin (\(name: column) gin_trgm_ops)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for table in Self.tables { try await sql.raw("DROP INDEX IF EXISTS \(name: Self.indexName(table))").run() }
    }

    /// Installed already, or shipped with the server and this role may create it in this database
    /// (pg_trgm is a trusted extension: the database's owner or a role with CREATE on it may).
    static func trigramsAvailable(_ sql: any SQLDatabase) async throws -> Bool {
        let row = try await sql.raw("""
            SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS installed,
                   EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') AS shipped,
                   has_database_privilege(current_database(), 'CREATE') AS may_create
            """).first()
        guard let row else { return false }
        let installed = try row.decode(column: "installed", as: Bool.self)
        let shipped = try row.decode(column: "shipped", as: Bool.self)
        let mayCreate = try row.decode(column: "may_create", as: Bool.self)
        return installed || (shipped && mayCreate)
    }
}
