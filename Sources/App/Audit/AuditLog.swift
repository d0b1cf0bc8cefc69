import Fluent
import Foundation
import SQLKit

/// What is written to the audit log for one change.
struct AuditEvent: Sendable {
    var actorID: UUID?
    var actorName: String
    var action: String
    var entityType: String
    var entityID: UUID?
    var before: String = ""
    var after: String = ""
}

/// The append-only audit log (issue 2 §7): each entry carries the hash of the one before it, so
/// that editing or deleting any entry breaks the chain that `qlcb audit-verify` checks. The hash is
/// an HMAC-SHA256 under the audit key kept outside the database (`AuditKey`, ADR 0007): whoever can
/// edit the database but not read the key cannot recompute the chain.
enum AuditLog {
    static let headTable = "audit_head"
    static let genesis = String(repeating: "0", count: 64)
    /// The entity type of a work ticket's entries (`TicketService`): writes that leave the head
    /// without tickets where it was, as the events of `eventsOnly` do.
    static let ticketEntity = "ticket"
    /// The row of `headTable` that holds the sequence number of the last entry that changed a record
    /// other than a ticket (`movesHeadWithoutTickets`; the whole chain's head is row 1). Only its
    /// `seq` is used.
    static let withoutTicketsID = 2
    /// Actions that record an event and change no record: a login, successful or not, a logout, a
    /// refused request, a refused password change. Each writes its entry (and the login throttle's
    /// counters, which no page shows), nothing a value kept at the head without tickets reads.
    static let eventsOnly: Set<String> = ["login", "login.failed", "logout", "permission.denied", "user.password.failed"]

    /// Whether an entry moves the head without tickets: any entry but a ticket's and an event's
    /// (`eventsOnly`). At ten times the demo every login made the efficiency table be computed again,
    /// 1.3 s (ADR 0020, forty-third part).
    static func movesHeadWithoutTickets(_ event: AuditEvent) -> Bool {
        event.entityType != ticketEntity && !eventsOnly.contains(event.action)
    }

    /// Appends inside the caller's transaction (`append(all:)` with one entry).
    static func append(_ event: AuditEvent, on db: any Database) async throws {
        try await append(all: [event], on: db)
    }

    /// Appends entries inside the caller's transaction, in the given order. The UPDATE of the head row
    /// comes first and moves it by the whole count: on PostgreSQL it locks the row, so concurrent
    /// appends queue instead of forking the chain. The chain is sealed in memory, the rows go in as
    /// multi-row INSERTs of `chunk` (the year-end run writes thousands, issue 14) and the head takes
    /// the last hash: four statements per batch rather than four per entry.
    static func append(all events: [AuditEvent], on db: any Database, chunk: Int = 500) async throws {
        guard !events.isEmpty, let sql = db as? any SQLDatabase else { return }
        try await sql.update(headTable).set("seq", to: SQLRaw("seq + \(events.count)"))
            .where("id", .equal, SQLLiteral.numeric("1")).run()
        guard let head = try await sql.select().columns("seq", "hash").from(headTable)
            .where("id", .equal, SQLLiteral.numeric("1")).first(decoding: Head.self) else {
            throw ConfigError(message: "Thiếu bảng đầu chuỗi nhật ký; hãy chạy qlcb migrate.")
        }
        let key = try AuditKeyring.current()
        let at = timestamp(Date())
        var previous = head.hash
        let entries = events.enumerated().map { offset, event in
            let entry = AuditEntryModel()
            entry.seq = head.seq - events.count + 1 + offset
            entry.at = at
            entry.actorID = event.actorID
            entry.actorName = event.actorName
            entry.action = event.action
            entry.entityType = event.entityType
            entry.entityID = event.entityID
            entry.before = event.before
            entry.after = event.after
            entry.prevHash = previous
            entry.hash = hash(of: entry, key: key)
            previous = entry.hash
            return entry
        }
        try await RawInsert.rows(into: AuditEntryModel.schema, columns: [
            "id", "seq", "at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "before", "after", "prev_hash", "hash",
        ], entries.map { e in
            [UUID(), e.seq, e.at, e.actorID, e.actorName, e.action, e.entityType, e.entityID, e.before, e.after, e.prevHash, e.hash]
        }, chunk: chunk, on: db)
        try await sql.update(headTable).set("hash", to: previous)
            .where("id", .equal, SQLLiteral.numeric("1")).run()
        // Under the lock of row 1, so the two heads move in the order of the chain.
        if events.contains(where: movesHeadWithoutTickets) {
            try await sql.update(headTable).set("seq", to: SQLBind(head.seq))
                .where("id", .equal, SQLLiteral.numeric("\(withoutTicketsID)")).run()
        }
    }

    static func hash(of e: AuditEntryModel, key: AuditKey) -> String { key.seal(sealedText(of: e)) }

    /// What the hash covers: the previous hash and every field, separated by U+001F.
    static func sealedText(of e: AuditEntryModel) -> String {
        let fields = [e.prevHash, String(e.seq), e.at, e.actorID?.canonicalText ?? "", e.actorName, e.action,
                      e.entityType, e.entityID?.canonicalText ?? "", e.before, e.after]
        return fields.joined(separator: "\u{1F}")
    }

    struct Head: Decodable, Sendable { var seq: Int; var hash: String }

    /// The head's sequence number as a scalar subquery, to read it within another statement (and so
    /// from the same snapshot as its rows: `KeptReads`).
    static let headSeq: any SQLExpression = SQLGroupExpression(SQLRaw("SELECT seq FROM \(headTable) WHERE id = 1"))
    /// `headWithoutTickets` as a column of a statement.
    static let headWithoutTicketsSeq: any SQLExpression =
        SQLGroupExpression(SQLRaw("SELECT seq FROM \(headTable) WHERE id = \(withoutTicketsID)"))

    /// The last sequence number and its hash, as `qlcb audit-head` prints them for the paper records.
    /// A plain statement, prepared once per connection on PostgreSQL (ADR 0027): pages read it.
    static func head(on db: any Database) async throws -> Head {
        let heads = try await RawRows.all("SELECT seq, hash FROM \(name: headTable) WHERE id = 1", on: db) {
            Head(seq: try $0.required("seq", $0.int), hash: try $0.string("hash", default: ""))
        }
        guard let head = heads.first else { throw ConfigError(message: "Thiếu bảng đầu chuỗi nhật ký; hãy chạy qlcb migrate.") }
        return head
    }

    /// The sequence number of the last entry that changed a record other than a work ticket
    /// (`withoutTicketsID`, `movesHeadWithoutTickets`).
    static func headWithoutTickets(on db: any Database) async throws -> Int {
        let heads = try await RawRows.all("SELECT seq FROM \(name: headTable) WHERE id = \(literal: withoutTicketsID)", on: db) {
            try $0.required("seq", $0.int)
        }
        guard let head = heads.first else { throw ConfigError(message: "Thiếu bảng đầu chuỗi nhật ký; hãy chạy qlcb migrate.") }
        return head
    }

    static func timestamp(_ date: Date) -> String { Instants.stored(date) }

    /// The JSON of a value for the before/after columns, keys sorted so it is stable.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }

    /// The JSON of a value with a few more keys (a correction's reason beside the content it changed).
    static func json(_ value: some Encodable, adding extra: [String: String]) -> String {
        let text = json(value)
        guard !extra.isEmpty, let object = AuditFields.object(text),
              let data = try? JSONSerialization.data(withJSONObject: object.merging(extra) { $1 },
                                                     options: [.sortedKeys, .withoutEscapingSlashes]) else { return text }
        return String(data: data, encoding: .utf8) ?? text
    }
}
