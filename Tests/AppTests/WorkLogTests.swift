@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite("Work log through the web (issue 3)")
struct WorkLogWebTests {
    func ticketForm(_ overrides: [String: String] = [:]) -> [String: String] {
        var form = ["taskGroup": "equipmentMaintenance", "details": "Thay hộp mực máy in phòng Kế toán", "workKind": "maintenance",
                    "requesterUnit": "Phòng Kế toán", "requesterName": "Đỗ Thị Hồng Nhung", "requestedOn": "02/09/2026"]
        for (key, value) in overrides { form[key] = value }
        return form
    }

    func newest(_ app: Application) async throws -> WorkTicketModel {
        try #require(try await WorkTicketModel.query(on: app.db).sort(\.$createdAt, .descending).first())
    }

    @Test func F_I_3_invalidTicketKeepsInputWithVietnameseMessages() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "canbo")
            let response = try await browser.post("/phieu", ticketForm(["taskGroup": "other", "requestedOn": "31/02/2026",
                                                                        "details": "Hỗ trợ họp trực tuyến"]))
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."))
            #expect(html.contains("Hỗ trợ họp trực tuyến"))
        }
    }

    @Test func D10_ticketsAreNumberedPerOfficerAndYearAndNeverReused() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "canbo")
            #expect(try await browser.post("/phieu", ticketForm()).status == .seeOther)
            let first = try await newest(app)
            #expect(first.number == 1)
            #expect(first.year == 2026)
            #expect(try await browser.post("/phieu", ticketForm(["requestedOn": "03/09/2026"])).status == .seeOther)
            #expect(try await newest(app).number == 2)
            // Another year starts again at 1 (evaluation year 2027 began on 1 October 2026).
            #expect(try await browser.post("/phieu", ticketForm(["requestedOn": "02/10/2026"])).status == .seeOther)
            let next = try await newest(app)
            #expect(next.year == 2027 && next.number == 1)
            let counter = try await TicketCounterModel.query(on: app.db).filter(\.$officerID == province.officerA.id!)
                .filter(\.$year == 2026).first()
            #expect(counter?.lastNumber == 2)
        }
    }

    @Test func lifeOfATicket_requesterConfirmsOrRefusesWithAReason() async throws {
        try await withWorld { app, _ in
            var staff = try await Browser.signedIn(app, as: "nhanvien")
            let request = try await staff.post("/yeu-cau", ticketForm(["requesterUnit": "Phòng Kế toán"]))
            #expect(request.status == .seeOther)
            let ticket = try await newest(app)
            #expect(ticket.ticketStatus == .requested)
            #expect(ticket.$officer.id == nil)
            let path = "/phieu/\(ticket.id!.uuidString)"

            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.get("/phieu").body.string.contains("yêu cầu hỗ trợ đang chờ"))
            #expect(try await officer.post(path + "/nhan", [:]).status == .seeOther)
            let incomplete = try await officer.post(path + "/hoan-thanh", [:])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.string.contains("Chọn ít nhất một kết quả thực hiện."))
            var edited = ticketForm(["handling": "Thay hộp mực mới", "outcomeDeviceFixed": "true", "completedOn": "03/09/2026"])
            edited["version"] = "2"
            #expect(try await officer.post(path, edited).status == .seeOther)
            #expect(try await officer.post(path + "/hoan-thanh", [:]).status == .seeOther)
            // The officer cannot confirm their own work.
            #expect(try await officer.post(path + "/xac-nhan", [:]).status == .forbidden)

            let emptyReason = try await staff.post(path + "/tu-choi", ["reason": " "])
            #expect(emptyReason.status == .unprocessableEntity)
            #expect(try await staff.post(path + "/tu-choi", ["reason": "Máy in vẫn báo lỗi kẹt giấy"]).status == .seeOther)
            #expect(try await WorkTicketModel.find(ticket.id, on: app.db)?.ticketStatus == .inProgress)
            #expect(try await officer.post(path + "/hoan-thanh", [:]).status == .seeOther)
            #expect(try await staff.post(path + "/xac-nhan", [:]).status == .seeOther)
            let confirmed = try #require(try await WorkTicketModel.find(ticket.id, on: app.db))
            #expect(confirmed.ticketStatus == .confirmed)
            #expect(confirmed.confirmedBy == "Phan Thị Ngọc Ánh")
            let history = try await TicketEventModel.query(on: app.db).filter(\.$ticket.$id == ticket.id!).all()
            #expect(history.contains { $0.action == "ticket.refuse" && $0.note == "Máy in vẫn báo lỗi kẹt giấy" })
        }
    }

    /// Issue 11 §6: "Báo hoàn thành" asks for what is missing on the ticket's own page, keeps what was
    /// typed beside the field that is wrong, and saves and completes in one step with both audit entries.
    @Test func reportingDoneAsksForTheMissingHandlingInPlace() async throws {
        try await withWorld { app, _ in
            var staff = try await Browser.signedIn(app, as: "nhanvien")
            #expect(try await staff.post("/yeu-cau", ticketForm(["requesterUnit": "Phòng Kế toán"])).status == .seeOther)
            let ticket = try await newest(app)
            let path = "/phieu/\(ticket.id!.uuidString)"
            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.post(path + "/nhan", [:]).status == .seeOther)
            let page = try await officer.get(path).body.string
            #expect(page.contains(#"id="bao-hoan-thanh""#) && page.contains(#"name="handling""#))
            #expect(page.contains(#"name="completedOn" value="2026-11-29""#), "the completion date starts at today")

            let version = try #require(try await WorkTicketModel.find(ticket.id, on: app.db)).version
            var sent = ["handling": "Cài lại trình điều khiển máy in", "completedOn": "29/11/2026", "version": String(version)]
            let missing = try await officer.post(path + "/hoan-thanh", sent)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Chọn ít nhất một kết quả thực hiện."))
            #expect(missing.body.string.contains("Cài lại trình điều khiển máy in</textarea>"), "what was typed is kept")
            #expect(try await WorkTicketModel.find(ticket.id, on: app.db)?.ticketStatus == .inProgress)
            #expect(try await WorkTicketModel.find(ticket.id, on: app.db)?.content.handling == "", "nothing is saved")

            sent["outcomeDeviceFixed"] = "true"
            #expect(try await officer.post(path + "/hoan-thanh", sent).status == .seeOther)
            let done = try #require(try await WorkTicketModel.find(ticket.id, on: app.db))
            #expect(done.ticketStatus == .done)
            #expect(done.content.handling == "Cài lại trình điều khiển máy in" && done.content.outcomes == [.deviceFixed])
            #expect(done.content.completedOn == LocalDate(year: 2026, month: 11, day: 29))
            let actions = try await AuditEntryModel.query(on: app.db).filter(\.$entityID == ticket.id!).all().map(\.action)
            #expect(actions.contains("ticket.update") && actions.contains("ticket.complete"))
            // A finished ticket's page no longer asks.
            #expect(!(try await officer.get(path).body.string.contains(#"id="bao-hoan-thanh""#)))
        }
    }

    @Test func confirmedTicketIsLockedExceptForAnAuditedCorrection() async throws {
        try await withWorld { app, _ in
            var officer = try await Browser.signedIn(app, as: "canbo")
            _ = try await officer.post("/phieu", ticketForm(["handling": "Thay mực", "outcomeDeviceFixed": "true", "completedOn": "02/09/2026"]))
            let ticket = try await newest(app)
            let path = "/phieu/\(ticket.id!.uuidString)"
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.post(path + "/xac-nhan", [:]).status == .seeOther)
            var edit = ticketForm(["details": "Nội dung sửa lại", "handling": "Thay mực", "outcomeDeviceFixed": "true", "completedOn": "02/09/2026"])
            edit["version"] = "2"
            let refused = try await officer.post(path, edit)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("muốn sửa phải ghi lý do điều chỉnh"))
            edit["correctionReason"] = "Ghi nhầm nội dung công việc"
            #expect(try await officer.post(path, edit).status == .seeOther)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "ticket.correct").count() == 1)
        }
    }

    @Test func staleTicketEditIsRefused() async throws {
        try await withWorld { app, _ in
            var officer = try await Browser.signedIn(app, as: "canbo")
            _ = try await officer.post("/phieu", ticketForm())
            let path = "/phieu/\(try await newest(app).id!.uuidString)"
            var first = ticketForm(["details": "Lần sửa thứ nhất"]); first["version"] = "1"
            var second = ticketForm(["details": "Lần sửa thứ hai"]); second["version"] = "1"
            #expect(try await officer.post(path, first).status == .seeOther)
            let stale = try await officer.post(path, second)
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Lần sửa thứ hai"))
        }
    }

    @Test func singleUseConfirmationLinkShowsOnlyItsTicketAndExpires() async throws {
        try await withWorld { app, _ in
            var officer = try await Browser.signedIn(app, as: "canbo")
            _ = try await officer.post("/phieu", ticketForm(["handling": "Thay mực", "outcomeDeviceFixed": "true", "completedOn": "02/09/2026",
                                                             "requesterName": "Trương Văn Khách"]))
            let ticket = try await newest(app)
            #expect(try await officer.post("/phieu/\(ticket.id!.uuidString)/lien-ket", [:]).status == .seeOther)
            let page = try await officer.get("/phieu/\(ticket.id!.uuidString)").body.string
            #expect(!(try await officer.get("/phieu/\(ticket.id!.uuidString)").body.string.contains("/xac-nhan/")))
            let link = try #require(page.range(of: "/xac-nhan/").map { String(page[$0.lowerBound...].prefix { $0 != "<" }) })
            var guest = Browser(app)
            let shown = try await guest.get(link)
            #expect(shown.status == .ok)
            #expect(shown.body.string.contains("Thay hộp mực máy in"))
            #expect(!shown.body.string.contains("Đăng xuất"))
            let missingName = try await guest.post(link, ["answer": "confirm", "name": ""])
            #expect(missingName.status == .unprocessableEntity)
            #expect(try await guest.post(link, ["answer": "confirm", "name": "Trương Văn Khách"]).status == .ok)
            #expect(try await WorkTicketModel.find(ticket.id, on: app.db)?.ticketStatus == .confirmed)
            #expect(try await guest.get(link).status == .gone)
            // An expired link does nothing either.
            let token = String(link.dropFirst("/xac-nhan/".count))
            #expect(try await TicketService.ticket(forLink: token, now: testNow.addingTimeInterval(30 * 86400), on: app.db) == nil)
        }
    }

    @Test func nobodyOutsideTheAgencySeesItsTickets() async throws {
        try await withWorld { app, _ in
            var officer = try await Browser.signedIn(app, as: "canbo")
            _ = try await officer.post("/phieu", ticketForm())
            let ticket = try await newest(app)
            for username in ["canbo2", "thutruong2", "sotttt", "noivu", "admin"] {
                var other = try await Browser.signedIn(app, as: username)
                #expect(try await other.get("/phieu/\(ticket.id!.uuidString)").status == .forbidden, "\(username)")
                #expect(!(try await other.get("/phieu?q=thay+hop+muc").body.string.contains("/phieu/\(ticket.id!.uuidString)")), "\(username)")
            }
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.get("/phieu/\(ticket.id!.uuidString)").status == .ok)
            // Issue 11: the agency's staff, finance and personnel read what they requested, not the agency's work.
            for username in ["ketoan", "tochuc", "nhanvien"] {
                var insider = try await Browser.signedIn(app, as: username)
                #expect(try await insider.get("/phieu/\(ticket.id!.uuidString)").status == .forbidden, "\(username)")
            }
        }
    }

    @Test func R15_6a_submissionBeforeDeadlineThenAuthoritySeesTheLog() async throws {
        try await withWorld { app, province in
            var officer = try await Browser.signedIn(app, as: "canbo")
            _ = try await officer.post("/phieu", ticketForm(["requestedOn": "05/10/2026"]))
            let path = "/so-cong-tac/\(province.officerA.id!.uuidString)/2027"
            var authority = try await Browser.signedIn(app, as: "sotttt")
            #expect(try await authority.get(path).status == .forbidden)
            #expect(try await officer.post(path + "/nop", [:]).status == .forbidden)
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.post(path + "/nop", [:]).status == .seeOther)
            let log = try #require(try await WorkLogModel.query(on: app.db).filter(\.$year == 2027).first())
            #expect(log.receivedAt != nil)
            #expect(try await authority.get(path).status == .ok)
            let overview = try await authority.get("/nop-so?year=2027&filter=submitted").body.string
            #expect(overview.contains("Trần Minh Khoa"))
            #expect(overview.contains("Đúng hạn"))
            let ticket = try await newest(app)
            #expect(try await authority.get("/phieu/\(ticket.id!.uuidString)").status == .ok)
        }
    }

    /// The other years a log offers (the chips at its top) are those the viewer may open: the officer
    /// and their head, every year since the officer started; the authority, only the submitted ones.
    @Test func R15_6a_theOtherYearsALogOffersAreThoseTheViewerMayOpen() async throws {
        try await withWorld { app, province in
            let officer = province.officerA
            for year in [2024, 2025] {
                let log = try await WorkLogService.log(officer: officer.id!, agency: officer.$agency.id, year: year, on: app.db)
                log.receivedAt = testNow
                try await log.save(on: app.db)
            }
            let years = { (html: String) in Set(html.components(separatedBy: ">Năm ").dropFirst().compactMap { Int($0.prefix(4)) }) }
            let path = "/so-cong-tac/\(officer.id!.uuidString)/"
            let started = try await ProfileStore.active(on: app.db).evaluationYear(of: try #require(LocalDate(iso: officer.startDate)))
            var own = try await Browser.signedIn(app, as: "canbo")
            #expect(years(try await own.get(path + "2027").body.string) == Set(max(started, 2012)...2027))
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(years(try await head.get(path + "2025").body.string) == Set(max(started, 2012)...2027))
            var authority = try await Browser.signedIn(app, as: "sotttt")
            #expect(years(try await authority.get(path + "2025").body.string) == [2024, 2025])
            #expect(try await authority.get(path + "2026").status == .forbidden)
        }
    }

    @Test func D2_lateSubmissionIsRefusedUnlessTheAuthorityRecordsAnException() async throws {
        try await withWorld { app, province in
            // Year 2026 ended on 30/09/2026: today (after it) is too late.
            let path = "/so-cong-tac/\(province.officerB.id!.uuidString)/2026"
            var head = try await Browser.signedIn(app, as: "thutruong2")
            let late = try await head.post(path + "/nop", [:])
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("Đã quá hạn nộp Sổ công tác năm 2026"))
            var authority = try await Browser.signedIn(app, as: "truongphong")
            // Without a reason nothing is recorded, and the overview says why.
            #expect(try await authority.post(path + "/ngoai-le", ["reason": ""]).status == .seeOther)
            #expect(try await authority.get("/nop-so?year=2026").body.string.contains("Ghi lý do cho phép nộp sau hạn."))
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "worklog.exception").count() == 0)
            #expect(try await authority.post(path + "/ngoai-le", ["reason": "Sự cố đường truyền ngày 30/9"]).status == .seeOther)
            #expect(try await head.post(path + "/nop", [:]).status == .seeOther)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "worklog.exception").count() == 1)
        }
    }

    @Test func R13_3_headSignsMonthsAndFinanceEntersTheAgencyCostOnce() async throws {
        try await withWorld { app, province in
            let path = "/so-cong-tac/\(province.officerA.id!.uuidString)/2026"
            var head = try await Browser.signedIn(app, as: "thutruong")
            var recorder = try await Browser.signedIn(app, as: "canbo")
            _ = try await recorder.post("/phieu", ["taskGroup": "networkAdministration", "details": "Thay ổ cứng máy chủ tệp",
                                                   "workKind": "operation", "requesterUnit": "Văn phòng", "requesterName": "Lý Văn Tài",
                                                   "requestedOn": "10/09/2026"])
            let page = try await head.get(path).body.string
            #expect(page.contains("Chưa ký duyệt: tháng 10/2025"))
            #expect(page.contains("<summary>1 phiếu mới hoặc thay đổi từ lần ký duyệt trước</summary>"))
            #expect(try await head.post(path + "/ky-duyet", ["start": "2025-10-01", "end": "2025-10-31"]).status == .seeOther)
            // What the officer records after a sign-off is listed for the head's next review.
            _ = try await recorder.post("/phieu", ["taskGroup": "networkAdministration", "details": "Cấu hình VLAN phòng họp",
                                                   "workKind": "operation", "requesterUnit": "Văn phòng", "requesterName": "Lý Văn Tài",
                                                   "requestedOn": "15/09/2026"])
            let review = try await head.get(path).body.string
            // Only that one: the ticket recorded before the head signed is not listed again.
            #expect(review.contains("<summary>1 phiếu mới hoặc thay đổi từ lần ký duyệt trước</summary>"))
            #expect(review.contains("Cấu hình VLAN phòng họp") && !review.contains("Thay ổ cứng máy chủ tệp"))
            #expect(try await head.post(path + "/ky-duyet", ["start": "2025-10-01", "end": "2025-10-31"]).status == .unprocessableEntity)
            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.post(path + "/ky-duyet", ["start": "2025-11-01", "end": "2025-11-30"]).status == .forbidden)
            #expect(try await officer.post(path + "/chi-phi", ["amount": "5000000"]).status == .forbidden)
            var finance = try await Browser.signedIn(app, as: "ketoan")
            #expect(try await finance.post(path + "/chi-phi", ["amount": "mười triệu"]).status == .unprocessableEntity)
            #expect(try await finance.post(path + "/chi-phi", ["amount": "12.500.000"]).status == .seeOther)
            let colleague = "/so-cong-tac/\(province.officers.first { $0.fullName == "Lê Thị Thu Hà" }!.id!.uuidString)/2026"
            #expect(try await head.get(colleague).body.string.contains("12.500.000 đ"))
            #expect(try await AgencyYearCostModel.query(on: app.db).filter(\.$agency.$id == province.agencyA.id!).count() == 1)
        }
    }

    @Test func F_I_2_D10_form2PageCountsTheOfficersTickets() async throws {
        try await withWorld { app, province in
            var officer = try await Browser.signedIn(app, as: "canbo")
            _ = try await officer.post("/phieu", ticketForm(["taskGroup": "websiteAdministration", "requestedOn": "01/10/2026"]))
            _ = try await officer.post("/phieu", ticketForm(["taskGroup": "websiteAdministration", "requestedOn": "02/10/2026"]))
            _ = try await officer.post("/so-cong-tac/\(province.officerA.id!.uuidString)/2027/sang-kien",
                                       ["title": "Mẫu biểu điện tử", "madeOn": "15/10/2026", "outcome": "Áp dụng toàn Sở"])
            let html = try await officer.get("/so-cong-tac/\(province.officerA.id!.uuidString)/2027").body.string
            #expect(html.contains("<td>Quản trị website</td><td>phiếu</td><td>2</td>"))
            #expect(html.contains("<td>Sáng kiến về chuyên môn kỹ thuật</td><td>sáng kiến</td><td>1</td>"))
            #expect(html.contains("từ ngày 01/10/2026 đến ngày 30/09/2027"))
        }
    }
}

@Suite("Reminders on the dashboard (R-13.3, R-15.6a)")
struct ReminderTests {
    @Test func R13_3_R15_6a_dashboardGathersWhatEachPersonMustDo() async throws {
        try await withWorld { app, province in
            let profile = try await ProfileStore.active(on: app.db)
            let today = LocalDate(year: 2026, month: 11, day: 29)!
            try await DemoWorkLogLoader.load(officers: province.officers, agencies: province.agencies, ticketsPerOfficerYear: 4,
                                             seed: 7, profile: profile, today: today, on: app, console: app.console)
            var officer = try await Browser.signedIn(app, as: "canbo")
            let mine = try await officer.get("/").body.string
            #expect(mine.contains("Nhắc việc"))
            #expect(mine.contains("kỳ chưa được thủ trưởng ký duyệt"))
            var headBrowser = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await headBrowser.get("/").body.string.contains("chưa được ký duyệt Sổ công tác tháng 10/2026"))
            var authority = try await Browser.signedIn(app, as: "sotttt")
            #expect(try await authority.get("/").body.string.contains("Sổ công tác năm 2027"))
            // 1 September 2027 is 30 days before the deadline: the reminder is due and urgent.
            let head = try #require(try await UserModel.query(on: app.db).filter(\.$username == "thutruong").first())
            let viewer = try #require(try await Viewer.load(userID: head.id!, on: app.db))
            let items = try await Reminders.items(for: viewer, profile: profile, today: LocalDate(year: 2027, month: 9, day: 1)!, on: app.db)
            #expect(items.contains { $0.urgent && $0.text.contains("chưa nộp; hạn trước 01/10/2027") })
        }
    }
}

extension ReminderTests {
    /// R-13.3, R-15.6a (issue 14): a head's reminders count, in one statement, exactly the officers
    /// holding a post in the agencies they head and below, those whose log came in, and those signed
    /// for the month; an officer on leave of the post, and another agency's, are not counted.
    @Test func R13_3_R15_6a_aHeadsRemindersCountTheirOfficersLogsAndSignOffs() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let month = LocalDate(year: 2026, month: 10, day: 1)!
            let officers = try await OfficerModel.query(on: app.db).sort(\.$id).all()
            // Some logs received and some months signed, across agencies.
            for (index, officer) in officers.enumerated() where index % 2 == 0 {
                let log = try await WorkLogService.log(officer: officer.id!, agency: officer.$agency.id, year: 2027, on: app.db)
                log.receivedAt = Date(timeIntervalSince1970: 1_790_000_000)
                try await log.save(on: app.db)
            }
            for (index, officer) in officers.enumerated() where index % 3 == 0 {
                let signOff = SignOffModel()
                signOff.$officer.id = officer.id!; signOff.periodStart = month.iso; signOff.periodEnd = "2026-10-31"
                signOff.signedBy = "Thủ trưởng"; signOff.note = ""
                try await signOff.create(on: app.db)
            }
            let received = Set(try await WorkLogModel.query(on: app.db).filter(\.$year == 2027).all().filter { $0.receivedAt != nil }.map { $0.$officer.id })
            let signed = Set(try await SignOffModel.query(on: app.db).filter(\.$periodStart == month.iso).all().map { $0.$officer.id })
            for head in [province.agencyA.id!, province.agencyB.id!] {
                let policy = VisibleAgenciesTests.head(head)
                let reach = try #require(try await Visibility.agencyIDs(for: policy, on: app.db))
                let held = officers.filter { reach.contains($0.$agency.id) && $0.status.holdsPost }.map { $0.id! }
                let logs = try await Reminders.headedLogs(try #require(VisibleAgencies(policy)), year: 2027, signedFrom: month, on: app.db)
                #expect(logs.officers == held.count && held.count > 1)
                #expect(logs.submitted == held.filter(received.contains).count)
                #expect(logs.signed == held.filter(signed.contains).count)
                #expect(try await Reminders.headedLogs(VisibleAgencies(policy)!, year: 2027, signedFrom: nil, on: app.db).signed == 0)
            }
            #expect(officers.contains { !$0.status.holdsPost })
        }
    }
}

@Suite("Sign-off interval (issue 3 §6)")
struct SignOffIntervalTests {
    @Test func R13_3_quarterlySignOffFromTheProfile_andOnlyEndedPeriodsCanBeSigned() async throws {
        try await withWorld { app, province in
            var admin = try await Browser.signedIn(app, as: "admin")
            var form = ProfileAdmin.Input(try await ProfileStore.active(on: app.db))
            form.signOffInterval = "quarterly"
            #expect(try await admin.post("/quan-tri/quy-dinh", AdminTests().fields(form)).status == .seeOther)
            #expect(try await ProfileStore.active(on: app.db).signOffEvery == .quarterly)
            var head = try await Browser.signedIn(app, as: "thutruong")
            let path = "/so-cong-tac/\(province.officerA.id!.uuidString)/2027"
            let page = try await head.get(path).body.string
            // 29/11/2026: no quarter of the 2027 evaluation year (from 01/10/2026) has ended yet.
            #expect(!page.contains("Ký duyệt quý") && !page.contains("Ký duyệt tháng"))
            let month = try await head.post("\(path)/ky-duyet", ["start": "2026-10-01", "end": "2026-10-31"])
            #expect(month.status == .unprocessableEntity)
            #expect(month.body.string.contains("Kỳ ký duyệt không hợp lệ."))
            let past = try await head.get("/so-cong-tac/\(province.officerA.id!.uuidString)/2026").body.string
            #expect(past.contains("Ký duyệt quý IV/2025"))
            #expect(try await head.post("/so-cong-tac/\(province.officerA.id!.uuidString)/2026/ky-duyet",
                                        ["start": "2025-10-01", "end": "2025-12-31"]).status == .seeOther)
        }
    }
}
