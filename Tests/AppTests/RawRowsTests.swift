@testable import App
import Documents
import Fluent
import FluentPostgresDriver
import Foundation
import NIOPosix
import SQLKit
import Testing
import Vapor

/// The plain-row reader the lists and the year-end run use (ADR 0006, issue 14): every type read back
/// as it was bound, NULL as nil, on both databases, each through its own direct path.
@Suite("Plain rows")
struct RawRowsTests {
    @Test func everyTypeIsReadBackAsBoundAndNullAsNothingThroughEachDatabasesOwnPath() async throws {
        try await withWorld(demo: false) { app, _ in
            let id = UUID(), day = Date(timeIntervalSince1970: 1_764_000_000)
            let sql = try #require(app.db as? any SQLDatabase)
            let postgres = sql.dialect.name == "postgresql"
            // A sum of bigints is numeric on PostgreSQL; an integer on SQLite.
            let total: SQLQueryString = postgres ? "(SELECT SUM(n) FROM (VALUES (9007199254740993::bigint), (2::bigint)) t(n))"
                                                 : "(SELECT 9007199254740993 + 2)"
            let rows = try await RawRows.all("""
                SELECT \(bind: "Đắk Lắk %_") AS text, \(bind: 42) AS number, \(bind: true) AS yes, \(bind: id) AS id,
                       \(bind: day) AS day, \(total) AS total, NULL AS absent
                """, on: app.db) { row -> [String] in
                [try row.string("text") ?? "-", "\(try row.int("number") ?? -1)", "\(try row.bool("yes") ?? false)",
                 try row.uuid("id")?.uuidString ?? "-", "\(try row.date("day")?.timeIntervalSince1970 ?? 0)",
                 "\(try row.int("total") ?? -1)", "\(try row.string("absent") == nil)", "\(type(of: row))"]
            }
            #expect(rows.count == 1)
            #expect(rows.first?.dropLast() == ["Đắk Lắk %_", "42", "true", id.uuidString, "1764000000.0", "9007199254740995", "true"])
            #expect(rows.first?.last == (postgres ? "PostgresColumns" : "SQLiteColumns"))
        }
    }

    /// A row is handed to its reader in the caller's task, never on an event loop, where a slow
    /// reader (an export waiting for its sheet's writer) would hold up every connection of that loop:
    /// a list's rows (prepared, read whole on PostgreSQL) and streamed rows, on both databases.
    @Test func rowsAreReadOffTheEventLoopsForListsAndForStreamedStatements() async throws {
        try await withWorld(demo: false) { app, _ in
            let onLoop: @Sendable () -> Bool = { MultiThreadedEventLoopGroup.currentEventLoop != nil }
            let listed = try await RawRows.all("SELECT \(bind: 1) AS n UNION ALL SELECT 2", on: app.db) { _ in onLoop() }
            #expect(listed == [false, false])
            let streamed = Flags()
            try await RawRows.each("SELECT \(bind: 1) AS n UNION ALL SELECT 2", on: app.db) { _ in streamed.values.append(onLoop()) }
            #expect(streamed.values == [false, false])
        }
    }

    /// Code that may wait on its thread runs on `BlockingWork`'s threads, off Swift concurrency's pool:
    /// an export's rows handed to its sheet's writer, which waits while the writer is behind, and on
    /// PostgreSQL a streamed statement's rows (the ticket export hands them to the writer from there).
    @Test func anExportsRowsAreHandedToItsWriterOnThreadsThatMayWait() async throws {
        try await withWorld(demo: false) { app, _ in
            let emitted = Flags()
            let export = ListExport(fileStem: "thu", sheetName: "Thử", columns: [SheetColumn("Số", width: 8, .integer)]) { emit in
                let numbers = try await RawRows.all("SELECT \(bind: 1) AS n UNION ALL SELECT 2", on: app.db) { try $0.int("n") ?? 0 }
                emitted.values.append(BlockingWork.isCurrent)
                try emit(numbers.map { [.integer($0)] })
            }
            let response = try await Exporter.respond(export, as: .csv, req: Request(application: app, on: app.eventLoopGroup.next()))
            let body = try await response.body.collect(on: app.eventLoopGroup.next()).get()
            #expect(body.map { String(buffer: $0) }?.contains("1") == true)
            #expect(emitted.values == [true])
            guard app.db is any PostgresDatabase else { return }
            let streamed = Flags()
            try await RawRows.each("SELECT \(bind: 1) AS n UNION ALL SELECT 2", on: app.db) { _ in streamed.values.append(BlockingWork.isCurrent) }
            #expect(streamed.values == [true, true])
        }
    }

    private final class Flags: @unchecked Sendable { var values: [Bool] = [] }

    /// A caller's row with the wrong number of values is an error before anything is written (it
    /// once ended the process); rows of the right shape go in, NULLs included, on both databases.
    @Test func aRowOfTheWrongShapeIsAnErrorAndNothingIsWritten() async throws {
        try await withWorld(demo: false) { app, _ in
            let columns = ["id", "seq", "at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "before", "after",
                           "prev_hash", "hash"]
            @Sendable func row(_ action: String) -> [any Encodable & Sendable] {
                [UUID(), 900_000 + action.count, "2026-12-02T00:00:00.000Z", UUID?.none, "thử", action, "system", UUID?.none,
                 "", "", "x", "y"]
            }
            await #expect(throws: RawInsert.RowShape.self) {
                try await app.write { try await RawInsert.rows(into: AuditEntryModel.schema, columns: columns,
                                                               [row("test.shape"), Array(row("test.shape").dropLast())], on: $0) }
            }
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "test.shape").count() == 0)
            try await app.write { try await RawInsert.rows(into: AuditEntryModel.schema, columns: columns, [row("test.shape")], on: $0) }
            let written = try #require(try await AuditEntryModel.query(on: app.db).filter(\.$action == "test.shape").first())
            #expect(written.actorID == nil && written.entityID == nil && written.actorName == "thử")
        }
    }
}
