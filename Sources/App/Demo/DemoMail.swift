import Fluent
import Foundation
import SQLKit
import Vapor

/// The demo's addresses and letters (issue 13 §3): every demo account except the finance clerk has
/// an address (the IT officers' come from their officer records), and "Thư đã gửi cho tôi" shows a
/// letter in each state — sent, waiting, given up — before any server is configured.
enum DemoMail {
    static let domain = "demo.qlcb.binhduong.gov.vn"

    static func load(now: Date, on app: Application) async throws {
        try await app.write { db in
            for account in DemoLoader.accounts where account.username != "ketoan" {
                try await UserModel.query(on: db).filter(\.$username == account.username).filter(\.$officerID == nil)
                    .set(\.$email, to: "\(account.username)@\(domain)").update()
            }
            let members = try await MailAudience.members(on: db)
            func to(_ username: String) async throws -> MailRecipient? {
                guard let user = try await UserModel.query(on: db).filter(\.$username == username).first() else { return nil }
                return members.first { $0.recipient.userID == user.id }?.recipient
            }
            let letters: [(String, Letter, OutboxState, String)] = [
                ("canbo", Letters.make(kind: "reminder.worklog", subject: "Còn 30 ngày đến hạn nộp Sổ công tác", to: "Trần Minh Khoa",
                                       ["Hạn nộp Sổ công tác là trước ngày 01/10 (Điều 13.3); còn 30 ngày.", "Sổ công tác của bạn chưa nộp."],
                                       link: ("Mở Sổ công tác", "/so-cong-tac")), .sent, ""),
                ("thutruong", Letters.make(kind: "reminder.worklog", subject: "Còn 7 ngày đến hạn nộp Sổ công tác", to: "Ngô Thanh Tùng",
                                           ["Cơ quan của bạn còn cán bộ CNTT chưa nộp Sổ công tác."],
                                           link: ("Xem tình hình nộp sổ", "/nop-so")), .pending, ""),
                ("nhanvien", Letters.make(kind: "ticket.done", subject: "Công việc bạn yêu cầu đã hoàn thành — xin xác nhận", to: "Phan Thị Ngọc Ánh",
                                          ["Cán bộ CNTT đã báo hoàn thành công việc theo yêu cầu của bạn."],
                                          link: ("Xác nhận hoàn thành", "/phieu")), .failed,
                 "Không kết nối được hoặc máy chủ thư không nhận thư (msmtp, mã 69): recipient address \(Self.example) not accepted by the server; 550 5.1.1 mailbox unavailable"),
            ]
            let sql = try db.sql()
            for (index, (username, letter, state, error)) in letters.enumerated() {
                guard let recipient = try await to(username) else { continue }
                let written = now.addingTimeInterval(TimeInterval(-86_400 * (letters.count - index)))
                try await Outbox.enqueue(on: db, to: recipient, letter, dedupeKey: "demo:\(index):\(MailEvents.key(recipient))", now: written)
                try await sql.raw("""
                    UPDATE mail_outbox SET state = \(bind: state.rawValue), attempts = \(bind: state == .pending ? 0 : (state == .failed ? Outbox.maxAttempts : 1)),
                      sent_at = \(bind: state == .sent ? written.addingTimeInterval(20) : nil), last_error = \(bind: error)
                    WHERE dedupe_key = \(bind: "demo:\(index):\(MailEvents.key(recipient))")
                    """).run()
            }
        }
    }

    static let example = "nhanvien@\(domain)"
}
