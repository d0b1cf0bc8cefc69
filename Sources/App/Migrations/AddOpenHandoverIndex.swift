import Fluent
import SQLKit

/// The handovers still open (Art. 14.2), oldest first: the home page of a head shows the oldest one
/// of their agencies (`HomeTasks`). Open handovers are few whatever the years kept, so the statement
/// walks them in this order and tests each one's agency against the reach; before, SQLite put a
/// district head's 1,291 agencies in a temporary index first (0.42 ms on every view of the page,
/// bench/results/speed-issue14.md). Partial: a closed handover is never in it.
struct AddOpenHandoverIndex: AsyncMigration {
    static let name = "idx_handovers_open"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE INDEX \(name: Self.name) ON \(name: HandoverModel.schema) (opened_on, id, agency_id) WHERE closed_at IS NULL
            """).run()
        try await SQLiteStatistics.gather(table: HandoverModel.schema, on: database)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: Self.name).run()
    }
}
