import Fluent

/// The officers in name order with their agency (issue 14): a head's page of officers, searched or
/// not, walks the names in order and tests each one's agency against the head's reach
/// (`VisibleAgencies.walkTest`). With the agency outside the index, each name that passed the search
/// was looked up in the officers' table for its agency: a district head's "nguyen van" read about 200
/// rows of the table for a page of 25, and the unsearched page 171. With it in the index, SQLite cuts
/// the page from the index alone (the district head's first page of officers: 1.70, 1.47 → 1.35,
/// 1.29 ms of the server's CPU). PostgreSQL reads the page's rows in the same walk, from the table
/// either way (no difference measured). This index replaces `AddOfficerSearchIndex`'s.
struct AddOfficerNameWalkIndex: AsyncMigration {
    static let added = ["name_sort_key", "id", "name_folded", "agency_id"]
    static let replaced = AddOfficerSearchIndex.added

    func prepare(on database: any Database) async throws {
        try await Indexes.replace(Self.replaced, with: Self.added, table: OfficerModel.schema, on: database)
        try await SQLiteStatistics.gather(table: OfficerModel.schema, on: database)
    }

    func revert(on database: any Database) async throws {
        try await Indexes.replace(Self.added, with: Self.replaced, table: OfficerModel.schema, on: database)
    }
}
