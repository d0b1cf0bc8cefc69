import Fluent

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .id()
            .field("username", .string, .required)
            .field("full_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("officer_id", .uuid, .references(OfficerModel.schema, "id"))
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema(RoleGrantModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("role", .string, .required)
            .field("agency_id", .uuid, .references(AgencyModel.schema, "id"))
            .create()
        try await database.schema(APITokenModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await Indexes.create(on: database, table: RoleGrantModel.schema, columns: ["user_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APITokenModel.schema).delete()
        try await database.schema(RoleGrantModel.schema).delete()
        try await database.schema(UserModel.schema).delete()
    }
}
