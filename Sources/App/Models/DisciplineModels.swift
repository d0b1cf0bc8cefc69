import Domain
import Fluent
import Foundation

/// A written proposal to stop an officer's IT incentive (Art. 16.3.b), signed jointly by the
/// provincial IT authority and the Department of Home Affairs.
final class CessationProposalModel: Model, @unchecked Sendable {
    static let schema = "cessation_proposals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "agency_id") var agencyID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "pattern") var pattern: String
    /// The years of the window, "2024,2025,2026".
    @Field(key: "window") var window: String
    @OptionalField(key: "authority_signed_by") var authoritySignedBy: String?
    @OptionalField(key: "authority_signed_at") var authoritySignedAt: Date?
    @OptionalField(key: "home_affairs_signed_by") var homeAffairsSignedBy: String?
    @OptionalField(key: "home_affairs_signed_at") var homeAffairsSignedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var disciplinePattern: DisciplinePattern? { DisciplinePattern(rawValue: pattern) }
    var isSigned: Bool { authoritySignedAt != nil && homeAffairsSignedAt != nil }
}

/// A task for an agency head after a trigger (Art. 16.3.b): reassign the officer, recruit another.
final class HeadTaskModel: Model, @unchecked Sendable {
    static let schema = "head_tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "agency_id") var agencyID: UUID
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "year") var year: Int
    @Field(key: "kind") var kind: String
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalField(key: "done_by") var doneBy: String?
    @Field(key: "note") var note: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var task: DisciplineOutcome.HeadTask? { DisciplineOutcome.HeadTask(rawValue: kind) }
}

/// A reward candidacy (Art. 16.2, D5) and the decision a person records on it.
final class RewardCandidateModel: Model, @unchecked Sendable {
    static let schema = "reward_candidates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "year") var year: Int
    @Field(key: "candidacy") var candidacy: String
    /// "" while undecided, then "approved" or "declined".
    @Field(key: "decision") var decision: String
    @Field(key: "decision_note") var decisionNote: String
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    var kind: RewardCandidacy? { RewardCandidacy(rawValue: candidacy) }
}
