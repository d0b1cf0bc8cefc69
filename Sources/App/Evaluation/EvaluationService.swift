import Domain
import Fluent
import Foundation
import SQLKit

/// The steps of an evaluation year (issue 4 §1): each an explicit, audited action of an authority
/// user, in one transaction with what it does.
enum EvaluationService {
    struct StepRecord: Hashable, Encodable, Sendable { var step: String; var label: String; var at: String; var by: String }

    static func mayTakeSteps(_ viewer: Viewer) -> Bool { viewer.policy.takesEvaluationSteps }

    /// Officers the year must grade: in scope or applied by analogy, in post at some time in the period.
    static func evaluable(year: Int, profile: RegulationProfile, on db: any Database) async throws -> [OfficerModel] {
        try await evaluableQuery(year: year, profile: profile, on: db).all()
    }

    /// In scope or by analogy, started by the end of the period, and served enough of it (ADR 0008).
    /// `excluded`: the officers `ServiceRecords.notEvaluated` names, when already read.
    static func evaluableQuery(year: Int, profile: RegulationProfile, excluded: Set<UUID>? = nil,
                               on db: any Database) async throws -> QueryBuilder<OfficerModel> {
        let excluded = if let excluded { excluded } else { try await ServiceRecords.notEvaluated(year: year, profile: profile, on: db) }
        let query = OfficerModel.query(on: db)
        for condition in evaluableConditions(year: year, profile: profile, excluded: excluded) { query.filter(.sql(condition)) }
        return query
    }

    /// The same as conditions on the officers' table (`OfficerModel.schema`, not aliased), for the
    /// statements that read the year's list as plain rows (`EvaluationList`, ADR 0006): one definition
    /// of who the year evaluates. The scope's codes and the period's end are written into the text,
    /// not bound: they are the same for every reader of a year, and PostgreSQL, which runs a statement
    /// prepared once per connection (ADR 0027) with one plan for every value once that plan is no
    /// dearer, estimated a bound date as a third of the officers and so kept planning the year's list
    /// afresh at each page (0.6 ms of its 2 ms; bench/results/speed-issue14.md, thirtieth part).
    static func evaluableConditions(year: Int, profile: RegulationProfile, excluded: Set<UUID>) -> [any SQLExpression] {
        let officers = OfficerModel.schema
        var conditions: [any SQLExpression] = [
            SQLBinaryExpression(QuotedColumn("scope_status", table: officers), .in,
                                SQLGroupExpression([ScopeStatus.inScope.code, ScopeStatus.analogous.code].map { SQLLiteral.string($0) })),
            SQLBinaryExpression(QuotedColumn("start_date", table: officers), .lessThanOrEqual,
                                SQLLiteral.string(profile.evaluationPeriod(year: year).upperBound.iso)),
        ]
        // In order, so that the same exemptions make the same statement (`KeptReads` keeps totals by statement).
        if !excluded.isEmpty { conditions.append(SQLBinaryExpression(QuotedColumn("id", table: officers), .notIn, SQLBind.group(excluded.sorted()))) }
        return conditions
    }

    static func ungradedCount(year: Int, profile: RegulationProfile, on db: any Database) async throws -> Int {
        let officers = try await evaluable(year: year, profile: profile, on: db).map { $0.id! }
        let graded = Set(try await GradeModel.query(on: db).filter(\.$year == year).all(\.$officer.$id))
        return officers.filter { !graded.contains($0) }.count
    }

    /// Takes `step`; throws FieldErrors("step") with the Domain's reason when it cannot be taken.
    @discardableResult
    static func take(_ step: EvaluationStep, year: Int, now: Date, profile: RegulationProfile, by viewer: Viewer,
                     on db: any Database) async throws -> YearEndRun.Report? {
        // Several instances on PostgreSQL (docs/operations.md): the year's row is locked before its
        // stage is read, so the same step pressed twice at once queues, and the second finds it taken.
        try await EvaluationAccess.lockYear(year, on: db)
        let cycle = try await EvaluationAccess.year(year, on: db)
        let ungraded = step == .publish ? try await ungradedCount(year: year, profile: profile, on: db) : 0
        if let problem = EvaluationCycle.problem(step, stage: cycle.stage, now: now,
                                                 deadline: WorkLogDeadline(profile: profile).instant(year: year), ungraded: ungraded) {
            var errors = FieldErrors()
            errors.add("step", problem)
            throw errors
        }
        var report: YearEndRun.Report?
        switch step {
        case .closeDeadline:
            report = try await YearEndRun.run(year: year, dryRun: false, now: now, profile: profile, actor: viewer.username, on: db)
        case .startGrading:
            break
        case .publish:
            let findings = try await YearEndRun.run(year: year, dryRun: true, now: now, profile: profile, actor: viewer.username, on: db)
            try await record(findings, on: db)
            let proposals = try await CessationProposalModel.query(on: db).filter(\.$year == year).count()
            try await MailEvents.resultsPublished(year: year, proposals: proposals, on: db)
            report = findings
            try await ProfileStore.keep(profile, forYear: year, at: now, actor: viewer, on: db)
            cycle.publishedAt = now
        }
        cycle.state = step.to.rawValue
        cycle.steps += "\(step.rawValue)|\(Instants.storedSeconds(now))|\(viewer.username)\n"
        try await cycle.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "evaluation.\(step.rawValue)",
                                             entityType: "evaluationYear", entityID: cycle.id, before: step.from.rawValue,
                                             after: "\(year): \(step.to.rawValue)"), on: db)
        return report
    }

    /// Publication turns the year-end findings into records: a cessation proposal per trigger (none for
    /// officers applied by analogy), two tasks for the head, and the reward candidacies awaiting a
    /// decision. Idempotent: a record that exists is kept as it is.
    static func record(_ report: YearEndRun.Report, on db: any Database) async throws {
        let year = report.year
        let ids = Set(report.disciplineTriggers.compactMap { UUID(uuidString: $0.officerId) }
            + report.rewardCandidates.compactMap { UUID(uuidString: $0.officerId) })
        let officers = try await OfficerModel.query(on: db).filter(\.$id ~~ Array(ids)).all()
            .reduce(into: [UUID: OfficerModel]()) { $0[$1.id!] = $1 }
        for trigger in report.disciplineTriggers {
            guard let id = UUID(uuidString: trigger.officerId), let officer = officers[id] else { continue }
            if DisciplineOutcome.needsCessationProposal(analogy: trigger.analogy),
               try await CessationProposalModel.query(on: db).filter(\.$officer.$id == id).filter(\.$year == year).first() == nil {
                let proposal = CessationProposalModel()
                proposal.$officer.id = id
                proposal.agencyID = officer.$agency.id
                proposal.year = year
                proposal.pattern = trigger.pattern
                proposal.window = trigger.years.map(String.init).joined(separator: ",")
                try await proposal.create(on: db)
            }
            for task in DisciplineOutcome.headTasks {
                guard try await HeadTaskModel.query(on: db).filter(\.$officer.$id == id).filter(\.$year == year)
                    .filter(\.$kind == task.rawValue).first() == nil else { continue }
                let model = HeadTaskModel()
                model.agencyID = officer.$agency.id
                model.$officer.id = id
                model.year = year
                model.kind = task.rawValue
                model.note = ""
                try await model.create(on: db)
            }
        }
        for candidate in report.rewardCandidates {
            guard let id = UUID(uuidString: candidate.officerId) else { continue }
            for kind in candidate.candidacies {
                guard try await RewardCandidateModel.query(on: db).filter(\.$officer.$id == id).filter(\.$year == year)
                    .filter(\.$candidacy == kind).first() == nil else { continue }
                let model = RewardCandidateModel()
                model.$officer.id = id
                model.year = year
                model.candidacy = kind
                model.decision = ""
                model.decisionNote = ""
                try await model.create(on: db)
            }
        }
    }

    static func steps(_ cycle: EvaluationYearModel, profile: RegulationProfile) -> [StepRecord] {
        let zone = TimeZone(identifier: profile.timeZoneIdentifier) ?? .current
        return cycle.steps.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let step = EvaluationStep(rawValue: parts[0]),
                  let at = Instants.parse(parts[1]) else { return nil }
            return StepRecord(step: step.rawValue, label: step.label, at: VietnameseTime.format(at, zone: zone), by: parts[2])
        }
    }
}
