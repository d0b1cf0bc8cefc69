import NIOConcurrencyHelpers
import Vapor

/// The requests whose handlers are still running — whether or not their client is still there.
/// Vapor's server drain (`Serving.drain`) waits for the requests of the connections still open; a
/// handler whose client went away (a browser closed mid-page, a load test stopped) keeps running,
/// and when the databases closed under it `req.db` ended the process. `qlcb serve` now also waits
/// for these before the databases close (issue 14: found killing a server a stopped load test had
/// left with four-second requests).
public final class RequestsInFlight: Sendable {
    private let running = NIOLockedValueBox(0)

    public var count: Int { running.withLockedValue { $0 } }

    func enter() { running.withLockedValue { $0 += 1 } }
    func leave() { running.withLockedValue { $0 -= 1 } }

    /// Waits until no handler runs, or `limit` has passed; true when none runs.
    public func drained(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while count > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Counts every request from the first middleware to its response (the outermost middleware).
    struct Counting: AsyncMiddleware {
        let inFlight: RequestsInFlight

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            inFlight.enter()
            defer { inFlight.leave() }
            return try await next.respond(to: request)
        }
    }
}

extension Application {
    private struct RequestsInFlightKey: StorageKey { typealias Value = RequestsInFlight }
    /// Made in `configure`, before the server answers.
    public var requestsInFlight: RequestsInFlight { store(RequestsInFlightKey.self) { RequestsInFlight() } }
}
