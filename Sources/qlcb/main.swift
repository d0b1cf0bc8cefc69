import App
import Foundation
import Logging
import NIOCore
import NIOPosix
import Vapor

// Tasks run on the event loops that read their requests (ADR 0028); QLCB_EXECUTOR=pool keeps Swift's own pool.
if ProcessInfo.processInfo.environment["QLCB_EXECUTOR"] != "pool" {
    _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}
// qlcb serve | migrate | create-user | token | demo | import | audit-verify
var env = try Environment.detect()
try LogFormat.bootstrap(from: &env)  // LOG_FORMAT=json: JSON lines
let app = try await Application.make(env)
var failed = false
do {
    try await configure(app)
    do {
        try await app.execute()  // reports a failing command itself
        await Serving.drain(app)  // SIGTERM: finish the requests in flight before the databases close
    } catch {
        failed = true
    }
} catch {
    app.logger.report(error: error)
    failed = true
}
try await app.asyncShutdown()
if failed { exit(1) }
