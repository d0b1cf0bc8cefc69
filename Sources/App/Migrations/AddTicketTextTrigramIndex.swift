import Fluent
import SQLKit

/// A ticket list searched for a text (`search_folded LIKE '%…%'`, D14) on PostgreSQL walked the
/// tickets newest first and tested each one's text, to the end of the scope when few hold it
/// (issue 14). A trigram index (`pg_trgm`, GIN) lets the planner read the holders from the index
/// instead when it expects few of them (ADR 0017); SQLite has its own index of ticket words
/// (`AddTicketWordIndexSQLite`). Without the extension the searches stay correct, only slower.
struct AddTicketTextTrigramIndex: AsyncMigration {
    static let name = "idx_work_tickets_search_folded_trgm"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        guard try await AddNameTrigramIndexes.trigramsAvailable(sql) else {
            database.logger.warning("Không có phần mở rộng pg_trgm: tìm phiếu theo nội dung vẫn đúng nhưng chậm hơn (ADR 0017).")
            return
        }
        try await AddNameTrigramIndexes.create(Self.name, on: WorkTicketModel.schema, column: "search_folded", sql)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP INDEX IF EXISTS \(name: Self.name)").run()
    }
}
