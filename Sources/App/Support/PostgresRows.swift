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
        var text: String
        var bindings: PostgresBindings
        /// The binds as the debug log shows them.
        var shown: [Logger.MetadataValue]

        /// Nil when a bind is of a type the application does not bind (the caller then goes through SQLKit).
        /// A reach read out (`BoundIDs`) is one: a head's every list binds it, and through SQLKit each of
        /// its cells was decoded generically (11.6 % of a district head's agency list on PostgreSQL).
        init?(_ query: any SQLExpression, on sql: any SQLDatabase) {
            var serializer = SQLSerializer(database: DialectReadOnce(sql))
            query.serialize(to: &serializer)
            var bindings = PostgresBindings(capacity: serializer.binds.count)
            for bind in serializer.binds {
                switch bind {
                case let v as String: bindings.append(v)
                case let v as Int: bindings.append(v)
                case let v as Bool: bindings.append(v)
                case let v as UUID: bindings.append(v)
                case let v as Date: bindings.append(v)
                case let v as Double: bindings.append(v)
                case let v as BoundIDs: bindings.append(v)
                default: return nil
                }
            }
            text = serializer.sql
            self.bindings = bindings
            shown = serializer.binds.map { .string("\($0)") }
        }
    }

    /// Runs the statement on one of the pool's connections (the transaction's, inside one).
    static func each(_ statement: Statement, on db: any PostgresDatabase, logger: Logger,
                     _ row: @escaping @Sendable (PostgresColumns) -> Void) async throws {
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let rows = try await connection.query(PostgresQuery(unsafeSQL: statement.text, binds: statement.bindings), logger: logger)
                let places = ColumnPlaces()
                for try await next in rows {
                    row(PostgresColumns(cells: Array(next), places: places.of(next)))
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
