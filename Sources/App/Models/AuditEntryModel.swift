import Fluent
import Foundation
import SQLKit

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

extension AuditEntryModel {
    /// Every column, for entries read as plain rows (`init(row:)`).
    static let columns = ["id", "seq", "at", "actor_id", "actor_name", "action", "entity_type", "entity_id",
                          "before", "after", "prev_hash", "hash"]

    /// An entry made from a plain row of `columns` (ADR 0006): the pages that tell a record's history
    /// read a few dozen entries, and Fluent's decoding of each cost more than the statement (issue 14).
    /// Never saved: the log is written only by `AuditLog.append`.
    convenience init(row: any ResultColumns) throws {
        self.init()
        id = try row.uuid("id")
        seq = try row.required("seq", row.int)
        at = try row.string("at", default: "")
        actorID = try row.uuid("actor_id")
        actorName = try row.string("actor_name", default: "")
        action = try row.string("action", default: "")
        entityType = try row.string("entity_type", default: "")
        entityID = try row.uuid("entity_id")
        before = try row.string("before", default: "")
        after = try row.string("after", default: "")
        prevHash = try row.string("prev_hash", default: "")
        hash = try row.string("hash", default: "")
    }

    /// The entries `condition` selects (on the log's columns; nil: every entry), newest first, at most
    /// `limit` after the `offset` newest.
    static func newest(where condition: SQLQueryString? = nil, limit: Int, offset: Int = 0,
                       on db: any Database) async throws -> [AuditEntryModel] {
        let filter: SQLQueryString = condition.map { "WHERE \($0) " } ?? ""
        return try await RawRows.all("""
            SELECT \(idents: columns, joinedBy: ", ") FROM \(name: schema) \(filter)ORDER BY seq DESC \
            LIMIT \(literal: limit) OFFSET \(literal: offset)
            """, on: db) { try AuditEntryModel(row: $0) }
    }
}
