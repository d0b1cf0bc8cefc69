import Fluent

/// The year's tickets newest first, with their agency (issue 14, twenty-fifth part): a head's ticket
/// list (and the API's) walks a year's tickets in this order and tests each one's agency against the
/// head's reach (`VisibleAgencies.walkTest`). With the agency outside the index, each ticket walked
/// was looked up in the tickets' table, one of the widest, to be tested: the district head of Dĩ An
/// walks about 240 tickets for a first page of 31 and keeps one in eight. With the agency in the
/// index, the page is cut from the index alone (`sqlite3`, the 1.9 M-ticket file: the first page's
/// walk 1.31 → 0.73 ms, page 200's 10.6 → 4.5 ms). This index replaces the first of
/// `AddTicketListIndexes`'s; the lists without a reach use it as they used that one.
struct AddTicketReachWalkIndex: AsyncMigration {
    static let added = ["year", "requested_on", "id", "agency_id"]
    static let replaced = AddTicketListIndexes.added[0]

    func prepare(on database: any Database) async throws {
        try await Indexes.replace(Self.replaced, with: Self.added, table: WorkTicketModel.schema, on: database)
        try await SQLiteStatistics.gather(table: WorkTicketModel.schema, on: database)
    }

    func revert(on database: any Database) async throws {
        try await Indexes.replace(Self.added, with: Self.replaced, table: WorkTicketModel.schema, on: database)
    }
}
