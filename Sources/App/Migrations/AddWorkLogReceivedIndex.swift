import Fluent

/// The provincial authority's ticket list asks, for each year, how many work logs it has received
/// (`TicketQueries.receivedYears`, issue 14): this index answers by year without reading every log.
struct AddWorkLogReceivedIndex: IndexMigration {
    static let table = WorkLogModel.schema
    static let columns = ["year", "received_at"]
}
