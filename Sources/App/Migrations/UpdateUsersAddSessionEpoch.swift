import Fluent

/// Sessions remember the epoch of their user when they were opened; raising it (password change or
/// reset) ends every other session of that user.
struct UpdateUsersAddSessionEpoch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .field("session_epoch", .int64, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserModel.schema).deleteField("session_epoch").update()
    }
}
