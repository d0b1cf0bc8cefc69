import Fluent
import Foundation
import NIOCore
import Vapor

/// Deletes what is only kept for a while: sessions past their expiry (`GatedSessionDriver`, eight
/// hours without use) and confirmation links used or past their fourteen days — a used or expired
/// link opens nothing, so removing it changes nothing anyone sees. `qlcb serve` runs it every
/// `QLCB_HOUSEKEEPING_MINUTES` (default 60; 0 turns it off); see docs/operations.md.
enum Housekeeping {
    struct Purged: Sendable, Equatable {
        var sessions: Int
        var links: Int
    }

    /// One purge as of `now` (injected: tests move the clock instead of waiting), in one transaction
    /// with its audit entry when links were removed.
    @discardableResult
    static func purge(now: Date, on app: Application) async throws -> Purged {
        try await app.write { db in
            let sessions = SessionRow.query(on: db).group(.or) { $0.filter(\.$expiresAt < now).filter(\.$expiresAt == nil) }
            let links = ConfirmationLinkModel.query(on: db).group(.or) { $0.filter(\.$usedAt != nil).filter(\.$expiresAt < now) }
            let purged = Purged(sessions: try await sessions.count(), links: try await links.count())
            try await sessions.delete()
            try await links.delete()
            if purged.links > 0 {
                try await AuditLog.append(AuditEvent(actorID: nil, actorName: "Hệ thống", action: "housekeeping.links",
                                                     entityType: "system", entityID: nil), on: db)
            }
            return purged
        }
    }

    /// The interval between purges from `QLCB_HOUSEKEEPING_MINUTES`; nil turns them off.
    static func interval(from text: String?) -> TimeAmount? {
        guard let text, !text.isEmpty else { return .minutes(60) }
        guard let minutes = Int64(text), minutes > 0 else { return nil }
        return .minutes(minutes)
    }
}

/// Starts the repeated purge when the server starts and cancels it when it stops (only `qlcb serve`
/// installs it: one-shot commands leave the data alone).
struct HousekeepingLifecycle: LifecycleHandler {
    let every: TimeAmount

    final class Running: @unchecked Sendable { var task: RepeatedTask? }
    let running = Running()

    func didBoot(_ app: Application) throws {
        running.task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: every) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    let purged = try await Housekeeping.purge(now: app.clock.now(), on: app)
                    app.logger.info("Dọn dẹp định kỳ", metadata: ["sessions": "\(purged.sessions)", "links": "\(purged.links)"])
                } catch {
                    app.logger.warning("Dọn dẹp định kỳ không thành công: \(String(describing: error))")
                }
            }
        }
    }

    func shutdown(_ app: Application) {
        running.task?.cancel()
    }
}
