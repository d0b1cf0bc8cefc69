import Domain
import Fluent
import Foundation

/// What the year's page shows of its cycle: the stage, when it was published, the criteria, each
/// step with the full name and role of whoever took it (the cycle keeps the username), and the title
/// of the profile kept at publication, which the year's papers print with (ADR 0010).
///
/// Kept while the audit head stays (ADR 0020): a step, a change of criteria, a publication and a
/// change to an account are audited writes, which move the head. Read on every view as models (the
/// cycle, the takers and their grants, the snapshot), it was four statements of the page's nine
/// (bench/results/speed-issue14.md).
struct EvaluationYearHeader: Sendable {
    var stage: EvaluationStage
    var publishedAt: Date?
    var criteria: String
    var criteriaList: [String]
    var steps: [EvaluationService.StepRecord]
    var keptProfile: String?

    /// The header of `year` under `profile`, kept in `kept` at the audit head `head` the page read.
    static func kept(year: Int, profile: RegulationProfile, at head: Int, in kept: KeptReads,
                     on db: any Database) async throws -> Self {
        try await kept.value("evaluation year \(year) \(ProfileStore.keyPart(profile))", readAfter: head) {
            try await read(year: year, profile: profile, on: db)
        }
    }

    static func read(year: Int, profile: RegulationProfile, on db: any Database) async throws -> Self {
        let cycle = try await EvaluationYearModel.query(on: db).filter(\.$year == year).first()
        var steps = cycle.map { EvaluationService.steps($0, profile: profile) } ?? []
        var takers = AuditNames()
        try await takers.loadUsers(ids: [], usernames: Array(Set(steps.map(\.by))), on: db)
        for index in steps.indices { steps[index].by = AuditNames.actor(username: steps[index].by, in: takers) }
        let stage = cycle?.stage ?? .open
        return Self(stage: stage, publishedAt: cycle?.publishedAt, criteria: cycle?.criteria ?? EvaluationAccess.defaultCriteria,
                    criteriaList: EvaluationAccess.criteria(of: cycle), steps: steps,
                    keptProfile: stage == .published ? try await ProfileStore.snapshot(year: year, on: db)?.title : nil)
    }
}
