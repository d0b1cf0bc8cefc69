import Domain
import Fluent
import Vapor

enum TicketController {
    static func register(_ routes: any RoutesBuilder) {
        let tickets = routes.grouped("phieu")
        tickets.get(use: index)
        tickets.get("moi", use: new)
        tickets.post(use: create)
        tickets.get(":id", use: show)
        tickets.get(":id", "sua", use: edit)
        tickets.post(":id", use: update)
        tickets.post(":id", "nhan", use: take)
        tickets.post(":id", "hoan-thanh", use: complete)
        tickets.post(":id", "xac-nhan", use: confirm)
        tickets.post("xac-nhan-nhieu", use: confirmSeveral)
        tickets.post(":id", "tu-choi", use: refuse)
        tickets.post(":id", "lien-ket", use: link)
        routes.get("yeu-cau", "moi", use: newRequest)
        routes.post("yeu-cau", use: createRequest)
    }

    struct Row: Hashable, Encodable, Sendable {
        var id, number, group, details, requester, requestedOn, status, statusCode, officer, agency: String
        init(_ t: WorkTicketModel) { self.init(TicketRow(t)) }

        init(_ t: TicketRow) {
            let c = t.content
            id = t.id.canonicalText
            number = t.number.map { "\($0)/\(t.year)" } ?? "—"
            group = c.taskGroup == .other && !c.taskOther.isEmpty ? c.taskOther : c.taskGroup.label
            details = c.details.count > 120 ? String(c.details.prefix(117)) + "…" : c.details
            requester = c.requesterName
            requestedOn = c.requestedOn.vietnamese
            status = t.status.label
            statusCode = t.status.rawValue
            officer = t.officerName ?? "Chưa có người nhận"
            agency = t.agencyName ?? ""
        }
    }

    struct ListBody: Hashable, Encodable, Sendable {
        var rows: [Row]
        var q: String
        var year: String
        var from: String
        var to: String
        var mine: Bool
        var groups: [Choice]
        var statuses: [Choice]
        var next: String?
        var query: String
        var canRecord: Bool
        var canRequest: Bool
        var pendingRequests: Int
    }

    static func index(req: Request) async throws -> Response {
        let viewer = try await req.requireSection(.tickets)
        let get = { (key: String) in req.filterText(key) }
        let (q, year, group, status) = (try req.searchText(), get("year"), get("group"), get("status"))
        let filter = TicketFilter(officerID: try req.filterID("officer", label: "Cán bộ"), agencyID: try req.filterID("agency", label: "Cơ quan"),
                                  year: try req.queryYear(), group: try req.filterChoice("group", TaskGroup.self, label: "Nhóm công việc"),
                                  status: try req.filterChoice("status", TicketStatus.self, label: "Tình trạng"),
                                  q: q, requesterUserID: try req.filterWord("mine", among: ["1"], label: "Của tôi") == "1" ? viewer.userID : nil,
                                  from: try req.filterDate("from", label: "Từ ngày"), to: try req.filterDate("to", label: "Đến ngày"))
        let kept = req.keptReads
        let scope = try await TicketQueries.scope(for: viewer, kept: kept, on: req.db)
        if let format = Exporter.format(req) {
            return try await Exporter.respond(TicketExport.export(filter, scope: scope, on: req.db), as: format, req: req)
        }
        let per = 30
        let rows = try await TicketQueries.list(filter, scope: scope, after: TicketCursor(get("after")), limit: per + 1,
                                                kept: kept, on: req.db)
        let next = rows.count > per ? rows[per - 1] : nil
        var pending = 0
        if !scope.requestAgencies.isEmpty {
            let agencies = scope.requestAgencies
            pending = try await kept.value("pending requests \(agencies.map(\.uuidString).joined(separator: " "))") {
                try await WorkTicketModel.query(on: req.db).filter(\.$agency.$id ~~ agencies).filter(\.$officer.$id == nil).count()
            }
        }
        let query = [("q", q), ("year", year), ("group", group), ("status", status), ("officer", get("officer")),
                     ("agency", get("agency")), ("from", get("from")), ("to", get("to")), ("mine", get("mine"))]
        return try await req.render("tickets/index", title: "Phiếu công tác", active: "/phieu", content: ListBody(
            rows: rows.prefix(per).map(Row.init), q: q, year: year, from: get("from"), to: get("to"), mine: get("mine") == "1",
            groups: Choice.list(TaskGroup.self, selected: group, label: \.label),
            statuses: Choice.list(TicketStatus.self, selected: status, label: \.label),
            next: next?.cursor.text, query: keptQuery(query),
            canRecord: viewer.officerID != nil, canRequest: viewer.policy.sendsRequests,
            pendingRequests: pending))
    }

    struct FormBody: Encodable, Sendable {
        var id: String?
        var input: TicketInput
        var errors: FieldErrors
        var groups: [Choice]
        var kinds: [Choice]
        var locked: Bool
        var action: String
    }

    static func formBody(id: UUID?, input: TicketInput, errors: FieldErrors = .init(), locked: Bool = false,
                         action: String) -> FormBody {
        FormBody(id: id?.canonicalText, input: input, errors: errors,
                 groups: Choice.list(TaskGroup.self, selected: input.taskGroup, label: \.label),
                 kinds: Choice.list(WorkKind.self, selected: input.workKind, label: \.label), locked: locked, action: action)
    }

    static func ownOfficer(_ req: Request) async throws -> (Viewer, OfficerModel) {
        let viewer = try req.requireViewer()
        guard let id = viewer.officerID, let officer = try await OfficerModel.find(id, on: req.db) else {
            throw await req.denied("ticket")
        }
        return (viewer, officer)
    }

    static func new(req: Request) async throws -> Response {
        let (_, officer) = try await ownOfficer(req)
        let profile = try await req.profile()
        var input = TicketInput()
        input.requestedOn = profile.date(of: req.now).vietnamese
        input.requesterUnit = try await AgencyModel.find(officer.$agency.id, on: req.db)?.name ?? ""
        return try await req.render("tickets/form", title: "Ghi phiếu công tác", active: "/phieu",
                                    formBody(id: nil, input: input, action: "/phieu"))
    }

    static func create(req: Request) async throws -> Response {
        let (viewer, officer) = try await ownOfficer(req)
        let input = try req.content.decode(TicketInput.self)
        let profile = try await req.profile()
        switch input.content(today: profile.date(of: req.now)) {
        case .failure(let errors):
            return try await req.render("tickets/form", title: "Ghi phiếu công tác", active: "/phieu",
                                        formBody(id: nil, input: input, errors: errors, action: "/phieu"), status: .unprocessableEntity)
        case .success(let content):
            let year = profile.evaluationYear(of: content.requestedOn)
            let actor = TicketService.Actor(userID: viewer.userID, name: viewer.username)
            let ticket = try await req.write { try await TicketService.record(content, officer: officer, year: year, by: actor, on: $0) }
            req.flash("Đã ghi phiếu số \(ticket.number!)/\(year).")
            return req.redirect(to: "/phieu/\(ticket.id!.canonicalText)")
        }
    }
}
