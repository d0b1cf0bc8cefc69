import Fluent
import Foundation
import SQLKit

/// What a letter says: one kind (`ticket.request`, `reminder.worklog`…), a subject and both bodies.
struct Letter: Sendable {
    var kind: String
    var subject: String
    var text: String
    var html: String
}

/// Who a letter goes to: an account with an address.
struct MailRecipient: Sendable, Equatable {
    var userID: UUID?
    var name: String
    var address: String
}

/// The outbox (issue 13 §3, ADR 0015): letters are written with the event that causes them and
/// delivered by `MailWorker`, at most one worker at a time per letter.
enum Outbox {
    /// A claimed letter belongs to its worker this long; after that (a crash, a kill) another takes it.
    static let lease: TimeInterval = 5 * 60
    /// After the eighth failed attempt the letter is given up ("failed").
    static let maxAttempts = 8

    /// Writes one letter. Call it INSIDE the transaction of the event that causes it: a rolled-back
    /// event then leaves no letter. A letter whose `dedupeKey` is already in the outbox is not written
    /// again (returns false): the same reminder reaches a person once, whichever instance writes it.
    @discardableResult
    static func enqueue(on db: any Database, to recipient: MailRecipient, _ letter: Letter, dedupeKey: String,
                        now: Date = Date()) async throws -> Bool {
        guard let sql = db as? any SQLDatabase, !recipient.address.isEmpty else { return false }
        let id = UUID()
        let rows = try await sql.raw("""
            INSERT INTO mail_outbox (id, recipient_user_id, recipient_address, recipient_name, subject, text_body,
              html_body, kind, dedupe_key, state, attempts, next_attempt_at, last_error, created_at)
            VALUES (\(bind: id), \(bind: recipient.userID), \(bind: recipient.address), \(bind: recipient.name),
              \(bind: letter.subject), \(bind: letter.text), \(bind: letter.html), \(bind: letter.kind), \(bind: dedupeKey),
              \(bind: OutboxState.pending.rawValue), \(bind: 0), \(bind: now), \(bind: ""), \(bind: now))
            ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Letters waiting now: due and unclaimed, or claimed by a worker whose lease ran out.
    static func due(now: Date, limit: Int, on sql: any SQLDatabase) async throws -> [UUID] {
        struct Row: Decodable { var id: UUID }
        return try await sql.raw("""
            SELECT id FROM mail_outbox
            WHERE (state = \(bind: OutboxState.pending.rawValue) AND next_attempt_at <= \(bind: now))
               OR (state = \(bind: OutboxState.sending.rawValue) AND lease_until < \(bind: now))
            ORDER BY next_attempt_at, id LIMIT \(bind: limit)
            """).all(decoding: Row.self).map(\.id)
    }

    /// Takes one letter for `owner` in a single conditional UPDATE: of several workers racing for the
    /// same row exactly one gets it back (PostgreSQL re-checks the condition after the row lock;
    /// SQLite runs one write at a time). The attempt is counted now, so a crash while sending counts.
    static func claim(_ id: UUID, owner: String, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        try await !sql.raw("""
            UPDATE mail_outbox SET state = \(bind: OutboxState.sending.rawValue), lease_owner = \(bind: owner),
              lease_until = \(bind: now.addingTimeInterval(lease)), attempts = attempts + 1
            WHERE id = \(bind: id)
              AND ((state = \(bind: OutboxState.pending.rawValue) AND next_attempt_at <= \(bind: now))
                OR (state = \(bind: OutboxState.sending.rawValue) AND lease_until < \(bind: now)))
            RETURNING id
            """).all().isEmpty
    }

    static func markSent(_ id: UUID, owner: String, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE mail_outbox SET state = \(bind: OutboxState.sent.rawValue), sent_at = \(bind: now), lease_owner = NULL,
              lease_until = NULL, last_error = \(bind: "")
            WHERE id = \(bind: id) AND lease_owner = \(bind: owner)
            """).run()
    }

    /// A failed attempt: waits `backoff(attempts)` before the next one, or gives up after `maxAttempts`.
    static func markFailed(_ id: UUID, owner: String, attempts: Int, error: String, now: Date, on sql: any SQLDatabase) async throws {
        let givenUp = attempts >= maxAttempts
        try await sql.raw("""
            UPDATE mail_outbox SET state = \(bind: (givenUp ? OutboxState.failed : .pending).rawValue),
              next_attempt_at = \(bind: now.addingTimeInterval(backoff(attempts: attempts))), lease_owner = NULL,
              lease_until = NULL, last_error = \(bind: String(error.prefix(500)))
            WHERE id = \(bind: id) AND lease_owner = \(bind: owner)
            """).run()
    }

    /// One minute after the first failure, doubling each time, at most six hours.
    static func backoff(attempts: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, attempts - 1))), 6 * 3600)
    }

    /// Letters per state, for the `/metrics` gauge.
    static func depth(on sql: any SQLDatabase) async throws -> [String: Int] {
        struct Row: Decodable { var state: String; var n: Int }
        let rows = try await sql.raw("SELECT state, COUNT(*) AS n FROM mail_outbox GROUP BY state ORDER BY state")
            .all(decoding: Row.self)
        var depth = Dictionary(uniqueKeysWithValues: OutboxState.allCases.map { ($0.rawValue, 0) })
        for row in rows { depth[row.state] = row.n }
        return depth
    }

    /// When the oldest letter still waiting became due (nil: nothing waits).
    static func oldestDue(now: Date, on sql: any SQLDatabase) async throws -> Date? {
        struct Row: Decodable { var next_attempt_at: Date }
        return try await sql.raw("""
            SELECT next_attempt_at FROM mail_outbox
            WHERE state IN (\(bind: OutboxState.pending.rawValue), \(bind: OutboxState.sending.rawValue)) AND next_attempt_at <= \(bind: now)
            ORDER BY next_attempt_at LIMIT 1
            """).first(decoding: Row.self)?.next_attempt_at
    }
}
