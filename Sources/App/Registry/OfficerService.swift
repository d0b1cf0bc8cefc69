import Domain
import Fluent
import Foundation

/// Writes to the officer registry; each in one transaction with its audit entry.
enum OfficerService {
    static func activeAgency(_ id: UUID, on db: any Database) async throws -> AgencyModel {
        guard let agency = try await AgencyModel.find(id, on: db), agency.isActive else {
            var errors = FieldErrors()
            errors.add("agencyID", "Cơ quan không tồn tại hoặc đã ngừng hoạt động.")
            throw errors
        }
        return agency
    }

    static func create(_ draft: OfficerDraft, by actor: Viewer, on db: any Database) async throws -> OfficerModel {
        let agency = try await activeAgency(draft.agencyID, on: db)
        try await refuseDuplicateIdentity(draft.idNumber, except: nil, viewer: actor, on: db)
        let officer = OfficerModel()
        officer.apply(draft, agency: agency)
        officer.employmentStatus = EmploymentStatus.active.rawValue
        officer.version = 1
        try await officer.create(on: db)
        try await OfficerEventModel(officerID: officer.id!, status: .active, agencyID: draft.agencyID,
                                    effectiveOn: draft.startDate, note: "Bắt đầu làm công tác CNTT").create(on: db)
        // The incentive history starts with the record (ADR 0009); the creation's audit entry holds it.
        try await OfficerIncentiveModel(officerID: officer.id!, monthlyAmount: draft.monthlyIncentive,
                                        receives: draft.receivesIncentive, effectiveOn: draft.startDate).create(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "officer.create",
                                             entityType: "officer", entityID: officer.id,
                                             after: AuditLog.json(officer.input)), on: db)
        return officer
    }

    /// Edits the record. Moving to another agency goes through `transfer`, not through an edit.
    static func update(_ id: UUID, _ draft: OfficerDraft, expectedVersion: Int?, by actor: Viewer,
                       on db: any Database) async throws -> OfficerModel {
        guard let officer = try await OfficerModel.find(id, on: db) else { throw NotFound() }
        if let expectedVersion, expectedVersion != officer.version { throw StaleVersion() }
        if draft.agencyID != officer.$agency.id {
            var errors = FieldErrors()
            errors.add("agencyID", "Để chuyển cán bộ sang cơ quan khác, dùng chức năng “Chuyển công tác”.")
            throw errors
        }
        guard let agency = try await AgencyModel.find(draft.agencyID, on: db) else { throw NotFound() }
        if draft.idNumber != officer.idNumber {
            try await refuseDuplicateIdentity(draft.idNumber, except: id, viewer: actor, on: db)
        }
        let before = AuditLog.json(officer.input)
        let incentive = draft.changesIncentive(of: officer) ? (amount: officer.monthlyIncentive, receives: officer.receivesIncentive) : nil
        officer.apply(draft, agency: agency)
        officer.version += 1
        try await officer.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "officer.update",
                                             entityType: "officer", entityID: id, before: before,
                                             after: AuditLog.json(officer.input)), on: db)
        if let incentive {
            try await IncentiveHistories.append(officer: officer, before: incentive, effectiveOn: draft.incentiveEffectiveOn,
                                                by: actor, on: db)
        }
        return officer
    }

    /// A dated change of employment status at the current agency; `transferred` here means the officer
    /// left IT duty (a move between agencies of the registry is `transfer`). Returns the event's id.
    @discardableResult
    static func changeStatus(_ id: UUID, to status: EmploymentStatus, on date: LocalDate, note: String,
                             by actor: Viewer, on db: any Database) async throws -> UUID? {
        guard let officer = try await OfficerModel.find(id, on: db) else { throw NotFound() }
        let before = officer.employmentStatus
        officer.employmentStatus = status.rawValue
        officer.version += 1
        try await officer.save(on: db)
        let event = OfficerEventModel(officerID: id, status: status, agencyID: officer.$agency.id, effectiveOn: date,
                                      note: VietnameseText.normalize(note))
        try await event.create(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "officer.status",
                                             entityType: "officer", entityID: id, before: before,
                                             after: "\(status.rawValue) \(date.iso)"), on: db)
        return event.id
    }

    /// A transfer is an event: the person keeps one record and its history (issue 2 §4).
    static func transfer(_ id: UUID, to agencyID: UUID, on date: LocalDate, note: String, by actor: Viewer,
                         on db: any Database) async throws {
        guard let officer = try await OfficerModel.find(id, on: db) else { throw NotFound() }
        let from = officer.$agency.id
        guard from != agencyID else {
            var errors = FieldErrors()
            errors.add("agencyID", "Cán bộ đang công tác tại cơ quan này.")
            throw errors
        }
        let target = try await activeAgency(agencyID, on: db)
        let text = VietnameseText.normalize(note)
        try await OfficerEventModel(officerID: id, status: .transferred, agencyID: from, effectiveOn: date,
                                    note: text).create(on: db)
        try await OfficerEventModel(officerID: id, status: .active, agencyID: agencyID, fromAgencyID: from,
                                    effectiveOn: date, note: text).create(on: db)
        officer.$agency.id = agencyID
        officer.employmentStatus = EmploymentStatus.active.rawValue
        officer.refreshScope(agency: target)
        officer.version += 1
        try await officer.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "officer.transfer",
                                             entityType: "officer", entityID: id, before: from.canonicalText,
                                             after: "\(agencyID.canonicalText) \(date.iso)"), on: db)
    }

    /// After an agency's kind or analogy choice changes, its officers' scope is recomputed (Art. 2).
    static func refreshScopes(agency: AgencyModel, on db: any Database) async throws {
        let officers = try await OfficerModel.query(on: db).filter(\.$agency.$id == agency.id!).all()
        for officer in officers {
            let old = officer.scopeStatus
            officer.refreshScope(agency: agency)
            if officer.scopeStatus != old { try await officer.save(on: db) }
        }
    }

    /// One person, one record (issue 2 §4, issue 10 §4): an identity number already on another record is
    /// refused, naming that record to whoever may see it, so a transfer is recorded as one instead.
    static func refuseDuplicateIdentity(_ number: String, except id: UUID?, viewer: Viewer, on db: any Database) async throws {
        guard !number.isEmpty else { return }
        var query = OfficerModel.query(on: db).filter(\.$idNumber == number)
        if let id { query = query.filter(\.$id != id) }
        guard let existing = try await query.with(\.$agency).sort(\.$createdAt).sort(\.$id).first() else { return }
        var errors = FieldErrors()
        let visible = try await Visibility.place(of: existing.$agency.id, on: db).map(viewer.policy.canSee) ?? false
        if visible {
            errors.add("idNumber", "Số CMND/CCCD này đã có trong hồ sơ cán bộ \(existing.fullName) (\(existing.agency.name)). "
                + "Mỗi người chỉ có một hồ sơ; nếu cán bộ chuyển cơ quan, dùng chức năng “Chuyển công tác” trên hồ sơ đó.")
        } else {
            errors.add("idNumber", "Số CMND/CCCD này đã thuộc hồ sơ một cán bộ khác. Mỗi người chỉ có một hồ sơ; "
                + "hãy liên hệ cơ quan chuyên trách CNTT tỉnh để chuyển công tác cho hồ sơ đó.")
        }
        throw errors
    }
}
