import Fluent
import SQLKit

extension Database {
    /// The database as SQL (both drivers are): an error with a Vietnamese message instead of a crash
    /// if a driver without SQL were ever configured.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw ConfigError(message: "Cơ sở dữ liệu không hỗ trợ SQL.") }
        return sql
    }
}
