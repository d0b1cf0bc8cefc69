import Fluent
import Foundation
import SQLKit
import SQLiteKit
import SQLiteNIO
import PostgresNIO

/// The columns of one result row, read by name. Lists and exports read rows through this instead of
/// model objects: Fluent fills a model by reflecting over all its properties, which costs more than
/// the row itself.
protocol ResultColumns {
    func string(_ column: String) throws -> String?
    func int(_ column: String) throws -> Int?
    func double(_ column: String) throws -> Double?
    func bool(_ column: String) throws -> Bool?
    func uuid(_ column: String) throws -> UUID?
    func date(_ column: String) throws -> Date?
}

extension ResultColumns {
    func string(_ column: String, default value: String) throws -> String { try string(column) ?? value }

    func required<T>(_ column: String, _ read: (String) throws -> T?) throws -> T {
        guard let value = try read(column) else { throw RawRows.MissingColumn(column: column) }
        return value
    }
}

/// A value made from one plain row, with the columns it reads (a list's row, a record).
protocol PlainRow: Sendable {
    static var columns: [String] { get }
    init(row: any ResultColumns) throws
}

enum RawRows {
    struct MissingColumn: Error, CustomStringConvertible {
        var column: String
        var description: String { "Thiếu giá trị của cột \(column)" }
    }

    /// Runs `query` and hands each row to `body` as the database returns it. On SQLite the rows are
    /// read on SQLite's own thread with `body` run inline: the driver's usual path hands every row to
    /// the event loop as a separate task, which costs more than the row and piles rows up in memory.
    static func each(_ query: SQLQueryString, on db: any Database,
                     _ body: @escaping @Sendable (any ResultColumns) throws -> Void) async throws {
        try await each(statement: query, on: db, body)
    }

    /// The same for a statement built with SQLKit's builders (`SQLSelectBuilder.select`).
    static func each(statement query: any SQLExpression, on db: any Database,
                     _ body: @escaping @Sendable (any ResultColumns) throws -> Void) async throws {
        try await run(query, on: db, streamed: true, body)
    }

    /// `streamed`: on PostgreSQL, a statement whose rows are read as they arrive, never prepared
    /// (`PostgresRows.each`); `all` prepares its statement and reads its rows whole.
    private static func run(_ query: any SQLExpression, on db: any Database, streamed: Bool,
                            _ body: @escaping @Sendable (any ResultColumns) throws -> Void) async throws {
        let failure = FirstError()
        if let sqlite = db as? any SQLiteDatabase, let sql = db as? any SQLDatabase {
            var serializer = SQLSerializer(database: DialectReadOnce(sql))
            query.serialize(to: &serializer)
            let encoder = SQLiteDataEncoder()
            let binds = try serializer.binds.map { try encoder.encode($0) }
            let text = serializer.sql
            db.logger.debug("Executing query", metadata: ["sql": .string(text), "binds": .array(binds.map { .string("\($0)") })])
            let logger = db.logger
            try await sqlite.withConnection { connection in
                if logger.logLevel <= .trace {
                    // LOG_LEVEL=trace: the plan SQLite chose, to check which index a list uses.
                    let plan = Plan()
                    try await connection.query("EXPLAIN QUERY PLAN " + text, binds) { plan.lines.append($0.column("detail")?.string ?? "") }
                    logger.trace("Query plan", metadata: ["plan": .array(plan.lines.map { .string($0) })])
                }
                try await connection.query(text, binds) { row in failure.run { try body(SQLiteColumns(row: row)) } }
            }
        } else if let postgres = db as? any PostgresDatabase, let sql = db as? any SQLDatabase,
                  let statement = PostgresRows.Statement(query, on: sql) {
            db.logger.debug("Executing query", metadata: ["sql": .string(statement.text), "binds": .array(statement.shown)])
            try await PostgresRows.each(statement, on: postgres, streamed: streamed, logger: db.logger) { row in failure.run { try body(row) } }
        } else if let sql = db as? any SQLDatabase {
            try await sql.execute(sql: query) { row in failure.run { try body(SQLRowColumns(row: row)) } }
        } else {
            throw RawRowsUnsupported()
        }
        if let error = failure.error { throw error }
    }

    /// Every row of `query`, each made into a value by `make`.
    static func all<T: Sendable>(_ query: SQLQueryString, on db: any Database,
                                 _ make: @escaping @Sendable (any ResultColumns) throws -> T) async throws -> [T] {
        try await all(statement: query, on: db, make)
    }

    static func all<T: Sendable>(statement query: any SQLExpression, on db: any Database,
                                 _ make: @escaping @Sendable (any ResultColumns) throws -> T) async throws -> [T] {
        let rows = Collected<T>()
        try await run(query, on: db, streamed: false) { rows.values.append(try make($0)) }
        return rows.values
    }

    struct RawRowsUnsupported: Error {}

    /// Rows arrive one after another on one thread; these boxes are read only after the query ends.
    private final class FirstError: @unchecked Sendable {
        var error: (any Error)?
        func run(_ body: () throws -> Void) {
            guard error == nil else { return }
            do { try body() } catch { self.error = error }
        }
    }

    private final class Collected<T>: @unchecked Sendable { var values: [T] = [] }
    private final class Plan: @unchecked Sendable { var lines: [String] = [] }
}

/// A row as SQLite returns it. Fluent stores UUIDs as their text and booleans as integers there.
struct SQLiteColumns: ResultColumns {
    let row: SQLiteRow

    private func data(_ column: String) -> SQLiteData? {
        guard let data = row.column(column), data != .null else { return nil }
        return data
    }

    func string(_ column: String) throws -> String? { data(column)?.string }
    func int(_ column: String) throws -> Int? { data(column)?.integer.map { Int($0) } }
    func double(_ column: String) throws -> Double? { data(column)?.double }
    func bool(_ column: String) throws -> Bool? { data(column)?.bool }

    func uuid(_ column: String) throws -> UUID? {
        guard let data = data(column) else { return nil }
        if case .text(let text) = data, let id = UUID(canonical: text) { return id }
        return try SQLiteDataDecoder().decode(UUID.self, from: data)
    }

    func date(_ column: String) throws -> Date? {
        guard let data = data(column) else { return nil }
        return try SQLiteDataDecoder().decode(Date.self, from: data)
    }
}

/// A row of any other SQL database (PostgreSQL), through its driver's decoder.
struct SQLRowColumns: ResultColumns {
    let row: any SQLRow
    func string(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int? { try row.decode(column: column, as: Int?.self) }
    func double(_ column: String) throws -> Double? { try row.decode(column: column, as: Double?.self) }
    func bool(_ column: String) throws -> Bool? { try row.decode(column: column, as: Bool?.self) }
    func uuid(_ column: String) throws -> UUID? { try row.decode(column: column, as: UUID?.self) }
    func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Date?.self) }
}
