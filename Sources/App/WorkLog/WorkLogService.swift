import Domain
import Fluent
import Foundation

/// An officer's log for one evaluation year: Form 2, the head's opinion and sign-offs, the agency's
/// outsourced cost, and the submission to the provincial IT authority (Art. 13.3, 15.6; D2, D10, D11).
enum WorkLogService {
    struct View: Sendable {
        var officerID: UUID
        var year: Int
        var summary: AnnualSummary
        var log: WorkLogRows.Log?
        var initiatives: [WorkLogRows.Initiative]
        var signOffs: [WorkLogRows.SignOff]
        var unsignedPeriods: [ClosedRange<LocalDate>]
        var deadline: LocalDate
        var onTime: Bool?
    }

    /// The log of `officer` (of `agency`, whose outsourced cost Form 2 shows) for `year`.
    static func view(officer id: UUID, agency: UUID, year: Int, profile: RegulationProfile, today: LocalDate,
                     on db: any Database) async throws -> View {
        let period = profile.evaluationPeriod(year: year)
        let initiatives = try await WorkLogRows.initiatives(officer: id, year: year, on: db)
        let summary = AnnualSummary.compute(year: year, period: period,
                                            tickets: try await WorkLogRows.ticketStates(officer: id, year: year, on: db),
                                            initiatives: initiatives.count,
                                            outsourcedCost: try await WorkLogRows.outsourcedCost(agency: agency, year: year, on: db))
        let log = try await WorkLogRows.log(officer: id, year: year, on: db)
        let signOffs = try await WorkLogRows.signOffs(officer: id, within: period, on: db)
        let signed = Set(signOffs.map(\.periodStart))
        let unsigned = SignOffPeriod.ended(in: period, every: profile.signOffEvery, today: today).filter { !signed.contains($0.lowerBound.iso) }
        let deadline = WorkLogDeadline(profile: profile)
        return View(officerID: id, year: year, summary: summary, log: log, initiatives: initiatives,
                    signOffs: signOffs, unsignedPeriods: unsigned, deadline: deadline.date(year: year),
                    onTime: log?.receivedAt.map { deadline.isOnTime(receivedAt: $0, year: year) })
    }

    static func view(officer: OfficerModel, year: Int, profile: RegulationProfile, today: LocalDate,
                     on db: any Database) async throws -> View {
        try await view(officer: officer.id!, agency: officer.$agency.id, year: year, profile: profile, today: today, on: db)
    }

    /// Tickets recorded or changed since the head last signed, newest change first (Art. 13.3: the
    /// head reviews them): at most 20.
    static func changedSinceSignOff(officer: UUID, year: Int, on db: any Database) async throws -> [TicketRow] {
        try await WorkLogRows.changed(officer: officer, year: year, since: try await WorkLogRows.lastSignedAt(officer: officer, on: db),
                                      limit: 20, on: db)
    }

    /// The officer's log of `year`, started (for `agency`, theirs) when it does not exist yet.
    static func log(officer: UUID, agency: UUID, year: Int, on db: any Database) async throws -> WorkLogModel {
        if let existing = try await WorkLogModel.query(on: db).filter(\.$officer.$id == officer)
            .filter(\.$year == year).first() { return existing }
        let log = WorkLogModel()
        log.$officer.id = officer
        log.agencyID = agency
        log.year = year
        log.headOpinion = ""
        log.lateException = ""
        try await log.create(on: db)
        return log
    }

    /// D2: received before the deadline, or after it only with an exception an authority user recorded.
    static func submit(officer: UUID, agency: UUID, year: Int, now: Date, profile: RegulationProfile, by actor: Viewer,
                       on db: any Database) async throws -> WorkLogModel {
        let log = try await log(officer: officer, agency: agency, year: year, on: db)
        var errors = FieldErrors()
        if log.receivedAt != nil {
            errors.add("submission", "Sổ công tác năm \(year) đã được nộp.")
            throw errors
        }
        let deadline = WorkLogDeadline(profile: profile)
        if !deadline.isOnTime(receivedAt: now, year: year) && log.lateException.isEmpty {
            errors.add("submission", "Đã quá hạn nộp Sổ công tác năm \(year) (trước ngày \(deadline.date(year: year).vietnamese)). "
                + "Chỉ nộp được khi \(profile.itAuthorityName) ghi nhận trường hợp ngoại lệ.")
            throw errors
        }
        log.receivedAt = now
        log.submittedBy = actor.username
        try await log.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "worklog.submit",
                                             entityType: "officer", entityID: officer,
                                             after: "\(year) \(AuditLog.timestamp(now))"), on: db)
        return log
    }

    static func recordException(officer: UUID, agency: UUID, year: Int, reason: String, by actor: Viewer, on db: any Database) async throws {
        let text = VietnameseText.normalize(reason)
        guard !text.isEmpty else {
            var errors = FieldErrors()
            errors.add("exceptionReason", "Ghi lý do cho phép nộp sau hạn.")
            throw errors
        }
        let log = try await log(officer: officer, agency: agency, year: year, on: db)
        log.lateException = text
        try await log.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "worklog.exception",
                                             entityType: "officer", entityID: officer, after: "\(year): \(text)"), on: db)
    }

    static func headOpinion(officer: UUID, agency: UUID, year: Int, text: String, by actor: Viewer, on db: any Database) async throws {
        let log = try await log(officer: officer, agency: agency, year: year, on: db)
        let before = log.headOpinion
        log.headOpinion = VietnameseText.normalize(text)
        log.headConfirmedBy = actor.fullName
        try await log.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "worklog.opinion",
                                             entityType: "officer", entityID: officer, before: before,
                                             after: "\(year): \(log.headOpinion)"), on: db)
    }

    static func signOff(officer: UUID, period: ClosedRange<LocalDate>, note: String, by actor: Viewer,
                        on db: any Database) async throws {
        if try await SignOffModel.query(on: db).filter(\.$officer.$id == officer)
            .filter(\.$periodStart == period.lowerBound.iso).first() != nil {
            var errors = FieldErrors()
            errors.add("period", "Kỳ này đã được ký duyệt.")
            throw errors
        }
        let signOff = SignOffModel()
        signOff.$officer.id = officer
        signOff.periodStart = period.lowerBound.iso
        signOff.periodEnd = period.upperBound.iso
        signOff.signedBy = actor.fullName
        signOff.note = VietnameseText.normalize(note)
        try await signOff.create(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "worklog.signOff",
                                             entityType: "officer", entityID: officer,
                                             after: "\(period.lowerBound.iso)…\(period.upperBound.iso)"), on: db)
    }

    /// D11: entered once per agency-year by its finance section.
    static func setOutsourcedCost(agencyID: UUID, year: Int, amount: Int, by actor: Viewer, on db: any Database) async throws {
        let existing = try await AgencyYearCostModel.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$year == year).first()
        let record = existing ?? AgencyYearCostModel()
        let before = existing.map { String($0.outsourcedCost) } ?? ""
        record.$agency.id = agencyID
        record.year = year
        record.outsourcedCost = amount
        record.enteredBy = actor.fullName
        try await record.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "worklog.cost",
                                             entityType: "agency", entityID: agencyID, before: before,
                                             after: "\(year): \(amount)"), on: db)
    }

    static func addInitiative(officer: UUID, year: Int, title: String, description: String, madeOn: LocalDate,
                              outcome: String, by actor: Viewer, on db: any Database) async throws {
        let initiative = InitiativeModel()
        initiative.$officer.id = officer
        initiative.year = year
        initiative.title = VietnameseText.normalize(title)
        initiative.description = VietnameseText.normalize(description)
        initiative.madeOn = madeOn.iso
        initiative.outcome = VietnameseText.normalize(outcome)
        try await initiative.create(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "worklog.initiative",
                                             entityType: "officer", entityID: officer, after: "\(year): \(initiative.title)"), on: db)
    }
}
