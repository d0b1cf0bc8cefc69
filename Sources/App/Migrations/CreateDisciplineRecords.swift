import Fluent

/// Cessation proposals, head tasks and reward candidates (issue 4 §5–6).
struct CreateDisciplineRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CessationProposalModel.schema)
            .id()
            .field("officer_id", .uuid, .required, .references(OfficerModel.schema, "id"))
            .field("agency_id", .uuid, .required)
            .field("year", .int, .required)
            .field("pattern", .string, .required)
            .field("window", .string, .required)
            .field("authority_signed_by", .string)
            .field("authority_signed_at", .datetime)
            .field("home_affairs_signed_by", .string)
            .field("home_affairs_signed_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "officer_id", "year")
            .create()
        try await database.schema(HeadTaskModel.schema)
            .id()
            .field("agency_id", .uuid, .required)
            .field("officer_id", .uuid, .required, .references(OfficerModel.schema, "id"))
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("done_at", .datetime)
            .field("done_by", .string)
            .field("note", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "officer_id", "year", "kind")
            .create()
        try await Indexes.create(on: database, table: HeadTaskModel.schema, columns: ["agency_id"])
        try await database.schema(RewardCandidateModel.schema)
            .id()
            .field("officer_id", .uuid, .required, .references(OfficerModel.schema, "id"))
            .field("year", .int, .required)
            .field("candidacy", .string, .required)
            .field("decision", .string, .required)
            .field("decision_note", .string, .required)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .unique(on: "officer_id", "year", "candidacy")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RewardCandidateModel.schema).delete()
        try await database.schema(HeadTaskModel.schema).delete()
        try await database.schema(CessationProposalModel.schema).delete()
    }
}
