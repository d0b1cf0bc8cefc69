import Domain
import Fluent
import Vapor

/// "Thư đã gửi cho tôi" (issue 13 §3): every letter the system wrote to the signed-in person, with
/// its state. Each person sees only their own; without `SMTP_URL` the page says that nothing is sent.
enum MyMailController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("thu-cua-toi", use: show)
    }

    struct Row: Encodable, Sendable {
        var subject: String
        var kind: String
        var address: String
        var written: String
        var state: String
        var stateCode: String
        var note: String
        var text: String
    }

    struct Body: Encodable, Sendable {
        var configured: Bool
        var rows: [Row]
    }

    static let limit = 200

    static func show(req: Request) async throws -> Response {
        let viewer = try await req.requireSection(.myMail)
        let configured = req.application.mail.smtp != nil
        let letters = try await OutboxModel.query(on: req.db).filter(\.$recipientUserID == viewer.userID)
            .sort(\.$createdAt, .descending).sort(\.$id).limit(limit).all()
        let rows = letters.map { letter in
            Row(subject: letter.subject, kind: kindLabel(letter.kind), address: letter.recipientAddress,
                written: VietnameseTime.format(letter.createdAt),
                state: stateLabel(letter, configured: configured), stateCode: letter.state,
                note: letter.outboxState == .sent ? letter.sentAt.map { "Gửi lúc " + VietnameseTime.format($0) } ?? ""
                    : letter.lastError.isEmpty ? "" : "Lần thử \(letter.attempts): \(reason(letter.lastError))",
                text: Letters.resolve(letter.textBody, publicURL: req.application.mail.publicURL))
        }
        return try await req.render("mail/mine", title: Section.myMail.label, active: Section.myMail.path,
                                    Body(configured: configured, rows: rows))
    }

    /// The reason in the person's language: the mail server's own words (English, for the
    /// administrator's log) stay in the stored error after " (msmtp".
    static func reason(_ error: String) -> String {
        error.range(of: " (msmtp").map { String(error[..<$0.lowerBound]) } ?? error
    }

    static func stateLabel(_ letter: OutboxModel, configured: Bool) -> String {
        switch letter.outboxState {
        case .sent: "Đã gửi"
        case .failed: "Không gửi được"
        case .sending: "Đang gửi"
        case .pending: configured ? (letter.attempts == 0 ? "Chờ gửi" : "Chờ gửi lại") : "Chưa gửi — chưa cấu hình máy chủ thư"
        }
    }

    static func kindLabel(_ kind: String) -> String {
        switch kind {
        case "ticket.request": "Yêu cầu hỗ trợ mới"
        case "ticket.done": "Công việc đã hoàn thành"
        case "handover.open": "Mở biên bản bàn giao"
        case "evaluation.publish": "Công bố kết quả đánh giá"
        case "evaluation.proposals": "Đề xuất chờ Sở Nội vụ"
        case "reminder.worklog": "Nhắc hạn nộp Sổ công tác"
        case "reminder.results": "Nhắc hạn công bố kết quả"
        default: "Thông báo"
        }
    }
}
