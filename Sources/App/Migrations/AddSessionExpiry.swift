import Fluent
import Foundation

/// Sessions end on the server after eight hours without use (`GatedSessionDriver`) and the
/// housekeeping deletes them; rows of before this migration get the full lifetime from now.
struct AddSessionExpiry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SessionRow.schema).field("expires_at", .datetime).update()
        try await SessionRow.query(on: database)
            .set(\.$expiresAt, to: Date().addingTimeInterval(GatedSessionDriver.lifetime)).update()
        try await Indexes.create(on: database, table: SessionRow.schema, columns: ["expires_at"])
    }

    func revert(on database: any Database) async throws {
        try await Indexes.drop(on: database, table: SessionRow.schema, columns: ["expires_at"])
        try await database.schema(SessionRow.schema).deleteField("expires_at").update()
    }
}
