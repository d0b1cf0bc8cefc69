import Fluent

struct CreateAgencies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgencyModel.schema)
            .id()
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("short_name", .string, .required)
            .field("kind", .string, .required)
            .field("level", .string, .required)
            .field("governing_agency_id", .uuid, .references(AgencyModel.schema, "id"))
            .field("district", .string, .required)
            .field("address", .string, .required)
            .field("head_name", .string, .required)
            .field("head_title", .string, .required)
            .field("applies_by_analogy", .bool, .required)
            .field("is_active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(AgencyITLevelModel.schema)
            .id()
            .field("agency_id", .uuid, .required, .references(AgencyModel.schema, "id"))
            .field("year", .int, .required)
            .field("level", .int, .required)
            .field("source_document", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "agency_id", "year")
            .create()
        try await Indexes.create(on: database, table: AgencyModel.schema, columns: ["name_folded"])
        try await Indexes.create(on: database, table: AgencyModel.schema, columns: ["governing_agency_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgencyITLevelModel.schema).delete()
        try await database.schema(AgencyModel.schema).delete()
    }
}
