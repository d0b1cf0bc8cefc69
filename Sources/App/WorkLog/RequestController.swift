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

    static func requestAgencies(_ viewer: Viewer, on db: any Database) async throws -> [AgencyModel] {
        let ids = viewer.grants.filter { [.agencyStaff, .agencyHead, .agencyFinance, .agencyPersonnel].contains($0.role) }
            .compactMap(\.agencyID)
        return try await AgencyModel.query(on: db).filter(\.$id ~~ ids).sort(\.$nameFolded).all()
    }

    static func requestBody(_ req: Request, _ viewer: Viewer, input: TicketInput, agencyID: String,
                            errors: FieldErrors = .init()) async throws -> RequestBody {
        let agencies = try await requestAgencies(viewer, on: req.db)
        return RequestBody(input: input, errors: errors, groups: Choice.list(TaskGroup.self, selected: input.taskGroup, label: \.label),
                           agencies: agencies.map { Choice(value: $0.id!.uuidString, label: $0.name,
                                                           selected: $0.id!.uuidString == agencyID) },
                           agencyID: agencyID)
    }

    static func newRequest(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let agencies = try await requestAgencies(viewer, on: req.db)
        guard let first = agencies.first else { throw await req.denied("ticket") }
        var input = TicketInput()
        input.requesterName = viewer.fullName
        input.requesterUnit = first.name
        return try await req.render("tickets/request", title: "Gửi yêu cầu hỗ trợ CNTT", active: "/phieu",
                                    try await requestBody(req, viewer, input: input, agencyID: first.id!.uuidString))
    }

    struct RequestInput: Content { var agencyID: String? }

    static func createRequest(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        var input = try req.content.decode(TicketInput.self)
        let agencyText = (try req.content.decode(RequestInput.self)).agencyID ?? ""
        let agencies = try await requestAgencies(viewer, on: req.db)
        guard let agency = agencies.first(where: { $0.id?.uuidString == agencyText }) ?? (agencies.count == 1 ? agencies.first : nil) else {
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
                                        try await requestBody(req, viewer, input: input, agencyID: agency.id!.uuidString, errors: errors),
                                        status: .unprocessableEntity)
        case .success(let content):
            let year = profile.evaluationYear(of: content.requestedOn)
            let agencyID = agency.id!
            let ticket = try await req.write {
                try await TicketService.request(content, agencyID: agencyID, year: year, requesterUserID: viewer.userID,
                                                by: actor(viewer), on: $0)
            }
            req.flash("Đã gửi yêu cầu tới cán bộ CNTT của cơ quan.")
            return req.redirect(to: "/phieu/\(ticket.id!.uuidString)")
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
            completedOn: ticket.completedOn.flatMap(LocalDate.init(iso:))?.vietnamese ?? "", errors: .init(), done: nil))
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
                completedOn: ticket.completedOn ?? "", errors: errors, done: nil), status: .unprocessableEntity)
        }
        let actor = TicketService.Actor(userID: nil, name: "\(name) (qua liên kết)")
        let refuse = input.answer == "refuse"
        let reason = input.reason ?? ""
        try await req.write { db in
            link.usedAt = Date()
            try await link.save(on: db)
            if refuse {
                try await TicketService.refuse(ticket, reason: reason, by: actor, on: db)
            } else {
                try await TicketService.confirm(ticket, confirmerName: name, by: actor, on: db)
            }
        }
        return try await req.render("confirm", title: "Đã ghi nhận", Body(
            token: "", row: TicketController.Row(ticket), handling: "", completedOn: "", errors: .init(),
            done: refuse ? "Đã ghi nhận: chưa xác nhận, kèm lý do. Cán bộ CNTT sẽ xử lý tiếp." : "Cảm ơn. Đã xác nhận hoàn thành công việc."))
    }
}
