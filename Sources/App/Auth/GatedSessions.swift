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
    private struct Columns: Decodable {
        var data: SessionData
        var expiresAt: Date?
        var auditHead: Int?
        enum CodingKeys: String, CodingKey { case data, expiresAt = "expires_at", auditHead = "audit_head" }
    }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        let row = SessionRow()
        row.key = SessionID(string: Secrets.token(bytes: 32))
        row.data = data
        row.expiresAt = request.now.addingTimeInterval(Self.lifetime)
        return gated(request) { try await row.create(on: request.db); return row.key }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            // Read on every page: a plain statement, decoded as the model would be (the model's
            // reflection was most of the read, issue 14). The audit head comes with it, for the
            // values kept at it: the signed-in person, a page's figures (`Request.auditHeadAtStart`).
            guard let row = try await request.db.sql().select().columns(QuotedColumn("data"), QuotedColumn("expires_at"))
                    .column(SQLAlias(AuditLog.headSeq, as: QuotedIdentifier("audit_head"))).from(QuotedIdentifier(SessionRow.schema))
                    .where(QuotedColumn("key"), .equal, SQLBind(sessionID.string)).first(decoding: Columns.self),
                  let expires = row.expiresAt, expires > request.now else { return nil }
            request.storage[ReadKey.self] = Read(key: sessionID, data: row.data, expiresAt: expires)
            request.auditHeadAtStart = row.auditHead
            return row.data
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
