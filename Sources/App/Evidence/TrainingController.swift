import Domain
import Fluent
import SQLKit
import Vapor

/// Tests, mandatory training, thematic sessions and the annual meeting (Art. 5.7, 17.2–3): the
/// authority convenes them and records attendance and scores; officers see their invitations.
enum TrainingController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("tap-huan", use: index)
        routes.post("tap-huan", use: create)
        routes.get("tap-huan", ":id", use: show)
        routes.post("tap-huan", ":id", "diem-danh", ":invitation", use: attendance)
    }

    struct EventRow: Encodable, Sendable { var id, kind, title, date, place: String, invited: Int }
    struct MyRow: Encodable, Sendable { var kind, title, date, place, attendance, score: String }
    struct Form: Content { var kind, title, heldOn, place: String? }

    struct IndexBody: Encodable, Sendable {
        var events: [EventRow], mine: [MyRow], canConvene: Bool, kinds: [Choice], form: Form, errors: FieldErrors
    }

    static func renderIndex(_ req: Request, form: Form = Form(), errors: FieldErrors = .init(), status: HTTPStatus = .ok) async throws -> Response {
        let viewer = try await req.requireSection(.training)
        var events: [EventRow] = []
        if viewer.policy.readsTrainingEvents {
            let all = try await TrainingEventModel.query(on: req.db).sort(\.$heldOn, .descending).limit(100).all()
            let counts = try await invited(all.compactMap(\.id), req: req)
            events = all.map { EventRow(id: $0.id!.canonicalText, kind: $0.trainingKind.label, title: $0.title,
                                        date: LocalDate(iso: $0.heldOn)?.vietnamese ?? "", place: $0.place, invited: counts[$0.id!] ?? 0) }
        }
        var mine: [MyRow] = []
        if let officer = viewer.officerID {
            mine = try await InvitationModel.query(on: req.db).with(\.$event).filter(\.$officer.$id == officer).all()
                .sorted { $0.event.heldOn > $1.event.heldOn }.map { i in
                    MyRow(kind: i.event.trainingKind.label, title: i.event.title, date: LocalDate(iso: i.event.heldOn)?.vietnamese ?? "",
                          place: i.event.place, attendance: i.status.label, score: i.score.map(score) ?? "")
                }
        }
        return try await req.render("evidence/training", title: "Kiểm tra, tập huấn, hội nghị", active: "/tap-huan", IndexBody(
            events: events, mine: mine, canConvene: viewer.policy.convenesTraining,
            kinds: Choice.list(TrainingKind.self, selected: form.kind ?? TrainingKind.mandatoryTraining.rawValue, label: \.label),
            form: form, errors: errors), status: status)
    }

    /// How many officers each event invited, counted by the database and kept while the head without
    /// tickets stays (ADR 0020, fortieth part): an invitation is written with its event's or its
    /// officer's entry, never a ticket's. Read one invitation at a time, the province's nine events
    /// (each inviting its 20,000 officers) were 180,000 rows at every view of the page: 3.4–3.8 s
    /// (bench/results/speed-issue14.md).
    static func invited(_ events: [UUID], req: Request) async throws -> [UUID: Int] {
        guard !events.isEmpty else { return [:] }
        let rows = try await req.keptReadsWithoutTickets().rows(readAfter: SQLQueryString("""
            SELECT event_id, COUNT(*) AS n FROM \(name: InvitationModel.schema) \
            WHERE event_id IN (\(binds: events)) GROUP BY event_id ORDER BY event_id
            """), on: req.db) { (try $0.required("event_id", $0.uuid), try $0.int("n") ?? 0) }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    static func score(_ value: Double) -> String { String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",") + "/10" }

    static func index(req: Request) async throws -> Response { try await renderIndex(req) }

    static func create(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard viewer.policy.convenesTraining else { throw await req.denied("trainingEvent") }
        let form = try req.content.decode(Form.self)
        do {
            let (event, invited) = try await TrainingService.convene(form, by: viewer, req: req)
            req.flash("Đã lập \(event.trainingKind.label.lowercased()) và mời \(invited) cán bộ CNTT.")
            return req.redirect(to: "/tap-huan/\(event.id!.canonicalText)")
        } catch let errors as FieldErrors {
            return try await renderIndex(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    /// `status` is the stored value the form selects; `attendance` and `shownScore` are what people read.
    struct InvitationRow: Hashable, Encodable, Sendable { var id, officer, agency, status, attendance, score, shownScore, note: String }
    struct ShowBody: Hashable, Encodable, Sendable {
        var id, kind, title, date, place: String, scored: Bool, rows: [InvitationRow], attendances: [Choice], canRecord: Bool
        var paging: Paging, query: String
    }

    static func show(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard viewer.policy.readsTrainingEvents else { throw await req.denied("trainingEvent") }
        guard let id = req.parameters.get("id", as: UUID.self), let event = try await TrainingEventModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        var paging = try req.paging(fixedPer: 100)
        paging.total = try await InvitationModel.query(on: req.db).filter(\.$event.$id == id).count()
        let rows = paging.isPastTheEnd ? [] : try await invitations(of: id, paging, on: req.db)
        return try await req.render("evidence/event", title: event.title, active: "/tap-huan", content: ShowBody(
            id: id.canonicalText, kind: event.trainingKind.label, title: event.title, date: LocalDate(iso: event.heldOn)?.vietnamese ?? "",
            place: event.place, scored: event.trainingKind.isScored, rows: rows,
            attendances: Attendance.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: false) },
            canRecord: viewer.policy.convenesTraining, paging: paging, query: ""))
    }

    /// A page of an event's invitations in the order of their officers' names, with their agencies'
    /// names, read as plain rows in one statement (as models, an event of 100 invited officers read
    /// 300 models at each view: 40–60 ms of the server; issue 14). The score is read as text: SQLite
    /// and PostgreSQL both write a number that `Double` reads.
    static func invitations(of event: UUID, _ paging: Paging, on db: any Database) async throws -> [InvitationRow] {
        try await RawRows.all("""
            SELECT i.id, o.full_name, a.name AS agency_name, i.attendance, CAST(i.score AS TEXT) AS score, i.note
            FROM \(name: InvitationModel.schema) i JOIN \(name: OfficerModel.schema) o ON o.id = i.officer_id
            JOIN \(name: AgencyModel.schema) a ON a.id = o.agency_id
            WHERE i.event_id = \(bind: event) ORDER BY o.name_sort_key, o.id, i.id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)
            """, on: db) { row in
            let attendance = try row.string("attendance", default: "")
            let score = try row.string("score").flatMap(Double.init)
            return InvitationRow(id: try row.required("id", row.uuid).canonicalText, officer: try row.string("full_name", default: ""),
                                 agency: try row.string("agency_name", default: ""), status: attendance,
                                 attendance: (Attendance(rawValue: attendance) ?? .invited).label,
                                 score: score.map { String($0).replacingOccurrences(of: ".", with: ",") } ?? "",
                                 shownScore: score.map(Self.score) ?? "", note: try row.string("note", default: ""))
        }
    }

    struct AttendanceForm: Content { var attendance: String?, score: String?, note: String? }

    static func attendance(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        guard viewer.policy.convenesTraining else { throw await req.denied("trainingEvent") }
        guard let eventID = req.parameters.get("id", as: UUID.self), let invitationID = req.parameters.get("invitation", as: UUID.self),
              let invitation = try await InvitationModel.query(on: req.db).with(\.$event).with(\.$officer)
                .filter(\.$id == invitationID).filter(\.$event.$id == eventID).first() else { throw Abort(.notFound) }
        let form = try req.content.decode(AttendanceForm.self)
        do {
            try await TrainingService.record(invitation, attendance: form.attendance, score: form.score, note: form.note, by: viewer, req: req)
        } catch let errors as FieldErrors {
            req.flash("\(errors.messages.values.sorted().joined(separator: " ")) — chưa lưu cho \(invitation.officer.fullName).")
            return req.redirect(to: "/tap-huan/\(eventID.canonicalText)")
        }
        req.flash("Đã lưu: \(invitation.officer.fullName) — \(invitation.status.label).")
        return req.redirect(to: "/tap-huan/\(eventID.canonicalText)")
    }
}
