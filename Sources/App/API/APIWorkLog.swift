import Domain
import Fluent
import Foundation
import Vapor

/// The work-log part of the API (issue 3 §9): the same rules, permissions and audit as the pages.
extension APIHandler {
    func listTickets(_ input: Operations.ListTickets.Input) async throws -> Operations.ListTickets.Output {
        let (req, viewer) = try context()
        let q = input.query
        let filter = TicketFilter(officerID: q.officer.flatMap(UUID.init(uuidString:)), agencyID: q.agency.flatMap(UUID.init(uuidString:)),
                                  year: try QueryNumbers.year(q.year), group: q.group.flatMap { TaskGroup(rawValue: $0.rawValue) },
                                  status: q.status.flatMap { TicketStatus(rawValue: $0.rawValue) }, q: q.q)
        let per = try QueryNumbers.per(q.per) ?? 50
        let kept = req.keptReads
        let scope = try await TicketQueries.scope(for: viewer, kept: kept, on: req.db)
        let rows = try await TicketQueries.list(filter, scope: scope, after: TicketCursor(q.after), limit: per + 1, kept: kept, on: req.db)
        let next = rows.count > per ? rows[per - 1].cursor.text : nil
        return .ok(.init(body: .json(.init(items: rows.prefix(per).map(Components.Schemas.Ticket.init), next: next))))
    }

    func createTicket(_ input: Operations.CreateTicket.Input) async throws -> Operations.CreateTicket.Output {
        let (req, viewer) = try context()
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        // Who may file it is decided before the content is read: a request to an agency the viewer
        // sends requests for, or an officer's own ticket.
        var requestAgency: UUID?, officer: OfficerModel?
        if let agencyText = body.agencyId {
            let agencies = try await Permissions.requestAgencies(viewer, on: req.db)
            guard let agency = agencies.first(where: { $0.id?.canonicalText.lowercased() == agencyText.lowercased() }) else {
                throw await req.denied("ticket")
            }
            requestAgency = agency.id
        } else {
            guard let officerID = viewer.officerID, let found = try await OfficerModel.find(officerID, on: req.db) else {
                throw await req.denied("ticket")
            }
            officer = found
        }
        let profile = try await req.profile()
        let content = try TicketAPI.content(body, today: profile.date(of: req.now)).get()
        let year = profile.evaluationYear(of: content.requestedOn)
        let actor = viewer.ticketActor
        let ticket: WorkTicketModel
        if let agencyID = requestAgency {
            ticket = try await req.write { try await TicketService.request(content, agencyID: agencyID, year: year,
                                                                             requesterUserID: viewer.userID, by: actor, on: $0) }
        } else {
            let officer = officer!
            ticket = try await req.write { try await TicketService.record(content, officer: officer, year: year, by: actor, on: $0) }
        }
        return .created(.init(body: .json(.init(ticket))))
    }

    func getTicket(_ input: Operations.GetTicket.Input) async throws -> Operations.GetTicket.Output {
        let (req, viewer) = try context()
        let (ticket, access) = try await TicketAPI.load(try uuid(input.path.id), viewer, req)
        guard access.read else { throw await req.denied("ticket", entityID: ticket.id) }
        return .ok(.init(body: .json(.init(ticket))))
    }

    func updateTicket(_ input: Operations.UpdateTicket.Input) async throws -> Operations.UpdateTicket.Output {
        let (req, viewer) = try context()
        let (ticket, access) = try await TicketAPI.load(try uuid(input.path.id), viewer, req)
        guard access.edit else { throw await req.denied("ticket", entityID: ticket.id) }
        guard case .json(let patch) = input.body else { throw Abort(.unsupportedMediaType) }
        let today = try await req.profile().date(of: req.now)
        let content = try TicketAPI.merge(ticket.content, patch, today: today).get()
        let actor = viewer.ticketActor
        let changed = content != ticket.content
        try await req.write { db in
            if changed || patch.correctionReason != nil {
                try await TicketService.update(ticket, content, expectedVersion: patch.version,
                                               correctionReason: patch.correctionReason, by: actor, on: db)
            }
            if patch.status == .done { try await TicketService.complete(ticket, today: today, by: actor, on: db) }
        }
        return .ok(.init(body: .json(.init(ticket))))
    }

    func confirmTicket(_ input: Operations.ConfirmTicket.Input) async throws -> Operations.ConfirmTicket.Output {
        let (req, viewer) = try context()
        let (ticket, access) = try await TicketAPI.load(try uuid(input.path.id), viewer, req)
        guard access.confirm else { throw await req.denied("ticket", entityID: ticket.id) }
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let actor = viewer.ticketActor
        try await req.write { db in
            switch body.decision {
            case .confirm: try await TicketService.confirm(ticket, confirmerName: viewer.fullName, by: actor, on: db)
            case .refuse: try await TicketService.refuse(ticket, reason: body.reason ?? "", by: actor, on: db)
            }
        }
        return .ok(.init(body: .json(.init(ticket))))
    }

    func getWorkLog(_ input: Operations.GetWorkLog.Input) async throws -> Operations.GetWorkLog.Output {
        let (req, viewer) = try context()
        let (officer, profile) = try await TicketAPI.officer(try uuid(input.path.id), req)
        let view = try await WorkLogService.view(officer: officer, year: try knownYear(input.path.year), profile: profile,
                                                 today: profile.date(of: req.now), on: req.db)
        let access = try await Permissions.workLog(viewer, officer: officer, submitted: view.log?.receivedAt != nil, on: req.db)
        guard access.read else { throw await req.denied("workLog", entityID: officer.id) }
        return .ok(.init(body: .json(.init(view))))
    }

    func submitWorkLog(_ input: Operations.SubmitWorkLog.Input) async throws -> Operations.SubmitWorkLog.Output {
        let (req, viewer) = try context()
        let (officer, profile) = try await TicketAPI.officer(try uuid(input.path.id), req)
        let access = try await Permissions.workLog(viewer, officer: officer, submitted: false, on: req.db)
        guard access.submit else { throw await req.denied("workLog", entityID: officer.id) }
        let year = try knownYear(input.path.year)
        let now = req.now
        _ = try await req.write { try await WorkLogService.submit(officer: officer.id!, agency: officer.$agency.id, year: year, now: now, profile: profile, by: viewer, on: $0) }
        let view = try await WorkLogService.view(officer: officer, year: year, profile: profile, today: profile.date(of: now), on: req.db)
        return .created(.init(body: .json(.init(view))))
    }
}

/// Conversions between the API's ticket bodies and the Domain.
enum TicketAPI {
    static func load(_ id: UUID, _ viewer: Viewer, _ req: Request) async throws -> (WorkTicketModel, TicketAccess) {
        guard let ticket = try await WorkTicketModel.find(id, on: req.db) else { throw NotFound() }
        let access = try await Permissions.ticket(viewer, ticket, on: req.db)
        guard access.read else { throw await req.denied("ticket", entityID: id) }
        return (ticket, access)
    }

    static func officer(_ id: UUID, _ req: Request) async throws -> (OfficerModel, RegulationProfile) {
        if let year = req.parameters.get("year", as: Int.self), !QueryNumbers.years.contains(year) { throw NotFound() }
        guard let officer = try await OfficerModel.find(id, on: req.db) else { throw NotFound() }
        return (officer, try await req.profile())
    }

    static func date(_ text: String?, _ field: String, _ errors: inout FieldErrors) -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = LocalDate(iso: text) ?? LocalDate(userInput: text) else {
            errors.add(field, "Ngày không hợp lệ; dùng dạng yyyy-MM-dd.")
            return nil
        }
        return date
    }

    static func content(_ b: Components.Schemas.TicketInput, today: LocalDate) -> Result<WorkTicketContent, FieldErrors> {
        var errors = FieldErrors()
        let requested = date(b.requestedOn, "requestedOn", &errors)
        let n = VietnameseText.normalize
        let content = WorkTicketContent(
            taskGroup: TaskGroup(rawValue: b.taskGroup.rawValue) ?? .other, taskOther: n(b.taskOther ?? ""), details: n(b.details),
            workKind: b.workKind.flatMap { WorkKind(rawValue: $0.rawValue) } ?? .operation, requesterUnit: n(b.requesterUnit),
            requesterName: n(b.requesterName), relatedRecords: n(b.relatedRecords ?? ""),
            requestedOn: requested ?? today, handling: n(b.handling ?? ""),
            outcomes: Set((b.outcomes ?? []).compactMap { TicketOutcome(rawValue: $0.rawValue) }),
            documentNumber: n(b.documentNumber ?? ""), documentDate: date(b.documentDate, "documentDate", &errors),
            outcomeOther: n(b.outcomeOther ?? ""), completedOn: date(b.completedOn, "completedOn", &errors),
            outOfHours: b.outOfHours ?? false, escalatedTo: n(b.escalatedTo ?? ""), externalCost: b.externalCost,
            externalHandoverOn: date(b.externalHandoverOn, "externalHandoverOn", &errors))
        if requested == nil && errors["requestedOn"] == nil { errors.add("requestedOn", "Nhập ngày yêu cầu.") }
        for (field, message) in content.problems(today: today) { errors.add(field, message) }
        return errors.isEmpty ? .success(content) : .failure(errors)
    }

    static func merge(_ c: WorkTicketContent, _ p: Components.Schemas.TicketPatch, today: LocalDate) -> Result<WorkTicketContent, FieldErrors> {
        var errors = FieldErrors()
        var m = c
        let n = VietnameseText.normalize
        if let v = p.taskGroup { m.taskGroup = TaskGroup(rawValue: v.rawValue) ?? m.taskGroup }
        if let v = p.taskOther { m.taskOther = n(v) }
        if let v = p.details { m.details = n(v) }
        if let v = p.workKind { m.workKind = WorkKind(rawValue: v.rawValue) ?? m.workKind }
        if let v = p.requesterUnit { m.requesterUnit = n(v) }
        if let v = p.requesterName { m.requesterName = n(v) }
        if let v = p.relatedRecords { m.relatedRecords = n(v) }
        if let v = date(p.requestedOn, "requestedOn", &errors) { m.requestedOn = v }
        if let v = p.handling { m.handling = n(v) }
        if let v = p.outcomes { m.outcomes = Set(v.compactMap { TicketOutcome(rawValue: $0.rawValue) }) }
        if let v = p.documentNumber { m.documentNumber = n(v) }
        if let v = date(p.documentDate, "documentDate", &errors) { m.documentDate = v }
        if let v = p.outcomeOther { m.outcomeOther = n(v) }
        if let v = date(p.completedOn, "completedOn", &errors) { m.completedOn = v }
        if let v = p.outOfHours { m.outOfHours = v }
        if let v = p.escalatedTo { m.escalatedTo = n(v) }
        if let v = p.externalCost { m.externalCost = v }
        if let v = date(p.externalHandoverOn, "externalHandoverOn", &errors) { m.externalHandoverOn = v }
        for (field, message) in m.problems(today: today) { errors.add(field, message) }
        return errors.isEmpty ? .success(m) : .failure(errors)
    }
}

extension Components.Schemas.Ticket {
    init(_ t: WorkTicketModel) { self.init(TicketRow(t)) }

    init(_ t: TicketRow) {
        let c = t.content
        self.init(id: t.id.canonicalText, officerId: t.officerID?.canonicalText, agencyId: t.agencyID.canonicalText, year: t.year,
                  number: t.number, taskGroup: .init(rawValue: c.taskGroup.rawValue) ?? .other, taskOther: c.taskOther,
                  details: c.details, workKind: .init(rawValue: c.workKind.rawValue) ?? .operation,
                  requesterUnit: c.requesterUnit, requesterName: c.requesterName, relatedRecords: c.relatedRecords,
                  requestedOn: c.requestedOn.iso, handling: c.handling,
                  outcomes: TicketOutcome.allCases.filter(c.outcomes.contains).compactMap { .init(rawValue: $0.rawValue) },
                  documentNumber: c.documentNumber, documentDate: c.documentDate?.iso, outcomeOther: c.outcomeOther,
                  completedOn: c.completedOn?.iso, outOfHours: c.outOfHours, escalatedTo: c.escalatedTo,
                  externalCost: c.externalCost, externalHandoverOn: c.externalHandoverOn?.iso,
                  status: .init(rawValue: t.status.rawValue) ?? .requested, confirmedBy: t.confirmedBy, version: t.version)
    }
}

extension Components.Schemas.WorkLog {
    init(_ v: WorkLogService.View) {
        let s = v.summary
        self.init(officerId: v.officerID.canonicalText, year: v.year, periodStart: s.period.lowerBound.iso,
                  periodEnd: s.period.upperBound.iso,
                  rows: s.rows.map { .init(row: $0.row, label: $0.label, unit: $0.unit, quantity: $0.quantity, note: $0.note) },
                  total: s.total, inProgress: s.inProgress, outsourcedCost: s.outsourcedCost,
                  headOpinion: v.log?.headOpinion ?? "", deadline: v.deadline.iso, submitted: v.log?.receivedAt != nil,
                  receivedAt: v.log?.receivedAt, onTime: v.onTime, lateException: v.log?.lateException ?? "")
    }
}
