import Fluent

/// One profile per evaluation year, taken at publication (ADR 0010).
struct CreateProfileSnapshots: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProfileSnapshotModel.schema)
            .id()
            .field("year", .int, .required)
            .field("code", .string, .required)
            .field("body", .string, .required)
            .field("taken_at", .datetime, .required)
            .unique(on: "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProfileSnapshotModel.schema).delete()
    }
}
