import Fluent

struct CreateGrades: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GradeModel.schema)
            .id()
            .field("officer_id", .uuid, .required, .references(OfficerModel.schema, "id"))
            .field("year", .int, .required)
            .field("grade", .string, .required)
            .field("reason", .string, .required)
            .field("comment", .string, .required)
            .field("entered_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "officer_id", "year")
            .create()
        try await Indexes.create(on: database, table: GradeModel.schema, columns: ["year"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GradeModel.schema).delete()
    }
}
