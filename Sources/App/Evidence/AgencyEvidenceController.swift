import Domain
import Fluent
import Vapor

/// Inspections (Art. 15.3.b) and incidents (Art. 15.3.c, 8.1) of one agency: recorded on the agency's
/// evidence page, read on each officer's evaluation page.
enum AgencyEvidenceController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("co-quan", ":id", "kiem-tra-su-co", use: show)
        routes.post("co-quan", ":id", "kiem-tra", use: addInspection)
        routes.post("co-quan", ":id", "su-co", use: addIncident)
    }

    struct InspectionRow: Encodable, Sendable { var date, team, rating, findings: String }
    struct IncidentRow: Encodable, Sendable { var date, system, impact, cause, resolution, officer, proposal: String, exempt: Bool }

    /// What was typed, kept when the form comes back with errors.
    struct Form: Content {
        var inspectedOn, teamLevel, rating, score, findings: String?
        var occurredOn, system, impact, cause, resolution, officer, proposal, proposedOn, proposalDecision: String?
    }

    struct Body: Encodable, Sendable {
        var id, name: String
        var inspections: [InspectionRow], incidents: [IncidentRow]
        var canInspect, canReport: Bool
        var teams, decisions, officers: [Choice]
        var form: Form, errors: FieldErrors
        /// The form that came back with errors, shown open.
        var open: String
    }

    /// The authority records inspections; the agency's head, staff and IT officers, or the authority, record incidents.
    static func mayReport(_ viewer: Viewer, agencyID: UUID) -> Bool {
        EvaluationAccess.isAuthority(viewer.policy)
            || !viewer.policy.agencies(for: [.agencyHead, .agencyStaff, .itOfficer, .agencyPersonnel]).isDisjoint(with: [agencyID])
    }

    static func render(_ req: Request, form: Form = Form(), errors: FieldErrors = .init(), open: String = "",
                       status: HTTPStatus = .ok) async throws -> Response {
        let (viewer, agency) = try await AgencyController.visibleAgency(req)
        let id = agency.id!
        let inspections = try await InspectionModel.query(on: req.db).filter(\.$agency.$id == id).sort(\.$inspectedOn, .descending).all()
        let incidents = try await IncidentModel.query(on: req.db).with(\.$officer).filter(\.$agency.$id == id)
            .sort(\.$occurredOn, .descending).all()
        let officers = try await OfficerModel.query(on: req.db).filter(\.$agency.$id == id).sort(\.$nameSortKey).all()
        return try await req.render("evidence/agency", title: "Kiểm tra, sự cố — \(agency.name)", active: "/co-quan", Body(
            id: id.uuidString, name: agency.name,
            inspections: inspections.map { i in
                InspectionRow(date: LocalDate(iso: i.inspectedOn)?.vietnamese ?? "", team: InspectionTeamLevel(rawValue: i.teamLevel)?.label ?? "",
                              rating: [i.rating, i.score.map { "\($0) điểm" } ?? ""].filter { !$0.isEmpty }.joined(separator: " · "),
                              findings: i.findings)
            },
            incidents: incidents.map { i in
                IncidentRow(date: LocalDate(iso: i.occurredOn)?.vietnamese ?? "", system: i.system, impact: i.impact, cause: i.cause,
                            resolution: i.resolution, officer: i.officer?.fullName ?? "",
                            proposal: i.decision.label + (i.proposal.isEmpty ? "" : ": \(i.proposal)"), exempt: EvidenceQueries.exempt(i))
            },
            canInspect: GradeService.mayGrade(viewer), canReport: mayReport(viewer, agencyID: id),
            teams: Choice.list(InspectionTeamLevel.self, selected: form.teamLevel ?? InspectionTeamLevel.provincial.rawValue, label: \.label),
            decisions: Choice.list(ProposalDecision.self, selected: form.proposalDecision ?? ProposalDecision.none.rawValue, label: \.label),
            officers: [Choice(value: "", label: "— Không gắn cán bộ —", selected: (form.officer ?? "").isEmpty)]
                + officers.map { Choice(value: $0.id!.uuidString, label: $0.fullName, selected: $0.id!.uuidString == form.officer) },
            form: form, errors: errors, open: open), status: status)
    }

    static func show(req: Request) async throws -> Response { try await render(req) }

    static func date(_ text: String?, _ field: String, today: LocalDate, _ errors: inout FieldErrors) -> LocalDate? {
        guard let date = LocalDate(userInput: text ?? "") ?? LocalDate(iso: text ?? "") else {
            errors.add(field, "Nhập ngày dạng dd/mm/yyyy.")
            return nil
        }
        if date > today { errors.add(field, "Ngày không được sau hôm nay.") }
        if date.year < 2000 { errors.add(field, "Ngày không hợp lệ (trước năm 2000).") }
        return date
    }

    static func text(_ value: String?, _ field: String, _ message: String, _ errors: inout FieldErrors) -> String {
        let text = VietnameseText.normalize(value ?? "")
        if text.isEmpty { errors.add(field, message) }
        return text
    }

    static func addInspection(req: Request) async throws -> Response {
        let (viewer, agency) = try await AgencyController.visibleAgency(req)
        guard GradeService.mayGrade(viewer) else { throw await req.denied("inspection", entityID: agency.id) }
        let form = try req.content.decode(Form.self)
        let profile = try await req.profile()
        var errors = FieldErrors()
        let day = date(form.inspectedOn, "inspectedOn", today: profile.date(of: req.now), &errors)
        let findings = text(form.findings, "findings", "Nhập kết quả, nhận xét của đoàn kiểm tra.", &errors)
        let rating = VietnameseText.normalize(form.rating ?? "")
        let scoreText = (form.score ?? "").trimmingCharacters(in: .whitespaces)
        let score = Int(scoreText)
        if !scoreText.isEmpty && !(score.map { (0...100).contains($0) } ?? false) { errors.add("score", "Điểm từ 0 đến 100.") }
        if rating.isEmpty && scoreText.isEmpty { errors.add("rating", "Nhập xếp loại hoặc điểm của đợt kiểm tra.") }
        guard errors.isEmpty, let day else {
            return try await render(req, form: form, errors: errors, open: "inspection", status: .unprocessableEntity)
        }
        let inspection = InspectionModel()
        inspection.$agency.id = agency.id!
        inspection.year = profile.evaluationYear(of: day)
        inspection.inspectedOn = day.iso
        inspection.teamLevel = (InspectionTeamLevel(rawValue: form.teamLevel ?? "") ?? .provincial).rawValue
        inspection.findings = findings
        inspection.rating = rating
        inspection.score = score
        inspection.recordedBy = viewer.username
        return try await save(inspection, action: "inspection.create", summary: "\(day.vietnamese): \(rating)",
                              flash: "Đã ghi nhận đợt kiểm tra ngày \(day.vietnamese).", agency: agency, viewer: viewer, req)
    }

    static func addIncident(req: Request) async throws -> Response {
        let (viewer, agency) = try await AgencyController.visibleAgency(req)
        guard mayReport(viewer, agencyID: agency.id!) else { throw await req.denied("incident", entityID: agency.id) }
        let form = try req.content.decode(Form.self)
        let profile = try await req.profile()
        let today = profile.date(of: req.now)
        var errors = FieldErrors()
        let occurred = date(form.occurredOn, "occurredOn", today: today, &errors)
        let system = text(form.system, "system", "Nhập hệ thống bị sự cố.", &errors)
        let impact = text(form.impact, "impact", "Nhập mức độ ảnh hưởng.", &errors)
        let cause = VietnameseText.normalize(form.cause ?? "")
        let resolution = VietnameseText.normalize(form.resolution ?? "")
        let decision = ProposalDecision(rawValue: form.proposalDecision ?? "") ?? .none
        var proposedOn: LocalDate?
        var proposal = ""
        if decision != .none {
            proposal = text(form.proposal, "proposal", "Nhập nội dung đề xuất biện pháp phòng ngừa.", &errors)
            proposedOn = date(form.proposedOn, "proposedOn", today: today, &errors)
            if let proposedOn, let occurred, proposedOn > occurred { errors.add("proposedOn", "Ngày đề xuất phải trước ngày xảy ra sự cố.") }
        }
        let officerID = UUID(uuidString: form.officer ?? "")
        if let officerID, try await OfficerModel.query(on: req.db).filter(\.$id == officerID).filter(\.$agency.$id == agency.id!).first() == nil {
            errors.add("officer", "Cán bộ không thuộc cơ quan này.")
        }
        guard errors.isEmpty, let occurred else {
            return try await render(req, form: form, errors: errors, open: "incident", status: .unprocessableEntity)
        }
        let incident = IncidentModel()
        incident.$agency.id = agency.id!
        incident.$officer.id = officerID
        incident.year = profile.evaluationYear(of: occurred)
        incident.occurredOn = occurred.iso
        incident.system = system
        incident.impact = impact
        incident.cause = cause
        incident.resolution = resolution
        incident.proposal = proposal
        incident.proposedOn = proposedOn?.iso
        incident.proposalDecision = decision.rawValue
        incident.recordedBy = viewer.username
        return try await save(incident, action: "incident.create", summary: "\(occurred.vietnamese): \(system)",
                              flash: "Đã ghi nhận sự cố ngày \(occurred.vietnamese).", agency: agency, viewer: viewer, req)
    }

    /// Creates the record with its audit entry in one transaction, then back to the agency's evidence page.
    static func save(_ record: some Model, action: String, summary: String, flash: String, agency: AgencyModel, viewer: Viewer,
                     _ req: Request) async throws -> Response {
        try await req.write { db in
            try await record.create(on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: action,
                                                 entityType: "agency", entityID: agency.id, after: summary), on: db)
        }
        req.flash(flash)
        return req.redirect(to: "/co-quan/\(agency.id!.uuidString)/kiem-tra-su-co")
    }
}
