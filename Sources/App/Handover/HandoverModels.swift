import Domain
import Fluent
import Foundation

/// A handover opened by an employment event (Art. 14; D9), at the agency the officer leaves.
final class HandoverModel: Model, @unchecked Sendable {
    static let schema = "handovers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @Parent(key: "agency_id") var agency: AgencyModel
    @OptionalField(key: "event_id") var eventID: UUID?
    /// The employment status that opened it.
    @Field(key: "trigger") var trigger: String
    @Field(key: "opened_on") var openedOn: String
    @OptionalField(key: "replacement_plan") var replacementPlan: String?
    @Field(key: "plan_note") var planNote: String
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by") var closedBy: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$handover) var items: [HandoverItemModel]

    init() {}

    var isOpen: Bool { closedAt == nil }
    var plan: ReplacementPlan? { replacementPlan.flatMap(ReplacementPlan.init) }
    var triggerStatus: EmploymentStatus { EmploymentStatus(rawValue: trigger) ?? .transferred }
}

/// One line of a handover: what is handed over, to whom, the receiver's acknowledgement and, for a
/// credential, whether it was changed afterwards (D9).
final class HandoverItemModel: Model, @unchecked Sendable {
    static let schema = "handover_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "handover_id") var handover: HandoverModel
    @Field(key: "position") var position: Int
    @Field(key: "kind") var kind: String
    @OptionalField(key: "system_id") var systemID: UUID?
    @Field(key: "system_name") var systemName: String
    @Field(key: "code") var code: String
    @OptionalParent(key: "receiver_id") var receiver: OfficerModel?
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
    @Field(key: "rotation_recommended") var rotationRecommended: Bool
    @OptionalField(key: "rotated") var rotated: Bool?
    @OptionalField(key: "rotation_recorded_by") var rotationRecordedBy: String?
    @OptionalField(key: "rotation_recorded_at") var rotationRecordedAt: Date?

    init() {}

    init(handoverID: UUID, position: Int, line: HandoverLine) {
        self.$handover.id = handoverID
        self.position = position
        self.kind = line.kind.rawValue
        self.systemID = line.systemID
        self.systemName = line.systemName
        self.code = line.code
        self.rotationRecommended = line.rotationRecommended
    }

    var line: HandoverLine {
        HandoverLine(kind: HandoverLine.Kind(rawValue: kind) ?? .duty, systemID: systemID, systemName: systemName, code: code,
                     rotationRecommended: rotationRecommended)
    }
}
