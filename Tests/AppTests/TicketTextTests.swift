@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing

/// Issue 14: a ticket list searched for a text reads the tickets the trigram index names on SQLite
/// (`TicketText`), and finds exactly the tickets whose folded text holds the search's, newest first,
/// as the walk over every ticket does — on both databases, through every write of a ticket.
@Suite("Ticket text search (issue 14)")
struct TicketTextTests {
    /// A scope that reads every ticket: all the agencies'.
    static func everyAgency(_ db: any Database) async throws -> TicketQueries.Scope {
        TicketQueries.Scope(agencies: try await AgencyModel.query(on: db).all().compactMap(\.id).sorted { $0.uuidString < $1.uuidString })
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

    /// On SQLite, the index holds each ticket's text under the ticket's key, one key a ticket: FTS5
    /// checks its index against the text it holds, and each text against its ticket's.
    static func expectIndexFollowsTheTickets(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        let (index, keys) = (AddTicketTextSearchSQLite.index, AddTicketTextSearchSQLite.keys)
        try await sql.raw("INSERT INTO \(ident: index) (\(ident: index)) VALUES ('integrity-check')").run()
        let row = try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM \(ident: keys)) AS keys,
                   (SELECT COUNT(*) FROM \(ident: keys) k JOIN \(ident: index) i ON i.rowid = k.key
                    JOIN work_tickets t ON t.id = k.ticket_id WHERE i.search_folded = t.search_folded) AS same
            """).first()
        let tickets = try await WorkTicketModel.query(on: db).count()
        #expect(try row?.decode(column: "keys", as: Int.self) == tickets)
        #expect(try row?.decode(column: "same", as: Int.self) == tickets)
    }

    @Test func aSearchListsExactlyTheTicketsHoldingTheTextNewestFirstWithOrWithoutTheIndex() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let tickets = try await WorkTicketModel.query(on: app.db).all()
            let rare = try #require(tickets.map(\.requesterName).min())
            let texts = [rare, "Máy IN", "may", "phần mềm", "zqxw chưa ai viết", "ab", "\"may", "100%", "a_b", "  "]
            try await Self.expectSameAsSubstrings(app.db, texts, "all years")
            try await Self.expectSameAsSubstrings(app.db, [rare, "may"], year: try #require(tickets.map(\.year).max()), "one year")
            #expect(try await Self.holding(rare, on: app.db).count < tickets.count)
            #expect(try await Self.holding("may", on: app.db).count > 20)
        }
    }

    /// The index names the candidates only when at most `limit` tickets may hold the text; never on
    /// PostgreSQL, nor for a text under three characters.
    @Test func theIndexNamesTheCandidatesOnlyWhenTheyAreFew() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let holders = try await Self.holding("may", on: app.db).count
            let few = try await TicketText.candidates(for: "Máy", limit: holders, on: app.db)
            let many = try await TicketText.candidates(for: "Máy", limit: holders - 1, on: app.db)
            let none = try await TicketText.candidates(for: "zqxw", on: app.db)
            let short = try await TicketText.candidates(for: "má", on: app.db)
            if (app.db as? any SQLDatabase)?.dialect.name == "sqlite" {
                #expect(few?.count == holders)
                #expect(many == nil)
                #expect(none?.count == 0)
            } else {
                #expect(few == nil && many == nil && none == nil)
            }
            #expect(short == nil)
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
