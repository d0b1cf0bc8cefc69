import Domain
import Fluent
import Foundation

/// A decision of an agency's head assigning the Art. 5 duties to its IT officers (Art. 13.1).
final class AssignmentDecisionModel: Model, @unchecked Sendable {
    static let schema = "assignment_decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "number") var number: String
    @Field(key: "signed_on") var signedOn: String
    @Field(key: "signer") var signer: String
    @Field(key: "recorded_by") var recordedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$decision) var assignments: [DutyAssignmentModel]

    init() {}
}

/// One officer's duties in a decision; `duties` holds the codes, comma-separated, in catalogue order.
final class DutyAssignmentModel: Model, @unchecked Sendable {
    static let schema = "duty_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "decision_id") var decision: AssignmentDecisionModel
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "duties") var duties: String

    init() {}

    init(decisionID: UUID, officerID: UUID, duties: [ITDuty]) {
        self.$decision.id = decisionID
        self.$officer.id = officerID
        self.duties = duties.map(\.rawValue).joined(separator: ",")
    }

    var dutyList: [ITDuty] { duties.split(separator: ",").compactMap { ITDuty(rawValue: String($0)) } }
}

/// The commitment letter of Appendix III as a record (Art. 13.2): signed on a date, verified by the
/// personnel section (who and when), with the scan of the signed paper if uploaded (kept in the
/// upload store; the row holds its checksum, name, type and size).
final class CommitmentModel: Model, @unchecked Sendable {
    static let schema = "commitments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    /// The agency the officer served when signing: a commitment is kept in that agency's personnel file.
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "signed_on") var signedOn: String
    @Field(key: "recorded_by") var recordedBy: String
    @OptionalField(key: "verified_by") var verifiedBy: String?
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "scan_checksum") var scanChecksum: String?
    @OptionalField(key: "scan_name") var scanName: String?
    @OptionalField(key: "scan_type") var scanType: String?
    @OptionalField(key: "scan_size") var scanSize: Int?

    init() {}

    /// The uploaded scan of the signed letter, if any.
    var scan: StoredFile? {
        get {
            guard let scanChecksum, let scanName, let scanType, let scanSize else { return nil }
            return StoredFile(name: scanName, contentType: scanType, size: scanSize, checksum: scanChecksum)
        }
        set {
            scanChecksum = newValue?.checksum
            scanName = newValue?.name
            scanType = newValue?.contentType
            scanSize = newValue?.size
        }
    }
}

/// An information system of an agency's inventory (Art. 3.3) and the secret categories it has;
/// `categories` holds the codes, comma-separated. Never a secret's value (Art. 7.1).
final class InformationSystemModel: Model, @unchecked Sendable {
    static let schema = "information_systems"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "categories") var categories: String
    @Field(key: "note") var note: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var categoryList: [SecretCategory] { categories.split(separator: ",").compactMap { SecretCategory(rawValue: String($0)) } }
    var systemKind: SystemKind { SystemKind(rawValue: kind) ?? .other }
}

/// An officer holding one secret category of a system (Art. 3.3; D9).
final class SecretHoldingModel: Model, @unchecked Sendable {
    static let schema = "secret_holdings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "system_id") var system: InformationSystemModel
    @Parent(key: "officer_id") var officer: OfficerModel
    @Field(key: "category") var category: String

    init() {}

    init(systemID: UUID, officerID: UUID, category: SecretCategory) {
        self.$system.id = systemID
        self.$officer.id = officerID
        self.category = category.rawValue
    }
}
