import Domain
import Fluent
import SQLKit

/// On SQLite, the tickets whose folded text may hold a search text, found in the trigram index of
/// ticket texts (`AddTicketTextSearchSQLite`, ADR 0017), when at most `limit` may. A list then reads
/// only those, newest first, instead of walking the year until a page of matches turns up; each is
/// still checked against the whole text.
///
/// Past `limit` candidates the text is common enough that walking the tickets newest first meets a
/// page of matches soon: at two million tickets, 5,000 holders are one ticket in 400, about 12,000
/// tickets walked for a page, as much work as sorting 5,000 candidates.
enum TicketText {
    static let limit = 5_000

    /// The candidates' ids as one JSON array made by SQLite, handed back to it as one value.
    struct Candidates: Sendable {
        var json: String
        var count: Int
    }

    /// The candidates for `query` (count 0: no ticket holds it), or nil when the index cannot narrow
    /// the search: no text of three characters, too many holders, or not SQLite.
    static func candidates(for query: String?, limit: Int = limit, on db: any Database) async throws -> Candidates? {
        guard let match = match(query), let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return nil }
        let (index, keys) = (AddTicketTextSearchSQLite.index, AddTicketTextSearchSQLite.keys)
        // Counted before the ids are looked up, so a common text costs only its count.
        let found = try await RawRows.all("""
            WITH s AS MATERIALIZED (SELECT rowid AS key FROM \(ident: index) WHERE \(ident: index) MATCH \(bind: match)
                                    LIMIT \(literal: limit + 1))
            SELECT (SELECT COUNT(*) FROM s) AS n,
                   CASE WHEN (SELECT COUNT(*) FROM s) <= \(literal: limit)
                   THEN (SELECT json_group_array(k.ticket_id) FROM s JOIN \(ident: keys) k ON k.key = s.key) END AS ids
            """, on: db) { row in (count: try row.int("n") ?? 0, ids: try row.string("ids")) }.first
        guard let found, found.count <= limit else { return nil }
        return Candidates(json: found.ids ?? "[]", count: found.count)
    }

    /// The index's question for a search text: every ticket holding each of its trigrams. The index
    /// keeps no positions (`detail=none`), so it cannot ask for them in a row; the candidates are a
    /// few more than the holders. Trigrams with a space ("n h", "g t") are in most tickets and only
    /// add reading, so they are asked only when the text has no other; at most `most`, from its end,
    /// where a name or a place tells tickets apart. nil: under three characters.
    static func match(_ query: String?, most: Int = 8) -> String? {
        guard let text = query.map(VietnameseText.fold) else { return nil }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 3 else { return nil }
        var all: [String] = []
        for start in 0...(scalars.count - 3) {
            let trigram = String(String.UnicodeScalarView(scalars[start..<start + 3]))
            if !all.contains(trigram) { all.append(trigram) }
        }
        let solid = all.filter { !$0.contains(" ") }
        return (solid.isEmpty ? all : solid).suffix(most).map(NameTrigrams.phrase).joined(separator: " AND ")
    }

    /// The tickets a page's branch reads: the candidates, each found by its id, or every ticket.
    static func source(_ candidates: Candidates?) -> SQLQueryString {
        guard let candidates else { return "\(ident: WorkTicketModel.schema) t" }
        // CROSS JOIN keeps SQLite from walking the tickets' order index and testing each against the
        // candidates: the few candidates are read first, then sorted.
        return "json_each(\(bind: candidates.json)) c CROSS JOIN \(ident: WorkTicketModel.schema) t ON t.id = c.value"
    }
}
