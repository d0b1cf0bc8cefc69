import Domain
import Fluent
import Vapor

/// Inspections and incidents from what a person typed (the page's form or the API's body): every
/// problem reported against its field in Vietnamese, as `FieldErrors`.
enum EvidenceRecords {
    typealias Form = AgencyEvidenceController.Form

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

    /// Art. 15.3.b: a dated inspection with a rating or a score out of 100, and its findings.
    static func inspection(_ form: Form, agency: AgencyModel, profile: RegulationProfile, today: LocalDate, by actor: String) throws -> InspectionModel {
        var errors = FieldErrors()
        let day = date(form.inspectedOn, "inspectedOn", today: today, &errors)
        let findings = text(form.findings, "findings", "Nhập kết quả, nhận xét của đoàn kiểm tra.", &errors)
        let rating = VietnameseText.normalize(form.rating ?? "")
        let scoreText = (form.score ?? "").trimmingCharacters(in: .whitespaces)
        let score = Int(scoreText)
        if !scoreText.isEmpty && !(score.map { (0...100).contains($0) } ?? false) { errors.add("score", "Điểm từ 0 đến 100.") }
        if rating.isEmpty && scoreText.isEmpty { errors.add("rating", "Nhập xếp loại hoặc điểm của đợt kiểm tra.") }
        let team = InspectionTeamLevel(rawValue: form.teamLevel ?? InspectionTeamLevel.provincial.rawValue)
        if team == nil { errors.add("teamLevel", "Chọn đoàn kiểm tra.") }
        guard errors.isEmpty, let day, let team else { throw errors }
        let inspection = InspectionModel()
        inspection.$agency.id = agency.id!
        inspection.year = profile.evaluationYear(of: day)
        inspection.inspectedOn = day.iso
        inspection.teamLevel = team.rawValue
        inspection.findings = findings
        inspection.rating = rating
        inspection.score = score
        inspection.recordedBy = actor
        return inspection
    }

    /// Art. 15.3.c, 8.1: an incident, with any earlier preventive proposal (made before it) and the head's decision.
    static func incident(_ form: Form, agency: AgencyModel, profile: RegulationProfile, today: LocalDate, by actor: String,
                         on db: any Database) async throws -> IncidentModel {
        var errors = FieldErrors()
        let occurred = date(form.occurredOn, "occurredOn", today: today, &errors)
        let system = text(form.system, "system", "Nhập hệ thống bị sự cố.", &errors)
        let impact = text(form.impact, "impact", "Nhập mức độ ảnh hưởng.", &errors)
        let decision = ProposalDecision(rawValue: form.proposalDecision ?? ProposalDecision.none.rawValue)
        if decision == nil { errors.add("proposalDecision", "Chọn tình trạng đề xuất phòng ngừa.") }
        var proposedOn: LocalDate?
        var proposal = ""
        if let decision, decision != .none {
            proposal = text(form.proposal, "proposal", "Nhập nội dung đề xuất biện pháp phòng ngừa.", &errors)
            proposedOn = date(form.proposedOn, "proposedOn", today: today, &errors)
            if let proposedOn, let occurred, proposedOn > occurred { errors.add("proposedOn", "Ngày đề xuất phải trước ngày xảy ra sự cố.") }
        }
        let officerID = (form.officer ?? "").isEmpty ? nil : UUID(uuidString: form.officer ?? "")
        if !(form.officer ?? "").isEmpty {
            if officerID == nil { errors.add("officer", "Cán bộ không hợp lệ.") }
            else if try await OfficerModel.query(on: db).filter(\.$id == officerID!).filter(\.$agency.$id == agency.id!).first() == nil {
                errors.add("officer", "Cán bộ không thuộc cơ quan này.")
            }
        }
        guard errors.isEmpty, let occurred, let decision else { throw errors }
        let incident = IncidentModel()
        incident.$agency.id = agency.id!
        incident.$officer.id = officerID
        incident.year = profile.evaluationYear(of: occurred)
        incident.occurredOn = occurred.iso
        incident.system = system
        incident.impact = impact
        incident.cause = VietnameseText.normalize(form.cause ?? "")
        incident.resolution = VietnameseText.normalize(form.resolution ?? "")
        incident.proposal = proposal
        incident.proposedOn = proposedOn?.iso
        incident.proposalDecision = decision.rawValue
        incident.recordedBy = actor
        return incident
    }

    /// Creates the record with its audit entry in one transaction.
    static func create(_ record: some Model, action: String, summary: String, agency: AgencyModel, viewer: Viewer,
                       _ req: Request) async throws {
        try await req.write { db in
            try await record.create(on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: action,
                                                 entityType: "agency", entityID: agency.id, after: summary), on: db)
        }
    }
}
