import Domain
import Fluent
import Foundation
import SQLKit

/// On SQLite, the records whose folded name may hold a text, found in the trigram index of names
/// (`AddNameTrigramSearchSQLite`, ADR 0017) — when the text has the three characters a trigram
/// needs and at most `limit` names hold it. A search then checks only those records instead of
/// scanning every name. A text that half the province's names hold ("tram y te") is cheaper to
/// scan for: looking up thousands of records one by one cost 17 ms where the scan costs 2 ms.
///
/// The index is asked for the text's last `tail` characters only: its work grows with every
/// trigram of the text (the 23 of "truong tieu hoc phu cuong": 3.3 ms, more than the scan), and
/// names end in what tells them apart — a given name, a place ("phu cuong": 0.6 ms, 185 agencies
/// for 184). The candidates hold the tail; the search checks each against the whole text.
enum NameTrigrams {
    static let limit = 250
    static let tail = 9

    /// The candidates' ids as one JSON array, as SQLite made it: they go back to it as one bound
    /// value (`condition`), not a value per id (binding and reading 200 ids one by one cost more
    /// than the search they narrowed).
    struct Candidates: Sendable {
        var json: String
        var count: Int

        /// `id` is one of the candidates.
        func condition(_ id: SQLColumn) -> any SQLExpression {
            SQLBinaryExpression(id, .in, SQLGroupExpression(SQLQueryString("SELECT value FROM json_each(\(bind: json))")))
        }
    }

    /// The candidates for the search text `query` as typed (none: no name holds it), or nil when
    /// there is no text or the index cannot narrow the search.
    static func candidates(for query: String?, in index: AddNameTrigramSearchSQLite.NameIndex, limit: Int = limit,
                           on db: any Database) async throws -> Candidates? {
        // Folding takes control characters as white space: a NUL, which would end the FTS5 string
        // early, never reaches the index.
        guard let text = query.map(VietnameseText.fold), text.unicodeScalars.count >= 3,
              let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return nil }
        let found = try await RawRows.all("""
            SELECT json_group_array(id) AS ids, COUNT(*) AS n FROM (
              SELECT \(ident: index.key) AS id FROM \(ident: index.table)
              WHERE \(ident: index.table) MATCH \(bind: phrase(String(String.UnicodeScalarView(text.unicodeScalars.suffix(tail)))))
              LIMIT \(literal: limit + 1))
            """, on: db) { Candidates(json: try $0.string("ids", default: "[]"), count: try $0.int("n") ?? 0) }.first
        guard let found, found.count <= limit else { return nil }
        return found
    }

    /// `text` as one FTS5 string: with the trigram tokenizer, a phrase matches the names holding it.
    /// Quotes are doubled; FTS5's operators inside the quotes are text.
    static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
