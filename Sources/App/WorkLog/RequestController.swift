import Domain
import Fluent
import Vapor

/// Requests from agency staff (issue 3 §3), and the single-use link a requester without an account
/// uses to confirm or refuse one ticket.
extension TicketController {
    struct RequestBody: Encodable, Sendable {
        var input: TicketInput
        var errors: FieldErrors
        var groups: [Choice]
        var agencies: [Choice]
        var agencyID: String
    }

    static func requestBody(_ req: Request, _ viewer: Viewer, input: TicketInput, agencyID: String,
                            errors: FieldErrors = .init()) async throws -> RequestBody {
        let agencies = try await Permissions.requestAgencies(viewer, on: req.db)
        return RequestBody(input: input, errors: errors, groups: Choice.list(TaskGroup.self, selected: input.taskGroup, label: \.label),
                           agencies: agencies.map { Choice(value: $0.id!.canonicalText, label: $0.name,
                                                           selected: $0.id!.canonicalText == agencyID) },
                           agencyID: agencyID)
    }

    static func newRequest(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let agencies = try await Permissions.requestAgencies(viewer, on: req.db)
        guard let first = agencies.first else { throw await req.denied("ticket") }
        var input = TicketInput()
        input.requesterName = viewer.fullName
        input.requesterUnit = first.name
        return try await req.render("tickets/request", title: "Gửi yêu cầu hỗ trợ CNTT", active: "/phieu",
                                    try await requestBody(req, viewer, input: input, agencyID: first.id!.canonicalText))
    }

    struct RequestInput: Content { var agencyID: String? }

    static func createRequest(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        var input = try req.content.decode(TicketInput.self)
        let agencyText = (try req.content.decode(RequestInput.self)).agencyID ?? ""
        let agencies = try await Permissions.requestAgencies(viewer, on: req.db)
        // An agency the viewer does not send requests for is refused, never replaced by their own.
        guard let agency = agencies.first(where: { $0.id?.canonicalText == agencyText }) ?? (agencyText.isEmpty && agencies.count == 1 ? agencies.first : nil) else {
            throw await req.denied("ticket")
        }
        let profile = try await req.profile()
        let today = profile.date(of: req.now)
        input.requestedOn = today.vietnamese
        input.workKind = input.workKind.isEmpty ? WorkKind.operation.rawValue : input.workKind
        input.requesterName = viewer.fullName
        switch input.content(today: today) {
        case .failure(let errors):
            return try await req.render("tickets/request", title: "Gửi yêu cầu hỗ trợ CNTT", active: "/phieu",
                                        try await requestBody(req, viewer, input: input, agencyID: agency.id!.canonicalText, errors: errors),
                                        status: .unprocessableEntity)
        case .success(let content):
            let year = profile.evaluationYear(of: content.requestedOn)
            let agencyID = agency.id!
            let ticket = try await req.write {
                try await TicketService.request(content, agencyID: agencyID, year: year, requesterUserID: viewer.userID,
                                                by: viewer.ticketActor, on: $0)
            }
            req.flash("Đã gửi yêu cầu tới cán bộ CNTT của cơ quan.")
            return req.redirect(to: "/phieu/\(ticket.id!.canonicalText)")
        }
    }
}

/// The public page behind a confirmation link: it shows only that ticket, and works once.
enum ConfirmationLinkController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("xac-nhan", ":token", use: show)
        routes.post("xac-nhan", ":token", use: answer)
    }

    struct Body: Encodable, Sendable {
        var token: String
        var row: TicketController.Row?
        var handling: String
        var completedOn: String
        var errors: FieldErrors
        var done: String?
    }

    static func show(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let (_, ticket) = try await TicketService.ticket(forLink: token, now: req.now, on: req.db) else {
            return try await req.render("confirm", title: "Liên kết không còn hiệu lực",
                                        Body(token: "", row: nil, handling: "", completedOn: "", errors: .init(), done: nil),
                                        status: .gone)
        }
        try await ticket.$agency.load(on: req.db)
        try await ticket.$officer.load(on: req.db)
        return try await req.render("confirm", title: "Xác nhận hoàn thành công việc", Body(
            token: token, row: TicketController.Row(ticket), handling: ticket.handling,
            completedOn: ticket.completedOn.flatMap(LocalDate.init(iso:))?.vietnamese ?? "", errors: .init(), done: nil),
            visitorForm: true)
    }

    struct Answer: Content { var answer: String?; var name: String?; var reason: String? }

    static func answer(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let (link, ticket) = try await TicketService.ticket(forLink: token, now: req.now, on: req.db) else {
            return try await req.render("confirm", title: "Liên kết không còn hiệu lực",
                                        Body(token: "", row: nil, handling: "", completedOn: "", errors: .init(), done: nil),
                                        status: .gone)
        }
        let input = try req.content.decode(Answer.self)
        let name = VietnameseText.normalize(input.name ?? "")
        var errors = FieldErrors()
        if name.isEmpty { errors.add("name", "Nhập họ và tên người xác nhận.") }
        if input.answer == "refuse", VietnameseText.normalize(input.reason ?? "").isEmpty {
            errors.add("reason", "Ghi lý do chưa xác nhận.")
        }
        if input.answer != "confirm" && input.answer != "refuse" { errors.add("answer", "Chọn xác nhận hoặc chưa xác nhận.") }
        try await ticket.$agency.load(on: req.db)
        try await ticket.$officer.load(on: req.db)
        guard errors.isEmpty else {
            return try await req.render("confirm", title: "Xác nhận hoàn thành công việc", Body(
                token: token, row: TicketController.Row(ticket), handling: ticket.handling,
                completedOn: ticket.completedOn ?? "", errors: errors, done: nil), status: .unprocessableEntity, visitorForm: true)
        }
        // The officer who did the work never confirms it, not even through the link (Art. 5; issue 10 §4).
        if let viewer = req.viewer, viewer.officerID == ticket.$officer.id {
            throw Abort(.forbidden, reason: "Cán bộ thực hiện công việc không tự xác nhận phiếu của mình. Hãy gửi liên kết cho người yêu cầu.")
        }
        let actor = TicketService.Actor(userID: req.viewer?.userID, name: "\(name) (qua liên kết)")
        let refuse = input.answer == "refuse"
        let reason = input.reason ?? ""
        let (linkID, ticketID, now) = (try link.requireID(), try ticket.requireID(), req.now)
        let answered = try await req.write { db -> Bool in
            // Taking the link and changing the ticket happen together, and only once: of several
            // answers sent at the same moment, one takes the link and the others find it used.
            guard try await LinkUse.take(linkID, at: now, on: db),
                  let fresh = try await WorkTicketModel.find(ticketID, on: db) else { return false }
            if refuse {
                try await TicketService.refuse(fresh, reason: reason, by: actor, on: db)
            } else {
                try await TicketService.confirm(fresh, confirmerName: name, by: actor, on: db)
            }
            return true
        }
        guard answered else {
            return try await req.render("confirm", title: "Liên kết đã được sử dụng",
                                        Body(token: "", row: TicketController.Row(ticket), handling: "", completedOn: "",
                                             errors: .init(), done: "Phiếu này đã được trả lời qua liên kết. Mỗi liên kết chỉ dùng được một lần."),
                                        status: .gone)
        }
        return try await req.render("confirm", title: "Đã ghi nhận", Body(
            token: "", row: TicketController.Row(ticket), handling: "", completedOn: "", errors: .init(),
            done: refuse ? "Đã ghi nhận: chưa xác nhận, kèm lý do. Cán bộ CNTT sẽ xử lý tiếp." : "Cảm ơn. Đã xác nhận hoàn thành công việc."))
    }
}

/// The single use of a confirmation link: a conditional UPDATE that only the first answer wins.
enum LinkUse {
    static func take(_ id: UUID, at now: Date, on db: any Database) async throws -> Bool {
        let taken = try await RawRows.all("""
            UPDATE \(name: ConfirmationLinkModel.schema) SET used_at = \(bind: now)
            WHERE id = \(bind: id) AND used_at IS NULL RETURNING id
            """, on: db) { try $0.uuid("id") }
        return !taken.isEmpty
    }
}
