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
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
