@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing

/// D14 with issue 14: a ticket list searched for a text (diacritics and case ignored) reads the
/// tickets the indexes of ticket words and word pairs name on SQLite (`TicketText`), and finds
/// exactly the tickets whose folded text holds the search's, newest first, as the walk over every
/// ticket does — on both databases, through every write of a ticket.
@Suite("Ticket text search (D14, issue 14)")
struct TicketTextTests {
    /// A scope that reads every ticket: all the agencies'.
    static func everyAgency(_ db: any Database) async throws -> TicketQueries.Scope {
        TicketQueries.Scope(agencies: .own(try await AgencyModel.query(on: db).all().compactMap(\.id)))
    }

    /// Every page of the search, read with the cursor.
    static func search(_ text: String, year: Int? = nil, textLimit: Int = TicketText.limit, on db: any Database) async throws -> [UUID] {
        let scope = try await everyAgency(db)
        var found: [UUID] = []
        var cursor: TicketCursor?
        repeat {
            let page = try await TicketQueries.list(TicketFilter(year: year, q: text), scope: scope, after: cursor, limit: 20,
                                                    textLimit: textLimit, on: db)
            found += page.map(\.id)
            cursor = page.count == 20 ? page.last!.cursor : nil
        } while cursor != nil
        return found
    }

    /// The tickets holding the folded text, newest first (the id between tickets of one day).
    static func holding(_ text: String, year: Int? = nil, on db: any Database) async throws -> [UUID] {
        let folded = VietnameseText.fold(text)
        return try await WorkTicketModel.query(on: db).all()
            .filter { (year == nil || $0.year == year) && (folded.isEmpty || $0.searchFolded.contains(folded)) }
            .sorted { ($0.requestedOn, $0.id!.uuidString) > ($1.requestedOn, $1.id!.uuidString) }.map { $0.id! }
    }

    /// Each text found as the substrings say, read through the index's candidates and without them.
    static func expectSameAsSubstrings(_ db: any Database, _ texts: [String], year: Int? = nil, _ note: String) async throws {
        for text in texts {
            let want = try await holding(text, year: year, on: db)
            for textLimit in [TicketText.limit, 0] {
                let found = try await search(text, year: year, textLimit: textLimit, on: db)
                #expect(found == want, "\(note): q=\(text) year=\(year.map(String.init) ?? "—") limit=\(textLimit): \(found.count) for \(want.count)")
            }
        }
    }

    /// On SQLite, the indexes hold the words of each ticket's text, where they stand, and its pairs
    /// of neighbouring words (ADR 0022), under the ticket's key, one key a ticket: each compared with
    /// an index made afresh from the tickets (FTS5's `instance` vocabulary: token, key and, for the
    /// words, position), and FTS5's own integrity check.
    static func expectIndexFollowsTheTickets(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        let keys = AddTicketWordIndexSQLite.keys
        let counts = try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM \(ident: keys)) AS keys,
                   (SELECT COUNT(*) FROM \(ident: keys) k JOIN work_tickets t ON t.id = k.ticket_id) AS linked
            """).first()
        let tickets = try await WorkTicketModel.query(on: db).count()
        #expect(try counts?.decode(column: "keys", as: Int.self) == tickets)
        #expect(try counts?.decode(column: "linked", as: Int.self) == tickets)
        for (index, options, compared) in [
            (AddTicketWordIndexSQLite.index, "tokenize = 'unicode61 remove_diacritics 0'", "term, doc, offset"),
            (AddTicketWordPairIndexSQLite.index, "detail = none, tokenize = 'qlcb_word_pairs'", "term, doc"),
        ] {
            let kept = try await compareWithAFreshIndex(index, options: options, compared: compared, sql)
            #expect(kept.documents == tickets, "\(index)")
            #expect(kept.extra == 0 && kept.missing == 0, "\(index): \(kept.extra) extra, \(kept.missing) missing")
        }
    }

    /// The tickets `index` holds, and its tokens (`compared`: columns of the `instance` vocabulary)
    /// that one made afresh from the tickets under their keys lacks, or has and it lacks.
    static func compareWithAFreshIndex(_ index: String, options: String, compared: String,
                                       _ sql: any SQLDatabase) async throws -> (documents: Int, extra: Int, missing: Int) {
        try await sql.raw("INSERT INTO \(ident: index) (\(ident: index)) VALUES ('integrity-check')").run()
        try await sql.raw("CREATE VIRTUAL TABLE temp.fresh USING fts5(search_folded, content = '', \(unsafeRaw: options))").run()
        try await sql.raw("""
            INSERT INTO temp.fresh (rowid, search_folded)
            SELECT k.key, t.search_folded FROM \(ident: AddTicketWordIndexSQLite.keys) k JOIN work_tickets t ON t.id = k.ticket_id
            """).run()
        try await sql.raw("CREATE VIRTUAL TABLE temp.kept_tokens USING fts5vocab(main, \(ident: index), instance)").run()
        try await sql.raw("CREATE VIRTUAL TABLE temp.fresh_tokens USING fts5vocab(temp, fresh, instance)").run()
        let row = try await sql.raw("""
            SELECT (SELECT COUNT(DISTINCT doc) FROM temp.kept_tokens) AS documents,
                   (SELECT COUNT(*) FROM (SELECT \(unsafeRaw: compared) FROM temp.kept_tokens
                                          EXCEPT SELECT \(unsafeRaw: compared) FROM temp.fresh_tokens)) AS extra,
                   (SELECT COUNT(*) FROM (SELECT \(unsafeRaw: compared) FROM temp.fresh_tokens
                                          EXCEPT SELECT \(unsafeRaw: compared) FROM temp.kept_tokens)) AS missing
            """).first()
        for table in ["kept_tokens", "fresh_tokens", "fresh"] {
            try await sql.raw("DROP TABLE temp.\(ident: table)").run()
        }
        return (try row?.decode(column: "documents", as: Int.self) ?? -1, try row?.decode(column: "extra", as: Int.self) ?? -1,
                try row?.decode(column: "missing", as: Int.self) ?? -1)
    }

    @Test func D14_aSearchListsExactlyTheTicketsHoldingTheTextNewestFirstWithOrWithoutTheIndex() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let tickets = try await WorkTicketModel.query(on: app.db).all()
            let rare = try #require(tickets.map(\.requesterName).min())
            let texts = [rare, String(rare.dropFirst()), String(rare.dropLast()), "Máy IN", " máy in ", "may", "phần mềm", "zqxw chưa ai viết",
                         "(zqxw", "ab", "\"may", "100%", "a_b", "  "]
            try await Self.expectSameAsSubstrings(app.db, texts, "all years")
            try await Self.expectSameAsSubstrings(app.db, [rare, "may"], year: try #require(tickets.map(\.year).max()), "one year")
            #expect(try await Self.holding(rare, on: app.db).count < tickets.count)
            #expect(try await Self.holding("may", on: app.db).count > 20)
        }
    }

    /// ADR 0017: on PostgreSQL the tickets' texts have a trigram index, and a search read through it
    /// (the planner kept from walking or scanning the table, in one transaction) finds exactly what
    /// the substrings find. SQLite has its own index of words, tested above.
    @Test func aSearchReadThroughTheTrigramIndexOnPostgreSQLFindsWhatTheSubstringsFind() async throws {
        try await withWorld { app, province in
            let sql = try app.db.sql()
            guard sql.dialect.name == "postgresql" else { return }
            let definition = try await sql.raw("""
                SELECT indexdef FROM pg_indexes WHERE indexname = \(bind: AddTicketTextTrigramIndex.name)
                """).first()?.decode(column: "indexdef", as: String.self)
            #expect(definition?.contains("USING gin (search_folded gin_trgm_ops)") == true, "\(definition ?? "no index")")
            try await loadDemoYears(app, province)
            let rare = try #require(try await WorkTicketModel.query(on: app.db).all().map(\.requesterName).min())
            for text in [rare, String(rare.dropFirst(2)), "may in", "zqxw"] {
                let want = try await Self.holding(text, on: app.db)
                try await app.db.transaction { db in
                    let sql = try db.sql()
                    for setting in ["enable_seqscan", "enable_indexscan", "enable_indexonlyscan"] {
                        try await sql.raw("SET LOCAL \(unsafeRaw: setting) = off").run()
                    }
                    let plan = try await sql.raw("""
                        EXPLAIN SELECT id FROM \(ident: WorkTicketModel.schema) WHERE \(FoldedContains(column: SQLColumn("search_folded"), text: VietnameseText.fold(text)))
                        """).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                    #expect(plan.contains(AddTicketTextTrigramIndex.name), "\(plan)")
                    #expect(try await Self.search(text, on: db) == want, "q=\(text)")
                }
            }
        }
    }

    /// The index is asked for a text's words in a row, never for more than a ticket holding the text
    /// must hold: a first word that may end a longer word is left out, a last one that may begin a
    /// longer word is asked as a beginning (and left out when under three letters).
    @Test func theIndexIsAskedOnlyForWhatEveryHolderOfTheTextHolds() {
        let asked: [(String, String?)] = [
            ("Dương Phương Thảo", "\"phuong thao\" *"), ("uong phuong tha", "\"phuong tha\" *"),
            (" phuong thao ", "\"thao\" *"), ("\"may", "\"may\" *"), (" máy in", nil), ("nguyen thi lan", "\"thi lan\" *"),
            ("HD-2026/15", "\"2026\""), ("HD-2026/153", "\"2026 153\" *"), ("(so 12) ", "\"so 12\""),
            ("thao", nil), ("thao ", nil), ("may in", nil), ("a_b", nil), ("100%", nil), ("  ", nil), ("", nil),
            ("中文 abc", nil), ("phương thảo ø", nil), ("phương thảo ü", "\"thao\""),
        ]
        for (text, match) in asked { #expect(TicketText.match(text) == match, "\(text)") }
    }

    /// ADR 0022: the index of pairs is asked for each pair of neighbouring words that every holder of
    /// the text holds — `u>v` when u is whole, `v<ū` (u reversed) when only v is, a prefix when the
    /// pair's second part may go on — and not at all when no pair has a whole word; the pairs of two
    /// whole words first, alone, when there are others. The text is folded first, which trims its spaces.
    @Test func theIndexOfPairsIsAskedOnlyForThePairsEveryHolderOfTheTextHolds() {
        let long = "abcdefghijklmnopqrstuvwxyz0123456789"   // 36 letters: a pair keeps 32
        let asked: [(String, [String])] = [
            ("Dương Phương Thảo", ["\"phuong<gnoud\" * AND \"phuong>thao\" *"]),
            ("(phuong thao)", ["\"phuong>thao\""]), ("(phuong thao", ["\"phuong>thao\" *"]), (" phuong thao ", []),
            ("phuong thao)", ["\"thao<gnouhp\" *"]), ("(so 12) ", ["\"so>12\""]),
            ("HD-2026/153", ["\"2026<dh\" * AND \"2026>153\" *"]), ("nguyen thi lan", ["\"thi<neyugn\" * AND \"thi>lan\" *"]),
            ("may in", []), ("thao", []), (" thao ", []), ("a_b", []), ("  ", []), ("", []), ("phương thảo ø", []),
            ("phong hop tang 3", ["\"hop>tang\"", "\"hop>tang\" AND \"hop<gnohp\" * AND \"tang>3\" *"]),
            ("(x \(long) y", ["\"x>abcdefghijklmnopqrstuvwxyz012345\"",
                              "\"x>abcdefghijklmnopqrstuvwxyz012345\" AND \"abcdefghijklmnopqrstuvwxyz012345>y\" *"]),
            ("(x \(long) y z)", ["\"x>abcdefghijklmnopqrstuvwxyz012345\" AND \"abcdefghijklmnopqrstuvwxyz012345>y\" AND \"y>z\""]),
            ("x \(long) y", ["\"abcdefghijklmnopqrstuvwxyz012345<x\" * AND \"abcdefghijklmnopqrstuvwxyz012345>y\" *"]),
            ("\(long) y.", ["\"y<9876543210zyxwvutsrqponmlkjihgfe\" *"]),
        ]
        for (text, questions) in asked { #expect(TicketWordPairs.questions(text) == questions, "\(text)") }
    }

    /// ADR 0022: a text's pairs of whole words are asked first; they are the candidates when they
    /// name few tickets, and all its pairs are asked when they name too many.
    @Test func theWholePairsAreAskedFirstAndAllThePairsWhenTheyNameTooMany() async throws {
        try await withWorld { app, _ in
            guard (app.db as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
            let holder = try await OperationsTests.recordTicket(app, "Dương Phương Thảo ở phòng 2")
            _ = try await OperationsTests.recordTicket(app, "Phương Thảo ở nhà")
            let text = "duong phuong thao o"
            #expect(try await TicketText.candidates(for: text, on: app.db)?.count == 2)
            let narrowed = try #require(try await TicketText.candidates(for: text, limit: 1, on: app.db))
            #expect(try JSONDecoder().decode([UUID].self, from: Data(narrowed.json.utf8)) == [holder])
            try await Self.expectSameAsSubstrings(app.db, [text], "two questions")
        }
    }

    /// ADR 0022: the tokenizer `qlcb_word_pairs` gives each two neighbouring words of a text (runs of
    /// digits and small letters; every other byte, a letter outside ASCII too, is a sign between
    /// them) the tokens `u>v` and `v<ū`, each word cut to 32 bytes; a question is one token.
    @Test func theTokenizerGivesEachTwoNeighbouringWordsTheirTwoPairs() async throws {
        try await withWorld { app, _ in
            guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
            try await sql.raw("CREATE VIRTUAL TABLE temp.pairs USING fts5(t, detail = none, tokenize = 'qlcb_word_pairs')").run()
            try await sql.raw("CREATE VIRTUAL TABLE temp.pair_terms USING fts5vocab(temp, pairs, row)").run()
            let text = "ma hd-2026/15, x\u{00E9}y abcdefghijklmnopqrstuvwxyz0123456789 z"
            try await sql.raw("INSERT INTO temp.pairs (t) VALUES (\(bind: text))").run()
            let terms = try await sql.raw("SELECT term FROM temp.pair_terms ORDER BY term").all().map { try $0.decode(column: "term", as: String.self) }
            #expect(terms == ["15<6202", "15>x", "2026<dh", "2026>15", "abcdefghijklmnopqrstuvwxyz012345<y",
                              "abcdefghijklmnopqrstuvwxyz012345>z", "hd<am", "hd>2026", "ma>hd", "x<51", "x>y",
                              "y<x", "y>abcdefghijklmnopqrstuvwxyz012345", "z<9876543210zyxwvutsrqponmlkjihgfe"])
            let found = try await sql.raw("""
                SELECT COUNT(*) AS n FROM temp.pairs WHERE pairs MATCH '"2026<dh" * AND "abcdefghijklmnopqrstuvwxyz012345>z"'
                """).first()?.decode(column: "n", as: Int.self)
            #expect(found == 1)
            try await sql.raw("DROP TABLE temp.pair_terms").run()
            try await sql.raw("DROP TABLE temp.pairs").run()
        }
    }

    /// Texts the index answers and texts it leaves to the walk, cut inside words, at their ends, with
    /// signs: each finds what the substring test finds, with and without the index.
    @Test func D14_aTextCutInsideWordsFindsWhatTheSubstringsFind() async throws {
        try await withWorld { app, _ in
            var ids: [UUID] = []
            for text in ["Cài phần mềm cho chị Dương Phương Thảo", "Hỗ trợ anhDương Phương Thảoo ở phòng 2",
                         "Tra cứu: mã HD-2026/15 đã xong", "Dương Phương, Thảo ghi chú", "Phương Thảo nhờ sửa máy in",
                         "Đổi mật khẩu abcdefghijklmnopqrstuvwxyz0123456789abcd của phòng"] {
                ids.append(try await OperationsTests.recordTicket(app, text))
            }
            let texts = ["dương phương thảo", "uong phuong tha", "g phuong thao", "phuong thao ", " phuong thao", "duong phuong thaoo",
                         "hd-2026/1", "2026/15", "d-2026", "-2026/15 ", ": ma hd", "phuong", "thao", "ương phư", "anhduong phuong",
                         "phuong thao o phong", " may in", "duong phuong, thao",
                         // A word longer than a pair keeps (32 letters), whole, cut at either end, or both.
                         "mat khau abcdefghijklmnopqrstuvwxyz0123456789abcd cua", "u abcdefghijklmnopqrstuvwxyz0123456789ab",
                         "789abcd cua phong", "abcdefghijklmnopqrstuvwxyz0123456789abce cua", "3456789abcd cua",
                         "defghijklmnopqrstuvwxyz0123456789abcd cua ", " khau abcdefghijklmnopqrstuvwxyz0123456789abcd "]
            try await Self.expectSameAsSubstrings(app.db, texts, "cut")
            // "Dương Phương, Thảo" holds the pairs (a sign between two words) but not the text: a
            // candidate the test turns down. A text starting "Phương Thảo" has no word before
            // "Phương": the pair "…uong phuong" keeps it out, as the index of words alone did not.
            let holders = Set(try await Self.holding("uong phuong tha", on: app.db))
            #expect(Set(ids).intersection(holders) == [ids[0], ids[1]])
            if (app.db as? any SQLDatabase)?.dialect.name == "sqlite" {
                let named = try #require(try await TicketText.candidates(for: "uong phuong tha", on: app.db))
                let candidates = Set(try JSONDecoder().decode([UUID].self, from: Data(named.json.utf8)))
                #expect(Set(ids).intersection(candidates) == [ids[0], ids[1], ids[3]])
                #expect(candidates.isSuperset(of: holders))
            }
        }
    }

    /// The index names the candidates only when at most `limit` tickets may hold the text; never on
    /// PostgreSQL, nor for a text it cannot ask.
    @Test func theIndexNamesTheCandidatesOnlyWhenTheyAreFew() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let holders = try await Self.holding("phần mềm", on: app.db).count
            let all = try await TicketText.candidates(for: "Phần mềm", limit: 1_000_000, on: app.db)
            let none = try await TicketText.candidates(for: "(zqxw", on: app.db)
            let word = try await TicketText.candidates(for: "máy", on: app.db)
            if (app.db as? any SQLDatabase)?.dialect.name == "sqlite" {
                let count = try #require(all?.count)
                #expect(count >= holders && holders > 20)
                #expect(try await TicketText.candidates(for: "Phần mềm", limit: count, on: app.db)?.count == count)
                #expect(try await TicketText.candidates(for: "Phần mềm", limit: count - 1, on: app.db) == nil)
                #expect(none?.count == 0)
            } else {
                #expect(all == nil && none == nil)
            }
            #expect(word == nil)
        }
    }

    /// A ticket written, changed or removed is found by its new text at once, no longer by its old.
    @Test func theIndexFollowsEveryWriteOfATicket() async throws {
        try await withWorld { app, _ in
            let id = try await OperationsTests.recordTicket(app, "Cấu hình tường lửa phòng họp trực tuyến")
            try await Self.expectSameAsSubstrings(app.db, ["tường lửa", "tuong lua phong hop"], "written")
            #expect(try await Self.search("tuong lua", on: app.db) == [id])

            let ticket = try #require(try await WorkTicketModel.find(id, on: app.db))
            var content = ticket.content
            content.details = "Khôi phục hộp thư công vụ bị khóa"
            try await app.write { [content] db in
                try await TicketService.update(ticket, content, expectedVersion: nil, correctionReason: nil,
                                               by: .init(userID: nil, name: "kiểm thử"), on: db)
            }
            #expect(try await Self.search("tuong lua", on: app.db).isEmpty)
            #expect(try await Self.search("hop thu cong vu", on: app.db) == [id])

            // Tickets are never removed by the application; the index follows a removal all the same.
            try await TicketEventModel.query(on: app.db).filter(\.$ticket.$id == id).delete()
            try await ticket.delete(on: app.db)
            #expect(try await Self.search("hop thu cong vu", on: app.db).isEmpty)
            try await Self.expectIndexFollowsTheTickets(app.db)
        }
    }
}
