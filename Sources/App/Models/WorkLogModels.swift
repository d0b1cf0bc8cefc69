import Fluent
import Foundation

/// The last ticket number given to an officer in an evaluation year: numbers are never reused.
final class TicketCounterModel: Model, @unchecked Sendable {
    static let schema = "ticket_counters"
    @ID(key: .id) var id: UUID?
    @Field(key: "officer_id") var officerID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "last_number") var lastNumber: Int
    init() {}
}

/// A single-use link with which a requester without an account confirms or refuses one ticket.
final class ConfirmationLinkModel: Model, @unchecked Sendable {
    static let schema = "confirmation_links"
    @ID(key: .id) var id: UUID?
    @Parent(key: "ticket_id") var ticket: WorkTicketModel
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    init() {}
}

/// An initiative (Form 2 row 7).
final class InitiativeModel: Model, @unchecked Sendable {
    static let schema = "initiatives"
    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "made_on") var madeOn: String
    @Field(key: "outcome") var outcome: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// The outsourced maintenance and incident cost of an agency-year, entered once by its finance
/// section (D11) and printed on each of its officers' Form 2.
final class AgencyYearCostModel: Model, @unchecked Sendable {
    static let schema = "agency_year_costs"
    @ID(key: .id) var id: UUID?
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "year") var year: Int
    @Field(key: "outsourced_cost") var outsourcedCost: Int
    @Field(key: "entered_by") var enteredBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// The head's periodic sign-off of an officer's log (Art. 13.3).
final class SignOffModel: Model, @unchecked Sendable {
    static let schema = "sign_offs"
    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @Field(key: "signed_by") var signedBy: String
    @Field(key: "note") var note: String
    @Timestamp(key: "signed_at", on: .create) var signedAt: Date?
    init() {}
}

/// An officer's log for an evaluation year: the head's opinion (Form 2) and its submission to the
/// provincial IT authority, with the time of receipt (D2).
final class WorkLogModel: Model, @unchecked Sendable {
    static let schema = "work_logs"
    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "agency_id") var agencyID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "head_opinion") var headOpinion: String
    @OptionalField(key: "head_confirmed_by") var headConfirmedBy: String?
    @OptionalField(key: "received_at") var receivedAt: Date?
    @OptionalField(key: "submitted_by") var submittedBy: String?
    @Field(key: "late_exception") var lateException: String
    init() {}
}
