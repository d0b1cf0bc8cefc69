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

    static func lines(officer: OfficerModel, year: Int, on db: any Database) async throws -> Lines {
        let agencyID = officer.$agency.id
        let inspections = try await InspectionModel.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$year == year)
            .sort(\.$inspectedOn).all().map { i in
                EvaluationOfficerPage.Line(
                    title: "\(InspectionTeamLevel(rawValue: i.teamLevel)?.label ?? i.teamLevel) — \(LocalDate(iso: i.inspectedOn)?.vietnamese ?? "")",
                    detail: i.findings, note: [i.rating, i.score.map { "\($0) điểm" } ?? ""].filter { !$0.isEmpty }.joined(separator: " · "))
            }
        let incidents = try await IncidentModel.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$year == year)
            .sort(\.$occurredOn).all().map { i in
                let occurred = LocalDate(iso: i.occurredOn)
                let exempt = occurred.map { IncidentResponsibility.exempt(i.decision, proposedOn: i.proposedOn.flatMap(LocalDate.init(iso:)), incidentOn: $0) } ?? false
                let proposal = i.decision == .none ? i.decision.label
                    : "\(i.decision.label) (\(i.proposedOn.flatMap(LocalDate.init(iso:))?.vietnamese ?? "")): \(i.proposal)"
                return EvaluationOfficerPage.Line(
                    title: "\(occurred?.vietnamese ?? "") — \(i.system)",
                    detail: "Ảnh hưởng: \(i.impact). Nguyên nhân: \(i.cause). Khắc phục: \(i.resolution).",
                    note: proposal + (exempt ? " — thuộc trường hợp miễn trách nhiệm của Điều 8.1.b (cấp có thẩm quyền quyết định)" : ""))
            }
        let invitations = try await InvitationModel.query(on: db).with(\.$event).filter(\.$officer.$id == officer.id!).all()
            .filter { $0.event.year == year }.sorted { $0.event.heldOn < $1.event.heldOn }
        let trainings = invitations.map { i in
            EvaluationOfficerPage.Line(
                title: "\(i.event.trainingKind.label): \(i.event.title)", detail: LocalDate(iso: i.event.heldOn)?.vietnamese ?? "",
                note: i.status.label + (i.score.map { " · \(String(format: "%.1f", $0).replacingOccurrences(of: ".", with: ","))/10" } ?? ""))
        }
        return Lines(inspections: inspections, incidents: incidents, trainings: trainings)
    }
}
