import Domain
import Fluent
import Foundation

/// The cycle of an evaluation year (issue 4 §1): open → log deadline passed (automatic D run) →
/// grading → published. Results are visible outside the authority only once published (D4).
final class EvaluationYearModel: Model, @unchecked Sendable {
    static let schema = "evaluation_years"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "state") var state: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    /// The year's evaluation criteria, one per line (issue 4 §3; the regulation leaves them to the authority).
    @Field(key: "criteria") var criteria: String
    /// The steps taken, one per line: "closeDeadline|2026-10-01T00:05:00Z|sotttt".
    @Field(key: "steps") var steps: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var stage: EvaluationStage { EvaluationStage(rawValue: state) ?? .open }
    var criteriaList: [String] { criteria.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}
