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

    /// The most candidates a search of `reach` reads by id (`limit` for the whole province). A reach
    /// that walks the list's order when the index cannot narrow (`ReadOut.walksSearching`, a tenth of
    /// the province or more) finds its page's matches among a `share` of the names, so the walk reads
    /// 1/share times as many names as the province's would; a candidate costs about as much as eleven
    /// names walked, and the two cross at `limit / √share` candidates (ADR 0017, twenty-sixth part).
    /// A district head's 13 %: 696. "nguyen van", whose end 257 names hold, 30 of them in reach, read
    /// 15,495 names for a page of 25. A smaller reach reads its agencies' officers by their index
    /// instead, which costs less than either: `limit`.
    static func limit(for reach: VisibleAgencies.ReadOut?) -> Int {
        guard let reach, reach.walksSearching else { return limit }
        return Int((Double(limit) / (Double(reach.count) / Double(reach.province)).squareRoot()).rounded())
    }

    /// The candidates' ids as one JSON array, as SQLite made it: they go back to it as one bound
    /// value (`condition`), not a value per id (binding and reading 200 ids one by one cost more
    /// than the search they narrowed).
    struct Candidates: Sendable {
        var json: String
        var count: Int

        /// `id` is one of the candidates.
        func condition(_ id: QuotedColumn) -> any SQLExpression {
            SQLBinaryExpression(id, .in, SQLGroupExpression(SQLQueryString("SELECT value FROM json_each(\(bind: json))")))
        }
    }

    /// The candidates for the search text `query` as typed (none: no name holds it), or nil when
    /// there is no text or the index cannot narrow the search.
    static func candidates(for query: String?, in index: AddNameTrigramSearchSQLite.NameIndex, limit: Int = limit,
                           on db: any Database) async throws -> Candidates? {
        try await read(query, in: index, limit: limit, on: db)?.candidates
    }

    /// What the index says of a search text: its candidates (nil: it cannot narrow), read at `head`.
    struct Narrowing: Sendable { var candidates: Candidates?; var head: Int }

    /// The index asked for `query`'s tail; nil when there is no text to ask for (or not on SQLite).
    private static func read(_ query: String?, in index: AddNameTrigramSearchSQLite.NameIndex, limit: Int,
                             at head: KeptReads.Head = .whole, on db: any Database) async throws -> Narrowing? {
        // Folding takes control characters as white space: a NUL, which would end the FTS5 string
        // early, never reaches the index.
        guard let tail = self.tail(of: query), let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return nil }
        let found = try await RawRows.all("""
            SELECT json_group_array(id) AS ids, COUNT(*) AS n, \(head.seq) AS head FROM (
              SELECT \(name: index.key) AS id FROM \(name: index.table)
              WHERE \(name: index.table) MATCH \(bind: phrase(tail))
              LIMIT \(literal: limit + 1))
            """, on: db) { row in
            (candidates: Candidates(json: try row.string("ids", default: "[]"), count: try row.int("n") ?? 0), head: try row.int("head") ?? 0)
        }.first
        guard let found else { return nil }
        return Narrowing(candidates: found.candidates.count <= limit ? found.candidates : nil, head: found.head)
    }

    /// The last `tail` characters of the folded text, when it has the three a trigram needs.
    static func tail(of query: String?) -> String? {
        guard let text = query.map(VietnameseText.fold), text.unicodeScalars.count >= 3 else { return nil }
        return String(String.UnicodeScalarView(text.unicodeScalars.suffix(tail)))
    }

    /// A page narrowed by the candidates of its search (at most `limit`, `limit(for:)`): `page` reads
    /// the rows the candidates allow and the audit head it read them at. With `kept`, the candidates
    /// read for the same text and limit by an earlier page are tried first, and stand when the page
    /// was read at the head they were read at (no write since, ADR 0020) — one statement less for
    /// every page of a search; otherwise they are read again and the page with them. Nil: no name holds the text (the page is empty). No name
    /// holding it leaves no page to tell the head: that answer stands only when it was read at `head`,
    /// the one the request read before the page (with its session or its token); else it is read again.
    static func narrowed<Rows>(_ query: String?, in index: AddNameTrigramSearchSQLite.NameIndex, limit: Int, kept: KeptReads?,
                               at head: Int?, on db: any Database,
                               page: (Candidates?) async throws -> (rows: Rows, head: Int?)) async throws
        -> (rows: Rows, head: Int?, candidates: Candidates?)? {
        let key = tail(of: query).map { "candidates \(index.table) \(limit) \($0)" }
        if let kept, let key, let guess: (value: Narrowing, head: Int) = kept.kept(key) {
            if guess.value.candidates?.count == 0 {
                if let head, guess.head == head { return nil }
            } else {
                let tried = try await page(guess.value.candidates)
                if tried.head == guess.head { return (tried.rows, tried.head, guess.value.candidates) }
            }
        }
        let fresh = try await read(query, in: index, limit: limit, at: kept?.keptAt ?? .whole, on: db)
        if let kept, let key, let fresh { kept.keep(fresh, key, head: fresh.head) }
        if fresh?.candidates?.count == 0 { return nil }
        let read = try await page(fresh?.candidates)
        return (read.rows, read.head, fresh?.candidates)
    }

    /// `text` as one FTS5 string: with the trigram tokenizer, a phrase matches the names holding it.
    /// Quotes are doubled; FTS5's operators inside the quotes are text.
    static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
