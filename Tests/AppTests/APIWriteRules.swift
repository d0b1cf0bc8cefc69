@testable import App
import Domain
import Fluent
import Foundation
import Vapor

/// The table of `APIWriteMatrixTests`: every write of `/api/openapi.yaml` (by operationId) with a
/// valid body for a target and the policy's answer. The contexts are the web matrix's
/// (`WebRouteRules.Context`), so a rule of `Domain/Access` is asked the same way for both.
enum APIWriteRules {
    typealias Context = WebRouteRules.Context

    struct Write: Sendable {
        var method: HTTPMethod
        /// nil: the target has no such record (not tried there).
        var path: @Sendable (Context) -> String?
        var body: @Sendable (Context) -> String? = { _ in nil }
        var may: @Sendable (Context) async throws -> Bool
    }

    static let year = WebRouteRules.year
    static let today = "2026-11-20"

    static func agency(_ suffix: String = "") -> @Sendable (Context) -> String? {
        { $0.target.interview == nil ? "/api/v1/agencies/\($0.target.agency.id!)\(suffix)" : nil }
    }
    static func officer(_ suffix: String = "") -> @Sendable (Context) -> String? {
        { $0.target.interview == nil ? "/api/v1/officers/\($0.officerID)\(suffix)" : nil }
    }
    static func ticket(_ suffix: String = "") -> @Sendable (Context) -> String? {
        { $0.target.interview == nil ? "/api/v1/tickets/\($0.ticket.id!)\(suffix)" : nil }
    }
    static func interview(_ suffix: String) -> @Sendable (Context) -> String? {
        { $0.target.interview.map { "/api/v1/interview-requests/\($0.id!)\(suffix)" } }
    }
    static func handover(_ suffix: @escaping @Sendable (Context) -> String) -> @Sendable (Context) -> String? {
        { c in c.target.interview == nil ? c.target.handover.map { "/api/v1/handovers/\($0.id!)\(suffix(c))" } : nil }
    }
    static func fixed(_ path: String) -> @Sendable (Context) -> String? { { $0.target.interview == nil ? path : nil } }
    static func item(_ c: Context) -> String { "/items/\(c.target.handoverItem!.id!)" }
    static func sees(_ c: Context) -> Bool { WebRouteRules.sees(c) }

    /// Writes sent as a file, not JSON, with the suite that runs them for every reader.
    static let exempt: [String: String] = [
        "uploadInterviewFile": "APIUploadTests (D8, a PDF body)",
        "uploadCommitmentScan": "APIUploadTests (Art. 13.2, a PDF body)",
    ]

    static let writes: [String: Write] = [
        // The registry (Art. 4, 11).
        "createAgency": Write(method: .POST, path: fixed("/api/v1/agencies"),
                              body: { _ in #"{"name":"Ủy ban nhân dân xã Thử Nghiệm","kind":"administrative","level":"commune","district":"Phú Giáo"}"# },
                              may: { $0.p.managesRegistry }),
        "updateAgency": Write(method: .PATCH, path: agency(), body: { _ in #"{"address":"Số 1 đường Hùng Vương"}"# },
                              may: { $0.p.canSee($0.place) && $0.p.managesRegistry }),
        "createOfficer": Write(method: .POST, path: fixed("/api/v1/officers"), body: { c in """
            {"fullName":"Lê Thị Thử","dateOfBirth":"1995-04-02","gender":"female","position":"Chuyên viên","kind":"partTime",
             "agencyId":"\(c.target.agency.id!)","idNumber":"074195009999","startDate":"\(today)"}
            """ }, may: { c in
                let active = try await AgencyModel.find(c.target.agency.id, on: c.db)?.isActive == true
                return c.p.createsOfficerRecords && c.p.canManageOfficers(at: c.place) && active
            }),
        "updateOfficer": Write(method: .PATCH, path: officer(), body: { _ in #"{"phone":"0274 3822 000"}"# },
                               may: { sees($0) && $0.p.canManageOfficers(at: $0.place) }),
        "createEmploymentEvent": Write(method: .POST, path: officer("/employment-events"),
                                       body: { _ in #"{"status":"leave","effectiveOn":"2026-11-20","returnsOn":"2026-11-25"}"# },
                                       may: { sees($0) && $0.p.canManageOfficers(at: $0.place) }),
        // Work tickets (Form 3): a request to the agency's IT officers.
        "createTicket": Write(method: .POST, path: fixed("/api/v1/tickets"), body: { c in """
            {"agencyId":"\(c.target.agency.id!)","taskGroup":"equipmentMaintenance","details":"Máy in kẹt giấy",
             "requesterUnit":"Văn phòng","requesterName":"Người thử","requestedOn":"\(today)"}
            """ }, may: { $0.p.requestAgencies.contains($0.target.agency.id!) }),
        "updateTicket": Write(method: .PATCH, path: ticket(), body: { _ in #"{"relatedRecords":"Biên bản số 3"}"# },
                              may: { try await $0.ticketAccess().edit }),
        "confirmTicket": Write(method: .POST, path: ticket("/confirmation"), body: { _ in #"{"decision":"confirm"}"# },
                               may: { try await $0.ticketAccess().confirm }),
        "submitWorkLog": Write(method: .POST, path: officer("/work-logs/\(year)/submission"), may: { try await $0.workLog().submit }),
        // The year's evaluation (Art. 15, 16).
        "putGrade": Write(method: .PUT, path: officer("/grades/\(year)"), body: { _ in #"{"grade":"B"}"# },
                          may: { sees($0) && $0.p.grades }),
        "takeEvaluationStep": Write(method: .POST, path: fixed("/api/v1/evaluation-years/\(year)/steps"), body: { _ in #"{"step":"closeDeadline"}"# },
                                    may: { $0.p.takesEvaluationSteps }),
        "signProposal": Write(method: .POST, path: { fixed("/api/v1/evaluation-years/\($0.extra.proposal.year)/proposals/\($0.extra.proposal.id!)/signature")($0) },
                              may: WebRouteRules.signsProposal),
        "completeHeadTask": Write(method: .POST, path: { fixed("/api/v1/evaluation-years/\($0.extra.task.year)/head-tasks/\($0.extra.task.id!)/completion")($0) },
                                  body: { _ in #"{"note":"Đã bố trí người thay"}"# }, may: WebRouteRules.completesTask),
        "decideRewardCandidate": Write(method: .POST,
                                       path: { fixed("/api/v1/evaluation-years/\($0.extra.candidate.year)/reward-candidates/\($0.extra.candidate.id!)/decision")($0) },
                                       body: { _ in #"{"decision":"approved"}"# }, may: { $0.p.grades }),
        // Inspections, incidents, training (Art. 15.3).
        "createInspection": Write(method: .POST, path: agency("/inspections"), body: { _ in #"{"inspectedOn":"2026-11-02","findings":"Đạt yêu cầu"}"# },
                                  may: { $0.p.canSee($0.place) && $0.p.grades }),
        "createIncident": Write(method: .POST, path: agency("/incidents"),
                                body: { _ in #"{"occurredOn":"2026-11-03","system":"Cổng thông tin","impact":"Gián đoạn 2 giờ"}"# },
                                may: { $0.p.canSee($0.place) && $0.p.reportsIncidents(at: $0.target.agency.id!) }),
        "createTrainingEvent": Write(method: .POST, path: fixed("/api/v1/training-events"),
                                     body: { _ in #"{"kind":"thematicSession","title":"Chuyên đề an toàn thông tin","heldOn":"2026-11-18"}"# },
                                     may: { $0.p.convenesTraining }),
        "recordAttendance": Write(method: .POST, path: { fixed("/api/v1/training-events/\($0.extra.training.id!)/attendance")($0) },
                                  body: { #"{"officerId":"\#($0.extra.invitation.$officer.id)","attendance":"attended"}"# },
                                  may: { $0.p.convenesTraining }),
        // Pre-screening (Art. 12, D8).
        "createInterviewRequest": Write(method: .POST, path: agency("/interview-requests"), body: { _ in """
            {"candidateName":"Phạm Văn Thử","birthYear":1998,"position":"Chuyên viên CNTT","confidentiality":"confirmed","contact":"0909 000 111"}
            """ }, may: { $0.p.filesInterviewRequests.contains($0.target.agency.id!) }),
        "agreeInterviewRequest": Write(method: .POST, path: interview("/agreement"), body: { #"{"assigneeId":"\#($0.extra.divisionHeadID)"}"# },
                                       may: { try await $0.interview().agree }),
        "returnInterviewRequest": Write(method: .POST, path: interview("/return"), body: { _ in #"{"reason":"Thiếu bảng điểm"}"# },
                                        may: { try await $0.interview().agree }),
        "scheduleInterview": Write(method: .PUT, path: interview("/schedule"),
                                   body: { _ in #"{"interviewOn":"2026-12-10","interviewAt":"08:30","place":"Phòng họp số 2"}"# },
                                   may: { try await $0.interview().schedule }),
        "putInterviewResult": Write(method: .PUT, path: interview("/result"), body: { _ in #"{"scores":[7.5,6,8],"recommendation":"suitable"}"# },
                                    may: { try await $0.interview().score }),
        "decideInterview": Write(method: .POST, path: interview("/decision"), body: { _ in #"{"hire":false}"# },
                                 may: { try await $0.interview().decide }),
        // Duties, commitments, systems (Art. 5, 13), handover (Art. 14).
        "createAssignmentDecision": Write(method: .POST, path: agency("/assignment-decisions"), body: { c in """
            {"number":"99/QĐ-TN","signedOn":"\(today)","signer":"Người ký","assignments":[{"officerId":"\(c.officerID)","duties":["all"]}]}
            """ }, may: { $0.p.canSee($0.place) && $0.p.issuesAssignmentDecisions(at: $0.place) }),
        "createCommitment": Write(method: .POST, path: officer("/commitments"), body: { _ in #"{"signedOn":"2026-11-21"}"# },
                                  may: { sees($0) && $0.p.recordsCommitments(at: $0.place) }),
        "createInformationSystem": Write(method: .POST, path: agency("/systems"), body: { c in """
            {"name":"Máy chủ thư điện tử","kind":"mail","secretCategories":["administratorAccount"],"holders":[{"officerId":"\(c.officerID)"}]}
            """ }, may: { $0.p.canSee($0.place) && $0.p.keepsSystemsInventory(at: $0.place) }),
        "acknowledgeHandoverItem": Write(method: .POST, path: handover { item($0) + "/acknowledgement" },
                                         body: { c in c.viewer.officerID.map { #"{"receiverId":"\#($0)"}"# } ?? "{}" },
                                         may: WebRouteRules.acknowledgesItem),
        "recordCredentialRotation": Write(method: .POST, path: handover { item($0) + "/rotation" }, body: { _ in #"{"rotated":true}"# },
                                          may: WebRouteRules.rotatesItem),
        "closeHandover": Write(method: .POST, path: handover { _ in "/closure" }, body: { _ in #"{"replacement":"recruitment"}"# },
                               may: { $0.p.readsHandover(officerID: $0.target.handover!.$officer.id, at: $0.place) && $0.p.managesHandover(at: $0.place) }),
    ]
}
