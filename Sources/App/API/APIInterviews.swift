import Domain
import Fluent
import Foundation
import OpenAPIRuntime
import Vapor

/// The pre-screening through the API (Art. 11.3, 12; D8): the same policy, services and audit as the
/// pages. The result's fields are left out for a reader D8 does not name.
extension APIHandler {
    func interview(_ text: String, _ req: Request) async throws -> (Viewer, InterviewRequestModel, InterviewAccess) {
        let viewer = try req.requireViewer()
        guard let r = try await InterviewRequestModel.query(on: req.db).with(\.$agency).filter(\.$id == (try uuid(text))).first() else {
            throw NotFound()
        }
        let access = InterviewService.access(viewer, r)
        guard access.read else { throw await req.denied("interviewRequest", entityID: r.id) }
        return (viewer, r, access)
    }

    func interviewBody(_ r: InterviewRequestModel, _ access: InterviewAccess, on db: any Database) async throws -> Components.Schemas.InterviewRequest {
        let files = try await InterviewFileModel.query(on: db).filter(\.$request.$id == r.id!).sort(\.$uploadedAt).sort(\.$id).all()
        let result = access.readResult
        return .init(id: r.id!.canonicalText, agencyId: r.$agency.id.canonicalText, agencyName: r.agency.name, candidateName: r.candidateName,
                     birthYear: r.birthYear, position: r.position, contact: r.contact,
                     confidentiality: .init(rawValue: r.replyFormat) ?? .divisionReportOnly, stage: .init(rawValue: r.stage) ?? .filed,
                     duties: r.plannedDuties.map(\.rawValue), replyBy: r.replyBy, returnReason: r.returnReason, assigneeName: r.assigneeName,
                     interviewOn: r.interviewOn, interviewAt: r.interviewAt, place: r.interviewPlace,
                     scores: result ? r.scores.map { $0.map { Double($0) / 10 } } : nil,
                     recommendation: result ? r.recommendation.flatMap { .init(rawValue: $0) } : nil,
                     remarks: result ? r.remarks : nil, officerId: r.$officer.id?.canonicalText,
                     responsibilityAccepted: r.responsibilityAccepted,
                     dossier: files.map { .init(id: $0.id!.canonicalText, kind: $0.kind, name: $0.name, contentType: $0.contentType,
                                                size: $0.size, checksum: $0.checksum) })
    }

    /// After a step: the request as it now stands.
    func reloaded(_ id: UUID, _ viewer: Viewer, _ req: Request) async throws -> Components.Schemas.InterviewRequest {
        guard let r = try await InterviewRequestModel.query(on: req.db).with(\.$agency).filter(\.$id == id).first() else { throw NotFound() }
        return try await interviewBody(r, InterviewService.access(viewer, r), on: req.db)
    }

    func createInterviewRequest(_ input: Operations.CreateInterviewRequest.Input) async throws -> Operations.CreateInterviewRequest.Output {
        let (req, viewer) = try context()
        let agency = try await visibleAgency(try uuid(input.path.id), req)
        guard viewer.policy.filesInterviewRequests.contains(agency.id!) else { throw await req.denied("interviewRequest", entityID: agency.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let form = InterviewController.Form(agencyID: agency.id!.canonicalText, candidateName: b.candidateName, birthYear: String(b.birthYear),
                                            position: b.position, confidentiality: b.confidentiality.rawValue, contact: b.contact,
                                            otherDuty: b.otherDuty, replyBy: b.replyBy,
                                            duties: b.duties?.map(\.rawValue) ?? PreScreening.PlannedDuty.allCases.map(\.rawValue))
        let r = try await InterviewFiling.file(form, agencyID: agency.id!, by: viewer, req: req)
        return .created(.init(body: .json(.init(id: r.id!.canonicalText))))
    }

    func getInterviewRequest(_ input: Operations.GetInterviewRequest.Input) async throws -> Operations.GetInterviewRequest.Output {
        let (req, _) = try context()
        let (_, r, access) = try await interview(input.path.id, req)
        return .ok(.init(body: .json(try await interviewBody(r, access, on: req.db))))
    }

    func agreeInterviewRequest(_ input: Operations.AgreeInterviewRequest.Input) async throws -> Operations.AgreeInterviewRequest.Output {
        let (req, _) = try context()
        let (viewer, r, access) = try await interview(input.path.id, req)
        guard access.agree else { throw await req.denied("interviewRequest", entityID: r.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let now = req.now
        try await req.write { try await InterviewService.agree(r, assigneeID: UUID(uuidString: b.assigneeId), by: viewer, now: now, on: $0) }
        return .ok(.init(body: .json(try await reloaded(r.id!, viewer, req))))
    }

    func returnInterviewRequest(_ input: Operations.ReturnInterviewRequest.Input) async throws -> Operations.ReturnInterviewRequest.Output {
        let (req, _) = try context()
        let (viewer, r, access) = try await interview(input.path.id, req)
        guard access.agree else { throw await req.denied("interviewRequest", entityID: r.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let now = req.now
        try await req.write { try await InterviewService.giveBack(r, reason: b.reason, by: viewer, now: now, on: $0) }
        return .ok(.init(body: .json(try await reloaded(r.id!, viewer, req))))
    }

    func scheduleInterview(_ input: Operations.ScheduleInterview.Input) async throws -> Operations.ScheduleInterview.Output {
        let (req, _) = try context()
        let (viewer, r, access) = try await interview(input.path.id, req)
        guard access.schedule else { throw await req.denied("interviewRequest", entityID: r.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let today = try await req.today()
        try await req.write {
            try await InterviewService.schedule(r, day: b.interviewOn, time: b.interviewAt, place: b.place, today: today, by: viewer, on: $0)
        }
        return .ok(.init(body: .json(try await reloaded(r.id!, viewer, req))))
    }

    func putInterviewResult(_ input: Operations.PutInterviewResult.Input) async throws -> Operations.PutInterviewResult.Output {
        let (req, _) = try context()
        let (viewer, r, access) = try await interview(input.path.id, req)
        guard access.score else { throw await req.denied("interviewRequest", entityID: r.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let scores = b.scores.map { PreScreening.tenths($0) }
        let now = req.now
        try await req.write {
            try await InterviewService.record(r, scores: scores, recommendation: b.recommendation.rawValue, remarks: b.remarks ?? "",
                                              by: viewer, now: now, on: $0)
        }
        return .ok(.init(body: .json(try await reloaded(r.id!, viewer, req))))
    }

    func decideInterview(_ input: Operations.DecideInterview.Input) async throws -> Operations.DecideInterview.Output {
        let (req, _) = try context()
        let (viewer, r, access) = try await interview(input.path.id, req)
        guard access.decide else { throw await req.denied("interviewRequest", entityID: r.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let now = req.now
        if b.hire {
            let hire = InterviewDecision.HireInput(dateOfBirth: b.dateOfBirth ?? "", gender: b.gender?.rawValue ?? "", idNumber: b.idNumber ?? "",
                                                   startDate: b.startDate ?? "", civilServiceStatus: b.civilServiceStatus?.rawValue ?? "",
                                                   acceptsResponsibility: b.acceptsResponsibility ?? false,
                                                   responsibilityNote: b.responsibilityNote ?? "")
            let draft = try InterviewDecision.draft(r, hire, today: try await req.today()).get()
            _ = try await req.write { try await InterviewDecision.hire(r, draft, input: hire, by: viewer, now: now, on: $0) }
        } else {
            try await req.write { try await InterviewDecision.decline(r, by: viewer, now: now, on: $0) }
        }
        return .ok(.init(body: .json(try await reloaded(r.id!, viewer, req))))
    }

    func getInterviewReport(_ input: Operations.GetInterviewReport.Input) async throws -> Operations.GetInterviewReport.Output {
        let (req, _) = try context()
        let (_, r, access) = try await interview(input.path.id, req)
        guard access.readResult else { throw await req.denied("interviewRequest", entityID: r.id) }
        guard r.scores != nil else { throw NotFound() }
        return .ok(try await pdf(try await InterviewPapers.report(r, on: req), req))
    }

    func getInterviewRequestLetter(_ input: Operations.GetInterviewRequestLetter.Input) async throws -> Operations.GetInterviewRequestLetter.Output {
        let (req, _) = try context()
        let (_, r, _) = try await interview(input.path.id, req)
        return .ok(try await pdf(try await InterviewPapers.request(r, on: req), req))
    }
}
