import Fluent

/// A year's tickets newest first, with their agency (issue 14, twenty-fifth part): a head's ticket
/// list (and the API's) walks each year's tickets in this order, all of them or those of one task
/// group, and tests each one's agency against the head's reach (`VisibleAgencies.walkTest`). With
/// the agency outside the index, each ticket walked was looked up in the tickets' table, one of the
/// widest, to be tested: the district head of Dĩ An walks about 240 tickets for a first page of 31
/// and keeps one in eight, and with a task group chosen, that many in every year. With the agency in
/// the index, the page is cut from the index alone (`sqlite3`, the 1.9 M-ticket file: the first
/// page's walk 1.31 → 0.73 ms, page 200's 10.6 → 4.5 ms). These indexes replace the first two of
/// `AddTicketListIndexes`; the lists without a reach use them as they used those.
struct AddTicketReachWalkIndex: AsyncMigration {
    /// Each index replaced, and the one that replaces it.
    static let widened: [(replaced: [String], added: [String])] = AddTicketListIndexes.added.prefix(2).map { ($0, $0 + ["agency_id"]) }

    func prepare(on database: any Database) async throws {
        for index in Self.widened {
            try await Indexes.replace(index.replaced, with: index.added, table: WorkTicketModel.schema, on: database)
        }
        try await SQLiteStatistics.gather(table: WorkTicketModel.schema, on: database)
    }

    func revert(on database: any Database) async throws {
        for index in Self.widened {
            try await Indexes.replace(index.added, with: index.replaced, table: WorkTicketModel.schema, on: database)
        }
    }
}
