import Fluent
import SQLKit
import SQLiteKit

/// SQLite chooses an index from the statistics ANALYZE stores (PostgreSQL gathers its own). Without
/// them it prefers an index that gives the list's order — the whole year's — over an officer's few
/// tickets, and a list takes a second instead of a millisecond.
enum SQLiteStatistics {
    /// Full statistics: after migrations and bulk loads (about 1.5 s for 2,000,000 tickets); or those
    /// of one table, after a migration that indexes only it.
    static func gather(table: String? = nil, on db: any Database) async throws {
        guard db is any SQLiteDatabase, let sql = db as? any SQLDatabase else { return }
        if let table { try await sql.raw("ANALYZE \(name: table)").run() } else { try await sql.raw("ANALYZE").run() }
    }

    /// At start-up: refreshes statistics that the data has outgrown; usually does nothing.
    static func refresh(on db: any Database) async throws {
        guard db is any SQLiteDatabase, let sql = db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA optimize").run()
    }
}
