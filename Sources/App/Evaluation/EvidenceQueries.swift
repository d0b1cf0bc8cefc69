import Domain
import Fluent
import Foundation

/// The evidence lines of an officer-year other than the work log (Art. 15.3 b–đ).
enum EvidenceQueries {
    struct Lines: Sendable {
        var inspections: [EvaluationOfficerPage.Line]
        var incidents: [EvaluationOfficerPage.Line]
        var trainings: [EvaluationOfficerPage.Line]
    }

    struct Records: Sendable {
        var inspections: [InspectionModel]
        var incidents: [IncidentModel]
        var invitations: [InvitationModel]
    }

    /// The agency's inspections and incidents of the year, and the officer's invitations (with their event).
    static func records(officer: OfficerModel, year: Int, on db: any Database) async throws -> Records {
        let agencyID = officer.$agency.id
        let inspections = try await InspectionModel.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$year == year)
            .sort(\.$inspectedOn).all()
        let incidents = try await IncidentModel.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$year == year)
            .sort(\.$occurredOn).all()
        let invitations = try await InvitationModel.query(on: db).join(TrainingEventModel.self, on: \InvitationModel.$event.$id == \TrainingEventModel.$id)
            .filter(\.$officer.$id == officer.id!).filter(TrainingEventModel.self, \.$year == year)
            .sort(TrainingEventModel.self, \.$heldOn).with(\.$event).all()
        return Records(inspections: inspections, incidents: incidents, invitations: invitations)
    }

    static func exempt(_ i: IncidentModel) -> Bool {
        guard let occurred = LocalDate(iso: i.occurredOn) else { return false }
        return IncidentResponsibility.exempt(i.decision, proposedOn: i.proposedOn.flatMap(LocalDate.init(iso:)), incidentOn: occurred)
    }

    static func lines(officer: OfficerModel, year: Int, on db: any Database) async throws -> Lines {
        let r = try await records(officer: officer, year: year, on: db)
        let inspections = r.inspections.map { i in
                EvaluationOfficerPage.Line(
                    title: "\(InspectionTeamLevel(rawValue: i.teamLevel)?.label ?? i.teamLevel) — \(LocalDate(iso: i.inspectedOn)?.vietnamese ?? "")",
                    detail: i.findings, note: [i.rating, i.score.map { "\($0) điểm" } ?? ""].filter { !$0.isEmpty }.joined(separator: " · "))
            }
        let incidents = r.incidents.map { i in
                let occurred = LocalDate(iso: i.occurredOn)
                let proposal = i.decision == .none ? i.decision.label
                    : "\(i.decision.label) (\(i.proposedOn.flatMap(LocalDate.init(iso:))?.vietnamese ?? "")): \(i.proposal)"
                return EvaluationOfficerPage.Line(
                    title: "\(occurred?.vietnamese ?? "") — \(i.system)",
                    detail: "Ảnh hưởng: \(i.impact). Nguyên nhân: \(i.cause). Khắc phục: \(i.resolution).",
                    note: proposal + (exempt(i) ? " — thuộc trường hợp miễn trách nhiệm của Điều 8.1.b (cấp có thẩm quyền quyết định)" : ""))
            }
        let trainings = r.invitations.map { i in
            EvaluationOfficerPage.Line(
                title: "\(i.event.trainingKind.label): \(i.event.title)", detail: LocalDate(iso: i.event.heldOn)?.vietnamese ?? "",
                note: i.status.label + (i.score.map { " · " + TrainingController.score($0) } ?? ""))
        }
        return Lines(inspections: inspections, incidents: incidents, trainings: trainings)
    }
}
