import Fluent

/// Indexes found by the work-log benchmark: an officer's tickets newest first, and a covering index
/// for the province-wide Form 2 (year → officer → group → status, read without touching the table).
struct AddWorkTicketIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await Indexes.create(on: database, table: WorkTicketModel.schema, columns: ["officer_id", "requested_on"])
        try await Indexes.create(on: database, table: WorkTicketModel.schema, columns: ["year", "officer_id", "task_group", "status"])
    }

    func revert(on database: any Database) async throws {
        try await Indexes.drop(on: database, table: WorkTicketModel.schema, columns: ["officer_id", "requested_on"])
        try await Indexes.drop(on: database, table: WorkTicketModel.schema, columns: ["year", "officer_id", "task_group", "status"])
    }
}
