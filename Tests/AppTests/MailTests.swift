@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Issue 13 §3: letters written with their event, delivered by msmtp to a real SMTP server on
/// loopback (`SMTPSink`), once, with retries, by several workers, and shown to their recipient.
@Suite("Mail: outbox, worker, SMTP through msmtp")
struct MailTests {
    static let publicURL = "https://qlcb.binhduong.gov.vn"

    /// msmtp is part of the test dependencies (scripts/ensure-deps.sh test); without it these tests
    /// fail and say so rather than being skipped.
    func msmtp() throws -> String {
        try #require(Msmtp.locate(), "msmtp không có trên máy: chạy scripts/ensure-deps.sh test (apt-get install msmtp)")
    }

    /// A sink, the application pointed at it, and the msmtp sender a worker would use.
    func withMail(_ app: Application, failing: Bool = false,
                  _ body: (SMTPSink, any MailSender) async throws -> Void) async throws {
        _ = try msmtp()
        let sink = try await SMTPSink(failing: failing)
        do {
            app.mail = MailSettings(smtp: SMTPServer(host: "127.0.0.1", port: sink.port), from: "QLCB-CNTT Bình Dương <qlcb@binhduong.gov.vn>",
                                    publicURL: Self.publicURL)
            let sender = try #require(try MailWorker.sender(for: app.mail))
            try await body(sink, sender)
        } catch {
            await sink.stop()
            throw error
        }
        await sink.stop()
    }

    /// Addresses for the agency's people: the IT officer's from his officer record, the staff's own.
    func giveAddresses(_ app: Application, _ province: DemoProvince.Built) async throws {
        try await app.write { db in
            try await OfficerModel.query(on: db).filter(\.$id == province.officerA.id!).set(\.$email, to: "khoa.tm@skhdt.binhduong.gov.vn").update()
            try await UserModel.query(on: db).filter(\.$username == "nhanvien").set(\.$email, to: "anh.ptn@skhdt.binhduong.gov.vn").update()
            try await UserModel.query(on: db).filter(\.$username == "thutruong").set(\.$email, to: "tung.nt@skhdt.binhduong.gov.vn").update()
        }
    }

    func request(_ app: Application, details: String = "Máy in phòng Kế toán báo kẹt giấy") async throws -> WorkTicketModel {
        var staff = try await Browser.signedIn(app, as: "nhanvien")
        let form = ["taskGroup": "equipmentMaintenance", "details": details, "workKind": "maintenance",
                    "requesterUnit": "Phòng Kế toán", "requestedOn": "02/09/2026"]
        #expect(try await staff.post("/yeu-cau", form).status == .seeOther)
        return try #require(try await WorkTicketModel.query(on: app.db).sort(\.$createdAt, .descending).first())
    }

    func letters(_ app: Application) async throws -> [OutboxModel] {
        try await OutboxModel.query(on: app.db).sort(\.$createdAt).sort(\.$dedupeKey).all()
    }

    @Test func aStaffRequestReachesTheAgencysITOfficersMailbox() async throws {
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            try await withMail(app) { sink, sender in
                let ticket = try await request(app, details: "Máy in <phòng> Kế toán & Tài vụ báo kẹt giấy")
                let pass = try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: Date())
                #expect(pass == .init(sent: 1, failed: 0))
                let mail = try #require(sink.messages.first)
                #expect(sink.messages.count == 1)
                #expect(mail.to == ["khoa.tm@skhdt.binhduong.gov.vn"])
                #expect(mail.from == "qlcb@binhduong.gov.vn")
                #expect(mail.header("Subject") == "Yêu cầu hỗ trợ CNTT mới: \(province.agencyA.name)")
                let row = try #require(try await letters(app).first)
                #expect(mail.header("Message-ID") == "<\(row.id!.uuidString.lowercased())@binhduong.gov.vn>")
                let text = try #require(mail.part("text/plain"))
                #expect(text.contains("Kính gửi Trần Minh Khoa,"))
                #expect(text.contains("\(Self.publicURL)/phieu/\(ticket.id!.uuidString)"))
                let html = try #require(mail.part("text/html"))
                #expect(html.contains("Máy in &lt;phòng&gt; Kế toán &amp; Tài vụ"), "what a person typed is escaped in the HTML")
                #expect(row.outboxState == .sent && row.sentAt != nil && row.attempts == 1)
            }
        }
    }

    @Test func aRolledBackEventWritesAndSendsNothing() async throws {
        struct Refused: Error {}
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            try await withMail(app) { sink, sender in
                let staff = try #require(try await UserModel.query(on: app.db).filter(\.$username == "nhanvien").first())
                let agencyID = province.agencyA.id!
                await #expect(throws: Refused.self) {
                    try await app.write { db in
                        let content = WorkTicketContent(taskGroup: .equipmentMaintenance, details: "Không bao giờ được lưu", workKind: .maintenance,
                                                        requesterUnit: "Phòng Kế toán", requesterName: staff.fullName,
                                                        requestedOn: LocalDate(year: 2026, month: 9, day: 2)!)
                        _ = try await TicketService.request(content, agencyID: agencyID, year: 2027, requesterUserID: staff.id!,
                                                            by: .init(userID: staff.id, name: staff.username), on: db)
                        #expect(try await OutboxModel.query(on: db).count() == 1, "the letter is written inside the event's transaction")
                        throw Refused()
                    }
                }
                #expect(try await OutboxModel.query(on: app.db).count() == 0)
                #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: Date()) == .init())
                #expect(sink.messages.isEmpty)
            }
        }
    }

    @Test func aFailingServerIsRetriedWithBackOffAndTheLetterSentOnceWhenItRecovers() async throws {
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            try await withMail(app, failing: true) { sink, sender in
                _ = try await request(app)
                let start = Date()
                #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: start) == .init(sent: 0, failed: 1))
                var row = try #require(try await letters(app).first)
                #expect(row.outboxState == .pending && row.attempts == 1)
                #expect(row.nextAttemptAt.timeIntervalSince(start).rounded() == 60, "one minute after the first failure")
                #expect(row.lastError.contains("451"), "the server's refusal is kept")
                // Before the back-off ends nothing is tried.
                #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: start + 59) == .init())
                #expect(sink.refusals == 1)
                #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: start + 60) == .init(sent: 0, failed: 1))
                row = try #require(try await letters(app).first)
                #expect(row.attempts == 2 && row.nextAttemptAt.timeIntervalSince(start).rounded() == 60 + 120, "the wait doubles")
                sink.failing = false
                #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: start + 180) == .init(sent: 1, failed: 0))
                #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: start + 100_000) == .init())
                #expect(sink.messages.count == 1)
                row = try #require(try await letters(app).first)
                #expect(row.outboxState == .sent && row.attempts == 3 && row.lastError == "")
            }
        }
    }

    /// msmtp gives up at once (connection refused) before reading the letter: a failed attempt, and
    /// the process that wrote to it goes on.
    @Test func anUnreachableServerIsAFailedAttemptNotACrash() async throws {
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            let closed = try await SMTPSink()
            let port = closed.port
            await closed.stop()
            app.mail = MailSettings(smtp: SMTPServer(host: "127.0.0.1", port: port), from: "qlcb@binhduong.gov.vn", publicURL: "")
            let sender = try #require(try MailWorker.sender(for: app.mail))
            // Larger than a pipe's buffer: the write is still under way when msmtp has already given up.
            let big = Letters.make(kind: "test", subject: "Thư lớn", to: "Trần Minh Khoa",
                                   [String(repeating: "Máy tính không khởi động được. ", count: 8_000)], link: ("Mở", "/"))
            try await app.write { db in
                try await Outbox.enqueue(on: db, to: MailRecipient(userID: nil, name: "Trần Minh Khoa", address: "khoa.tm@skhdt.binhduong.gov.vn"),
                                         big, dedupeKey: "test:big")
            }
            #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: Date()) == .init(sent: 0, failed: 1))
            let row = try #require(try await letters(app).first)
            #expect(row.outboxState == .pending && row.lastError.contains("(msmtp, mã "), "msmtp's status and words are kept")
        }
    }

    @Test func afterTheLastAttemptTheLetterIsGivenUpAndTheBackOffIsCapped() async throws {
        #expect(Outbox.backoff(attempts: 1) == 60)
        #expect(Outbox.backoff(attempts: 4) == 480)
        #expect(Outbox.backoff(attempts: 30) == 6 * 3600)
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            try await withMail(app, failing: true) { sink, sender in
                _ = try await request(app)
                var now = Date()
                for _ in 1...Outbox.maxAttempts {
                    #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: now).failed == 1)
                    now += 7 * 3600
                }
                let row = try #require(try await letters(app).first)
                #expect(row.outboxState == .failed && row.attempts == Outbox.maxAttempts)
                #expect(try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: now + 86_400) == .init())
                #expect(sink.refusals == Outbox.maxAttempts)
            }
        }
    }

    /// Two workers (as two instances would) on one database: the claim is one conditional UPDATE, so
    /// each letter is sent by exactly one of them, whatever the interleaving.
    @Test func twoWorkersRacingOnTheSameDatabaseSendEachLetterOnce() async throws {
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            try await withMail(app) { sink, sender in
                let recipient = MailRecipient(userID: nil, name: "Trần Minh Khoa", address: "khoa.tm@skhdt.binhduong.gov.vn")
                let now = Date()
                try await app.write { db in
                    for n in 1...8 {
                        try await Outbox.enqueue(on: db, to: recipient, Letters.make(kind: "test", subject: "Thư số \(n)", to: recipient.name,
                                                                                     ["Nội dung \(n)"], link: ("Mở", "/")),
                                                 dedupeKey: "test:\(n)", now: now)
                    }
                }
                // Claiming is exclusive: the same due letter is given to one owner only.
                let sql = try #require(app.db as? any SQLDatabase)
                let first = try #require(try await Outbox.due(now: now, limit: 1, on: sql).first)
                let claims = [try await Outbox.claim(first, owner: "x", now: now, on: sql), try await Outbox.claim(first, owner: "y", now: now, on: sql)]
                #expect(claims == [true, false])
                // …until its lease runs out (the instance crashed): then it is taken again.
                #expect(try await Outbox.claim(first, owner: "y", now: now + Outbox.lease + 1, on: sql))

                async let one = MailWorker.deliverDue(app: app, sender: sender, owner: "one", now: now + Outbox.lease * 2 + 2)
                async let two = MailWorker.deliverDue(app: app, sender: sender, owner: "two", now: now + Outbox.lease * 2 + 2)
                let passes = try await [one, two]
                #expect(passes.map(\.sent).reduce(0, +) == 8)
                let ids = sink.messages.compactMap { $0.header("Message-ID") }
                #expect(ids.count == 8 && Set(ids).count == 8, "every letter arrived exactly once")
                #expect(try await OutboxModel.query(on: app.db).filter(\.$state == "sent").count() == 8)
            }
        }
    }

    /// 30, 7 and 1 days before the work log's deadline (1 October, Art. 13.3): a letter to each IT
    /// officer who has not submitted and to the head of their agency, once, however often the daily
    /// job runs and on however many instances.
    @Test func deadlineRemindersAreWrittenOncePerPersonAndReminder() async throws {
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            let thirtyBefore = ISO8601DateFormatter().date(from: "2027-09-01T09:00:00+07:00")!
            async let first = MailReminders.write(now: thirtyBefore, on: app)
            async let second = MailReminders.write(now: thirtyBefore, on: app)
            let written = try await [first, second]
            #expect(try await MailReminders.write(now: thirtyBefore.addingTimeInterval(3600), on: app) == 0)
            let reminders = try await OutboxModel.query(on: app.db).filter(\.$kind == "reminder.worklog").all()
            #expect(written.reduce(0, +) == reminders.count)
            let keys = Set(reminders.map(\.dedupeKey))
            let khoa = try #require(try await UserModel.query(on: app.db).filter(\.$username == "canbo").first())
            let tung = try #require(try await UserModel.query(on: app.db).filter(\.$username == "thutruong").first())
            #expect(keys.contains("reminder:2027:worklog:30:user-\(khoa.id!.uuidString.lowercased())"))
            #expect(keys.contains("reminder:2027:worklog:30:user-\(tung.id!.uuidString.lowercased())"))
            #expect(reminders.count == keys.count)
            #expect(reminders.allSatisfy { $0.subject == "Còn 30 ngày đến hạn nộp Sổ công tác năm 2027" })
            // A day that is not 30, 7 or 1 days before writes nothing.
            #expect(try await MailReminders.write(now: thirtyBefore.addingTimeInterval(86_400), on: app) == 0)
            let sevenBefore = ISO8601DateFormatter().date(from: "2027-09-24T09:00:00+07:00")!
            #expect(try await MailReminders.write(now: sevenBefore, on: app) == reminders.count)
        }
    }

    @Test func eachPersonSeesWhatWasSentToThemOnTheirPage() async throws {
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            try await withMail(app) { _, sender in
                _ = try await request(app)
                try await MailWorker.deliverDue(app: app, sender: sender, owner: "a", now: Date())
                var officer = try await Browser.signedIn(app, as: "canbo")
                let home = try await officer.get("/").body.string
                #expect(home.contains(#"href="/thu-cua-toi""#), "the menu links the page")
                let page = try await officer.get("/thu-cua-toi")
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains("Yêu cầu hỗ trợ CNTT mới"))
                #expect(html.contains("Đã gửi"))
                #expect(html.contains("khoa.tm@skhdt.binhduong.gov.vn"))
                #expect(html.range(of: #"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"#, options: .regularExpression) != nil)
                #expect(!html.contains("chưa cấu hình máy chủ thư"))
                // Another person's page does not list it.
                var staff = try await Browser.signedIn(app, as: "nhanvien")
                let theirs = try await staff.get("/thu-cua-toi").body.string
                #expect(!theirs.contains("Yêu cầu hỗ trợ CNTT mới"))
                #expect(theirs.contains("Chưa có thư nào gửi cho bạn."))
            }
        }
    }

    @Test func withoutSMTPURLNothingIsSentAndThePageSaysSo() async throws {
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            app.mail = try MailSettings.from(environment: [:])
            #expect(try MailWorker.sender(for: app.mail) == nil, "no server: no worker sends")
            _ = try await request(app)
            let row = try #require(try await letters(app).first)
            #expect(row.outboxState == .pending && row.attempts == 0)
            var officer = try await Browser.signedIn(app, as: "canbo")
            let html = try await officer.get("/thu-cua-toi").body.string
            #expect(html.contains("Hệ thống hiện không gửi thư điện tử"))
            #expect(html.contains("Chưa gửi — chưa cấu hình máy chủ thư"))
            #expect(await MailHealth.problem(app, now: Date().addingTimeInterval(86_400)) == nil, "nothing is stuck that is not meant to go")
        }
    }

    @Test func readinessReportsTheMailQueueStuckAndMetricsCountTheOutbox() async throws {
        try await withWorld { app, province in
            try await giveAddresses(app, province)
            app.mail = MailSettings(smtp: SMTPServer(host: "127.0.0.1", port: 9), from: "a@b.vn", publicURL: "")
            _ = try await request(app)
            #expect(await MailHealth.problem(app, now: Date()) == nil)
            let late = try #require(await MailHealth.problem(app, now: Date().addingTimeInterval(31 * 60)))
            #expect(late.hasPrefix("Hàng đợi thư bị tắc"))
            var local = Browser(app, peer: "127.0.0.1")
            let metrics = try await local.get("/metrics").body.string
            #expect(metrics.contains(#"qlcb_mail_outbox_messages{state="pending"}"#))
            let ready = try await local.get("/readyz").body.string
            #expect(ready.contains(#""mail":"ok""#))
        }
    }

    @Test func smtpURLIsReadWithoutEverShowingThePassword() throws {
        let server = try SMTPServer(url: "smtp://qlcb%40binhduong.gov.vn:m%E1%BA%ADt-kh%E1%BA%A9u@mail.binhduong.gov.vn?starttls=1")
        #expect(server == SMTPServer(host: "mail.binhduong.gov.vn", port: 587, security: .startTLS,
                                     user: "qlcb@binhduong.gov.vn", password: "mật-khẩu"))
        #expect(!server.description.contains("mật-khẩu"))
        let msmtp = Msmtp(server: server, from: "QLCB <qlcb@binhduong.gov.vn>", executable: "/usr/bin/msmtp")
        #expect(!msmtp.arguments.joined(separator: " ").contains("mật-khẩu"), "the password is not on the command line")
        #expect(msmtp.arguments.contains("--tls-starttls=on"))
        #expect(try SMTPServer(url: "smtps://mail.example.vn").port == 465)
        #expect(throws: ConfigError.self) { try SMTPServer(url: "http://mail.example.vn") }
        #expect(throws: ConfigError.self) { try MailSettings.from(environment: ["QLCB_MAIL_STUCK_MINUTES": "không"]) }
    }

    @Test func anAccountsAddressIsValidatedInVietnameseAndSavedWithItsAuditEntry() async throws {
        try await withWorld { app, _ in
            var staff = try await Browser.signedIn(app, as: "nhanvien")
            let bad = try await staff.post("/tai-khoan/thu-dien-tu", ["email": "anh.ptn@@skhdt"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Địa chỉ thư điện tử không hợp lệ"))
            #expect(bad.body.string.contains(#"value="anh.ptn@@skhdt""#), "what was typed is kept")
            #expect(try await staff.post("/tai-khoan/thu-dien-tu", ["email": "anh.ptn@skhdt.binhduong.gov.vn"]).status == .seeOther)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "nhanvien").first())
            #expect(user.email == "anh.ptn@skhdt.binhduong.gov.vn")
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "user.email").count() == 1)
            // The administrator edits it too, with the same check.
            var admin = try await Browser.signedIn(app, as: "admin")
            let page = "/quan-tri/nguoi-dung/\(user.id!.uuidString)"
            #expect(try await admin.get(page).body.string.contains(#"value="anh.ptn@skhdt.binhduong.gov.vn""#))
            let wrong = try await admin.post(page + "/thu-dien-tu", ["email": "khong co a cong"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("Địa chỉ thư điện tử không hợp lệ"))
            #expect(try await admin.post(page + "/thu-dien-tu", ["email": ""]).status == .seeOther)
            #expect(try await UserModel.find(user.id, on: app.db)?.email == "")
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "user.email").count() == 2)
        }
    }
}

/// The other letters: each written by its event, to the people the policy names.
@Suite("Mail: who is written to for which event")
struct MailEventTests {
    let mail = MailTests()
    let api = APITests()

    func kinds(_ app: Application, to username: String) async throws -> [String] {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        return try await OutboxModel.query(on: app.db).filter(\.$recipientUserID == user.id!).sort(\.$kind).all(\.$kind)
    }

    @Test func aFinishedTicketIsSentToItsRequesterWithTheLinkToConfirmIt() async throws {
        try await withWorld { app, province in
            try await mail.giveAddresses(app, province)
            app.mail.publicURL = MailTests.publicURL
            let ticket = try await mail.request(app)
            let path = "/phieu/\(ticket.id!.uuidString)"
            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.post(path + "/nhan", [:]).status == .seeOther)
            #expect(try await kinds(app, to: "nhanvien") == [])
            let version = try #require(try await WorkTicketModel.find(ticket.id, on: app.db)).version
            #expect(try await officer.post(path + "/hoan-thanh", ["handling": "Thay bộ kéo giấy", "outcomeDeviceFixed": "true",
                                                                   "completedOn": "29/11/2026", "version": String(version)]).status == .seeOther)
            #expect(try await kinds(app, to: "nhanvien") == ["ticket.done"])
            var staff = try await Browser.signedIn(app, as: "nhanvien")
            let page = try await staff.get("/thu-cua-toi").body.string
            #expect(page.contains("Công việc bạn yêu cầu đã hoàn thành — xin xác nhận"))
            #expect(page.contains(MailTests.publicURL + path), "the letter links the ticket, where the requester confirms it")
        }
    }

    @Test func aHandoverOpenedIsSentToTheHeadOfTheAgencyTheOfficerLeaves() async throws {
        try await withWorld { app, province in
            try await mail.giveAddresses(app, province)
            let created = try await api.call(app, .POST, "/api/v1/officers/\(province.officerA.id!.uuidString)/employment-events",
                                             token: try await api.token(app, "thutruong"), json: #"{"status":"resigned","effectiveOn":"2026-12-01"}"#)
            #expect(created.status == .created)
            #expect(try await kinds(app, to: "thutruong") == ["handover.open"])
            #expect(try await kinds(app, to: "thutruong2") == [], "the other agency's head is not concerned")
        }
    }

    @Test func publishedResultsAreSentToTheHeadsAndTheProposalsToHomeAffairs() async throws {
        let cycle = EvaluationCycleTests()
        try await cycle.world { app, province in
            try await mail.giveAddresses(app, province)
            try await app.write { db in
                try await UserModel.query(on: db).filter(\.$username == "noivu").set(\.$email, to: "lan.ht@snv.binhduong.gov.vn").update()
                try await UserModel.query(on: db).filter(\.$username == "thutruong2").set(\.$email, to: "dat.mv@dian.binhduong.gov.vn").update()
            }
            var authority = try await Browser.signedIn(app, as: "truongphong")
            try await cycle.publish(app, &authority)
            #expect(try await kinds(app, to: "thutruong") == ["evaluation.publish"])
            #expect(try await kinds(app, to: "thutruong2") == ["evaluation.publish"])
            let proposals = try await CessationProposalModel.query(on: app.db).filter(\.$year == 2026).count()
            #expect(proposals > 0, "canbo2's C, C, D makes a proposal")
            #expect(try await kinds(app, to: "noivu") == ["evaluation.proposals"])
            #expect(try await kinds(app, to: "canbo") == [], "an officer is not sent the heads' letter")
        }
    }
}
