import Fluent
import SQLKit

/// The agencies below an agency, with their ids: each step of a head's reach (`VisibleAgencies`)
/// reads the agencies a governing agency governs. With the governing agency alone in the index,
/// SQLite looked each one's id up in the table: 1,291 lookups for the head of Dĩ An in every
/// statement of every page (1.8 → 1.2 ms a statement, ADR 0017). This index replaces that one.
struct AddAgencyReachIndex: AsyncMigration {
    static let added = ["governing_agency_id", "id"]
    static let replaced = ["governing_agency_id"]

    func prepare(on database: any Database) async throws {
        try await Indexes.create(on: database, table: AgencyModel.schema, columns: Self.added)
        try await Indexes.drop(on: database, table: AgencyModel.schema, columns: Self.replaced)
        try await SQLiteStatistics.gather(table: AgencyModel.schema, on: database)
    }

    func revert(on database: any Database) async throws {
        try await Indexes.create(on: database, table: AgencyModel.schema, columns: Self.replaced)
        try await Indexes.drop(on: database, table: AgencyModel.schema, columns: Self.added)
    }
}
