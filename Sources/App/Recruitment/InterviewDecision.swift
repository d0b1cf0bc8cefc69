import Domain
import Fluent
import Foundation

/// The head's decision after the report (Art. 11.3, 12.5): recruit, creating the officer record from
/// the candidate through the officer service (its history and incentive rows with it), or not.
enum InterviewDecision {
    /// What the head types to recruit: the facts an officer record needs that the request lacks.
    struct HireInput: Sendable {
        var dateOfBirth = "", gender = "", idNumber = "", startDate = "", civilServiceStatus = ""
        var acceptsResponsibility = false
        var responsibilityNote = ""
    }

    /// The officer record the candidate becomes: full-time, in the requesting agency, in the post
    /// the request named, with the name and birth year it gave.
    static func draft(_ r: InterviewRequestModel, _ input: HireInput, today: LocalDate) -> Result<OfficerDraft, FieldErrors> {
        var officer = OfficerInput()
        officer.fullName = r.candidateName
        officer.dateOfBirth = input.dateOfBirth
        officer.gender = input.gender
        officer.position = r.position
        officer.kind = ITOfficerKind.fullTime.rawValue
        officer.agencyID = r.$agency.id.canonicalText
        officer.idNumber = input.idNumber
        officer.civilServiceStatus = input.civilServiceStatus.isEmpty ? CivilServiceStatus.civilServant.rawValue : input.civilServiceStatus
        officer.startDate = input.startDate
        var errors = FieldErrors()
        if case .failure(let problems) = OfficerDraft.validate(officer, today: today) { errors = problems }
        if let birth = LocalDate(userInput: input.dateOfBirth), birth.year != r.birthYear {
            errors.add("dateOfBirth", "Ngày sinh phải thuộc năm \(r.birthYear), năm sinh ghi trong đề nghị phỏng vấn.")
        }
        if PreScreening.needsAcceptedResponsibility(r.advice), !input.acceptsResponsibility {
            errors.add("acceptsResponsibility", "Báo cáo kiến nghị ứng viên chưa đáp ứng yêu cầu: thủ trưởng phải xác nhận chịu trách nhiệm (Điều 11.3) để tuyển dụng.")
        }
        if input.responsibilityNote.count > 2000 { errors.add("responsibilityNote", "Tối đa 2000 ký tự.") }
        guard errors.isEmpty else { return .failure(errors) }
        return OfficerDraft.validate(officer, today: today)
    }

    /// Takes the request's decision once: the first of two concurrent decisions wins, the second is
    /// refused (a conditional update, then a read of whose token it holds).
    private static func claim(_ r: InterviewRequestModel, to stage: PreScreening.Stage, by viewer: Viewer, now: Date,
                              on db: any Database) async throws {
        let token = UUID()
        try await InterviewRequestModel.query(on: db).filter(\.$id == r.id!).filter(\.$stage == PreScreening.Stage.reported.rawValue)
            .set(\.$stage, to: stage.rawValue).set(\.$decisionToken, to: token)
            .set(\.$decidedByName, to: viewer.fullName).set(\.$decidedAt, to: now).update()
        guard let fresh = try await InterviewRequestModel.find(r.id!, on: db), fresh.decisionToken == token else {
            throw InterviewService.refuse("stage", "Thủ trưởng đã quyết định về ứng viên này; không thể quyết định lần nữa.")
        }
        r.stage = stage.rawValue
        r.decisionToken = token
        r.decidedByName = viewer.fullName
        r.decidedAt = now
    }

    /// Recruits: the officer is created once, and the request remembers it.
    static func hire(_ r: InterviewRequestModel, _ draft: OfficerDraft, input: HireInput, by viewer: Viewer, now: Date,
                     on db: any Database) async throws -> OfficerModel {
        try await claim(r, to: .hired, by: viewer, now: now, on: db)
        let officer = try await OfficerService.create(draft, by: viewer, on: db)
        let against = PreScreening.needsAcceptedResponsibility(r.advice)
        r.$officer.id = officer.id
        r.responsibilityAccepted = against
        r.responsibilityNote = against ? VietnameseText.normalize(input.responsibilityNote) : nil
        try await r.save(on: db)
        try await InterviewService.audit(viewer, "interview.hire", r, before: PreScreening.Stage.reported.label,
                                         after: against ? "Tuyển dụng; thủ trưởng chịu trách nhiệm (Điều 11.3)" : "Tuyển dụng", on: db)
        return officer
    }

    /// Does not recruit the candidate.
    static func decline(_ r: InterviewRequestModel, by viewer: Viewer, now: Date, on db: any Database) async throws {
        try await claim(r, to: .notHired, by: viewer, now: now, on: db)
        try await InterviewService.audit(viewer, "interview.notHire", r, before: PreScreening.Stage.reported.label, after: "Không tuyển dụng", on: db)
    }
}
