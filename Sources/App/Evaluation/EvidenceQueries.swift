import Domain
import Fluent
import Foundation

/// The evidence lines of an officer-year other than the work log (Art. 15.3 b–đ), read as plain rows
/// (ADR 0006) for the evaluation page and the API's evidence.
enum EvidenceQueries {
    struct Lines: Sendable {
        var inspections: [EvaluationOfficerPage.Line]
        var incidents: [EvaluationOfficerPage.Line]
        var trainings: [EvaluationOfficerPage.Line]
    }

    struct Inspection: Sendable { var inspectedOn, teamLevel, findings, rating: String, score: Int? }

    struct Incident: Sendable {
        var occurredOn, system, impact, cause, resolution, proposal, proposalDecision: String
        var proposedOn: String?
        var decision: ProposalDecision { ProposalDecision(rawValue: proposalDecision) ?? .none }
        /// Art. 8.1.b: the evidence that the officer is not responsible (`IncidentResponsibility`).
        var exempt: Bool { EvidenceQueries.exempt(decision, proposedOn: proposedOn, occurredOn: occurredOn) }
    }

    /// An invitation of the officer's with its event.
    struct Training: Sendable {
        var heldOn, kind, title, attendance: String
        var score: Double?
        var status: Attendance { Attendance(rawValue: attendance) ?? .invited }
        var trainingKind: TrainingKind { TrainingKind(rawValue: kind) ?? .mandatoryTraining }
    }

    struct Records: Sendable {
        var inspections: [Inspection]
        var incidents: [Incident]
        var trainings: [Training]
    }

    /// The inspections and incidents of the officer's agency in `year`, and the officer's invitations
    /// to that year's events, each list by its day, then its id.
    static func records(officer: UUID, agency: UUID, year: Int, on db: any Database) async throws -> Records {
        let inspections = try await RawRows.all("""
            SELECT inspected_on, team_level, findings, rating, score FROM \(name: InspectionModel.schema)
            WHERE agency_id = \(bind: agency) AND year = \(bind: year) ORDER BY inspected_on, id
            """, on: db) { row in
            Inspection(inspectedOn: try row.string("inspected_on", default: ""), teamLevel: try row.string("team_level", default: ""),
                       findings: try row.string("findings", default: ""), rating: try row.string("rating", default: ""),
                       score: try row.int("score"))
        }
        let incidents = try await RawRows.all("""
            SELECT occurred_on, system, impact, cause, resolution, proposal, proposed_on, proposal_decision
            FROM \(name: IncidentModel.schema) WHERE agency_id = \(bind: agency) AND year = \(bind: year) ORDER BY occurred_on, id
            """, on: db) { row in
            Incident(occurredOn: try row.string("occurred_on", default: ""), system: try row.string("system", default: ""),
                     impact: try row.string("impact", default: ""), cause: try row.string("cause", default: ""),
                     resolution: try row.string("resolution", default: ""), proposal: try row.string("proposal", default: ""),
                     proposalDecision: try row.string("proposal_decision", default: ""), proposedOn: try row.string("proposed_on"))
        }
        let trainings = try await RawRows.all("""
            SELECT e.held_on, e.kind, e.title, i.attendance, i.score FROM \(name: InvitationModel.schema) i
            JOIN \(name: TrainingEventModel.schema) e ON e.id = i.event_id
            WHERE i.officer_id = \(bind: officer) AND e.year = \(bind: year) ORDER BY e.held_on, e.id, i.id
            """, on: db) { row in
            Training(heldOn: try row.string("held_on", default: ""), kind: try row.string("kind", default: ""),
                     title: try row.string("title", default: ""), attendance: try row.string("attendance", default: ""),
                     score: try row.double("score"))
        }
        return Records(inspections: inspections, incidents: incidents, trainings: trainings)
    }

    /// Art. 8.1.b: the officer had proposed preventive measures before the incident and they were not
    /// accepted (`IncidentResponsibility`; a stored day that is not a date is no evidence).
    static func exempt(_ decision: ProposalDecision, proposedOn: String?, occurredOn: String) -> Bool {
        guard let occurred = LocalDate(iso: occurredOn) else { return false }
        return IncidentResponsibility.exempt(decision, proposedOn: proposedOn.flatMap(LocalDate.init(iso:)), incidentOn: occurred)
    }

    static func lines(officer: UUID, agency: UUID, year: Int, on db: any Database) async throws -> Lines {
        let r = try await records(officer: officer, agency: agency, year: year, on: db)
        let inspections = r.inspections.map { i in
            EvaluationOfficerPage.Line(
                title: "\(InspectionTeamLevel(rawValue: i.teamLevel)?.label ?? i.teamLevel) — \(LocalDate(iso: i.inspectedOn)?.vietnamese ?? "")",
                detail: i.findings, note: [i.rating, i.score.map { "\($0) điểm" } ?? ""].filter { !$0.isEmpty }.joined(separator: " · "))
        }
        let incidents = r.incidents.map { i in
            let proposal = i.decision == .none ? i.decision.label
                : "\(i.decision.label) (\(i.proposedOn.flatMap(LocalDate.init(iso:))?.vietnamese ?? "")): \(i.proposal)"
            return EvaluationOfficerPage.Line(
                title: "\(LocalDate(iso: i.occurredOn)?.vietnamese ?? "") — \(i.system)",
                detail: "Ảnh hưởng: \(i.impact). Nguyên nhân: \(i.cause). Khắc phục: \(i.resolution).",
                note: proposal + (i.exempt ? " — thuộc trường hợp miễn trách nhiệm của Điều 8.1.b (cấp có thẩm quyền quyết định)" : ""))
        }
        let trainings = r.trainings.map { t in
            EvaluationOfficerPage.Line(
                title: "\(t.trainingKind.label): \(t.title)", detail: LocalDate(iso: t.heldOn)?.vietnamese ?? "",
                note: t.status.label + (t.score.map { " · " + TrainingController.score($0) } ?? ""))
        }
        return Lines(inspections: inspections, incidents: incidents, trainings: trainings)
    }
}
