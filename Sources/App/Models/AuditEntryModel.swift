import Fluent
import Foundation

/// One entry of the append-only audit log, chained by SHA-256 to the one before it.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "seq") var seq: Int
    /// UTC instant as ISO 8601 with milliseconds: hashed exactly as stored.
    @Field(key: "at") var at: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @OptionalField(key: "entity_id") var entityID: UUID?
    @Field(key: "before") var before: String
    @Field(key: "after") var after: String
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String

    init() {}
}
