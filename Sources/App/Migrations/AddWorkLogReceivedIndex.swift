import Fluent

/// The provincial authority's ticket list asks, for each year, how many work logs it has received
/// (`TicketQueries.receivedYears`, issue 14): this index answers by year without reading every log.
struct AddWorkLogReceivedIndex: AsyncMigration {
    static let columns = ["year", "received_at"]

    func prepare(on database: any Database) async throws {
        try await Indexes.create(on: database, table: WorkLogModel.schema, columns: Self.columns)
        try await SQLiteStatistics.gather(table: WorkLogModel.schema, on: database)
    }

    func revert(on database: any Database) async throws {
        try await Indexes.drop(on: database, table: WorkLogModel.schema, columns: Self.columns)
    }
}
