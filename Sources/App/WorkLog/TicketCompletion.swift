import Domain
import Vapor

/// "Báo hoàn thành" (Form 3, part III; R-6.x in docs/access.md's ticket steps): the officer reports a
/// ticket done from its page. What a finished ticket needs (handling, at least one outcome, the
/// completion date) is asked in place: sent with the report, it is saved and the ticket completed in
/// one transaction with both audit entries; anything missing comes back beside its field, as typed.
extension TicketController {
    static func complete(req: Request) async throws -> Response {
        let (viewer, ticket, access) = try await load(req)
        guard access.edit else { throw await req.denied("ticket", entityID: ticket.id) }
        let today = try await req.profile().date(of: req.now)
        // The bare button sends no part III; the in-place form sends it whole (its checkboxes included).
        let sent: TicketInput? = req.content[String.self, at: "handling"] == nil ? nil
            : TicketInput(ticket.content, version: ticket.version).withHandling(from: try req.content.decode(TicketInput.self))
        do {
            let typed = try sent.map { try handling($0, today: today) }
            try await req.write { db in
                if let typed, typed != ticket.content {
                    try await TicketService.update(ticket, typed, expectedVersion: sent?.version, correctionReason: nil,
                                                   by: viewer.ticketActor, on: db)
                }
                try await TicketService.complete(ticket, today: today, by: viewer.ticketActor, on: db)
            }
        } catch let errors as FieldErrors {
            return try await renderShow(req, errors: errors, link: nil, status: .unprocessableEntity,
                                        sent: sent ?? TicketInput(ticket.content, version: ticket.version))
        } catch is StaleVersion {
            var errors = FieldErrors()
            errors.add("version", "Người khác vừa lưu phiếu này. Tải lại trang để xem bản mới rồi báo hoàn thành lại.")
            return try await renderShow(req, errors: errors, link: nil, status: .conflict, sent: sent)
        }
        req.flash("Đã báo hoàn thành; chờ người yêu cầu hoặc thủ trưởng xác nhận.")
        return req.redirect(to: "/phieu/\(ticket.id!.canonicalText)")
    }

    /// The ticket as the completion form would leave it, or every field's problem.
    private static func handling(_ sent: TicketInput, today: LocalDate) throws -> WorkTicketContent {
        switch sent.content(today: today) {
        case .failure(let errors): throw errors
        case .success(let content):
            let problems = content.completionProblems(today: today)
            if !problems.isEmpty { throw FieldErrors(problems) }
            return content
        }
    }
}

extension TicketInput {
    /// This ticket with part III (handling, outcomes, completion date, out of hours) taken from `sent`.
    func withHandling(from sent: TicketInput) -> TicketInput {
        var merged = self
        merged.handling = sent.handling
        merged.outcomeDocumentIssued = sent.outcomeDocumentIssued; merged.outcomeDeviceFixed = sent.outcomeDeviceFixed
        merged.outcomeNetworkOperational = sent.outcomeNetworkOperational
        merged.outcomeSoftwareOperational = sent.outcomeSoftwareOperational
        merged.outcomeTrainingCompleted = sent.outcomeTrainingCompleted; merged.outcomeOther = sent.outcomeOther
        merged.documentNumber = sent.documentNumber; merged.documentDate = sent.documentDate
        merged.outcomeOtherText = sent.outcomeOtherText; merged.completedOn = sent.completedOn
        merged.outOfHours = sent.outOfHours
        merged.version = sent.version
        return merged
    }
}
