import Fluent
import SQLKit

/// Creates a plain index through SQLKit; the same statement works on SQLite and PostgreSQL.
enum Indexes {
    static func create(on database: any Database, table: String, columns: [String]) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let name = "idx_\(table)_\(columns.joined(separator: "_"))"
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }

    static func drop(on database: any Database, table: String, columns: [String]) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "idx_\(table)_\(columns.joined(separator: "_"))").run()
    }

    /// Creates the index of `added` columns, then drops the one of `replaced` (which its statements
    /// no longer need): a migration that widens an index, and its revert with the two swapped.
    static func replace(_ replaced: [String], with added: [String], table: String, on database: any Database) async throws {
        try await create(on: database, table: table, columns: added)
        try await drop(on: database, table: table, columns: replaced)
    }
}

/// A migration that adds one plain index of `columns` to `table` and gathers SQLite's statistics of
/// the table so that its planner weighs the new index; its revert drops the index.
protocol IndexMigration: AsyncMigration {
    static var table: String { get }
    static var columns: [String] { get }
}

extension IndexMigration {
    func prepare(on database: any Database) async throws {
        try await Indexes.create(on: database, table: Self.table, columns: Self.columns)
        try await SQLiteStatistics.gather(table: Self.table, on: database)
    }

    func revert(on database: any Database) async throws {
        try await Indexes.drop(on: database, table: Self.table, columns: Self.columns)
    }
}
