import Foundation
import Vapor

/// The staffing report of this year (Art. 11.1), computed for the whole province as `qlcb serve`
/// starts, in the background, so that no reader pays for it: the first view after a start computed
/// it (0.36 s at the demo's ten-fold size on SQLite, 1.3–1.5 s at a hundred-fold on PostgreSQL;
/// bench/results/speed-issue14.md, forty-third part). A request that arrives meanwhile waits for that
/// one computation (`StaffingCache`, `SingleFlight`); after it, writes bring the report up to date
/// agency by agency. Only the server installs it: one-shot commands and the tests' applications
/// (which count computations) do not.
enum StaffingWarmup {
    /// Computes the report the staffing page, the API and the heads' home page read first: this
    /// year's, under the active profile's threshold. Returns the year.
    @discardableResult
    static func warm(_ app: Application) async throws -> Int {
        let db = app.db
        let profile = try await app.profileCache.get { try await ProfileStore.active(on: db) }
        let year = profile.date(of: app.clock.now()).year
        _ = try await app.staffingCache.province(year: year, threshold: profile.staffingBothKindsFromLevel, on: db)
        return year
    }
}

/// Starts `StaffingWarmup` when the server has booted, and waits for it before the databases close.
struct StaffingWarmupLifecycle: LifecycleHandler {
    final class Running: @unchecked Sendable { var task: Task<Void, Never>? }
    let running = Running()

    func didBoot(_ app: Application) throws {
        running.task = Task {
            let started = Date()
            do {
                let year = try await StaffingWarmup.warm(app)
                let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
                app.logger.info("Đã tính sẵn báo cáo biên chế", metadata: ["year": "\(year)", "seconds": "\(seconds)"])
            } catch {
                // Not fatal: the first reader computes it, as without this.
                app.logger.warning("Chưa tính sẵn được báo cáo biên chế: \(String(describing: error))")
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        await running.task?.value
    }
}
