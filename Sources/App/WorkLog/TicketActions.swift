import Domain
import Fluent
import Vapor

extension TicketController {
    /// The ticket and what the viewer may do with it; a ticket out of reach is refused and logged.
    static func load(_ req: Request) async throws -> (Viewer, WorkTicketModel, TicketAccess) {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self),
              let ticket = try await WorkTicketModel.query(on: req.db).with(\.$officer).with(\.$agency)
                .filter(\.$id == id).first() else { throw Abort(.notFound) }
        let access = try await Permissions.ticket(viewer, ticket, on: req.db)
        guard access.read else { throw await req.denied("ticket", entityID: id) }
        return (viewer, ticket, access)
    }

    struct ShowBody: Encodable, Sendable {
        var id: String
        var row: Row
        var t: TicketInput
        var groupLabel, kindLabel: String
        var outcomes: [String]
        var access: TicketAccess
        var statusCode: String
        var confirmedBy: String
        /// The ticket's steps, from the audit log, as sentences.
        var history: [AuditSentence]
        var link: String?
        var errors: FieldErrors
        var errorList: [String]
        var officerID: String?
        var year: Int
        /// Part III as the completion form shows it: the ticket's, or what the officer just sent.
        var input: TicketInput
        /// The completion form asks for part III in place while something it needs is missing.
        var asksHandling: Bool
    }

    static func show(req: Request) async throws -> Response {
        // A link just created is shown once, after the redirect (so a reload never creates another).
        let link = req.session.data["ticketLink"]
        req.session.data["ticketLink"] = nil
        return try await renderShow(req, errors: .init(), link: link, status: .ok)
    }

    static func renderShow(_ req: Request, errors: FieldErrors, link: String?, status: HTTPStatus,
                           sent: TicketInput? = nil) async throws -> Response {
        let (_, ticket, access) = try await load(req)
        let today = try await req.profile().date(of: req.now)
        let history = try await HistoryRow.ticket(ticket.id!, on: req.db).reversed()  // in the order it happened
        let content = ticket.content
        return try await req.render("tickets/show", title: "Phiếu công tác \(Row(ticket).number)", active: "/phieu", ShowBody(
            id: ticket.id!.canonicalText, row: Row(ticket), t: TicketInput(content, version: ticket.version),
            groupLabel: ticket.group.label, kindLabel: content.workKind.label,
            outcomes: TicketOutcome.allCases.filter(content.outcomes.contains).map { outcome in
                switch outcome {
                case .documentIssued: "Văn bản số \(content.documentNumber), ngày \(content.documentDate?.vietnamese ?? "")"
                case .other: "Kết quả khác: \(content.outcomeOther)"
                default: outcome.label
                }
            },
            access: access, statusCode: ticket.status, confirmedBy: ticket.confirmedBy,
            history: Array(history),
            link: link, errors: errors, errorList: errors.messages.values.sorted(), officerID: ticket.$officer.id?.canonicalText, year: ticket.year,
            input: sent ?? completionDefaults(content, version: ticket.version, today: today),
            asksHandling: sent != nil || !content.completionProblems(today: today).isEmpty), status: status)
    }

    /// The in-place completion form starts from the ticket, its completion date today if none yet.
    private static func completionDefaults(_ content: WorkTicketContent, version: Int, today: LocalDate) -> TicketInput {
        var input = TicketInput(content, version: version)
        if input.completedOn.isEmpty { input.completedOn = today.vietnamese }
        return input
    }

    static func edit(req: Request) async throws -> Response {
        let (_, ticket, access) = try await load(req)
        guard access.edit else { throw await req.denied("ticket", entityID: ticket.id) }
        return try await req.render("tickets/form", title: "Sửa phiếu công tác", active: "/phieu",
                                    formBody(id: ticket.id, input: TicketInput(ticket.content, version: ticket.version),
                                             locked: ticket.ticketStatus.isLocked, action: "/phieu/\(ticket.id!.canonicalText)"))
    }

    static func update(req: Request) async throws -> Response {
        let (viewer, ticket, access) = try await load(req)
        guard access.edit else { throw await req.denied("ticket", entityID: ticket.id) }
        let input = try req.content.decode(TicketInput.self)
        let path = "/phieu/\(ticket.id!.canonicalText)"
        func again(_ errors: FieldErrors, status: HTTPStatus = .unprocessableEntity) async throws -> Response {
            try await req.render("tickets/form", title: "Sửa phiếu công tác", active: "/phieu",
                                 formBody(id: ticket.id, input: input, errors: errors, locked: ticket.ticketStatus.isLocked,
                                          action: path), status: status)
        }
        let profile = try await req.profile()
        switch input.content(today: profile.date(of: req.now)) {
        case .failure(let errors): return try await again(errors)
        case .success(let content):
            let (version, reason) = (input.version, input.correctionReason)
            do {
                try await req.write { try await TicketService.update(ticket, content, expectedVersion: version,
                                                                     correctionReason: reason, by: viewer.ticketActor, on: $0) }
            } catch let errors as FieldErrors {
                return try await again(errors)
            } catch is StaleVersion {
                var errors = FieldErrors()
                errors.add("version", "Người khác vừa lưu phiếu này. Tải lại trang để xem bản mới rồi nhập lại thay đổi.")
                return try await again(errors, status: .conflict)
            }
            req.flash("Đã lưu phiếu.")
            return req.redirect(to: path)
        }
    }

    static func take(req: Request) async throws -> Response {
        let (viewer, ticket, access) = try await load(req)
        guard access.take, let officerID = viewer.officerID, let officer = try await OfficerModel.find(officerID, on: req.db) else {
            throw await req.denied("ticket", entityID: ticket.id)
        }
        try await req.write { try await TicketService.take(ticket, officer: officer, by: viewer.ticketActor, on: $0) }
        req.flash("Đã nhận xử lý yêu cầu; phiếu số \(ticket.number ?? 0)/\(ticket.year).")
        return req.redirect(to: "/phieu/\(ticket.id!.canonicalText)")
    }

    static func confirm(req: Request) async throws -> Response {
        let (viewer, ticket, access) = try await load(req)
        guard access.confirm else { throw await req.denied("ticket", entityID: ticket.id) }
        do {
            try await req.write { try await TicketService.confirm(ticket, confirmerName: viewer.fullName, by: viewer.ticketActor, on: $0) }
        } catch let errors as FieldErrors {
            return try await renderShow(req, errors: errors, link: nil, status: .unprocessableEntity)
        }
        req.flash("Đã xác nhận hoàn thành công việc.")
        return req.redirect(to: "/phieu/\(ticket.id!.canonicalText)")
    }

    struct SeveralInput: Content { var ids: [String]? }

    /// Confirms several finished tickets at once from the home page, each only if the policy lets this
    /// person confirm it; all in one transaction, each with its audit entry.
    static func confirmSeveral(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let ids = (try req.content.decode(SeveralInput.self).ids ?? []).prefix(200).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else {
            req.flash("Chưa chọn phiếu nào để xác nhận.")
            return req.redirect(to: "/")
        }
        let tickets = try await WorkTicketModel.query(on: req.db).filter(\.$id ~~ ids).all()
        for ticket in tickets where !(try await Permissions.ticket(viewer, ticket, on: req.db).confirm) {
            throw await req.denied("ticket", entityID: ticket.id)
        }
        do {
            try await req.write { db in
                for ticket in tickets {
                    try await TicketService.confirm(ticket, confirmerName: viewer.fullName, by: viewer.ticketActor, on: db)
                }
            }
        } catch is FieldErrors {
            req.flash("Có phiếu vừa thay đổi trạng thái; chưa xác nhận phiếu nào. Hãy xem lại danh sách.")
            return req.redirect(to: "/")
        }
        req.flash("Đã xác nhận hoàn thành \(tickets.count) phiếu công tác.")
        return req.redirect(to: "/")
    }

    struct ReasonInput: Content { var reason: String? }

    static func refuse(req: Request) async throws -> Response {
        let (viewer, ticket, access) = try await load(req)
        guard access.confirm else { throw await req.denied("ticket", entityID: ticket.id) }
        let reason = (try req.content.decode(ReasonInput.self)).reason ?? ""
        do {
            try await req.write { try await TicketService.refuse(ticket, reason: reason, by: viewer.ticketActor, on: $0) }
        } catch let errors as FieldErrors {
            return try await renderShow(req, errors: errors, link: nil, status: .unprocessableEntity)
        }
        req.flash("Đã trả lại phiếu cho cán bộ CNTT kèm lý do.")
        return req.redirect(to: "/phieu/\(ticket.id!.canonicalText)")
    }

    /// A confirmation link exists for a finished ticket only (Form 3 §III): a stale page's button
    /// meets a conflict with the reason, not a refusal.
    static func requireDoneForLink(_ ticket: WorkTicketModel) throws {
        guard ticket.ticketStatus == .done else {
            throw Abort(.conflict, reason: "Phiếu chưa ở trạng thái “\(TicketStatus.done.label)” nên chưa tạo được liên kết xác nhận.")
        }
    }

    static func link(req: Request) async throws -> Response {
        let (viewer, ticket, access) = try await load(req)
        guard access.edit else { throw await req.denied("ticket", entityID: ticket.id) }
        try TicketController.requireDoneForLink(ticket)
        let token = try await req.write { try await TicketService.issueLink(for: ticket, by: viewer.ticketActor, now: req.now, on: $0) }
        req.session.data["ticketLink"] = OfficialPapers.publicURL("/xac-nhan/\(token)", req: req)
        return req.redirect(to: "/phieu/\(ticket.id!.canonicalText)")
    }
}
