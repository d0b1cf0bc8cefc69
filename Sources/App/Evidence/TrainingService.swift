import Domain
import Fluent
import Vapor

/// Convening tests, training and meetings and recording attendance (Art. 5.7, 17.2–3), for the
/// page and the API alike; problems come back as `FieldErrors`.
enum TrainingService {
    typealias Form = TrainingController.Form

    /// Creates the event and invites every IT officer in post who is in scope or applied by analogy.
    static func convene(_ form: Form, by viewer: Viewer, req: Request) async throws -> (TrainingEventModel, invited: Int) {
        var errors = FieldErrors()
        let kind = TrainingKind(rawValue: form.kind ?? "")
        if kind == nil { errors.add("kind", "Chọn loại hoạt động.") }
        let title = EvidenceRecords.text(form.title, "title", "Nhập tên đợt kiểm tra, tập huấn hoặc hội nghị.", &errors)
        let day = LocalDate(userInput: form.heldOn ?? "") ?? LocalDate(iso: form.heldOn ?? "")
        if day == nil || day!.year < 2000 || day!.year > 2100 { errors.add("heldOn", "Nhập ngày dạng dd/mm/yyyy.") }
        guard errors.isEmpty, let kind, let day else { throw errors }
        let profile = try await req.profile()
        let officers = try await OfficerModel.query(on: req.db)
            .filter(\.$scopeStatus ~~ [ScopeStatus.inScope.code, ScopeStatus.analogous.code])
            .filter(\.$employmentStatus ~~ EmploymentStatus.holdingPostRawValues).all(\.$id)
        let event = TrainingEventModel()
        event.kind = kind.rawValue
        event.title = title
        event.heldOn = day.iso
        event.place = VietnameseText.normalize(form.place ?? "")
        event.year = profile.evaluationYear(of: day)
        try await req.write { db in
            try await event.create(on: db)
            let invitations = officers.map { id -> InvitationModel in
                let invitation = InvitationModel()
                invitation.$event.id = event.id!
                invitation.$officer.id = id
                invitation.attendance = Attendance.invited.rawValue
                invitation.note = ""
                return invitation
            }
            for slice in stride(from: 0, to: invitations.count, by: 500) {
                try await Array(invitations[slice..<min(invitations.count, slice + 500)]).create(on: db)
            }
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "training.create",
                                                 entityType: "trainingEvent", entityID: event.id,
                                                 after: "\(kind.label): \(title), \(day.vietnamese), mời \(officers.count) cán bộ"), on: db)
        }
        return (event, officers.count)
    }

    /// Attendance, and a score out of 10 (one decimal) for someone present at a test.
    static func record(_ invitation: InvitationModel, attendance: String?, score: String?, note: String?, by viewer: Viewer,
                       req: Request) async throws {
        var errors = FieldErrors()
        let status = Attendance(rawValue: attendance ?? "")
        if status == nil { errors.add("attendance", "Chọn tình trạng tham dự.") }
        let text = (score ?? "").replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)
        var value: Double?
        if !text.isEmpty {
            if let parsed = Double(text), (0...10).contains(parsed), invitation.event.trainingKind.isScored, status == .attended {
                value = (parsed * 10).rounded() / 10
            } else {
                errors.add("score", "Điểm từ 0 đến 10, chỉ cho bài kiểm tra và người có mặt.")
            }
        }
        guard errors.isEmpty, let status else { throw errors }
        let scored = value
        let before = invitation.attendance
        invitation.attendance = status.rawValue
        invitation.score = scored
        invitation.note = VietnameseText.normalize(note ?? "")
        try await req.write { db in
            try await invitation.save(on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "training.attendance",
                                                 entityType: "officer", entityID: invitation.$officer.id, before: before,
                                                 after: "\(invitation.event.title): \(status.label)\(scored.map { " \($0)" } ?? "")"), on: db)
        }
    }
}
