import Fluent
import Vapor

/// Vapor's database sessions with their writes taken through the write gate: on SQLite a session
/// INSERT or UPDATE racing the app's own write transactions failed with "database is locked".
/// A session row is written only when its data changed, not on every page view.
struct GatedSessionDriver: SessionDriver {
    let inner: any SessionDriver

    private struct ReadKey: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        gated(request) { try await inner.createSession(data, for: request).get() }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        inner.readSession(sessionID, for: request).map { data in
            request.storage[ReadKey.self] = data
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let read = request.storage[ReadKey.self], read == data { return request.eventLoop.makeSucceededFuture(sessionID) }
        return gated(request) { try await inner.updateSession(sessionID, to: data, for: request).get() }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        gated(request) { try await inner.deleteSession(sessionID, for: request).get() }
    }

    private func gated<T: Sendable>(_ request: Request, _ body: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        request.eventLoop.makeFutureWithTask { try await request.application.gated(body) }
    }
}
