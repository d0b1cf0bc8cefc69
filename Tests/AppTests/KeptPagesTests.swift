@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Issue 14, ADR 0020 (thirty-ninth part): the registry's lists and the ticket lists keep each page's
/// rows while the audit head stays. Each test takes away the table a page reads, without a write: the
/// page answers the same. After a write through the application, the next view shows it.
@Suite("Pages of the lists, kept by the audit head")
struct KeptPagesTests {
    /// The bodies of `pages`, each read by its browser (a page that is not 200 as its path and status).
    static func bodies(_ pages: [(browser: Browser, path: String)]) async throws -> [String] {
        var bodies: [String] = []
        for (browser, path) in pages {
            var browser = browser
            let response = try await browser.get(path)
            bodies.append(response.status == .ok ? response.body.string : "\(path): \(response.status)")
        }
        return bodies
    }

    /// An API body with its keys sorted (the encoder writes them in no fixed order); a page as it is.
    static func sortedJSON(_ body: String) -> String {
        guard body.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)),
              let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return body }
        return String(decoding: sorted, as: UTF8.self)
    }

    /// A ticket recorded by the demo's IT officer (`canbo`) through `TicketService`, with its audit entry.
    static func recordTicket(_ app: Application) async throws -> WorkTicketModel {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "canbo").first())
        let own = try #require(try await OfficerModel.find(try #require(user.officerID), on: app.db))
        let today = LocalDate(testNow, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        let content = WorkTicketContent(taskGroup: .networkMaintenance, details: "Khôi phục máy chủ thư điện tử",
                                        workKind: .maintenance, requesterUnit: "Văn phòng", requesterName: "Lý Văn Tài",
                                        requestedOn: today)
        return try await app.write { try await TicketService.record(content, officer: own, year: today.year,
                                                                    by: .init(userID: user.id, name: "canbo"), on: $0) }
    }

    /// `bodies(pages)` with `table` taken away (renamed and back).
    static func readWithout(_ table: String, _ pages: [(browser: Browser, path: String)], on app: Application) async throws -> [String] {
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.raw("ALTER TABLE \(ident: table) RENAME TO \(ident: table + "_away")").run()
        let bodies = try await bodies(pages)
        try await sql.raw("ALTER TABLE \(ident: table + "_away") RENAME TO \(ident: table)").run()
        return bodies
    }

    @Test func R11_1_aPageOfAgenciesOrOfficersIsReadOnceWhileTheAuditHeadStaysAndShowsAWriteAtOnce() async throws {
        try await withWorld { app, province in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let head = try await Browser.signedIn(app, as: "thutruong2")
            var personnel = try await Browser.signedIn(app, as: "tochuc")
            let agencies = [(authority, "/co-quan"), (authority, "/co-quan?q=so+ngoai+vu"), (head, "/co-quan"), (head, "/co-quan?q=uy+ban")]
            let officers = [(authority, "/can-bo"), (authority, "/can-bo?q=nguyen+thi+anh+tuyet"), (head, "/can-bo"),
                            (head, "/can-bo?q=nguyen")]
            let first = try await Self.bodies(agencies + officers)
            #expect(!first[1].contains("Sở Ngoại vụ") && !first[5].contains("Nguyễn Thị Ánh Tuyết"))
            #expect(first[2].contains("Ủy ban nhân dân thành phố Dĩ An") && first[6].contains("/can-bo/"))
            #expect(try await Self.readWithout(AgencyModel.schema, agencies, on: app) == Array(first.prefix(agencies.count)))
            #expect(try await Self.readWithout(OfficerModel.schema, officers, on: app) == Array(first.suffix(officers.count)))

            #expect(try await authority.post("/co-quan", AgencyTests().validForm()).status == .seeOther)
            #expect(try await authority.get("/co-quan?q=so+ngoai+vu").body.string.contains("Sở Ngoại vụ"))
            #expect(try await personnel.post("/can-bo", OfficerTests().form(agency: province.agencyA.id!)).status == .seeOther)
            #expect(try await authority.get("/can-bo?q=nguyen+thi+anh+tuyet").body.string.contains("Nguyễn Thị Ánh Tuyết"))
        }
    }

    /// The registry's lists and searches, on the web and in the API, and the signed-in people read no
    /// ticket: they are kept at the head without tickets (ADR 0020, forty-second part). After a ticket
    /// they answer as before with the agencies, the officers, the accounts or the grants taken away;
    /// after a write to an agency or an officer the next view shows it.
    @Test func R11_1_aPageOfAgenciesOrOfficersIsNotReadAgainAfterATicketButIsAfterAnAgencysOrAnOfficersWrite() async throws {
        try await withWorld { app, province in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let head = try await Browser.signedIn(app, as: "thutruong2")
            var personnel = try await Browser.signedIn(app, as: "tochuc")
            var api = Browser(app)
            api.extraHeaders.bearerAuthorization = .init(token: try await PreScreeningFixture.token(app, "thutruong2"))
            let pages = [(authority, "/co-quan"), (authority, "/co-quan?q=so+ngoai+vu"), (head, "/co-quan?q=uy+ban"),
                         (authority, "/can-bo?q=nguyen+thi+anh+tuyet"), (head, "/can-bo"), (head, "/can-bo?q=nguyen"),
                         (api, "/api/v1/agencies?q=uy+ban"), (api, "/api/v1/officers?q=nguyen"),
                         (head, "/bien-che"), (head, "/bien-che?q=uy+ban"), (api, "/api/v1/staffing?q=uy+ban")]
            let first = try await Self.bodies(pages)
            #expect(first[2].contains("Ủy ban nhân dân thành phố Dĩ An") && first[4].contains("/can-bo/"))
            #expect(first[6].contains("\"items\"") && first[7].contains("\"items\""))
            _ = try await Self.recordTicket(app)
            for table in [AgencyModel.schema, OfficerModel.schema, UserModel.schema, RoleGrantModel.schema] {
                #expect(try await Self.readWithout(table, pages, on: app).map(Self.sortedJSON) == first.map(Self.sortedJSON),
                        "\(table) after a ticket")
            }

            #expect(try await authority.post("/co-quan", AgencyTests().validForm()).status == .seeOther)
            #expect(try await authority.get("/co-quan?q=so+ngoai+vu").body.string.contains("Sở Ngoại vụ"))
            _ = try await Self.recordTicket(app)
            #expect(try await personnel.post("/can-bo", OfficerTests().form(agency: province.agencyA.id!)).status == .seeOther)
            #expect(try await authority.get("/can-bo?q=nguyen+thi+anh+tuyet").body.string.contains("Nguyễn Thị Ánh Tuyết"))
        }
    }

    @Test func R13_3_aPageOfTicketsIsReadOnceWhileTheAuditHeadStaysAndShowsATicketRecordedAtOnce() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let head = try await Browser.signedIn(app, as: "thutruong")
            let officer = try await Browser.signedIn(app, as: "canbo")
            let pages = [(head, "/phieu"), (head, "/phieu?group=networkMaintenance"), (head, "/phieu?q=may+chu"), (officer, "/phieu")]
            let first = try await Self.bodies(pages)
            #expect(first[0].contains("/phieu/") && first[3].contains("/phieu/"))
            #expect(try await Self.readWithout(WorkTicketModel.schema, pages, on: app) == first)
            // A search text's candidates are kept only where the index of ticket words holds them.
            let keptText: (value: TicketText.Candidates?, head: Int)? = app.keptReads.kept("ticket text \(TicketText.limit) may chu")
            #expect((keptText != nil) == TicketText.hasIndex(app.db), "kept only on SQLite")

            let ticket = try await Self.recordTicket(app)
            for (browser, path) in pages {
                var browser = browser
                #expect(try await browser.get(path).body.string.contains("/phieu/\(ticket.id!.canonicalText)"), "\(path)")
            }
        }
    }
}
