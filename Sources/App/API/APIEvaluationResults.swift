import Domain
import Fluent
import Foundation
import Vapor

/// The evaluation cycle, its results, efficiency and evidence through the API (issue 4 §11), with
/// the permissions of the pages.
extension APIHandler {
    func takeEvaluationStep(_ input: Operations.TakeEvaluationStep.Input) async throws -> Operations.TakeEvaluationStep.Output {
        let (req, viewer) = try context()
        let year = try knownYear(input.path.year)
        guard EvaluationService.mayTakeSteps(viewer) else { throw await req.denied("evaluationYear") }
        guard case .json(let body) = input.body, let step = EvaluationStep(rawValue: body.step.rawValue) else {
            throw Abort(.unsupportedMediaType)
        }
        let profile = try await req.profile()
        let now = req.now
        _ = try await req.write { try await EvaluationService.take(step, year: year, now: now, profile: profile, by: viewer, on: $0) }
        return .ok(.init(body: .json(try await EvaluationAccess.summary(year: year, req: req))))
    }

    func getEvaluationResults(_ input: Operations.GetEvaluationResults.Input) async throws -> Operations.GetEvaluationResults.Output {
        let (req, viewer) = try context()
        let year = try knownYear(input.path.year)
        let db = req.db
        let authority = viewer.policy.isITAuthority
        let homeAffairs = viewer.policy.actsForHomeAffairs
        let published = try await EvaluationYearModel.query(on: db).filter(\.$year == year).first()?.stage == .published
        guard viewer.policy.readsYearResults(published: published) else { throw await req.denied("evaluationYear") }
        var proposals: [Components.Schemas.Proposal] = []
        if authority || homeAffairs {
            proposals = try await CessationProposalModel.query(on: db).with(\.$officer).filter(\.$year == year).all()
                .map(Components.Schemas.Proposal.init)
        }
        let tasks = HeadTaskModel.query(on: db).with(\.$officer).filter(\.$year == year)
        if let visible = try await Visibility.agencyIDs(for: viewer, on: db) { tasks.filter(\.$agencyID ~~ Array(visible)) }
        var rewards: [Components.Schemas.RewardCandidate] = []
        if authority {
            rewards = try await RewardCandidateModel.query(on: db).with(\.$officer).filter(\.$year == year).all()
                .map(Components.Schemas.RewardCandidate.init)
        }
        return .ok(.init(body: .json(.init(
            year: year, published: published, proposals: proposals,
            headTasks: try await tasks.all().map(Components.Schemas.HeadTask.init),
            rewardCandidates: rewards))))
    }

    func getEfficiency(_ input: Operations.GetEfficiency.Input) async throws -> Operations.GetEfficiency.Output {
        let (req, viewer) = try context()
        let year = try knownYear(input.path.year)
        guard viewer.policy.readsEfficiency else {
            throw await req.denied("efficiency")
        }
        let visible = try await Visibility.agencyIDs(for: viewer, on: req.db)
        let rows = try await EfficiencyPage.rows(year: year, visible: visible, profile: try await req.profile(), req: req)
        return .ok(.init(body: .json(rows.map {
            .init(agencyId: $0.agencyID, agencyName: $0.agency, itLevel: $0.level, incentiveSpend: $0.incentiveValue,
                  outsourcedCost: $0.costValue, ratio: $0.ratioValue)
        })))
    }

    func getEvidence(_ input: Operations.GetEvidence.Input) async throws -> Operations.GetEvidence.Output {
        let (req, viewer) = try context()
        let year = try knownYear(input.path.year)
        let (officer, place) = try await visibleOfficer(try uuid(input.path.id), req)
        let published = try await EvaluationYearModel.query(on: req.db).filter(\.$year == year).first()?.stage == .published
        guard viewer.policy.readsGrade(officerID: officer.id!, at: place, published: published) else {
            throw await req.denied("grade", entityID: officer.id)
        }
        let r = try await EvidenceQueries.records(officer: officer.id!, agency: officer.$agency.id, year: year, on: req.db)
        let initiatives = try await WorkLogRows.initiatives(officer: officer.id!, year: year, on: req.db)
        return .ok(.init(body: .json(.init(
            year: year,
            inspections: r.inspections.map { .init(date: $0.inspectedOn, teamLevel: .init(rawValue: $0.teamLevel) ?? .provincial,
                                                   findings: $0.findings, rating: $0.rating, score: $0.score) },
            incidents: r.incidents.map { .init(date: $0.occurredOn, system: $0.system, impact: $0.impact,
                                               proposalDecision: .init(rawValue: $0.proposalDecision) ?? .none,
                                               exemptionEvidence: $0.exempt) },
            trainings: r.trainings.map { .init(date: $0.heldOn, kind: .init(rawValue: $0.kind) ?? .mandatoryTraining,
                                               title: $0.title, attendance: .init(rawValue: $0.attendance) ?? .invited, score: $0.score) },
            initiatives: initiatives.map { .init(title: $0.title, date: $0.madeOn) }))))
    }
}

/// Signing, completing and deciding through the API, with `ResultActions`' rules.
extension APIHandler {
    func signProposal(_ input: Operations.SignProposal.Input) async throws -> Operations.SignProposal.Output {
        let (req, viewer) = try context()
        let proposal = try await ResultActions.proposal(try uuid(input.path.id), year: try knownYear(input.path.year), on: req.db)
        try await ResultActions.sign(proposal, by: viewer, req: req)
        return .ok(.init(body: .json(.init(proposal))))
    }

    func completeHeadTask(_ input: Operations.CompleteHeadTask.Input) async throws -> Operations.CompleteHeadTask.Output {
        let (req, viewer) = try context()
        let task = try await ResultActions.task(try uuid(input.path.id), year: try knownYear(input.path.year), on: req.db)
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        try await ResultActions.complete(task, note: body.note ?? "", by: viewer, req: req)
        return .ok(.init(body: .json(.init(task))))
    }

    func decideRewardCandidate(_ input: Operations.DecideRewardCandidate.Input) async throws -> Operations.DecideRewardCandidate.Output {
        let (req, viewer) = try context()
        guard GradeService.mayGrade(viewer) else { throw await req.denied("rewardCandidate") }
        let candidate = try await ResultActions.candidate(try uuid(input.path.id), year: try knownYear(input.path.year), on: req.db)
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        try await ResultActions.decide(candidate, approved: body.decision == .approved, note: body.note ?? "", by: viewer, req: req)
        return .ok(.init(body: .json(.init(candidate))))
    }
}

extension Components.Schemas.Proposal {
    init(_ p: CessationProposalModel) {
        self.init(id: p.id!.canonicalText, officerId: p.$officer.id.canonicalText, officerName: p.officer.fullName, agencyId: p.agencyID.canonicalText,
                  pattern: .init(rawValue: p.pattern) ?? .twoCOneD, years: p.window.split(separator: ",").compactMap { Int($0) },
                  signedByAuthority: p.authoritySignedAt != nil, signedByHomeAffairs: p.homeAffairsSignedAt != nil)
    }
}

extension Components.Schemas.HeadTask {
    init(_ t: HeadTaskModel) {
        self.init(id: t.id!.canonicalText, officerId: t.$officer.id.canonicalText, officerName: t.officer.fullName, agencyId: t.agencyID.canonicalText,
                  task: .init(rawValue: t.kind) ?? .reassignDuties, done: t.doneAt != nil, note: t.note)
    }
}

extension Components.Schemas.RewardCandidate {
    init(_ r: RewardCandidateModel) {
        self.init(id: r.id!.canonicalText, officerId: r.$officer.id.canonicalText, officerName: r.officer.fullName,
                  candidacy: .init(rawValue: r.candidacy) ?? .certificateOfMerit,
                  decision: r.decision.isEmpty ? .pending : .init(rawValue: r.decision) ?? .pending, note: r.decisionNote)
    }
}

/// Recording inspections and incidents through the API, with the page's rules (`EvidenceRecords`).
extension APIHandler {
    func createInspection(_ input: Operations.CreateInspection.Input) async throws -> Operations.CreateInspection.Output {
        let (req, viewer) = try context()
        let agency = try await visibleAgency(try uuid(input.path.id), req)
        guard GradeService.mayGrade(viewer) else { throw await req.denied("inspection", entityID: agency.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let profile = try await req.profile()
        let form = AgencyEvidenceController.Form(inspectedOn: b.inspectedOn, teamLevel: b.teamLevel?.rawValue, rating: b.rating,
                                                 score: b.score.map(String.init), findings: b.findings)
        let inspection = try EvidenceRecords.inspection(form, agency: agency, profile: profile, today: profile.date(of: req.now), by: viewer.username)
        try await EvidenceRecords.create(inspection, action: "inspection.create", summary: "\(inspection.inspectedOn): \(inspection.rating)",
                                         agency: agency, viewer: viewer, req)
        return .created(.init(body: .json(.init(id: inspection.id!.canonicalText))))
    }

    func createIncident(_ input: Operations.CreateIncident.Input) async throws -> Operations.CreateIncident.Output {
        let (req, viewer) = try context()
        let agency = try await visibleAgency(try uuid(input.path.id), req)
        guard viewer.policy.reportsIncidents(at: agency.id!) else { throw await req.denied("incident", entityID: agency.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let profile = try await req.profile()
        let form = AgencyEvidenceController.Form(occurredOn: b.occurredOn, system: b.system, impact: b.impact, cause: b.cause,
                                                 resolution: b.resolution, officer: b.officerId, proposal: b.proposal,
                                                 proposedOn: b.proposedOn, proposalDecision: b.proposalDecision?.rawValue)
        let incident = try await EvidenceRecords.incident(form, agency: agency, profile: profile, today: profile.date(of: req.now),
                                                          by: viewer.username, on: req.db)
        try await EvidenceRecords.create(incident, action: "incident.create", summary: "\(incident.occurredOn): \(incident.system)",
                                         agency: agency, viewer: viewer, req)
        return .created(.init(body: .json(.init(id: incident.id!.canonicalText))))
    }
}

/// Tests, training and meetings through the API, with `TrainingService`'s rules.
extension APIHandler {
    func createTrainingEvent(_ input: Operations.CreateTrainingEvent.Input) async throws -> Operations.CreateTrainingEvent.Output {
        let (req, viewer) = try context()
        guard viewer.policy.convenesTraining else { throw await req.denied("trainingEvent") }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let (event, _) = try await TrainingService.convene(.init(kind: b.kind.rawValue, title: b.title, heldOn: b.heldOn, place: b.place),
                                                           by: viewer, req: req)
        return .created(.init(body: .json(.init(id: event.id!.canonicalText))))
    }

    func recordAttendance(_ input: Operations.RecordAttendance.Input) async throws -> Operations.RecordAttendance.Output {
        let (req, viewer) = try context()
        guard viewer.policy.convenesTraining else { throw await req.denied("trainingEvent") }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        guard let invitation = try await InvitationModel.query(on: req.db).with(\.$event)
            .filter(\.$event.$id == (try uuid(input.path.id))).filter(\.$officer.$id == (try uuid(b.officerId))).first() else { throw NotFound() }
        try await TrainingService.record(invitation, attendance: b.attendance.rawValue, score: b.score.map { String($0) }, note: b.note,
                                         by: viewer, req: req)
        return .ok(.init(body: .json(.init(id: invitation.id!.canonicalText))))
    }
}
