import Domain
import Fluent
import Foundation

/// An IT officer: every field of Appendix I Form 1, and more. One record per person across
/// agencies: a transfer moves the record and is kept as an event.
final class OfficerModel: Model, @unchecked Sendable {
    static let schema = "officers"

    @ID(key: .id) var id: UUID?
    @Field(key: "full_name") var fullName: String
    @Field(key: "name_folded") var nameFolded: String
    @Field(key: "name_sort_key") var nameSortKey: String
    @Field(key: "date_of_birth") var dateOfBirth: String
    @Field(key: "gender") var gender: String
    @Field(key: "position") var position: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "monthly_incentive") var monthlyIncentive: Int?
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "division") var division: String
    @Field(key: "id_number") var idNumber: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    @Field(key: "qualifications") var qualifications: String
    @Field(key: "certificates") var certificates: String
    @Field(key: "civil_service_status") var civilServiceStatus: String
    @Field(key: "receives_incentive") var receivesIncentive: Bool
    @Field(key: "is_it_leadership") var isITLeadership: Bool
    @Field(key: "is_telecom_officer") var isTelecomOfficer: Bool
    /// Derived from the facts above and the agency (Art. 2); stored so lists can filter on it.
    @Field(key: "scope_status") var scopeStatus: String
    /// The latest status event; stored so lists can filter on it.
    @Field(key: "employment_status") var employmentStatus: String
    @Field(key: "start_date") var startDate: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var officerKind: ITOfficerKind { Self.officerKind(kind) }
    var scope: ScopeStatus { Self.scope(scopeStatus) }
    var status: EmploymentStatus { Self.status(employmentStatus) }

    /// The stored codes read back, for models and for plain rows alike.
    static func officerKind(_ code: String) -> ITOfficerKind { ITOfficerKind(rawValue: code) ?? .partTime }
    static func status(_ code: String) -> EmploymentStatus { EmploymentStatus(rawValue: code) ?? .active }
    static func scope(_ code: String) -> ScopeStatus { ScopeStatus(code: code) ?? .excluded(.notEligible) }
}

/// A dated change of an officer's employment status; a transfer names both agencies.
final class OfficerEventModel: Model, @unchecked Sendable {
    static let schema = "officer_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "status") var status: String
    @Parent(key: "agency_id") var agency: AgencyModel
    @OptionalField(key: "from_agency_id") var fromAgencyID: UUID?
    @Field(key: "effective_on") var effectiveOn: String
    @Field(key: "note") var note: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(officerID: UUID, status: EmploymentStatus, agencyID: UUID, fromAgencyID: UUID? = nil,
         effectiveOn: LocalDate, note: String) {
        self.$officer.id = officerID
        self.status = status.rawValue
        self.$agency.id = agencyID
        self.fromAgencyID = fromAgencyID
        self.effectiveOn = effectiveOn.iso
        self.note = note
    }
}
