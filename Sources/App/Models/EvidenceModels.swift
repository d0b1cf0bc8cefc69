import Domain
import Fluent
import Foundation

/// An IT-application inspection of an agency (Art. 15.3.b).
final class InspectionModel: Model, @unchecked Sendable {
    static let schema = "inspections"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "year") var year: Int
    @Field(key: "inspected_on") var inspectedOn: String
    @Field(key: "team_level") var teamLevel: String
    @Field(key: "findings") var findings: String
    @Field(key: "rating") var rating: String
    @OptionalField(key: "score") var score: Int?
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}

/// An incident affecting an agency's information system (Art. 15.3.c), with any earlier proposal of
/// preventive measures by the officer and the head's decision on it (Art. 8.1.b).
final class IncidentModel: Model, @unchecked Sendable {
    static let schema = "incidents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agency_id") var agency: AgencyModel
    @OptionalParent(key: "officer_id") var officer: OfficerModel?
    @Field(key: "year") var year: Int
    @Field(key: "occurred_on") var occurredOn: String
    @Field(key: "system") var system: String
    @Field(key: "impact") var impact: String
    @Field(key: "cause") var cause: String
    @Field(key: "resolution") var resolution: String
    @Field(key: "proposal") var proposal: String
    @OptionalField(key: "proposed_on") var proposedOn: String?
    @Field(key: "proposal_decision") var proposalDecision: String
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    var decision: ProposalDecision { ProposalDecision(rawValue: proposalDecision) ?? .none }
}

/// A test, training, thematic session or annual meeting convened by the IT authority (Art. 5.7, 17.2–3).
final class TrainingEventModel: Model, @unchecked Sendable {
    static let schema = "training_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "held_on") var heldOn: String
    @Field(key: "place") var place: String
    @Field(key: "year") var year: Int
    @Children(for: \.$event) var invitations: [InvitationModel]

    init() {}

    var trainingKind: TrainingKind { TrainingKind(rawValue: kind) ?? .mandatoryTraining }
}

/// An officer invited to an event, their attendance and (for a test) their score out of 10.
final class InvitationModel: Model, @unchecked Sendable {
    static let schema = "invitations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: TrainingEventModel
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "attendance") var attendance: String
    @OptionalField(key: "score") var score: Double?
    @Field(key: "note") var note: String

    init() {}

    var status: Attendance { Attendance(rawValue: attendance) ?? .invited }
}
