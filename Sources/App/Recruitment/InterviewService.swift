import Domain
import Fluent
import Foundation

/// The steps of a pre-screening (Art. 11.3, 12), for the pages and the API alike: each checks the
/// stage, writes its change and its audit entry in the caller's transaction, and reports problems
/// as `FieldErrors`. Permissions are asked by the callers (`InterviewService.access`).
enum InterviewService {
    /// The policy's answer for one request (`AccessPolicy.interviewAccess`).
    static func access(_ viewer: Viewer, _ request: InterviewRequestModel) -> InterviewAccess {
        viewer.policy.interviewAccess(request.accessFacts, viewerUserID: viewer.userID)
    }

    static func refuse(_ field: String, _ message: String) -> FieldErrors { FieldErrors([field: message]) }

    static func fieldErrors(_ problems: PreScreening.Problems) -> FieldErrors {
        var errors = FieldErrors()
        for (field, message) in problems.messages.sorted(by: { $0.key < $1.key }) { errors.add(field, message) }
        return errors
    }

    static func audit(_ viewer: Viewer, _ action: String, _ request: InterviewRequestModel, before: String? = nil, after: String,
                      on db: any Database) async throws {
        try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: action,
                                             entityType: "interviewRequest", entityID: request.id, before: before ?? "", after: after), on: db)
    }

    /// Whether the agency already has a full-time IT officer in post (Form 1 note (*)).
    static func hasFullTimeOfficer(_ agencyID: UUID, on db: any Database) async throws -> Bool {
        try await OfficerModel.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$kind == ITOfficerKind.fullTime.rawValue)
            .filter(\.$employmentStatus ~~ EmploymentStatus.holdingPostRawValues).count() > 0
    }

    /// Art. 12.1–12.2: the head files the request (Form 1). The audit entry names no candidate: the
    /// log's readers are not among those who may see the request (D8).
    static func file(_ f: PreScreening.Filing, agencyID: UUID, by viewer: Viewer, now: Date, on db: any Database) async throws -> InterviewRequestModel {
        let r = InterviewRequestModel()
        r.$agency.id = agencyID
        r.candidateName = f.candidateName
        r.birthYear = f.birthYear
        r.position = f.position
        r.contact = f.contact
        r.replyFormat = f.format.rawValue
        r.duties = PreScreening.PlannedDuty.allCases.filter(f.duties.contains).map(\.rawValue).joined(separator: ",")
        r.otherDuty = f.otherDuty
        r.replyBy = f.replyBy?.iso
        r.stage = PreScreening.Stage.filed.rawValue
        r.filedByUserID = viewer.userID
        r.filedByName = viewer.fullName
        r.filedAt = now
        r.responsibilityAccepted = false
        try await r.create(on: db)
        try await audit(viewer, "interview.file", r, after: "\(f.format.label); vị trí \(f.position)", on: db)
        return r
    }

    /// A file of the dossier, already kept by the upload store.
    static func attach(_ file: StoredFile, kind: PreScreening.DossierKind, to r: InterviewRequestModel, by viewer: Viewer, now: Date,
                       on db: any Database) async throws -> InterviewFileModel {
        let row = InterviewFileModel()
        row.$request.id = r.id!
        row.kind = kind.rawValue
        row.name = file.name
        row.contentType = file.contentType
        row.size = file.size
        row.checksum = file.checksum
        row.uploadedBy = viewer.fullName
        row.uploadedAt = now
        try await row.create(on: db)
        try await audit(viewer, "interview.upload", r, after: "\(kind.label): \(file.size) byte, SHA-256 \(file.checksum.prefix(12))…", on: db)
        return row
    }

    /// Art. 12.3: the director agrees and assigns the IT division's head, once the dossier holds a
    /// diploma and a transcript (R-12.1).
    static func agree(_ r: InterviewRequestModel, assigneeID: UUID?, by viewer: Viewer, now: Date, on db: any Database) async throws {
        guard r.currentStage == .filed else { throw refuse("stage", "Đề nghị này đã được trả lời.") }
        let held = Set(try await InterviewFileModel.query(on: db).filter(\.$request.$id == r.id!).all(\.$kind)
            .compactMap(PreScreening.DossierKind.init(rawValue:)))
        var errors = FieldErrors()
        let missing = PreScreening.missingDossier(held)
        if !missing.isEmpty {
            errors.add("dossier", "Hồ sơ còn thiếu: \(missing.map(\.label).joined(separator: ", ")). Trả lại đề nghị để cơ quan bổ sung.")
        }
        let interviewers = try await interviewers(on: db)
        let assignee = interviewers.first { $0.id == assigneeID }
        if assignee == nil { errors.add("assigneeId", "Chọn Trưởng phòng CNTT được giao phỏng vấn.") }
        guard errors.isEmpty, let assignee else { throw errors }
        r.stage = PreScreening.Stage.agreed.rawValue
        r.answeredByName = viewer.fullName
        r.answeredAt = now
        r.assigneeUserID = assignee.id
        r.assigneeName = assignee.name
        try await r.save(on: db)
        try await audit(viewer, "interview.agree", r, before: PreScreening.Stage.filed.label, after: "Giao \(assignee.name) phỏng vấn", on: db)
    }

    /// Art. 12.3: the director returns the request with a reason; the head may file a new one.
    static func giveBack(_ r: InterviewRequestModel, reason: String, by viewer: Viewer, now: Date, on db: any Database) async throws {
        guard r.currentStage == .filed else { throw refuse("stage", "Đề nghị này đã được trả lời.") }
        let text = try PreScreening.validateReturn(reason: reason).mapError(fieldErrors).get()
        r.stage = PreScreening.Stage.returned.rawValue
        r.answeredByName = viewer.fullName
        r.answeredAt = now
        r.returnReason = text
        try await r.save(on: db)
        try await audit(viewer, "interview.return", r, before: PreScreening.Stage.filed.label, after: text, on: db)
    }

    /// The users the director may assign (`AccessPolicy.interviewerRoles`), active, by name.
    static func interviewers(on db: any Database) async throws -> [(id: UUID, name: String)] {
        let roles = AccessPolicy.interviewerRoles.map(\.rawValue).sorted()
        let grants = try await RoleGrantModel.query(on: db).filter(\.$role ~~ roles).with(\.$user).all()
        var seen = Set<UUID>()
        return grants.map(\.user).filter { $0.isActive && seen.insert($0.id!).inserted }
            .map { ($0.id!, $0.fullName) }.sorted { VietnameseCollation.sortKey(fullName: $0.1) < VietnameseCollation.sortKey(fullName: $1.1) }
    }

    /// Art. 12.3: the assigned division head agrees the time with the candidate.
    static func schedule(_ r: InterviewRequestModel, day: String, time: String, place: String, today: LocalDate, by viewer: Viewer,
                         on db: any Database) async throws {
        guard [.agreed, .scheduled].contains(r.currentStage) else { throw refuse("stage", "Không thể xếp lịch ở bước này.") }
        let s = try PreScreening.validateSchedule(day: day, time: time, place: place, today: today).mapError(fieldErrors).get()
        let before = r.interviewOn.map { "\($0) \(r.interviewAt ?? "")" }
        r.stage = PreScreening.Stage.scheduled.rawValue
        r.interviewOn = s.day.iso
        r.interviewAt = s.time
        r.interviewPlace = s.place
        try await r.save(on: db)
        try await audit(viewer, "interview.schedule", r, before: before, after: "\(s.day.vietnamese) \(s.time), \(s.place)", on: db)
    }

    /// Art. 12.4–12.5: the three scores, the recommendation and the remarks (Form 2). The audit entry
    /// says that a result was recorded, not what it is (D8).
    static func record(_ r: InterviewRequestModel, scores: [Int?], recommendation: String, remarks: String, by viewer: Viewer,
                       now: Date, on db: any Database) async throws {
        guard r.currentStage == .scheduled else { throw refuse("stage", "Chỉ ghi kết quả một lần, sau khi đã xếp lịch phỏng vấn.") }
        let result = try PreScreening.validateResult(scores: scores, recommendation: recommendation, remarks: remarks)
            .mapError(fieldErrors).get()
        r.scoreGeneral = result.scores[0]
        r.scoreNetworks = result.scores[1]
        r.scoreProgramming = result.scores[2]
        r.recommendation = result.recommendation.rawValue
        r.remarks = result.remarks
        r.reportedAt = now
        r.stage = PreScreening.Stage.reported.rawValue
        try await r.save(on: db)
        try await audit(viewer, "interview.result", r, after: "Lập báo cáo kết quả (Mẫu 2)", on: db)
    }
}
