@testable import App
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Testing

/// `QuotedColumn` writes what `SQLColumn` writes, on both databases' dialects and one whose quote is
/// not plain text, whatever the name holds.
@Suite("Columns written without SQLKit's escaping cost (issue 14)")
struct QuotedColumnTests {
    /// A database that only serializes, with the dialect it is given.
    struct Serializing: SQLDatabase {
        let dialect: any SQLDialect
        var logger: Logger { Logger(label: "test") }
        var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
        var version: (any SQLDatabaseReportedVersion)? { nil }
        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            eventLoop.makeSucceededVoidFuture()
        }
    }

    /// A dialect whose quote is an expression of its own (SQLKit then writes names without escaping).
    struct OtherQuote: SQLDialect {
        struct Mark: SQLExpression { func serialize(to serializer: inout SQLSerializer) { serializer.write("`") } }
        var name: String { "other" }
        var identifierQuote: any SQLExpression { Mark() }
        var supportsAutoIncrement: Bool { false }
        var autoIncrementClause: any SQLExpression { SQLRaw("") }
        func bindPlaceholder(at position: Int) -> any SQLExpression { SQLRaw("?") }
        func literalBoolean(_ value: Bool) -> any SQLExpression { SQLRaw(value ? "1" : "0") }
    }

    @Test func aColumnIsWrittenAsSQLKitWritesItOnEveryDialect() {
        let names = ["id", "agency_id", "name_sort_key", "*", "a\"b", "\"", "", "tên cột", "x.y", "a``b", "`"]
        let tables: [String?] = [nil, "o", "officers", "t\"x", "", "bảng", "`q`"]
        for dialect in [SQLiteDialect() as any SQLDialect, PostgresDialect(), OtherQuote()] {
            let database = Serializing(dialect: dialect)
            for name in names {
                for table in tables {
                    let fast = database.serialize(QuotedColumn(name, table: table)).sql
                    let kit = database.serialize(SQLColumn(name, table: table)).sql
                    #expect(fast == kit, "\(dialect.name): \(table ?? "nil").\(name)")
                }
            }
        }
        #expect(Serializing(dialect: SQLiteDialect()).serialize(QuotedColumn("agency_id", table: "o")).sql == #""o"."agency_id""#)
    }

    /// `QuotedIdentifier` writes what `SQLIdentifier` writes, and `\(name:)` what `\(ident:)` writes.
    @Test func aNameIsWrittenAsSQLKitWritesItOnEveryDialect() {
        let names = ["officers", "o", "*", "a\"b", "\"", "", "bảng", "x.y", "`", "a``b"]
        for dialect in [SQLiteDialect() as any SQLDialect, PostgresDialect(), OtherQuote()] {
            let database = Serializing(dialect: dialect)
            for name in names {
                #expect(database.serialize(QuotedIdentifier(name)).sql == database.serialize(SQLIdentifier(name)).sql,
                        "\(dialect.name): \(name)")
                let ours: SQLQueryString = "SELECT 1 FROM \(name: name) WHERE \(name: name + "_id") = \(bind: 5)"
                let kits: SQLQueryString = "SELECT 1 FROM \(ident: name) WHERE \(ident: name + "_id") = \(bind: 5)"
                #expect(database.serialize(ours).sql == database.serialize(kits).sql, "\(dialect.name): \(name)")
            }
        }
    }

    /// A database that makes its dialect anew at each question, as the SQLite driver does, and counts.
    final class Asked: SQLDatabase, Sendable {
        let made: any SQLDialect
        let questions = NIOLockedValueBox(0)
        init(_ dialect: any SQLDialect) { made = dialect }
        var dialect: any SQLDialect { questions.withLockedValue { $0 += 1 }; return made }
        var logger: Logger { Logger(label: "test") }
        var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
        var version: (any SQLDatabaseReportedVersion)? { nil }
        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            eventLoop.makeSucceededVoidFuture()
        }
    }

    /// A statement serialized with the dialect read once is the same text with the same values, and the
    /// database is asked for its dialect once, where SQLKit asks at every name and value.
    @Test func aStatementSerializedWithItsDialectReadOnceIsTheSame() {
        for dialect in [SQLiteDialect() as any SQLDialect, PostgresDialect(), OtherQuote()] {
            let database = Asked(dialect)
            let select = SQLSelectBuilder(on: database).columns(QuotedColumn("id", table: "o"), SQLColumn("*"))
                .column(SQLAlias(QuotedColumn("name", table: "a"), as: QuotedIdentifier("agency_name")))
                .from(SQLAlias(QuotedIdentifier("officers"), as: QuotedIdentifier("o")))
                .where("kind", .equal, "fullTime").where(QuotedColumn("year", table: "o"), .in, SQLBind.group([2024, 2025])).limit(5)
            database.questions.withLockedValue { $0 = 0 }
            let once = DialectReadOnce(database).serialize(select.select)
            #expect(database.questions.withLockedValue { $0 } == 1)
            let each = database.serialize(select.select)
            #expect(database.questions.withLockedValue { $0 } > 10)
            #expect(once.sql == each.sql, "\(dialect.name)")
            #expect(once.binds.map { "\($0)" } == each.binds.map { "\($0)" })
            #expect(each.binds.count == 3)
        }
    }
}
