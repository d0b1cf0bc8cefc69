import Fluent
import Foundation

/// One letter waiting in, or gone through, the outbox (issue 13 §3; docs/operations.md "Thư điện
/// tử"). Written in the same transaction as the event that causes it, so a rolled-back event leaves
/// no letter; delivered later by `MailWorker`. The row is the letter's whole history: what the
/// recipient sees on "Thư đã gửi cho tôi".
final class OutboxModel: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "recipient_user_id") var recipientUserID: UUID?
    @Field(key: "recipient_address") var recipientAddress: String
    @Field(key: "recipient_name") var recipientName: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var textBody: String
    @Field(key: "html_body") var htmlBody: String
    @Field(key: "kind") var kind: String
    /// Unique: the same reminder to the same person is written once, whichever instance writes it.
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "state") var state: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Field(key: "last_error") var lastError: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var outboxState: OutboxState { OutboxState(rawValue: state) ?? .pending }
}

/// Where a letter is: waiting (also between retries), claimed by one worker, delivered, given up.
enum OutboxState: String, CaseIterable, Sendable {
    case pending, sending, sent, failed
}

/// The outbox table, and the e-mail address of an account (a head, a requester or Home Affairs has no
/// officer record to take it from).
struct CreateMailOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxModel.schema)
            .id()
            .field("recipient_user_id", .uuid, .references(UserModel.schema, "id", onDelete: .setNull))
            .field("recipient_address", .string, .required)
            .field("recipient_name", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string, .required)
            .field("kind", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int64, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("lease_owner", .string)
            .field("lease_until", .datetime)
            .field("sent_at", .datetime)
            .field("last_error", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "dedupe_key")
            .create()
        try await Indexes.create(on: database, table: OutboxModel.schema, columns: ["state", "next_attempt_at"])
        try await Indexes.create(on: database, table: OutboxModel.schema, columns: ["recipient_user_id", "created_at"])
        try await database.schema(UserModel.schema)
            .field("email", .string, .required, .sql(.default("")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserModel.schema).deleteField("email").update()
        try await database.schema(OutboxModel.schema).delete()
    }
}
