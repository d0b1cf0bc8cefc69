import Domain
import Fluent
import Foundation

/// An officer's grade for an evaluation year (Art. 15.4). Grades belong to the person (D1).
final class GradeModel: Model, @unchecked Sendable {
    static let schema = "grades"

    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "year") var year: Int
    @Field(key: "grade") var grade: String
    @Field(key: "reason") var reason: String
    @Field(key: "comment") var comment: String
    @Field(key: "entered_by") var enteredBy: String
    /// Comments against the year's criteria, as JSON {"criterion": "comment"}.
    @Field(key: "criteria_notes") var criteriaNotes: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var value: Grade? { Grade(rawValue: grade) }
    var isAutomatic: Bool { reason == GradeReason.workLogNotSubmitted.rawValue }
}
