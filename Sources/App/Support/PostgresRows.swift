import Fluent
import Foundation
import PostgresNIO
import SQLKit

/// Rows of a statement read straight from PostgresNIO (issue 14). Through SQLKit every cell went
/// through PostgresKit's generic translation (a dynamic cast to find the type's decoder and a coding
/// path per cell): 45 % of the year-end run over two million grades. Here each column's place is
/// found once per statement and each cell is decoded by its concrete type.
enum PostgresRows {
    /// A statement serialized for PostgreSQL, its binds as PostgreSQL's.
    struct Statement: Sendable {
        /// The text, each placeholder cast to its bind's type (`typed`).
        var text: String
        var binds: [PostgresData]
        /// The values bound, for the debug log (`shown`).
        private var values: [any Encodable & Sendable]
        /// The binds as the debug log shows them: made only when it is written (each id's text was 3 %
        /// of a district head's evaluation list, made at every statement).
        var shown: [Logger.MetadataValue] { values.map { .string("\($0)") } }

        /// Nil when a bind is of a type the application does not bind (the caller then goes through SQLKit).
        /// A reach read out (`BoundIDs`) is one: a head's every list binds it, and through SQLKit each of
        /// its cells was decoded generically (11.6 % of a district head's agency list on PostgreSQL).
        init?(_ query: any SQLExpression, on sql: any SQLDatabase) {
            var serializer = SQLSerializer(database: DialectReadOnce(sql))
            query.serialize(to: &serializer)
            var binds: [PostgresData] = []
            binds.reserveCapacity(serializer.binds.count)
            for bind in serializer.binds {
                switch bind {
                case let v as String: binds.append(Self.data(v))
                case let v as Int: binds.append(Self.data(v))
                case let v as Bool: binds.append(Self.data(v))
                case let v as UUID: binds.append(Self.data(v))
                case let v as Date: binds.append(Self.data(v))
                case let v as Double: binds.append(Self.data(v))
                case let v as BoundIDs: binds.append(PostgresData(type: BoundIDs.psqlType, formatCode: BoundIDs.psqlFormat, value: v.postgresArray))
                default: return nil
                }
            }
            guard let text = Self.typed(serializer.sql, binds.map(\.type)) else { return nil }
            self.text = text
            self.binds = binds
            values = serializer.binds
        }

        private static func data<V: PostgresNonThrowingEncodable>(_ value: V) -> PostgresData {
            var bytes = ByteBuffer()
            value.encode(into: &bytes, context: .default)
            return PostgresData(type: V.psqlType, formatCode: V.psqlFormat, value: bytes)
        }

        /// `sql` with each placeholder `$n` followed by a cast to its bind's type (`$1::UUID[]`), outside
        /// quoted text and names: a statement prepared by name is parsed before its binds are known,
        /// and the cast gives each the type an unnamed statement declares for it. Nil for a type
        /// without a known name.
        static func typed(_ sql: String, _ types: [PostgresDataType]) -> String? {
            var names: [[UInt8]] = [], made: [PostgresDataType: [UInt8]] = [:]
            names.reserveCapacity(types.count)
            for type in types {
                if let name = made[type] { names.append(name); continue }
                guard let name = type.knownSQLName else { return nil }
                made[type] = Array("::\(name)".utf8)
                names.append(made[type]!)
            }
            // Read as UTF-8 bytes: every character that matters here is ASCII, and a walk by
            // `Character` was 3 % of a district head's evaluation list.
            var out: [UInt8] = []
            out.reserveCapacity(sql.utf8.count + 12 * names.count)
            var quote: UInt8?, number: Int?, comment: UInt8?, previous: UInt8 = 0
            func endPlaceholder() -> Bool {
                guard let n = number else { return true }
                number = nil
                guard names.indices.contains(n - 1) else { return false }
                out.append(contentsOf: names[n - 1])
                return true
            }
            for byte in sql.utf8 {
                if let n = number, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                    guard n < 100_000 else { return nil }
                    number = n * 10 + Int(byte - UInt8(ascii: "0"))
                    previous = byte
                    out.append(byte)
                    continue
                }
                if number == 0 { return nil }  // a `$` without a number
                guard endPlaceholder() else { return nil }
                defer { previous = byte; out.append(byte) }
                if let c = comment {
                    // `--` ends at the line's end, `/*` at `*/` (not nested: the application writes none).
                    if c == UInt8(ascii: "-") ? byte == UInt8(ascii: "\n") : (previous == UInt8(ascii: "*") && byte == UInt8(ascii: "/")) {
                        comment = nil
                    }
                } else if let q = quote {
                    if byte == q { quote = nil }
                } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    // An escape string (E'…\'…') ends elsewhere than its quotes say: not rewritten.
                    if byte == UInt8(ascii: "'") && (previous == UInt8(ascii: "E") || previous == UInt8(ascii: "e")) { return nil }
                    quote = byte
                } else if byte == UInt8(ascii: "$") {
                    number = 0
                } else if (byte == UInt8(ascii: "-") && previous == UInt8(ascii: "-")) || (byte == UInt8(ascii: "*") && previous == UInt8(ascii: "/")) {
                    comment = byte
                }
            }
            if number == 0 { return nil }
            return endPlaceholder() ? String(decoding: out, as: UTF8.self) : nil
        }
    }

    /// Runs the statement on one of the pool's connections (the transaction's, inside one) and hands
    /// each row to `row` in the caller's task, never on the connection's event loop. A list's
    /// statement is prepared once on that connection and its rows come back whole
    /// (`PostgresPrepared`); a `streamed` one (an export, the province's summaries: many rows, run
    /// rarely) stays unnamed, its rows read as they arrive and handed over on `BlockingWork`'s threads:
    /// an export's rows wait there while its writer is behind.
    static func each(_ statement: Statement, on db: any PostgresDatabase, streamed: Bool, logger: Logger,
                     _ row: @escaping @Sendable (PostgresColumns) -> Void) async throws {
        try await db.withConnection { connection in
            if streamed {
                let read = connection.eventLoop.makePromise(of: Void.self)
                Task(executorPreference: BlockingWork.executor) {
                    do {
                        let places = ColumnPlaces()
                        var bindings = PostgresBindings(capacity: statement.binds.count)
                        for bind in statement.binds { bindings.append(bind) }
                        for try await next in try await connection.query(PostgresQuery(unsafeSQL: statement.text, binds: bindings), logger: logger) {
                            row(PostgresColumns(cells: Array(next), places: places.of(next)))
                        }
                        read.succeed()
                    } catch { read.fail(error) }
                }
                return read.futureResult
            }
            return connection.eventLoop.makeFutureWithTask {
                let places = ColumnPlaces()
                for next in try await PostgresPrepared.rows(statement.text, statement.binds, on: connection) {
                    // PostgresNIO asks for every result in binary, but a statement prepared through
                    // its older interface keeps the formats the statement's description gave (text).
                    var cells = Array(next)
                    for i in cells.indices { cells[i].format = .binary }
                    row(PostgresColumns(cells: cells, places: places.of(next)))
                }
            }
        }.get()
    }

    /// Column name → place in the row, learnt from the first row of a statement.
    final class ColumnPlaces: @unchecked Sendable {
        private var places: [String: Int]?
        func of(_ row: PostgresRow) -> [String: Int] {
            if let places { return places }
            var made: [String: Int] = [:]
            for (i, cell) in row.enumerated() where made[cell.columnName] == nil { made[cell.columnName] = i }
            places = made
            return made
        }
    }
}

/// One row from PostgreSQL, its cells decoded by their concrete type.
struct PostgresColumns: ResultColumns {
    let cells: [PostgresCell]
    let places: [String: Int]

    private func cell(_ column: String) -> PostgresCell? {
        guard let i = places[column], cells[i].bytes != nil else { return nil }
        return cells[i]
    }

    func string(_ column: String) throws -> String? { try cell(column)?.decode(String.self) }
    func bool(_ column: String) throws -> Bool? { try cell(column)?.decode(Bool.self) }
    func uuid(_ column: String) throws -> UUID? { try cell(column)?.decode(UUID.self) }
    func date(_ column: String) throws -> Date? { try cell(column)?.decode(Date.self) }
    func double(_ column: String) throws -> Double? { try cell(column)?.decode(Double.self) }

    /// Integers of any width; a `numeric` (PostgreSQL's SUM of bigints) read through its value.
    func int(_ column: String) throws -> Int? {
        guard let cell = cell(column) else { return nil }
        if cell.dataType == .numeric { return NSDecimalNumber(decimal: try cell.decode(Decimal.self)).intValue }
        return try cell.decode(Int.self)
    }
}
