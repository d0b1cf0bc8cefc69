import Domain
import Fluent
import SQLKit

/// The tickets finished and not yet confirmed (Form 3 §III, Art. 13.3), by agency, newest first: what
/// a head's dashboard counts and lists (`TicketQueries.awaitingConfirmation`). Without it SQLite read
/// every finished ticket of the head's agencies from the table (11,673 for the head of Dĩ An among
/// 1.9 M tickets: 0.4 s of the dashboard, ADR 0017). Partial, so it holds only the finished tickets
/// still waiting, and covering (the officer and the status are in it: SQLite tests the status again),
/// so neither the count nor the page reads a row.
struct AddAwaitingConfirmationIndex: AsyncMigration {
    static let name = "idx_work_tickets_awaiting_confirmation"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE INDEX \(name: Self.name) ON \(name: WorkTicketModel.schema) (agency_id, requested_on, id, officer_id, status)
            WHERE status = \(literal: TicketStatus.done.rawValue)
            """).run()
        try await SQLiteStatistics.gather(table: WorkTicketModel.schema, on: database)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: Self.name).run()
    }
}
