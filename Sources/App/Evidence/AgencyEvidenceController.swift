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

    static func render(_ req: Request, form: Form = Form(), errors: FieldErrors = .init(), open: String = "",
                       status: HTTPStatus = .ok) async throws -> Response {
        let (viewer, agency) = try await AgencyController.visibleAgency(req)
        let id = agency.id!
        let inspections = try await InspectionModel.query(on: req.db).filter(\.$agency.$id == id).sort(\.$inspectedOn, .descending).all()
        let incidents = try await IncidentModel.query(on: req.db).with(\.$officer).filter(\.$agency.$id == id)
            .sort(\.$occurredOn, .descending).all()
        let officers = try await OfficerModel.query(on: req.db).filter(\.$agency.$id == id).sort(\.$nameSortKey).all()
        return try await req.render("evidence/agency", title: "Kiểm tra, sự cố — \(agency.name)", active: "/co-quan", Body(
            id: id.canonicalText, name: agency.name,
            inspections: inspections.map { i in
                InspectionRow(date: LocalDate(iso: i.inspectedOn)?.vietnamese ?? "", team: InspectionTeamLevel(rawValue: i.teamLevel)?.label ?? "",
                              rating: [i.rating, i.score.map { "\($0) điểm" } ?? ""].filter { !$0.isEmpty }.joined(separator: " · "),
                              findings: i.findings)
            },
            incidents: incidents.map { i in
                IncidentRow(date: LocalDate(iso: i.occurredOn)?.vietnamese ?? "", system: i.system, impact: i.impact, cause: i.cause,
                            resolution: i.resolution, officer: i.officer?.fullName ?? "",
                            proposal: i.decision.label + (i.proposal.isEmpty ? "" : ": \(i.proposal)"), exempt: EvidenceQueries.exempt(i.decision, proposedOn: i.proposedOn, occurredOn: i.occurredOn))
            },
            canInspect: GradeService.mayGrade(viewer), canReport: viewer.policy.reportsIncidents(at: id),
            teams: Choice.list(InspectionTeamLevel.self, selected: form.teamLevel ?? InspectionTeamLevel.provincial.rawValue, label: \.label),
            decisions: Choice.list(ProposalDecision.self, selected: form.proposalDecision ?? ProposalDecision.none.rawValue, label: \.label),
            officers: [Choice(value: "", label: "— Không gắn cán bộ —", selected: (form.officer ?? "").isEmpty)]
                + officers.map { Choice(value: $0.id!.canonicalText, label: $0.fullName, selected: $0.id!.canonicalText == form.officer) },
            form: form, errors: errors, open: open), status: status)
    }

    static func show(req: Request) async throws -> Response { try await render(req) }

    static func addInspection(req: Request) async throws -> Response {
        let (viewer, agency) = try await AgencyController.visibleAgency(req)
        guard GradeService.mayGrade(viewer) else { throw await req.denied("inspection", entityID: agency.id) }
        let form = try req.content.decode(Form.self)
        let profile = try await req.profile()
        do {
            let inspection = try EvidenceRecords.inspection(form, agency: agency, profile: profile, today: profile.date(of: req.now),
                                                            by: viewer.username)
            let day = LocalDate(iso: inspection.inspectedOn)?.vietnamese ?? ""
            try await EvidenceRecords.create(inspection, action: "inspection.create", summary: "\(day): \(inspection.rating)",
                                             agency: agency, viewer: viewer, req)
            req.flash("Đã ghi nhận đợt kiểm tra ngày \(day).")
        } catch let errors as FieldErrors {
            return try await render(req, form: form, errors: errors, open: "inspection", status: .unprocessableEntity)
        }
        return req.redirect(to: "/co-quan/\(agency.id!.canonicalText)/kiem-tra-su-co")
    }

    static func addIncident(req: Request) async throws -> Response {
        let (viewer, agency) = try await AgencyController.visibleAgency(req)
        guard viewer.policy.reportsIncidents(at: agency.id!) else { throw await req.denied("incident", entityID: agency.id) }
        let form = try req.content.decode(Form.self)
        let profile = try await req.profile()
        do {
            let incident = try await EvidenceRecords.incident(form, agency: agency, profile: profile, today: profile.date(of: req.now),
                                                              by: viewer.username, on: req.db)
            let day = LocalDate(iso: incident.occurredOn)?.vietnamese ?? ""
            try await EvidenceRecords.create(incident, action: "incident.create", summary: "\(day): \(incident.system)",
                                             agency: agency, viewer: viewer, req)
            req.flash("Đã ghi nhận sự cố ngày \(day).")
        } catch let errors as FieldErrors {
            return try await render(req, form: form, errors: errors, open: "incident", status: .unprocessableEntity)
        }
        return req.redirect(to: "/co-quan/\(agency.id!.canonicalText)/kiem-tra-su-co")
    }
}
