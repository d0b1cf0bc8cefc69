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
        /// The binds as the debug log shows them.
        var shown: [Logger.MetadataValue]

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
                case let v as BoundIDs: binds.append(Self.data(v))
                default: return nil
                }
            }
            guard let text = Self.typed(serializer.sql, binds.map(\.type)) else { return nil }
            self.text = text
            self.binds = binds
            shown = serializer.binds.map { .string("\($0)") }
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
            var names: [String] = []
            for type in types {
                guard let name = type.knownSQLName else { return nil }
                names.append(name)
            }
            var out = ""
            out.reserveCapacity(sql.utf8.count + 12 * names.count)
            var quote: Character?, number = "", inPlaceholder = false
            func endPlaceholder() -> Bool {
                guard inPlaceholder else { return true }
                inPlaceholder = false
                guard let n = Int(number), names.indices.contains(n - 1) else { return false }
                out += "::" + names[n - 1]
                return true
            }
            for c in sql {
                if inPlaceholder, c.isASCII, c.isNumber { number.append(c); out.append(c); continue }
                guard endPlaceholder() else { return nil }
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "'" || c == "\"" {
                    quote = c
                } else if c == "$" {
                    inPlaceholder = true
                    number = ""
                }
                out.append(c)
            }
            return endPlaceholder() ? out : nil
        }
    }

    /// Runs the statement on one of the pool's connections (the transaction's, inside one), prepared
    /// once on that connection (`PostgresPrepared`).
    static func each(_ statement: Statement, on db: any PostgresDatabase, logger: Logger,
                     _ row: @escaping @Sendable (PostgresColumns) -> Void) async throws {
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let places = ColumnPlaces()
                try await PostgresPrepared.execute(statement.text, statement.binds, on: connection) { next in
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

    /// Integers of any width; a `numeric` (PostgreSQL's SUM of bigints) read through its value.
    func int(_ column: String) throws -> Int? {
        guard let cell = cell(column) else { return nil }
        if cell.dataType == .numeric { return NSDecimalNumber(decimal: try cell.decode(Decimal.self)).intValue }
        return try cell.decode(Int.self)
    }
}
