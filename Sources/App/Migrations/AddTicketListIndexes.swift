import Fluent
import SQLKit

/// Indexes for the ticket lists (issue 3 §8), found by the work-log benchmark. A list is ordered by
/// (request date, id), so indexes that end with both let the database stop after one page instead of
/// sorting every ticket of the last date; the task group is the usual province-wide filter. Tickets
/// requested by a user are few among millions without a requester, so that index leaves the others out
/// (otherwise SQLite's statistics count it as useless). SQLite's planner needs those statistics to
/// prefer an officer's or an agency's index over the year's: the migration gathers them.
struct AddTicketListIndexes: AsyncMigration {
    static let added = [["year", "requested_on", "id"], ["year", "task_group", "requested_on", "id"], ["officer_id", "requested_on", "id"]]
    static let replaced = [["year", "requested_on"], ["officer_id", "requested_on"], ["requester_user_id"]]
    static let requester = "idx_work_tickets_requested_by_user"

    func prepare(on database: any Database) async throws {
        let table = WorkTicketModel.schema
        for columns in Self.added { try await Indexes.create(on: database, table: table, columns: columns) }
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE INDEX \(name: Self.requester) ON \(name: table) (requester_user_id, requested_on, id)
            WHERE requester_user_id IS NOT NULL
            """).run()
        for columns in Self.replaced { try await Indexes.drop(on: database, table: table, columns: columns) }
        try await SQLiteStatistics.gather(on: database)
    }

    func revert(on database: any Database) async throws {
        let table = WorkTicketModel.schema
        for columns in Self.replaced { try await Indexes.create(on: database, table: table, columns: columns) }
        if let sql = database as? any SQLDatabase { try await sql.drop(index: Self.requester).run() }
        for columns in Self.added { try await Indexes.drop(on: database, table: table, columns: columns) }
    }
}
