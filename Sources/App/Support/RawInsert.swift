import Fluent
import SQLKit

/// Many rows written as multi-row INSERTs of plain values, `chunk` rows a statement, inside the
/// caller's transaction. Fluent's `[Model].create(on:)` reflects every model's properties to find
/// its fields and timestamps: at the year-end run's 7,800 grades and 7,800 audit entries that
/// reflection, not the database, was most of the writing (issue 14).
enum RawInsert {
    /// A row whose values do not match the columns: a defect of the caller, answered as an error
    /// before anything is written, never by ending the process.
    struct RowShape: Error, CustomStringConvertible {
        var table: String, values: Int, columns: Int
        var description: String { "Một dòng của bảng \(table) có \(values) giá trị cho \(columns) cột" }
    }

    static func rows(into table: String, columns: [String], _ rows: [[any Encodable & Sendable]],
                     chunk: Int = 500, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw RawRows.RawRowsUnsupported() }
        if let bad = rows.first(where: { $0.count != columns.count }) {
            throw RowShape(table: table, values: bad.count, columns: columns.count)
        }
        for start in stride(from: 0, to: rows.count, by: chunk) {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + chunk, rows.count)] {
                insert = insert.values(row.map { SQLBind($0) })
            }
            try await insert.run()
        }
    }
}
