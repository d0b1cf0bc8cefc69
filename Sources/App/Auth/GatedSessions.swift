import Fluent
import SQLKit
import Vapor

/// A session row as Fluent's database sessions keep it, with the instant it expires (added by
/// `AddSessionExpiry`): `Housekeeping` deletes the rows past it.
final class SessionRow: Model, @unchecked Sendable {
    static let schema = "_fluent_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: SessionID
    @Field(key: "data") var data: SessionData
    @OptionalField(key: "expires_at") var expiresAt: Date?
    init() {}
}

/// Database sessions that end after `lifetime` without use, on the server as well as in the cookie.
/// Writes go through the write gate: on SQLite a session INSERT or UPDATE racing the app's own
/// write transactions failed with "database is locked". A row is written when its data changed, or
/// at most every `refreshAfter` to push its expiry on — not on every page view.
struct GatedSessionDriver: SessionDriver {
    static let lifetime: TimeInterval = 8 * 3600
    static let refreshAfter: TimeInterval = 15 * 60

    /// What a request read of its session, to tell at the end whether it must be written.
    private struct Read: Sendable { var key: SessionID; var data: SessionData; var expiresAt: Date }
    private struct ReadKey: StorageKey { typealias Value = Read }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        let row = SessionRow()
        row.key = SessionID(string: Secrets.token(bytes: 32))
        row.data = data
        row.expiresAt = request.now.addingTimeInterval(Self.lifetime)
        return gated(request) { try await row.create(on: request.db); return row.key }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            // Read on every page: a plain statement (the model's reflection was most of the read, issue
            // 14), prepared once per connection on PostgreSQL (ADR 0027). The audit head comes with it,
            // for the values kept at it: a page's figures (`Request.auditHeadAtStart`); so does the head
            // without tickets, for the signed-in person and the registry's lists (`headWithoutTickets`).
            let rows = try await RawRows.all("""
                SELECT \(name: "data"), \(name: "expires_at"), \(AuditLog.headSeq) AS \(name: "audit_head"), \
                \(AuditLog.headWithoutTicketsSeq) AS \(name: "steady_head")
                FROM \(name: SessionRow.schema) WHERE \(name: "key") = \(bind: sessionID.string)
                """, on: request.db) {
                (data: try $0.string("data"), expires: try $0.date("expires_at"), head: try $0.int("audit_head"),
                 steady: try $0.int("steady_head"))
            }
            guard let row = rows.first, let text = row.data, let expires = row.expires, expires > request.now else { return nil }
            let data = try JSONDecoder().decode(SessionData.self, from: Data(text.utf8))
            request.storage[ReadKey.self] = Read(key: sessionID, data: data, expiresAt: expires)
            (request.auditHeadAtStart, request.headWithoutTickets) = (row.head, row.steady)
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        let now = request.now
        if let read = request.storage[ReadKey.self], read.data == data,
           read.expiresAt.timeIntervalSince(now) > Self.lifetime - Self.refreshAfter {
            return request.eventLoop.makeSucceededFuture(sessionID)
        }
        return gated(request) {
            try await SessionRow.query(on: request.db).filter(\.$key == sessionID)
                .set(\.$data, to: data).set(\.$expiresAt, to: now.addingTimeInterval(Self.lifetime)).update()
            return sessionID
        }
    }

    /// Deletes the row of a session this request read (a logout, a session ended at its next
    /// request, the old one at login). A cookie whose session was not found (past its expiry, purged,
    /// or made up) has no row to delete but an expired one `Housekeeping` purges: Vapor asks to
    /// delete it all the same, and a stranger sending such a cookie would take the write gate at
    /// each request. Nothing is written then (issue 14, no write on a read).
    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        guard request.storage[ReadKey.self]?.key == sessionID else { return request.eventLoop.makeSucceededVoidFuture() }
        return gated(request) { try await SessionRow.query(on: request.db).filter(\.$key == sessionID).delete() }
    }

    private func gated<T: Sendable>(_ request: Request, _ body: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        request.eventLoop.makeFutureWithTask { try await request.application.gated(body) }
    }
}
