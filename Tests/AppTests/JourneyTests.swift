@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11 §6: journeys without traps.
@Suite("Journeys with fewer clicks and no traps (issue 11)")
struct JourneyTests {
    @Test func anInvalidFilterSaysSoInsteadOfBeingIgnored() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let cases = [
                ("/phieu?group=khong-co", "Bộ lọc “Nhóm công việc” không hợp lệ."),
                ("/phieu?status=xong", "Bộ lọc “Tình trạng” không hợp lệ."),
                ("/phieu?officer=abc", "Bộ lọc “Cán bộ” không hợp lệ."),
                ("/phieu?from=31/02/2026", "Bộ lọc “Từ ngày”: ngày không hợp lệ"),
                ("/can-bo?kind=x", "Bộ lọc “Chức danh” không hợp lệ."),
                ("/can-bo?status=x", "Bộ lọc “Trạng thái công tác” không hợp lệ."),
                ("/co-quan?level=x", "Bộ lọc “Cấp hành chính” không hợp lệ."),
                ("/bien-che?status=x", "Bộ lọc “Tình trạng” không hợp lệ."),
                ("/nop-so?filter=x", "Bộ lọc “Tình trạng nộp” không hợp lệ."),
                ("/danh-gia/2026?loc=x", "Bộ lọc “Lọc” không hợp lệ."),
            ]
            for (path, message) in cases {
                let response = try await browser.get(path)
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.body.string.contains(message), "\(path)")
            }
            // Valid and empty filters still list.
            for path in ["/phieu?group=&status=inProgress", "/can-bo?kind=fullTime", "/co-quan?level=", "/nop-so?filter=missing"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test func submittingALogBeforeThePeriodEndsWarns() async throws {
        try await withWorld { app, province in
            var head = try await Browser.signedIn(app, as: "thutruong")
            let id = province.officerA.id!.uuidString
            // 29/11/2026: the 2027 period runs until 30/09/2027.
            let open = try await head.get("/so-cong-tac/\(id)/2027").body.string
            #expect(open.contains("Kỳ đánh giá còn đến"))
            #expect(open.contains("chưa kết thúc"))
            let ended = try await head.get("/so-cong-tac/\(id)/2026").body.string
            #expect(!ended.contains("Kỳ đánh giá còn đến"))
        }
    }

    @Test func theLogPageSwitchesYearsAmongThoseTheReaderMayOpen() async throws {
        try await withWorld { app, province in
            let id = province.officerA.id!.uuidString
            var officer = try await Browser.signedIn(app, as: "canbo")
            let page = try await officer.get("/so-cong-tac/\(id)/2027").body.string
            #expect(page.contains("href=\"/so-cong-tac/\(id)/2026\""))
            // The authority reads submitted logs only: every year it is offered opens.
            var authority = try await Browser.signedIn(app, as: "sotttt")
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.post("/so-cong-tac/\(id)/2027/nop", [:]).status == .seeOther)
            let html = try await authority.get("/so-cong-tac/\(id)/2027").body.string
            #expect(!html.contains("href=\"/so-cong-tac/\(id)/2026\""), "2026 is not submitted: not offered to the authority")
            let offered = html.matches(of: /href="(\/so-cong-tac\/[^"\/]+\/\d{4})"/).map { String($0.output.1) }
            for path in offered { #expect(try await authority.get(path).status == .ok, "\(path)") }
        }
    }

    @Test func lockingAnAccountAndChangingAnOfficersStatusAskForConfirmation() async throws {
        try await withWorld { app, province in
            var admin = try await Browser.signedIn(app, as: "admin")
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "canbo").first())
            #expect(try await admin.get("/quan-tri/nguoi-dung/\(user.id!.uuidString)").body.string.contains("data-confirm=\"Khóa tài khoản này?"))
            var personnel = try await Browser.signedIn(app, as: "tochuc")
            let page = try await personnel.get("/can-bo/\(province.officerA.id!.uuidString)").body.string
            #expect(page.contains("data-confirm=\"Ghi nhận thay đổi trạng thái công tác"))
        }
    }

    @Test func everyPageHasASkipLinkAndTheMenuIsAButton() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "canbo")
            let html = try await browser.get("/").body.string
            #expect(html.contains("<a class=\"skip-link\" href=\"#noi-dung\">"))
            #expect(html.contains("id=\"noi-dung\""))
            #expect(html.contains("<button type=\"button\" class=\"menu-button\" aria-expanded=\"false\" aria-controls=\"menu-chinh\">"))
        }
    }
}
