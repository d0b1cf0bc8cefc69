import Fluent

/// The officer list is ordered by the Vietnamese sort key and searched in the folded name (issue 2):
/// an index holding both lets SQLite test the search on the index alone, in list order, and count the
/// matches without reading the officers' rows (12 ms → 2 ms for a name among 20,000 officers).
struct AddOfficerSearchIndex: AsyncMigration {
    static let added = ["name_sort_key", "id", "name_folded"]
    static let replaced = ["name_sort_key"]

    func prepare(on database: any Database) async throws {
        try await Indexes.create(on: database, table: OfficerModel.schema, columns: Self.added)
        try await Indexes.drop(on: database, table: OfficerModel.schema, columns: Self.replaced)
        try await SQLiteStatistics.gather(on: database)
    }

    func revert(on database: any Database) async throws {
        try await Indexes.create(on: database, table: OfficerModel.schema, columns: Self.replaced)
        try await Indexes.drop(on: database, table: OfficerModel.schema, columns: Self.added)
    }
}
