import Domain
import Fluent
import Foundation

/// An agency of the registry. Never hard-deleted: deactivated instead (issue 2 §3).
final class AgencyModel: Model, @unchecked Sendable {
    static let schema = "agencies"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "name_folded") var nameFolded: String
    @Field(key: "short_name") var shortName: String
    @Field(key: "kind") var kind: String
    @Field(key: "level") var level: String
    @OptionalParent(key: "governing_agency_id") var governingAgency: AgencyModel?
    @Field(key: "district") var district: String
    @Field(key: "address") var address: String
    @Field(key: "head_name") var headName: String
    @Field(key: "head_title") var headTitle: String
    @Field(key: "applies_by_analogy") var appliesByAnalogy: Bool
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var agencyKind: AgencyKind { Self.agencyKind(kind) }
    var adminLevel: AdminLevel { Self.adminLevel(level) }

    /// The stored codes read back, for models and for plain rows alike.
    static func agencyKind(_ code: String) -> AgencyKind { AgencyKind(rawValue: code) ?? .administrative }
    static func adminLevel(_ code: String) -> AdminLevel { AdminLevel(rawValue: code) ?? .province }
}

/// The IT-application level of an agency for a year, with the document it comes from (D7).
final class AgencyITLevelModel: Model, @unchecked Sendable {
    static let schema = "agency_it_levels"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "year") var year: Int
    @Field(key: "level") var level: Int
    @Field(key: "source_document") var sourceDocument: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(agencyID: UUID, year: Int, level: Int, sourceDocument: String) {
        self.$agency.id = agencyID
        self.year = year
        self.level = level
        self.sourceDocument = sourceDocument
    }
}
