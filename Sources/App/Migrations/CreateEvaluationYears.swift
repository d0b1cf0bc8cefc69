import Fluent

struct CreateEvaluationYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EvaluationYearModel.schema)
            .id()
            .field("year", .int, .required)
            .field("state", .string, .required)
            .field("published_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EvaluationYearModel.schema).delete()
    }
}
