import Domain
import Fluent
import Foundation
import Vapor

/// Opens, follows and closes handovers (Art. 14; D9; R-14.1, R-14.2), each write in the caller's
/// transaction with its audit entry. See docs/duties-and-handover.md.
enum HandoverService {
    /// Art. 14.1: an employment event that is a trigger opens a handover at `agencyID`, the agency the
    /// officer leaves, listing every secret category they hold there and every duty of their current
    /// assignment. An officer's handover still open at that agency is returned instead of a second one.
    static func openIfTriggered(officerID: UUID, agencyID: UUID, status: EmploymentStatus, leaveDays: Int?, eventID: UUID?,
                                on date: LocalDate, profile: RegulationProfile, by actor: Viewer, on db: any Database) async throws -> UUID? {
        guard HandoverTrigger.opens(status, leaveDays: leaveDays, profile: profile) else { return nil }
        if let open = try await HandoverModel.query(on: db).filter(\.$officer.$id == officerID).filter(\.$agency.$id == agencyID)
            .filter(\.$closedAt == nil).sort(\.$createdAt).first() {
            return open.id
        }
        let held = try await SystemInventory.holdings(agencyID: agencyID, on: db).filter { $0.holding.$officer.id == officerID }
        let duties = try await DutyService.current(agencyID: agencyID, on: db)[officerID]?.duties ?? []
        let lines = HandoverChecklist.lines(holdings: held.compactMap { pair in
            SecretCategory(rawValue: pair.holding.category).map {
                HandoverChecklist.Holding(systemID: pair.system.id!, systemName: pair.system.name, category: $0)
            }
        }, duties: duties)
        let handover = HandoverModel()
        handover.$officer.id = officerID
        handover.$agency.id = agencyID
        handover.eventID = eventID
        handover.trigger = status.rawValue
        handover.openedOn = date.iso
        handover.planNote = ""
        try await handover.create(on: db)
        for (index, line) in lines.enumerated() {
            try await HandoverItemModel(handoverID: handover.id!, position: index + 1, line: line).create(on: db)
        }
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "handover.open",
                                             entityType: "handover", entityID: handover.id,
                                             after: "\(officerID.canonicalText) \(status.rawValue) \(date.iso): \(lines.count) mục"), on: db)
        try await MailEvents.handoverOpened(handover.id!, officerID: officerID, agencyID: agencyID, reason: status.label, on: db)
        return handover.id
    }

    /// Art. 14.1: the receiver takes the item over. A secret's holding passes to the receiver, who then
    /// needs a commitment of their own (Art. 13.2) to operate the system.
    static func acknowledge(_ item: HandoverItemModel, handover: HandoverModel, receiverID: UUID, by actor: Viewer, now: Date,
                            on db: any Database) async throws {
        item.$receiver.id = receiverID
        item.acknowledgedAt = now
        item.acknowledgedBy = actor.fullName
        try await item.save(on: db)
        if item.kind == HandoverLine.Kind.secret.rawValue, let systemID = item.systemID {
            try await SecretHoldingModel.query(on: db).filter(\.$system.$id == systemID).filter(\.$officer.$id == handover.$officer.id)
                .filter(\.$category == item.code).delete()
            let exists = try await SecretHoldingModel.query(on: db).filter(\.$system.$id == systemID).filter(\.$officer.$id == receiverID)
                .filter(\.$category == item.code).first() != nil
            if !exists { try await SecretHoldingModel(systemID: systemID, officerID: receiverID, category: SecretCategory(rawValue: item.code) ?? .passwords).create(on: db) }
        }
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "handover.acknowledge",
                                             entityType: "handover", entityID: handover.id,
                                             after: "\(item.line.label) → \(receiverID.canonicalText)"), on: db)
    }

    /// D9: whether a handed-over credential was changed afterwards, by whom and when.
    static func recordRotation(_ item: HandoverItemModel, handover: HandoverModel, rotated: Bool, by actor: Viewer, now: Date,
                               on db: any Database) async throws {
        item.rotated = rotated
        item.rotationRecordedBy = actor.fullName
        item.rotationRecordedAt = now
        try await item.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "handover.rotation",
                                             entityType: "handover", entityID: handover.id,
                                             after: "\(item.line.label): \(rotated ? "đã đổi" : "chưa đổi")"), on: db)
    }

    static func setPlan(_ handover: HandoverModel, plan: ReplacementPlan, note: String, by actor: Viewer, on db: any Database) async throws {
        let before = handover.replacementPlan ?? ""
        handover.replacementPlan = plan.rawValue
        handover.planNote = note
        try await handover.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "handover.plan",
                                             entityType: "handover", entityID: handover.id, before: before, after: plan.rawValue), on: db)
    }

    /// Art. 14.2: closes only when every item is acknowledged and a replacement plan exists.
    static func close(_ handover: HandoverModel, plan: ReplacementPlan?, note: String?, by actor: Viewer, now: Date,
                      on db: any Database) async throws {
        guard handover.isOpen else {
            var errors = FieldErrors()
            errors.add("handover", "Biên bản bàn giao này đã kết thúc.")
            throw errors
        }
        let items = try await HandoverItemModel.query(on: db).filter(\.$handover.$id == handover.id!).all()
        let open = items.filter { $0.acknowledgedAt == nil }.count
        if let refusal = HandoverClosure.refusal(unacknowledged: open, plan: plan ?? handover.plan) {
            var errors = FieldErrors()
            errors.add(open > 0 ? "items" : "replacement", refusal)
            throw errors
        }
        if let plan, plan != handover.plan { try await setPlan(handover, plan: plan, note: note ?? handover.planNote, by: actor, on: db) }
        handover.closedAt = now
        handover.closedBy = actor.fullName
        try await handover.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "handover.close",
                                             entityType: "handover", entityID: handover.id, after: handover.replacementPlan ?? ""), on: db)
    }

    /// The officers in an open handover, by agency (D6: they count for staffing, and are marked).
    static func openOfficers(agencies: Set<UUID>?, on db: any Database) async throws -> [(agencyID: UUID, officerID: UUID)] {
        var query = HandoverModel.query(on: db).filter(\.$closedAt == nil)
        if let agencies { query = query.filter(\.$agency.$id ~~ Array(agencies)) }
        return try await query.sort(\.$openedOn).sort(\.$id).all().map { ($0.$agency.id, $0.$officer.id) }
    }
}

extension HandoverService {
    /// An employment event of the officer page or the API, and the handover it opens (Art. 14.1), in
    /// one transaction. Returns the event's and the handover's ids.
    static func recordEventWithID(_ change: EmploymentChange, officer: OfficerModel, by viewer: Viewer, profile: RegulationProfile,
                                  _ req: Request) async throws -> (event: UUID?, handover: UUID?) {
        let (id, agencyID) = (officer.id!, officer.$agency.id)
        return try await req.write { db in
            let event = try await OfficerService.changeStatus(id, to: change.status, on: change.effectiveOn, note: change.note,
                                                              by: viewer, on: db)
            let handover = try await openIfTriggered(officerID: id, agencyID: agencyID, status: change.status, leaveDays: change.leaveDays,
                                                     eventID: event, on: change.effectiveOn, profile: profile, by: viewer, on: db)
            return (event, handover)
        }
    }

    static func recordEvent(_ change: EmploymentChange, officer: OfficerModel, by viewer: Viewer, profile: RegulationProfile,
                            _ req: Request) async throws -> UUID? {
        try await recordEventWithID(change, officer: officer, by: viewer, profile: profile, req).handover
    }
}
