import Foundation
import NIOCore
import NIOPosix

/// Where Swift concurrency runs its jobs (ADR 0024). By default on the server's own event loops, the
/// `singleton` group that `Application.make` serves on, rather than on a pool of its own: a request's
/// handler, the completions of its database calls and its response then stay on the same two
/// threads instead of passing between four. `QLCB_EXECUTOR=swift` keeps Swift's own pool.
public enum ConcurrencyExecutor {
    /// Call first thing in `main`, before anything runs concurrently. Returns whether the event
    /// loops took over.
    public static func install(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard environment["QLCB_EXECUTOR"] != "swift" else { return false }
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
