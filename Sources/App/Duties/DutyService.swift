import Domain
import Fluent
import Foundation

/// Writes of duty assignment decisions and commitments (Art. 13), each in the caller's transaction
/// with its audit entry; and the reads the pages, staffing and handovers share.
enum DutyService {
    /// The agency's IT officers holding a post (Art. 13.1 counts them), by id, with their names.
    static func agencyOfficers(_ agencyID: UUID, on db: any Database) async throws -> [OfficerModel] {
        let holding = EmploymentStatus.holdingPostRawValues
        return try await OfficerModel.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$employmentStatus ~~ holding)
            .sort(\.$nameSortKey).sort(\.$id).all()
    }

    static func issue(_ draft: DutyDecisionDraft, agencyID: UUID, by actor: Viewer, on db: any Database) async throws -> AssignmentDecisionModel {
        let decision = AssignmentDecisionModel()
        decision.$agency.id = agencyID
        decision.number = draft.number
        decision.signedOn = draft.signedOn.iso
        decision.signer = draft.signer
        decision.recordedBy = actor.username
        try await decision.create(on: db)
        for a in draft.assignments {
            try await DutyAssignmentModel(decisionID: decision.id!, officerID: a.officerID, duties: a.duties).create(on: db)
        }
        let summary = draft.assignments.map { "\($0.officerID.canonicalText): \($0.duties.map(\.clause).joined(separator: ", "))" }
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "duty.decision",
                                             entityType: "assignmentDecision", entityID: decision.id,
                                             after: "\(draft.number) \(draft.signedOn.iso); " + summary.joined(separator: "; ")), on: db)
        return decision
    }

    /// Each officer's current duties at the agency: a later decision replaces an earlier one for the
    /// officers it names (Art. 13.1). Decisions of another agency do not count after a transfer.
    static func current(agencyID: UUID, on db: any Database) async throws -> [UUID: (decision: UUID, duties: [ITDuty])] {
        let decisions = try await AssignmentDecisionModel.query(on: db).filter(\.$agency.$id == agencyID).with(\.$assignments)
            .sort(\.$createdAt).sort(\.$id).all()
        return IssuedDecision.current(decisions.enumerated().map { index, d in
            IssuedDecision(id: d.id!, signedOn: LocalDate(iso: d.signedOn) ?? LocalDate(year: 2000, month: 1, day: 1)!, sequence: index,
                           assignments: d.assignments.map { DutyAssignment(officerID: $0.$officer.id, duties: $0.dutyList) })
        })
    }

    /// Art. 13.2: the commitment as a record. Recorded by the personnel section it is verified at once;
    /// recorded by the head it waits for the personnel section's verification.
    static func recordCommitment(officer: OfficerModel, signedOn: LocalDate, verified: Bool, by actor: Viewer, now: Date,
                                 on db: any Database) async throws -> CommitmentModel {
        let commitment = CommitmentModel()
        commitment.$officer.id = officer.id!
        commitment.$agency.id = officer.$agency.id
        commitment.signedOn = signedOn.iso
        commitment.recordedBy = actor.username
        if verified {
            commitment.verifiedBy = actor.fullName
            commitment.verifiedAt = now
        }
        try await commitment.create(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "commitment.record",
                                             entityType: "commitment", entityID: commitment.id,
                                             after: "\(officer.id!.canonicalText) \(signedOn.iso)\(verified ? " verified" : "")"), on: db)
        return commitment
    }

    static func verifyCommitment(_ commitment: CommitmentModel, by actor: Viewer, now: Date, on db: any Database) async throws {
        commitment.verifiedBy = actor.fullName
        commitment.verifiedAt = now
        try await commitment.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "commitment.verify",
                                             entityType: "commitment", entityID: commitment.id, after: commitment.signedOn), on: db)
    }

    /// Art. 13.2: the scan of the signed letter, kept with the record (the bytes in the upload store).
    static func attachScan(_ stored: StoredFile, to commitment: CommitmentModel, by actor: Viewer, on db: any Database) async throws {
        commitment.scan = stored
        try await commitment.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "commitment.scan",
                                             entityType: "commitment", entityID: commitment.id,
                                             after: "\(stored.name) (\(stored.size) B, SHA-256 \(stored.checksum))"), on: db)
    }

    /// The latest commitment of each officer at their current agency (Art. 13.2: kept in that agency's file).
    static func commitments(agencyID: UUID, on db: any Database) async throws -> [UUID: CommitmentModel] {
        let all = try await CommitmentModel.query(on: db).filter(\.$agency.$id == agencyID).sort(\.$signedOn).sort(\.$createdAt).all()
        return all.reduce(into: [:]) { $0[$1.$officer.id] = $1 }
    }
}
