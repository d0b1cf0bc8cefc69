import Domain
import Fluent
import SQLKit

/// On SQLite, the tickets whose folded text may hold a search text, found in the index of ticket
/// words (`AddTicketWordIndexSQLite`, ADR 0017), when at most `limit` may. A list then reads only
/// those, newest first, instead of walking the year until a page of matches turns up; each is still
/// tested against the whole text, so the answer is the substring test's (ADR 0017) either way.
///
/// Past `limit` candidates the text is common enough that walking the tickets newest first meets a
/// page of matches soon, and reading thousands of candidates one by one would cost as much.
enum TicketText {
    static let limit = 5_000
    /// The shortest last word asked as a word's beginning: a shorter one begins too many words of
    /// the index (each of their lists is read and merged), and is left out of the question.
    static let shortestPrefix = 3

    /// The candidates' ids as one JSON array made by SQLite, handed back to it as one value, as the
    /// names' candidates are.
    typealias Candidates = NameTrigrams.Candidates

    /// Few enough candidates to read without asking the index more.
    static let fewCandidates = 500

    /// The candidates for `query` (count 0: no ticket holds it), or nil when neither index can narrow
    /// the search (`TicketWordPairs.questions`, `match`), there are too many, or the database is not SQLite.
    static func candidates(for query: String?, limit: Int = limit, on db: any Database) async throws -> Candidates? {
        guard hasIndex(db) else { return nil }
        // The pairs of words when the text has one to ask (ADR 0022): a pair is held by far fewer
        // tickets than either of its words, whose every position a phrase reads. Its pairs of whole
        // words first, alone, when they leave few candidates.
        let pairs = TicketWordPairs.questions(query)
        let questions = pairs.isEmpty ? match(query).map { [(AddTicketWordIndexSQLite.index, $0)] } ?? []
                                      : pairs.map { (AddTicketWordPairIndexSQLite.index, $0) }
        for (n, (index, match)) in questions.enumerated() {
            let enough = n == questions.count - 1 ? limit : min(limit, fewCandidates)
            if let found = try await candidates(index, match, upTo: enough, on: db) { return found }
        }
        return nil
    }

    /// Whether `db` has the index of ticket words (SQLite only): elsewhere a search text has no
    /// candidates to read, nor to keep.
    static func hasIndex(_ db: any Database) -> Bool {
        (db as? any SQLDatabase)?.dialect.name == "sqlite"
    }

    /// The tickets `index` names for `match`, when at most `enough` of them.
    private static func candidates(_ index: String, _ match: String, upTo enough: Int, on db: any Database) async throws -> Candidates? {
        let keys = AddTicketWordIndexSQLite.keys
        // Counted before the ids are looked up, so a common text costs only its count.
        let found = try await RawRows.all("""
            WITH s AS MATERIALIZED (SELECT rowid AS key FROM \(name: index) WHERE \(name: index) MATCH \(bind: match)
                                    LIMIT \(literal: enough + 1))
            SELECT (SELECT COUNT(*) FROM s) AS n,
                   CASE WHEN (SELECT COUNT(*) FROM s) <= \(literal: enough)
                   THEN (SELECT json_group_array(k.ticket_id) FROM s JOIN \(name: keys) k ON k.key = s.key) END AS ids
            """, on: db) { row in (count: try row.int("n") ?? 0, ids: try row.string("ids")) }.first
        guard let found, found.count <= enough else { return nil }
        return Candidates(json: found.ids ?? "[]", count: found.count)
    }

    /// The index's question for a search text: its words in a row, as a phrase that every ticket
    /// holding the text holds. nil when there is no such phrase to ask.
    ///
    /// The text is a substring, not a list of words: its first word may be the end of a longer
    /// word of the ticket ("uong" in "duong") and its last the beginning of one ("tha" of "thao").
    /// So the first word is left out unless a space or a sign comes before it in the text, and the
    /// last is asked as a word's beginning (`tha*`) unless one comes after it; a word between two
    /// others is a whole word of the ticket. Only plain ASCII texts are asked, whose words and signs
    /// the index's tokenizer splits exactly as this does (a letter or digit is always part of a
    /// word, any other ASCII character never, `Words`).
    static func match(_ query: String?) -> String? {
        guard let text = Words(query) else { return nil }
        var words = text.words
        if text.firstMayEndAWord, !words.isEmpty { words.removeFirst() }
        var prefix = text.lastMayBeginAWord
        if prefix, let end = words.last, end.count < shortestPrefix {
            words.removeLast()
            prefix = false
        }
        guard !words.isEmpty else { return nil }
        return NameTrigrams.phrase(words.joined(separator: " ")) + (prefix ? " *" : "")
    }

    /// A search text's words as the indexes cut them: runs of digits and small letters (folded text
    /// is lower case), any other character a sign between them. Only plain ASCII texts, whose words
    /// and signs the indexes' tokenizers split exactly so: a folded Vietnamese text is one.
    struct Words {
        var words: [String]
        /// The text begins inside a word: its first word may be the end of a longer one.
        var firstMayEndAWord: Bool
        /// The text ends inside a word: its last word may be the beginning of a longer one.
        var lastMayBeginAWord: Bool

        init?(_ query: String?) {
            guard let text = query.map(VietnameseText.fold), let first = text.utf8.first, let last = text.utf8.last,
                  text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            let isWordByte = { (b: UInt8) in (0x30...0x39).contains(b) || (0x61...0x7A).contains(b) }
            words = text.utf8.split(whereSeparator: { !isWordByte($0) }).map { String(decoding: $0, as: UTF8.self) }
            firstMayEndAWord = isWordByte(first)
            lastMayBeginAWord = isWordByte(last)
        }
    }

    /// The tickets a page's branch reads: the candidates, each found by its id, or every ticket.
    static func source(_ candidates: Candidates?) -> SQLQueryString {
        guard let candidates else { return "\(name: WorkTicketModel.schema) t" }
        // CROSS JOIN keeps SQLite from walking the tickets' order index and testing each against the
        // candidates: the few candidates are read first, then sorted.
        return "json_each(\(bind: candidates.json)) c CROSS JOIN \(name: WorkTicketModel.schema) t ON t.id = c.value"
    }
}
