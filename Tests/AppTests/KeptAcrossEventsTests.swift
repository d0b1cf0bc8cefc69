@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Issue 14, ADR 0020 (forty-third part): a login, a failed login, a logout, a refused request and a
/// refused password change each write their audit entry and change no record. They move the whole
/// log's head, not the head without tickets: what is kept there is not read again after them. At ten
/// times the demo every login made the efficiency table be computed again (1.3 s).
@Suite("Values kept across logins and refusals")
struct KeptAcrossEventsTests {
    @Test func R15_5_theTableAndTheListsAreNotReadAgainAfterALoginOrARefusalButAreAfterARecordsWrite() async throws {
        try await withWorld { app, province in
            let authority = try await Browser.signedIn(app, as: "truongphong")
            let head = try await Browser.signedIn(app, as: "thutruong2")
            let pages = [(authority, "/danh-gia/2026/hieu-qua"), (authority, "/co-quan?q=uy+ban"),
                         (head, "/danh-gia/2026/hieu-qua"), (head, "/co-quan")]
            let first = try await KeptPagesTests.bodies(pages)
            #expect(first.allSatisfy { $0.contains("href=\"/co-quan/") }, "\(first.map { $0.prefix(80) })")
            // Every agency renamed behind the audit log's back: what is kept does not show it.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE agencies SET name = name || ' (đổi ngầm)'").run()
            let (whole, steady) = (try await AuditLog.head(on: app.db).seq, try await AuditLog.headWithoutTickets(on: app.db))

            var stranger = Browser(app)
            #expect(try await stranger.login("canbo", "khong-dung-mat-khau").status == .unauthorized, "a failed login")
            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.get("/danh-gia/2026/hieu-qua").status == .forbidden, "a refusal")
            let password = ["current": "khong-dung-mat-khau", "new": "mat-khau-moi-2026", "confirm": "mat-khau-moi-2026"]
            #expect(try await officer.post("/tai-khoan/mat-khau", password).status == .unprocessableEntity, "a refused change")
            #expect(try await officer.post("/dang-xuat", [:]).status == .seeOther, "a logout")

            let events = try await AuditEntryModel.query(on: app.db).filter(\.$seq > whole).all().map(\.action)
            #expect(Set(events) == AuditLog.eventsOnly, "each event wrote its entry: \(events)")
            #expect(try await AuditLog.head(on: app.db).seq == whole + events.count)
            #expect(try await AuditLog.headWithoutTickets(on: app.db) == steady)
            #expect(try await KeptPagesTests.bodies(pages) == first, "nothing read again")

            // A cost entered as the finance section does: a record written, with its audit entry.
            var finance = try await Browser.signedIn(app, as: "ketoan")
            #expect(try await finance.post("/so-cong-tac/\(province.officerA.id!.uuidString)/2026/chi-phi",
                                           ["amount": "87.654.000"]).status == .seeOther)
            #expect(try await AuditLog.headWithoutTickets(on: app.db) > steady)
            let after = try await KeptPagesTests.bodies(pages)
            #expect(after[0].contains("87.654.000 đ"))
            #expect(after.allSatisfy { $0.contains("đổi ngầm") }, "every kept page read again")
        }
    }
}
