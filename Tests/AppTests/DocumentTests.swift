@testable import App
import Documents
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite("Official documents: PDF downloads (issue 5 §3)")
struct DocumentTests {
    let api = APITests()

    func pageCount(_ body: String) -> Int {
        body.components(separatedBy: "/Type /Page\n").count - 1 + body.components(separatedBy: "/Type /Page ").count - 1
    }

    func doneTicket(_ app: Application, officer: OfficerModel) async throws -> WorkTicketModel {
        let content = WorkTicketContent(taskGroup: .equipmentMaintenance, details: "Thay ổ cứng máy chủ tệp", workKind: .maintenance,
                                        requesterUnit: "Văn phòng", requesterName: "Lý Văn Tài",
                                        requestedOn: LocalDate(year: 2026, month: 11, day: 2)!, handling: "Thay ổ, khôi phục RAID",
                                        outcomes: [.deviceFixed], completedOn: LocalDate(year: 2026, month: 11, day: 3)!)
        let actor = TicketService.Actor(userID: nil, name: "canbo")
        let ticket = try await app.write { try await TicketService.record(content, officer: officer, year: 2027, by: actor, on: $0) }
        #expect(ticket.ticketStatus == .done)
        return ticket
    }

    @Test func ticketFormIsAPDFWithAnASCIINameAndIssuesAnAuditedLinkOnlyForItsOfficer() async throws {
        try await withWorld { app, province in
            let officer = try #require(try await OfficerModel.find(province.officerA.id, on: app.db))
            let ticket = try await doneTicket(app, officer: officer)
            let token = try await api.token(app, "canbo")
            let response = try await api.call(app, .GET, "/api/v1/tickets/\(ticket.id!.uuidString)/form.pdf", token: token)
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description == "application/pdf")
            #expect(response.body.string.hasPrefix("%PDF-"))
            let disposition = try #require(response.headers.first(name: .contentDisposition))
            #expect(disposition == "attachment; filename=\"mau-3-phieu-cong-tac-2027-\(String(format: "%03d", ticket.number!)).pdf\"")
            let links = try await ConfirmationLinkModel.query(on: app.db).filter(\.$ticket.$id == ticket.id!).count()
            #expect(links == 1)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "ticket.link").count() == 1)

            let outsider = try await api.token(app, "canbo2")
            #expect(try await api.call(app, .GET, "/api/v1/tickets/\(ticket.id!.uuidString)/form.pdf", token: outsider).status == .forbidden)
            var browser = try await Browser.signedIn(app, as: "canbo2")
            #expect(try await browser.get("/phieu/\(ticket.id!.uuidString)/mau-3.pdf").status == .forbidden)
        }
    }

    /// The generated layer checked `Accept` only after the handler: the form's fresh link (and an
    /// agency sent by POST) had been written when the answer was refused. Now refused first (406).
    @Test func anAnswerTheClientDoesNotAcceptIsRefusedBeforeAnythingIsWritten() async throws {
        try await withWorld { app, province in
            let officer = try #require(try await OfficerModel.find(province.officerA.id, on: app.db))
            let ticket = try await doneTicket(app, officer: officer)
            let token = try await api.token(app, "canbo")
            let path = "/api/v1/tickets/\(ticket.id!.uuidString)/form.pdf"
            let send = { (method: HTTPMethod, path: String, token: String, accept: [String], json: String?) async throws -> TestingHTTPResponse in
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: token)
                for value in accept { headers.add(name: .accept, value: value) }
                if json != nil { headers.contentType = .json }
                return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
            }
            let links = { try await ConfirmationLinkModel.query(on: app.db).filter(\.$ticket.$id == ticket.id!).count() }

            for accept in [["application/json"], ["text/html", "image/*"], ["application/problem+json"]] {
                let refused = try await send(.GET, path, token, accept, nil)
                #expect(refused.status == .notAcceptable, "\(accept)")
                #expect((try api.object(refused)["detail"] as? String)?.contains("application/pdf") == true)
                #expect(try await links() == 0, "\(accept)")
            }
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "ticket.link").count() == 0)
            // HEAD is answered by the GET route: the same check; and a form nobody receives issues no link.
            #expect(try await send(.HEAD, path, token, ["application/json"], nil).status == .notAcceptable)
            #expect(try await send(.HEAD, path, token, [], nil).status == .ok)
            #expect(try await send(.GET, path, token, ["pdf"], nil).status == .badRequest, "an Accept that cannot be read")
            let district = String(repeating: "x", count: 121)  // maxLength 120, a limit only the spec's check enforces
            #expect(try await send(.GET, "/api/v1/agencies?district=\(district)", token, [], nil).status == .badRequest)
            #expect(try await send(.HEAD, "/api/v1/agencies?district=\(district)", token, [], nil).status == .badRequest, "HEAD: the same limits")
            #expect(try await links() == 0)
            var written = 0
            for accept in [[], ["*/*"], ["application/*;q=0.9, text/html"], ["text/html", "application/pdf"]] {
                #expect(try await send(.GET, path, token, accept, nil).status == .ok, "\(accept)")
                written += 1
                #expect(try await links() == written, "\(accept)")
            }

            let manager = try await api.token(app, "truongphong")
            let agency = #"{"name":"Ủy ban nhân dân xã Tân Long","kind":"administrative","level":"commune","district":"Phú Giáo"}"#
            #expect(try await send(.POST, "/api/v1/agencies", manager, ["text/html"], agency).status == .notAcceptable)
            #expect(try await AgencyModel.query(on: app.db).filter(\.$name == "Ủy ban nhân dân xã Tân Long").count() == 0)
            #expect(try await send(.POST, "/api/v1/agencies", manager, ["application/json"], agency).status == .created)
        }
    }

    @Test func workLogBookHasForm1Form2AndOnePagePerTicket() async throws {
        try await withWorld { app, province in
            let officer = try #require(try await OfficerModel.find(province.officerA.id, on: app.db))
            _ = try await doneTicket(app, officer: officer)
            _ = try await doneTicket(app, officer: officer)
            let path = "/api/v1/officers/\(officer.id!.uuidString)/work-logs/2027/book.pdf"
            let response = try await api.call(app, .GET, path, token: try await api.token(app, "thutruong"))
            #expect(response.status == .ok)
            #expect(pageCount(response.body.string) == 4)
            #expect(try await api.call(app, .GET, path, token: try await api.token(app, "thutruong2")).status == .forbidden)
            // The authority reads a log only once it is submitted.
            #expect(try await api.call(app, .GET, path, token: try await api.token(app, "truongphong")).status == .forbidden)
            var browser = try await Browser.signedIn(app, as: "canbo")
            let web = try await browser.get("/so-cong-tac/\(officer.id!.uuidString)/2027/so-cong-tac.pdf")
            #expect(web.status == .ok)
            #expect(web.headers.first(name: .contentDisposition)?.contains("so-cong-tac-2027-tran-minh-khoa.pdf") == true)
        }
    }

    @Test func commitmentAndForm1FollowTheOfficerRecordsVisibility() async throws {
        try await withWorld { app, province in
            let id = province.officerA.id!.uuidString
            #expect(try await api.call(app, .GET, "/api/v1/officers/\(id)/commitment.pdf", token: try await api.token(app, "thutruong")).status == .ok)
            #expect(try await api.call(app, .GET, "/api/v1/officers/\(id)/commitment.pdf", token: try await api.token(app, "thutruong2")).status == .forbidden)
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.get("/can-bo/\(id)/mau-1.pdf").status == .ok)
            #expect(try await head.get("/can-bo/\(id)/cam-ket.pdf").status == .ok)
            var other = try await Browser.signedIn(app, as: "thutruong2")
            #expect(try await other.get("/can-bo/\(id)/cam-ket.pdf").status == .forbidden)
        }
    }

    /// Issue 11, Art. 13.2: the commitment letter is the personnel file's, not every reader's of the registry.
    @Test func R13_2_commitmentLetterIsReadByThePersonnelFilesKeepersOnly() async throws {
        try await withWorld { app, province in
            let id = province.officerA.id!.uuidString
            for (username, allowed) in [("tochuc", true), ("sotttt", true), ("nhanvien", false), ("ketoan", false), ("taichinh", false)] {
                var browser = try await Browser.signedIn(app, as: username)
                let page = try await browser.get("/can-bo/\(id)").body.string
                #expect(page.contains("/can-bo/\(id)/cam-ket.pdf") == allowed, "\(username): liên kết")
                #expect(try await browser.get("/can-bo/\(id)/cam-ket.pdf").status == (allowed ? .ok : .forbidden), "\(username)")
                #expect(try await api.call(app, .GET, "/api/v1/officers/\(id)/commitment.pdf", token: try await api.token(app, username)).status
                        == (allowed ? .ok : .forbidden), "\(username) API")
            }
        }
    }

    @Test func everyFormHasASampleAndAnUnknownCodeIsNotAServerError() async throws {
        try await withWorld { app, _ in
            let token = try await api.token(app, "nhanvien")
            for code in ["pl1-m1", "pl1-m2", "pl1-m3", "pl2-m1", "pl2-m2", "pl3"] {
                let response = try await api.call(app, .GET, "/api/v1/forms/\(code)/sample.pdf", token: token)
                #expect(response.status == .ok, "\(code)")
                #expect(response.body.string.hasPrefix("%PDF-"))
            }
            #expect(try await api.call(app, .GET, "/api/v1/forms/pl9/sample.pdf", token: token).status.code < 500)
            var browser = try await Browser.signedIn(app, as: "nhanvien")
            #expect(try await browser.get("/bieu-mau").body.string.contains("Giấy cam kết"))
            #expect(try await browser.get("/bieu-mau/pl3.pdf").status == .ok)
            #expect(try await browser.get("/bieu-mau/pl9.pdf").status == .notFound)
        }
    }

    @Test func listExportsKeepThePageVisibility() async throws {
        try await withWorld { app, province in
            let officer = try #require(try await OfficerModel.find(province.officerA.id, on: app.db))
            _ = try await doneTicket(app, officer: officer)
            var own = try await Browser.signedIn(app, as: "thutruong")
            let csv = try await own.get("/phieu?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.body.string.contains("Thay ổ cứng máy chủ tệp"))
            var other = try await Browser.signedIn(app, as: "thutruong2")
            #expect(!(try await other.get("/phieu?format=csv").body.string.contains("Thay ổ cứng máy chủ tệp")))
            let agencies = try await other.get("/co-quan?format=csv").body.string
            #expect(agencies.contains("Tên cơ quan, đơn vị"))
            #expect(!agencies.contains("Sở Kế hoạch và Đầu tư"))
            let xlsx = try await own.get("/can-bo?format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.body.string.hasPrefix("PK"))
        }
    }

    @Test func ticketExportReadsInChunksWithoutLosingOrRepeatingARow() async throws {
        try await withWorld { app, province in
            let officer = try #require(try await OfficerModel.find(province.officerA.id, on: app.db))
            for _ in 0..<5 { _ = try await doneTicket(app, officer: officer) }
            // All five were requested the same day: the order between them is the ids'.
            // One part of a scope (the export walks the index itself), two parts (it unites them), and a
            // head's agencies walked year by year (a part for each year).
            let walk = TicketQueries.AgencyWalk(years: Array((2020...2030).reversed()), test: .init(dialect: try app.db.sql().dialect.name))
            for scope in [TicketQueries.Scope(officerID: officer.id),
                          TicketQueries.Scope(agencies: .own([province.agencyB.id!]), officerID: officer.id),
                          TicketQueries.Scope(agencies: .own([province.agencyA.id!]), agencyWalk: walk)] {
                let export = TicketExport.export(TicketFilter(officerID: officer.id), scope: scope, chunk: 2, on: app.db)
                let rows = RowCollector()
                try await export.produce { rows.append($0) }
                #expect(rows.all.count == 5)
                #expect(Set(rows.all.map { $0[1] }).count == 5)  // five different ticket numbers
                let page = try await TicketQueries.list(TicketFilter(officerID: officer.id), scope: scope, after: nil, limit: 100, on: app.db)
                #expect(rows.all.map { $0[1] } == page.map { Cell.optional($0.number) })
            }
        }
    }
}

final class RowCollector: @unchecked Sendable {
    private(set) var all: [[Cell]] = []
    func append(_ rows: [[Cell]]) { all += rows }
}
