@testable import App
import Fluent
import Foundation
import NIOConcurrencyHelpers
import PostgresNIO
import SQLKit
import Testing

/// Issue 14, twenty-ninth part (ADR 0027): the plain-row statements PostgreSQL runs are prepared once
/// per connection, their placeholders cast to their binds' types.
@Suite("Statements prepared once per connection")
struct PostgresPreparedTests {
    @Test func aPlaceholderIsCastToItsBindsTypeOutsideQuotedTextAndNames() {
        let types: [PostgresDataType] = [.int8, .text, .uuidArray, .bool, .timestamptz, .uuid, .float8, .text, .text, .int8]
        #expect(PostgresRows.Statement.typed(#"SELECT $1, '$2 ''$3''', "a$4", $10 FROM t WHERE x = $2 AND y IN (SELECT unnest($3))"#, types)
                == #"SELECT $1::BIGINT, '$2 ''$3''', "a$4", $10::BIGINT FROM t WHERE x = $2::TEXT AND y IN (SELECT unnest($3::UUID[]))"#)
        #expect(PostgresRows.Statement.typed("SELECT $4 AND $5 < now() AND $6 = id AND $7 > 0", types)
                == "SELECT $4::BOOLEAN AND $5::TIMESTAMPTZ < now() AND $6::UUID = id AND $7::DOUBLE PRECISION > 0")
        // Comments are copied as they are, with what looks like a placeholder or a quote inside.
        #expect(PostgresRows.Statement.typed("SELECT $1 /* it's $2 */, $2 -- $3 isn't\n, $3", types)
                == "SELECT $1::BIGINT /* it's $2 */, $2::TEXT -- $3 isn't\n, $3::UUID[]")
        // What cannot be typed is not prepared (the caller goes through SQLKit).
        #expect(PostgresRows.Statement.typed(#"SELECT E'\'', $1"#, types) == nil)
        #expect(PostgresRows.Statement.typed("SELECT $11", types) == nil)
        #expect(PostgresRows.Statement.typed("SELECT $$text$$", types) == nil)
        #expect(PostgresRows.Statement.typed("SELECT $1", [PostgresDataType(65_000)]) == nil)
    }

    /// The same text with other values runs the statement prepared for it; each connection keeps it
    /// once (PostgreSQL's own list of the session's prepared statements says so too).
    @Test func aStatementIsPreparedOnceOnItsConnectionAndRunAgainWithOtherValues() async throws {
        try await withWorld(demo: false) { app, _ in
            guard app.db is any PostgresDatabase else { return }
            try await app.db.transaction { db in
                let connection = try await Self.connection(of: db)
                let before = PostgresPrepared.kept(on: connection)
                for n in [2, 3, 40] {
                    let rows = try await RawRows.all("SELECT \(bind: n) * 2 AS twice, \(bind: "Bình Dương") AS name", on: db) {
                        [try $0.int("twice") ?? -1, try $0.string("name") == "Bình Dương" ? 1 : 0]
                    }
                    #expect(rows == [[n * 2, 1]])
                }
                #expect(PostgresPrepared.kept(on: connection) == before + 1)
                let same = try await RawRows.all("""
                    SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE statement = \(bind: "SELECT $1::BIGINT * 2 AS twice, $2::TEXT AS name")
                    """, on: db) { try $0.int("n") }
                #expect(same == [1])
            }
        }
    }

    /// A connection keeps at most `perConnection` statements: the one used longest ago is closed on
    /// PostgreSQL too, and one used again stays.
    @Test func aConnectionKeepsAtMostItsLimitAndClosesTheStatementUsedLongestAgo() async throws {
        try await withWorld(demo: false) { app, _ in
            guard app.db is any PostgresDatabase else { return }
            try await app.db.transaction { db in
                let connection = try await Self.connection(of: db)
                let limit = PostgresPrepared.perConnection
                func run(_ i: Int) async throws -> [Int] {
                    try await RawRows.all("SELECT \(literal: i) + \(bind: 1) AS n", on: db) { try $0.required("n", $0.int) }
                }
                #expect(try await run(0) == [1])
                for i in 1...limit + 5 {
                    #expect(try await run(i) == [i + 1])
                    if i % 10 == 0 { _ = try await run(0) }  // kept in use: never the oldest
                }
                #expect(PostgresPrepared.kept(on: connection) == limit)
                let count: SQLQueryString = "SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE statement = 'SELECT 0 + $1::BIGINT AS n') AS first, COUNT(*) FILTER (WHERE statement = 'SELECT 1 + $1::BIGINT AS n') AS second FROM pg_prepared_statements"
                let rows = try await RawRows.all(count, on: db) { [try $0.int("n"), try $0.int("first"), try $0.int("second")] }
                // The counting statement is one of the limit's: it closed one more of the oldest.
                #expect(rows == [[limit, 1, 0]])
            }
        }
    }

    /// A statement PostgreSQL refuses at its run is closed and prepared again at the next; a text it
    /// cannot prepare is not kept; a connection's statements are forgotten when it closes.
    @Test func aStatementPostgreSQLRefusesIsPreparedAgainAtItsNextRun() async throws {
        try await withWorld(demo: false) { app, _ in
            guard app.db is any PostgresDatabase else { return }
            let connection = try await Self.connection(of: app.db)
            func divide(_ d: Int) async throws -> [Int] {
                var n = ByteBuffer(); Int(d).encode(into: &n, context: .default)
                return try await PostgresPrepared.rows("SELECT 10 / $1::BIGINT AS n", [PostgresData(type: .int8, value: n)], on: connection)
                    .map { row in
                        var cell = try #require(row.first)
                        cell.format = .binary  // as PostgresRows reads it
                        return try cell.decode(Int.self)
                    }
            }
            let before = PostgresPrepared.kept(on: connection)
            #expect(try await divide(5) == [2])
            #expect(PostgresPrepared.kept(on: connection) == before + 1)
            await #expect(throws: (any Error).self) { try await divide(0) }
            #expect(PostgresPrepared.kept(on: connection) == before)
            #expect(try await divide(2) == [5])
            #expect(PostgresPrepared.kept(on: connection) == before + 1)
            await #expect(throws: (any Error).self) { try await PostgresPrepared.rows("SELECT FROM WHERE", [], on: connection) }
            #expect(PostgresPrepared.kept(on: connection) == before + 1)

            // Closed: its statements are forgotten.
            try await connection.close().get()
            #expect(PostgresPrepared.kept(on: connection) == 0)
            // A statement whose connection is found closed after its error is a lost connection: 503.
            let lost = DatabaseUnavailable(underlying: ChannelError.ioOnClosedChannel)
            #expect(AppErrorMiddleware.describe(lost).0 == .serviceUnavailable)
        }
    }

    /// A connection PostgreSQL ends under a prepared statement answers 503, as the newer interface's
    /// errors do (`DatabaseUnavailable`), not 500; so does a statement sent to that connection once it
    /// has closed, at once (PostgresNIO dropped the command and the statement waited for ever).
    @Test func aConnectionEndedUnderAPreparedStatementIsServiceUnavailable() async throws {
        try await withWorld(demo: false) { app, _ in
            guard app.db is any PostgresDatabase else { return }
            let ended = try await Self.connection(of: app.db)
            await #expect(throws: DatabaseUnavailable.self) {
                try await PostgresPrepared.rows("SELECT pg_terminate_backend(pg_backend_pid()) AND $1::BOOLEAN AS done",
                                                [PostgresData(bool: true)], on: ended)
            }
            try await ended.closeFuture.get()
            // Waited for at most 10 s: a statement that never answers fails the test rather than hang it.
            let answer = NIOLockedValueBox<String?>(nil)
            Task {
                let text: String
                do { _ = try await PostgresPrepared.rows("SELECT $1::BIGINT AS n", [PostgresData(int: 7)], on: ended); text = "rows" }
                catch { text = String(reflecting: error) }
                answer.withLockedValue { $0 = text }
            }
            for _ in 0..<100 where answer.withLockedValue({ $0 }) == nil { try await Task.sleep(for: .milliseconds(100)) }
            #expect(answer.withLockedValue { $0 }?.hasPrefix("PostgreSQL unavailable") == true, "\(String(describing: answer.withLockedValue { $0 }))")
            #expect(AppErrorMiddleware.describe(DatabaseUnavailable(underlying: PostgresError.connectionClosed)).0 == .serviceUnavailable)
            // The pool, which sees the connection closed, makes a new one, which prepares the statement afresh.
            let seven = try await RawRows.all("SELECT \(bind: 7) AS n", on: app.db) { try $0.int("n") }
            #expect(seven == [7])
        }
    }

    /// A value the generic plan of a statement cannot see, and that decides its best plan, is named in
    /// the statement's text: the reach's size class, and a search text too short for a trigram.
    @Test func aReachsSizeClassAndAShortSearchTextGetStatementsOfTheirOwn() async throws {
        #expect([0, 1, 2, 3, 100, 1_291, 2_048, 2_049].map(VisibleAgencies.ReadOut.sizeClass) == [1, 1, 2, 4, 128, 2_048, 2_048, 4_096])
        try await withWorld(demo: false) { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            guard sql.dialect.name == "postgresql" else { return }
            func text(_ expression: some SQLExpression) -> String {
                var serializer = SQLSerializer(database: sql)
                expression.serialize(to: &serializer)
                return serializer.sql
            }
            func reach(_ count: Int) -> String {
                text(VisibleAgencies.ReadOut(ids: BoundIDs((0..<count).map { _ in UUID() }), count: count, province: 10_000, sqlite: false).rows)
            }
            #expect(reach(1_291) == reach(1_100) && reach(1_291) != reach(150) && reach(1_291).hasSuffix("/* reach up to 2048 */"))
            let name = SQLIdentifier("name_folded")
            #expect(text(FoldedContains(column: name, text: "ng")).hasSuffix("/* short text */"))
            #expect(!text(FoldedContains(column: name, text: "nguyen")).contains("/*"))
        }
    }

    private static func connection(of db: any Database) async throws -> PostgresConnection {
        let postgres = try #require(db as? any PostgresDatabase)
        return try await postgres.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
    }
}
