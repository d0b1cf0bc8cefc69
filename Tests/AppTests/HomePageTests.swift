@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11 §3: each role's home page ("Việc cần làm") puts its daily work first, one click away.
@Suite("A home page for each role (issue 11)")
struct HomePageTests {
    let work = WorkLogWebTests()

    func firstAction(_ html: String) -> String? {
        html.firstMatch(of: /<a class="button big primary" href="([^"]+)">([^<]+)<\/a>/).map { "\($0.output.2) → \($0.output.1)" }
    }

    @Test func eachRolesFirstActionIsItsDailyWork() async throws {
        let expected = [
            "nhanvien": "Gửi yêu cầu hỗ trợ → /yeu-cau/moi", "canbo": "Ghi phiếu công tác → /phieu/moi",
            "thutruong": "Ký duyệt Sổ công tác → /nop-so?year=2027", "ketoan": "Nhập chi phí thuê ngoài → /nop-so?year=2027",
            "tochuc": "Thêm cán bộ CNTT → /can-bo/moi",
            "sotttt": "Xếp loại cán bộ → /danh-gia/2026?loc=chua", "giamdoc": "Đề xuất, khen thưởng cần xử lý → /danh-gia/2026/ket-qua", "admin": "Quản lý người dùng → /quan-tri/nguoi-dung",
        ]
        try await withWorld { app, _ in
            for (username, action) in expected.sorted(by: { $0.key < $1.key }) {
                var browser = try await Browser.signedIn(app, as: username)
                let home = try await browser.get("/")
                #expect(home.body.string.contains("<h1>Việc cần làm</h1>"))
                #expect(firstAction(home.body.string) == action, "\(username)")
                let href = try #require(firstAction(home.body.string)?.split(separator: "→").last?.trimmingCharacters(in: .whitespaces))
                #expect(try await browser.get(href).status == .ok, "\(username) \(href)")
            }
        }
    }

    /// Issue 14, ADR 0020: a person's home page is read once while the audit head stays, for that
    /// person and that day. Another person, another day or a write anywhere (here a request sent to
    /// the officer) reads it again, and the write shows at once.
    @Test func aHomePageIsReadOnceWhileTheAuditHeadStaysForThatPersonAndThatDay() async throws {
        try await withWorld { app, _ in
            var officer = try await Browser.signedIn(app, as: "canbo")
            var head = try await Browser.signedIn(app, as: "thutruong")
            var staff = try await Browser.signedIn(app, as: "nhanvien")
            let kept = app.keptDashboards
            let first = try await officer.get("/").body.string
            var reads = kept.counted
            #expect(try await officer.get("/").body.string == first && kept.counted == reads)
            let headsPage = try await head.get("/").body.string
            #expect(kept.counted == reads + 1 && headsPage != first)
            reads = kept.counted

            #expect(try await staff.post("/yeu-cau", work.ticketForm(["details": "Thay mực máy in phòng Tổ chức"])).status == .seeOther)
            let after = try await officer.get("/").body.string
            #expect(kept.counted == reads + 1 && after.contains("Thay mực máy in phòng Tổ chức") && !first.contains("Thay mực máy in"))
            reads = kept.counted

            // The same day later (19:00), then the next (02:00), each within the session's lifetime.
            let noon = app.clock.now()
            app.clock = .fixed(noon.addingTimeInterval(7 * 3600))
            #expect(try await officer.get("/").body.string == after && kept.counted == reads)
            app.clock = .fixed(noon.addingTimeInterval(14 * 3600))
            #expect(try await officer.get("/").status == .ok)
            #expect(kept.counted == reads + 1)
        }
    }

    @Test func theFinanceSectionIsOfferedTheOutsourcedCostAndReachesIt() async throws {
        try await withWorld { app, _ in
            var finance = try await Browser.signedIn(app, as: "ketoan")
            let home = try await finance.get("/").body.string
            #expect(home.contains("Nhập chi phí thuê ngoài"))
            let list = try await finance.get("/nop-so?year=2027")
            #expect(list.status == .ok)
            let log = try #require(list.body.string.firstMatch(of: /href="(\/so-cong-tac\/[^"]+)"/)).output.1
            #expect(try await finance.get(String(log)).body.string.contains("chi-phi"))
        }
    }

    @Test func aRequesterSeesTheirRequestsAndConfirmsSeveralAtOnce() async throws {
        try await withWorld { app, _ in
            var staff = try await Browser.signedIn(app, as: "nhanvien")
            var officer = try await Browser.signedIn(app, as: "canbo")
            var ids: [String] = []
            for details in ["Cài máy in phòng Kế toán", "Sửa cáp mạng tầng 2"] {
                #expect(try await staff.post("/yeu-cau", work.ticketForm(["details": details])).status == .seeOther)
                let ticket = try await work.newest(app)
                ids.append(ticket.id!.uuidString)
                #expect(try await officer.get("/").body.string.contains(details), "chờ nhận: \(details)")
                let path = "/phieu/\(ticket.id!.uuidString)"
                #expect(try await officer.post(path + "/nhan", [:]).status == .seeOther)
                var done = work.ticketForm(["details": details, "handling": "Đã xử lý", "outcomeDeviceFixed": "true", "completedOn": "03/09/2026"])
                done["version"] = "2"
                #expect(try await officer.post(path, done).status == .seeOther)
                #expect(try await officer.post(path + "/hoan-thanh", [:]).status == .seeOther)
            }
            let home = try await staff.get("/").body.string
            #expect(home.contains("Yêu cầu tôi đã gửi"))
            #expect(home.contains("Phiếu đã xong, chờ bạn xác nhận"))
            // The officer may not confirm their own work, even several at once.
            #expect(try await officer.postRaw("/phieu/xac-nhan-nhieu", "ids[]=\(ids[0])").status == .forbidden)
            var form = ""
            for id in ids { form += "ids[]=\(id)&" }
            let response = try await staff.postRaw("/phieu/xac-nhan-nhieu", form)
            #expect(response.status == .seeOther)
            for id in ids {
                #expect(try await WorkTicketModel.find(UUID(uuidString: id), on: app.db)?.ticketStatus == .confirmed)
            }
        }
    }
}
