import Fluent
import FluentSQL
import SQLKit
import SQLiteKit
import SQLiteNIO

/// Reads a Fluent query's rows on SQLite's own thread, one at a time, with the callback run inline:
/// the driver's usual path hands every row to the event loop as a separate task, which costs more
/// than the row and piles rows up in memory when the consumer is slower than SQLite.
enum SQLiteStream {
    /// The query's SQL as Fluent would send it (fields aliased "<table>_<column>").
    private struct Delegate: SQLConverterDelegate {
        func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
        func beforeConvert(_ schema: DatabaseSchema) -> DatabaseSchema { schema }
    }

    /// false when the database is not SQLite (the caller reads the query through Fluent instead).
    static func run<M: Model>(_ query: QueryBuilder<M>, on db: any Database,
                              _ onRow: @escaping @Sendable (SQLiteRow) -> Void) async throws -> Bool {
        guard let sqlite = db as? any SQLiteDatabase, let sql = db as? any SQLDatabase else { return false }
        var serializer = SQLSerializer(database: sql)
        SQLQueryConverter(delegate: Delegate()).convert(query.query).serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        let binds = try serializer.binds.map { try encoder.encode($0) }
        let text = serializer.sql
        try await sqlite.withConnection { connection in try await connection.query(text, binds, onRow) }
        return true
    }
}
