import Fluent
import Logging
import NIOCore
import SQLKit

extension Database {
    /// The database as SQL (both drivers are): an error with a Vietnamese message instead of a crash
    /// if a driver without SQL were ever configured.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw ConfigError(message: "Cơ sở dữ liệu không hỗ trợ SQL.") }
        return sql
    }
}

/// A database with its dialect read once, to serialize one statement (issue 14): SQLKit's serializer
/// asks for the dialect at every name and every bound value, and the SQLite driver makes a new one at
/// each question (1.6 % of a head's evaluation page, in its statements' names alone).
struct DialectReadOnce: SQLDatabase {
    let database: any SQLDatabase
    let dialect: any SQLDialect

    init(_ database: any SQLDatabase) {
        self.database = database
        dialect = database.dialect
    }

    var logger: Logger { database.logger }
    var eventLoop: any EventLoop { database.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { database.version }
    var queryLogLevel: Logger.Level? { database.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        database.execute(sql: query, onRow)
    }
}
