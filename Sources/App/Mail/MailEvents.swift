import Domain
import Fluent
import Foundation

/// The events that write letters (issue 13 §3). Each is called inside the transaction of its event,
/// so a letter exists exactly when the event does. Recipients come from the policy (`MailAudience`).
enum MailEvents {
    /// A new request from an agency's staff → the IT officers who take that agency's requests.
    static func requestSent(_ ticket: WorkTicketModel, on db: any Database) async throws {
        let agencyID = ticket.$agency.id
        let agency = try await AgencyModel.find(agencyID, on: db)?.name ?? ""
        try await send("ticket.request", event: "ticket.request:\(ticket.id!.canonicalText)",
                       to: try await MailAudience.recipients(on: db, where: { $0.receivesRequestMail(agencyID: agencyID) }),
                       subject: "Yêu cầu hỗ trợ CNTT mới: \(agency)", [
                           "\(ticket.requesterName) (\(ticket.requesterUnit)) vừa gửi một yêu cầu hỗ trợ CNTT tới cán bộ CNTT của \(agency):",
                           ticket.details,
                           "Yêu cầu đang chờ một cán bộ CNTT nhận xử lý.",
                       ], link: ("Xem và nhận xử lý yêu cầu", "/phieu/\(ticket.id!.canonicalText)"), on: db)
    }

    /// A finished ticket → its requester, who confirms it (Form 3 part III) on the ticket's page.
    static func ticketDone(_ ticket: WorkTicketModel, on db: any Database) async throws {
        guard let requester = ticket.requesterUserID, let to = try await MailAudience.user(requester, on: db) else { return }
        let number = ticket.number.map { "số \($0)/\(ticket.year)" } ?? ""
        try await send("ticket.done", event: "ticket.done:\(ticket.id!.canonicalText):v\(ticket.version)", to: [to],
                       subject: "Công việc bạn yêu cầu đã hoàn thành — xin xác nhận", [
                           "Cán bộ CNTT đã báo hoàn thành phiếu công tác \(number) theo yêu cầu của bạn:",
                           ticket.details,
                           "Xin mở liên kết dưới đây để xác nhận kết quả, hoặc ghi lý do nếu công việc chưa xong.",
                       ], link: ("Xác nhận hoàn thành", "/phieu/\(ticket.id!.canonicalText)"), on: db)
    }

    /// A handover opened (Art. 14.1) → the head of the agency the officer leaves.
    static func handoverOpened(_ handoverID: UUID, officerID: UUID, agencyID: UUID, reason: String, on db: any Database) async throws {
        let officer = try await OfficerModel.find(officerID, on: db)?.fullName ?? ""
        try await send("handover.open", event: "handover.open:\(handoverID.canonicalText)",
                       to: try await MailAudience.recipients(on: db, where: { $0.receivesHeadMail(agencyID: agencyID) }),
                       subject: "Mở biên bản bàn giao: \(officer)", [
                           "Hệ thống đã mở biên bản bàn giao công việc và thông tin bí mật của cán bộ CNTT \(officer) (\(reason)) theo Điều 14.",
                           "Xin chỉ định người nhận từng mục và theo dõi việc bàn giao.",
                       ], link: ("Mở biên bản bàn giao", "/ban-giao/\(handoverID.canonicalText)"), on: db)
    }

    /// The year's results published (Art. 16) → every head; the cessation proposals → Home Affairs.
    static func resultsPublished(year: Int, proposals: Int, on db: any Database) async throws {
        let members = try await MailAudience.members(on: db)
        try await send("evaluation.publish", event: "evaluation.publish:\(year)",
                       to: members.filter { $0.policy.receivesResultsMail }.map(\.recipient),
                       subject: "Đã công bố kết quả đánh giá cán bộ CNTT năm \(year)", [
                           "Cơ quan chuyên trách CNTT tỉnh đã công bố kết quả đánh giá, xếp loại cán bộ CNTT năm \(year).",
                           "Xin xem kết quả của cán bộ CNTT thuộc cơ quan mình và các nhiệm vụ sau kết quả đánh giá (Điều 16.3.b).",
                       ], link: ("Xem kết quả đánh giá", "/danh-gia/\(year)/ket-qua"), on: db)
        guard proposals > 0 else { return }
        try await send("evaluation.proposals", event: "evaluation.proposals:\(year)",
                       to: members.filter { $0.policy.receivesProposalMail }.map(\.recipient),
                       subject: "\(proposals) đề xuất thôi hưởng ưu đãi năm \(year) chờ Sở Nội vụ", [
                           "Kết quả đánh giá năm \(year) đã công bố kèm \(proposals) đề xuất thôi hưởng chế độ ưu đãi (Điều 16.3.b) chờ Sở Nội vụ xem xét, ký.",
                       ], link: ("Xem các đề xuất", "/danh-gia/\(year)/ket-qua"), on: db)
    }

    /// One letter to each recipient, written once per recipient and `event` whatever retries or
    /// instances do (the outbox's dedupe key).
    static func send(_ kind: String, event: String, to recipients: [MailRecipient], subject: String, _ paragraphs: [String],
                     link: (label: String, path: String), on db: any Database) async throws {
        for to in recipients {
            let letter = Letters.make(kind: kind, subject: subject, to: to.name, paragraphs, link: link)
            try await Outbox.enqueue(on: db, to: to, letter, dedupeKey: "\(event):\(key(to))")
        }
    }

    static func key(_ to: MailRecipient) -> String {
        to.userID.map { "user-\($0.canonicalText.lowercased())" } ?? "address-\(to.address.lowercased())"
    }
}
