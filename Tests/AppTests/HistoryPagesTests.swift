@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11 §5: the histories on the pages say who (full name, role), did what, with the fields an
/// edit changed — the same sentences on the record's page and in the administrator's log.
@Suite("Histories on the pages (issue 11 §5)")
struct HistoryPagesTests {
    func text(_ response: TestingHTTPResponse) -> String { VisibleText.of(response.body.string) }

    @Test func anOfficerEditIsToldByNameRoleAndTheFieldsChanged() async throws {
        try await withWorld { app, province in
            var personnel = try await Browser.signedIn(app, as: "tochuc")
            let officer = try #require(province.officerA.id)
            let edit = try await personnel.get("/can-bo/\(officer)/sua").body.string
            var form: [String: String] = [:]
            for match in edit.matches(of: /<input (?![^>]*type="(?:checkbox|radio)")[^>]*name="([A-Za-z]+)"[^>]*value="([^"]*)"/) { form[String(match.output.1)] = String(match.output.2) }
            for match in edit.matches(of: /<input type="radio" name="([A-Za-z]+)" value="([^"]*)" checked/) { form[String(match.output.1)] = String(match.output.2) }
            for match in edit.matches(of: /<input type="checkbox" name="([A-Za-z]+)" value="true" checked/) { form[String(match.output.1)] = "true" }
            for match in edit.matches(of: /(?s)<select name="([A-Za-z]+)">.*?<option value="([^"]*)" selected/) { form[String(match.output.1)] = String(match.output.2) }
            form["phone"] = "0913 000 111"
            form["division"] = "Phòng Tin học"
            #expect(try await personnel.post("/can-bo/\(officer)", form).status == .seeOther)
            let page = text(try await personnel.get("/can-bo/\(officer)"))
            #expect(page.contains("Lý Văn Tài (Bộ phận tổ chức cán bộ): Đã sửa: Phòng, ban, Số điện thoại"), "\(page)")
            #expect(try await HistoryRow.load(entityID: officer, on: app.db).first?.text == "Đã sửa: Phòng, ban, Số điện thoại")
            var admin = try await Browser.signedIn(app, as: "admin")
            let log = text(try await admin.get("/quan-tri/nhat-ky"))
            #expect(log.contains("Đã sửa: Phòng, ban, Số điện thoại Cán bộ CNTT: Trần Minh Khoa"))
            #expect(!log.contains("officer.update") && !log.contains("{\""))
        }
    }

    /// The log's pages: 50 entries each, newest first, each page going on where the one before
    /// stopped; its count, kept while the audit head stays, follows each write (issue 14).
    @Test func theAuditLogIsPagedNewestFirstAndItsCountFollowsEachWrite() async throws {
        try await withWorld { app, _ in
            // More than two pages: refusals logged as a stranger's requests would be.
            try await app.write { db in
                for n in 0..<120 {
                    try await AuditLog.append(AuditEvent(actorID: nil, actorName: "(khách)", action: "permission.denied",
                                                         entityType: "agency", entityID: nil, after: "GET /co-quan/\(n)"), on: db)
                }
            }
            var admin = try await Browser.signedIn(app, as: "admin")
            func numbers(_ page: Int) async throws -> (seqs: [Int], total: Int) {
                let html = try await admin.get("/quan-tri/nhat-ky?page=\(page)").body.string
                let seqs = html.matches(of: /<td data-label="Số">(\d+)<\/td>/).compactMap { Int($0.output.1) }
                let total = html.firstMatch(of: /· (\d+) bản ghi/).flatMap { Int($0.output.1) } ?? -1
                return (seqs, total)
            }
            let count = try await AuditEntryModel.query(on: app.db).count()
            let all = try await AuditEntryModel.query(on: app.db).all().map(\.seq).sorted(by: >)
            let (first, total) = try await numbers(1)
            // Reading the page signed nothing in; the count is the log's.
            #expect(total == count && count > 100 && first == Array(all.prefix(50)))
            #expect(try await numbers(2).seqs == Array(all.dropFirst(50).prefix(50)))
            var user = try await Browser.signedIn(app, as: "sotttt")
            #expect(try await user.post("/co-quan", ["name": "Ban Dân tộc tỉnh", "kind": "administrative", "level": "province"]).status == .seeOther)
            let after = try await numbers(1)
            let newest = try await AuditEntryModel.query(on: app.db).sort(\.$seq, .descending).first()
            #expect(after.total == (try await AuditEntryModel.query(on: app.db).count()) && after.total > total)
            #expect(after.seqs.first == newest?.seq && after.seqs.count == 50)
        }
    }

    @Test func aSignOffIsToldWithItsMonthOnTheWorkLog() async throws {
        try await withWorld { app, province in
            let path = "/so-cong-tac/\(try #require(province.officerA.id))/2026"
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.post(path + "/ky-duyet", ["start": "2025-10-01", "end": "2025-10-31"]).status == .seeOther)
            #expect(try await head.post(path + "/y-kien", ["opinion": "Hoàn thành tốt nhiệm vụ"]).status == .seeOther)
            let page = text(try await head.get(path))
            #expect(page.contains("Ngô Thanh Tùng (Thủ trưởng cơ quan): Đã ký duyệt sổ tháng 10/2025"), "\(page)")
            #expect(page.contains("Đã ghi ý kiến của thủ trưởng vào Sổ công tác năm 2026: Hoàn thành tốt nhiệm vụ"))
            // Another year's log does not tell this year's steps.
            #expect(!text(try await head.get("/so-cong-tac/\(try #require(province.officerA.id))/2027")).contains("tháng 10/2025"))
        }
    }

    @Test func aTicketTellsEachStepAndTheFieldsAnEditChanged() async throws {
        try await withWorld { app, _ in
            var officer = try await Browser.signedIn(app, as: "canbo")
            let form = ["taskGroup": "equipmentMaintenance", "details": "Thay hộp mực máy in", "workKind": "maintenance",
                        "requesterUnit": "Phòng Kế toán", "requesterName": "Đỗ Thị Hồng Nhung", "requestedOn": "02/09/2026"]
            #expect(try await officer.post("/phieu", form).status == .seeOther)
            let ticket = try #require(try await WorkTicketModel.query(on: app.db).sort(\.$createdAt, .descending).first())
            let path = "/phieu/\(try #require(ticket.id))"
            var edited = form
            edited["handling"] = "Thay hộp mực mới"
            edited["version"] = "1"
            #expect(try await officer.post(path, edited).status == .seeOther)
            let page = text(try await officer.get(path))
            let number = "số \(try #require(ticket.number))/\(ticket.year)"
            #expect(page.contains("Trần Minh Khoa (Cán bộ CNTT): Đã ghi phiếu \(number)"), "\(page)")
            #expect(page.contains("Trần Minh Khoa (Cán bộ CNTT): Đã sửa: Hướng xử lý"))
            #expect(VisibleText.leaks(in: page).isEmpty)
        }
    }

    @Test func aGradeIsToldOnTheOfficersEvaluationPage() async throws {
        try await withWorld { app, province in
            let officer = try #require(province.officerA.id)
            let head = try #require(try await UserModel.query(on: app.db).filter(\.$username == "truongphong").first())
            try await AuditLog.append(AuditEvent(actorID: head.id, actorName: head.username, action: "grade.set", entityType: "officer",
                                                 entityID: officer, after: "2026: B"), on: app.db)
            var browser = try await Browser.signedIn(app, as: "truongphong")
            let page = text(try await browser.get("/danh-gia/2026/can-bo/\(officer)"))
            #expect(page.contains("Võ Quốc Hưng (Trưởng phòng CNTT): Đã xếp loại B năm 2026"), "\(page)")
        }
    }
}
