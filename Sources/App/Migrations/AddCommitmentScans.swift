import Fluent

/// The scan of a signed commitment letter (Art. 13.2): what the row keeps of the file in the upload
/// store — its checksum, name, type and size — never the bytes (ADR 0011).
struct AddCommitmentScans: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("scan_checksum", .string), ("scan_name", .string), ("scan_type", .string), ("scan_size", .int),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        for (name, type) in Self.columns {
            try await database.schema(CommitmentModel.schema).field(.string(name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.columns.reversed() {
            try await database.schema(CommitmentModel.schema).deleteField(.string(name)).update()
        }
    }
}
