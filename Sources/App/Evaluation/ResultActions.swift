import Domain
import Fluent
import Vapor

/// What people do with the records publication produced (Art. 16): sign a cessation proposal,
/// report a head task done, decide a reward candidacy. Shared by the pages and the API; each is
/// one transaction with its audit entry, and refused (logged) for anyone else.
enum ResultActions {
    static func signsForAuthority(_ viewer: Viewer) -> Bool {
        viewer.policy.signsForITAuthority
    }

    static func proposal(_ id: UUID?, year: Int, on db: any Database) async throws -> CessationProposalModel {
        guard let id, let found = try await CessationProposalModel.query(on: db).with(\.$officer).filter(\.$id == id)
            .filter(\.$year == year).first() else { throw Abort(.notFound) }
        return found
    }

    /// The viewer signs for their side: the IT authority (leadership or IT division head) or Home Affairs.
    static func sign(_ proposal: CessationProposalModel, by viewer: Viewer, req: Request) async throws {
        let side: String
        if signsForAuthority(viewer) && proposal.authoritySignedAt == nil { side = "authority" }
        else if viewer.policy.actsForHomeAffairs && proposal.homeAffairsSignedAt == nil { side = "homeAffairs" }
        else { throw await req.denied("cessationProposal", entityID: proposal.id) }
        let now = req.now
        try await req.write { db in
            if side == "authority" {
                proposal.authoritySignedBy = viewer.fullName
                proposal.authoritySignedAt = now
            } else {
                proposal.homeAffairsSignedBy = viewer.fullName
                proposal.homeAffairsSignedAt = now
            }
            try await proposal.save(on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "proposal.sign",
                                                 entityType: "officer", entityID: proposal.$officer.id, after: "\(proposal.year): \(side)"), on: db)
        }
    }

    static func task(_ id: UUID?, year: Int, on db: any Database) async throws -> HeadTaskModel {
        guard let id, let found = try await HeadTaskModel.query(on: db).with(\.$officer).filter(\.$id == id)
            .filter(\.$year == year).first() else { throw Abort(.notFound) }
        return found
    }

    /// Only a head of the task's agency reports it done, once.
    static func complete(_ task: HeadTaskModel, note: String, by viewer: Viewer, req: Request) async throws {
        guard task.doneAt == nil, viewer.policy.headedAgencies.contains(task.agencyID) else {
            throw await req.denied("headTask", entityID: task.id)
        }
        let text = VietnameseText.normalize(note)
        let now = req.now
        try await req.write { db in
            task.doneAt = now
            task.doneBy = viewer.fullName
            task.note = text
            try await task.save(on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "headTask.done",
                                                 entityType: "officer", entityID: task.$officer.id, after: "\(task.kind): \(text)"), on: db)
        }
    }

    static func candidate(_ id: UUID?, year: Int, on db: any Database) async throws -> RewardCandidateModel {
        guard let id, let found = try await RewardCandidateModel.query(on: db).with(\.$officer).filter(\.$id == id)
            .filter(\.$year == year).first() else { throw Abort(.notFound) }
        return found
    }

    /// D5: a person of the authority decides; "approved" or "declined".
    static func decide(_ candidate: RewardCandidateModel, approved: Bool, note: String, by viewer: Viewer, req: Request) async throws {
        guard GradeService.mayGrade(viewer) else { throw await req.denied("rewardCandidate", entityID: candidate.id) }
        let text = VietnameseText.normalize(note)
        let now = req.now
        try await req.write { db in
            candidate.decision = approved ? "approved" : "declined"
            candidate.decisionNote = text
            candidate.decidedBy = viewer.fullName
            candidate.decidedAt = now
            try await candidate.save(on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "reward.decide",
                                                 entityType: "officer", entityID: candidate.$officer.id,
                                                 after: "\(candidate.year) \(candidate.candidacy): \(candidate.decision) \(text)"), on: db)
        }
    }
}
