import Domain
import Fluent
import Vapor

/// One request's page: its stage, candidate and dossier for all who may see it; the result only for
/// those D8 names; and the form of the next step for the one person who takes it.
enum InterviewPage {
    struct FileRow: Encodable, Sendable { var id, kind, name, size, uploaded: String }
    struct ScoreRow: Encodable, Sendable { var topic, score: String }

    /// Every step's typed values, kept when a form comes back with errors.
    struct Form: Content {
        var assigneeId, reason, interviewOn, interviewAt, place, score1, score2, score3, recommendation, remarks: String?
        var dateOfBirth, gender, idNumber, startDate, civilServiceStatus, acceptsResponsibility, responsibilityNote, kind: String?
    }

    struct Body: Encodable, Sendable {
        var id, candidate, birthYear, position, contact, agency, format, stage, filedBy, filedOn, replyBy: String
        var duties: [String]
        var answer, returnReason, assignee, schedule: String
        var files: [FileRow]
        var missing: String
        var showsResult, hasResult: Bool
        var scores: [ScoreRow]
        var recommendation, remarks, reportedOn: String
        var advisesAgainst: Bool
        var decision, officerID, responsibility: String
        var access: InterviewAccess
        var interviewers, recommendations, genders, statuses, kinds: [Choice]
        var statement: String
        var form: Form, errors: FieldErrors, open: String
    }

    static func render(_ req: Request, form: Form = Form(), errors: FieldErrors = .init(), open: String = "",
                       status: HTTPStatus = .ok) async throws -> Response {
        let (_, r, access) = try await InterviewController.load(req)
        let profile = try await req.profile()
        let files = try await InterviewFileModel.query(on: req.db).filter(\.$request.$id == r.id!).sort(\.$uploadedAt).sort(\.$id).all()
        let held = Set(files.map(\.dossierKind))
        let missing = PreScreening.missingDossier(held).map(\.label).joined(separator: ", ")
        let day: (Date?) -> String = { $0.map { profile.date(of: $0).vietnamese } ?? "" }
        let scores = r.scores.map { s in PreScreening.Topic.allCases.map { ScoreRow(topic: $0.label, score: PreScreening.display(tenths: s[$0.rawValue]) + "/10") } } ?? []
        let schedule = r.interviewOn.flatMap(LocalDate.init(iso:)).map { "\($0.vietnamese) lúc \(r.interviewAt ?? ""), \(r.interviewPlace ?? "")" } ?? ""
        let interviewers = access.agree ? try await InterviewService.interviewers(on: req.db) : []
        let body = Body(
            id: r.id!.canonicalText, candidate: r.candidateName, birthYear: String(r.birthYear), position: r.position, contact: r.contact,
            agency: r.agency.name, format: r.format.label, stage: r.currentStage.label, filedBy: r.filedByName, filedOn: day(r.filedAt),
            replyBy: r.replyBy.flatMap(LocalDate.init(iso:))?.vietnamese ?? "",
            duties: r.plannedDuties.map(\.label) + (r.otherDuty.isEmpty ? [] : [r.otherDuty]),
            answer: r.answeredByName.map { "\($0), \(day(r.answeredAt))" } ?? "", returnReason: r.returnReason ?? "",
            assignee: r.assigneeName ?? "", schedule: schedule,
            files: files.map { FileRow(id: $0.id!.canonicalText, kind: $0.dossierKind.label, name: $0.name,
                                       size: "\(max(1, $0.size / 1024)) KB", uploaded: "\($0.uploadedBy), \(day($0.uploadedAt))") },
            missing: missing, showsResult: access.readResult, hasResult: r.scores != nil,
            scores: access.readResult ? scores : [], recommendation: access.readResult ? r.advice?.label ?? "" : "",
            remarks: access.readResult ? r.remarks ?? "" : "", reportedOn: access.readResult ? day(r.reportedAt) : "",
            advisesAgainst: access.readResult && PreScreening.needsAcceptedResponsibility(r.advice),
            decision: r.decidedByName.map { "\($0), \(day(r.decidedAt))" } ?? "", officerID: r.$officer.id?.canonicalText ?? "",
            responsibility: r.responsibilityAccepted ? PreScreening.responsibilityStatement + (r.responsibilityNote.map { $0.isEmpty ? "" : " " + $0 } ?? "") : "",
            access: access,
            interviewers: [Choice(value: "", label: "— Chọn người phỏng vấn —", selected: (form.assigneeId ?? "").isEmpty)]
                + interviewers.map { Choice(value: $0.id.canonicalText, label: $0.name, selected: $0.id.canonicalText == form.assigneeId) },
            recommendations: Choice.list(PreScreening.Recommendation.self, selected: form.recommendation, label: \.label),
            genders: Choice.list(Gender.self, selected: form.gender, label: \.label),
            statuses: Choice.list(CivilServiceStatus.self, selected: form.civilServiceStatus ?? CivilServiceStatus.civilServant.rawValue, label: \.label),
            kinds: Choice.list(PreScreening.DossierKind.self, selected: form.kind ?? PreScreening.DossierKind.diploma.rawValue, label: \.label),
            statement: PreScreening.responsibilityStatement, form: form, errors: errors, open: open)
        return try await req.render("recruitment/show", title: "Sơ tuyển: \(r.candidateName)", active: Section.preScreening.path, body, status: status)
    }
}
