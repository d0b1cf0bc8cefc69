import CTicketWordPairs

/// On SQLite, the index of the pairs of words that stand next to each other in a ticket's folded
/// text (`AddTicketWordPairIndexSQLite`, ADR 0022). A name searched in every year, "duong phuong
/// thao", has common words ("phuong" is in 780,000 of 1.9 M tickets): the index of words read every
/// position of each to find the 87 tickets that hold them in a row. The pairs "phuong>thao" and
/// "phuong<gnoud" are each in a few thousand tickets, and both in the 87.
///
/// Each two neighbouring words u, v of a ticket give the tokens `u>v` and `v<ū` (ū: u reversed),
/// each word cut to its first `wordLimit` bytes (ū to u's last ones). The tokenizer is C
/// (`CTicketWordPairs`), registered with every connection of the server's SQLite
/// (`SQLiteExtensions`).
enum TicketWordPairs {
    static let wordLimit = Int(QLCB_WORD_PAIRS_WORD_LIMIT)

    /// The index's questions for a search text, to ask in turn: each pair of its neighbouring words
    /// that a ticket holding the text must hold, all of them (`AND`). Empty when the text has no such
    /// pair.
    ///
    /// The first word may end a longer word of the ticket and the last may begin one (`TicketText.Words`):
    /// a pair whose first word is whole is asked as `u>v` (or `u>v*` when v may go on), one whose
    /// first word may be cut, with a whole second word, as `v<ū*`; a pair of two words each of which
    /// may be cut (a text of two words inside longer ones) is not asked.
    ///
    /// When the text has pairs of two whole words and others, the whole ones are asked first, alone:
    /// FTS5 reads an exact token's tickets as it needs them, but gathers all the tickets of every
    /// token a prefix names before it answers. A common pair ("phong hop" of "phòng họp", in
    /// hundreds of thousands of tickets) asked as `hop<gnohp*` made a search three times slower.
    static func questions(_ query: String?) -> [String] {
        guard let text = TicketText.Words(query), text.words.count >= 2 else { return [] }
        let words = text.words.map { Array($0.utf8) }
        var (whole, cut): ([String], [String]) = ([], [])
        for i in 0..<(words.count - 1) {
            let (u, v) = (words[i], words[i + 1])
            let uMayBeCut = i == 0 && text.firstMayEndAWord
            let vMayBeCut = i + 1 == words.count - 1 && text.lastMayBeginAWord
            switch (uMayBeCut, vMayBeCut) {
            case (false, false):
                whole.append(quoted(u.prefix(wordLimit) + Array(">".utf8) + v.prefix(wordLimit), prefix: false))
            case (false, true):
                cut.append(quoted(u.prefix(wordLimit) + Array(">".utf8) + v.prefix(wordLimit), prefix: true))
            case (true, false):
                cut.append(quoted(v.prefix(wordLimit) + Array("<".utf8) + u.reversed().prefix(wordLimit), prefix: true))
            case (true, true):
                continue
            }
        }
        let asked = whole.isEmpty || cut.isEmpty ? [whole + cut] : [whole, whole + cut]
        return asked.filter { !$0.isEmpty }.map { $0.joined(separator: " AND ") }
    }

    /// One token as the index's question writes it: an FTS5 string, as the names' index asks its own.
    private static func quoted(_ token: [UInt8], prefix: Bool) -> String {
        NameTrigrams.phrase(String(decoding: token, as: UTF8.self)) + (prefix ? " *" : "")
    }
}
