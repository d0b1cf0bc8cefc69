import Fluent
import SQLKit

/// The year's criteria (one per line, issue 4 §3), who took each step and when, and the per-criterion
/// notes of a grade.
struct UpdateEvaluationYearsAddSteps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EvaluationYearModel.schema)
            .field("criteria", .string, .required, .sql(.default("")))
            .update()
        try await database.schema(EvaluationYearModel.schema)
            .field("steps", .string, .required, .sql(.default("")))
            .update()
        try await database.schema(GradeModel.schema)
            .field("criteria_notes", .string, .required, .sql(.default("")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GradeModel.schema).deleteField("criteria_notes").update()
        try await database.schema(EvaluationYearModel.schema).deleteField("steps").update()
        try await database.schema(EvaluationYearModel.schema).deleteField("criteria").update()
    }
}
