import Domain
import Fluent
import Foundation
import Vapor

/// The two tables of the whole province that are computed whole once and then followed write by
/// write — this year's staffing report (Art. 11.1, `StaffingCache`) and the evaluation year's
/// efficiency of each agency (Art. 15.5, `EfficiencyTables`) — computed as `qlcb serve` starts, in the
/// background, so that no reader pays for them. The first view after a start computed them: 0.36 s
/// and 0.4 s with 20,000 officers on SQLite, 1.3–1.5 s each with 200,000 on PostgreSQL
/// (bench/results/speed-issue14.md, forty-third part). A request that arrives meanwhile waits for that
/// one computation (`SingleFlight`). Only the server does this: one-shot commands and the tests'
/// applications (which count computations) do not.
enum WarmStart {
    /// This year's staffing report under the active profile's threshold: the one the staffing page,
    /// the API and the heads' home page read first. Returns the year.
    @discardableResult
    static func staffing(_ app: Application) async throws -> Int {
        let (db, profile) = try await active(app)
        let year = profile.date(of: app.clock.now()).year
        _ = try await app.staffingCache.province(year: year, threshold: profile.staffingBothKindsFromLevel, on: db)
        return year
    }

    /// The efficiency table of the year under evaluation, the one the evaluation pages open on
    /// (`EvaluationController`). Returns the year.
    @discardableResult
    static func efficiency(_ app: Application) async throws -> Int {
        let (db, profile) = try await active(app)
        let year = profile.yearUnderEvaluation(today: profile.date(of: app.clock.now()))
        _ = try await app.efficiencyTables.table(year: year, profile: profile, at: try await AuditLog.headWithoutTickets(on: db), on: db)
        return year
    }

    /// The database and the active profile, as a request reads it (`Request.profile`).
    private static func active(_ app: Application) async throws -> (any Database, RegulationProfile) {
        let db = app.db
        return (db, try await app.profileCache.get { try await ProfileStore.active(on: db) })
    }
}

/// Starts `WarmStart` when the server has booted, and waits for it before the databases close.
struct WarmStartLifecycle: LifecycleHandler {
    final class Running: @unchecked Sendable { var task: Task<Void, Never>? }
    let running = Running()

    func didBoot(_ app: Application) throws {
        running.task = Task {
            for (name, warm) in [("báo cáo biên chế", WarmStart.staffing), ("bảng hiệu quả sử dụng cán bộ", WarmStart.efficiency)] {
                let started = Date()
                do {
                    let year = try await warm(app)
                    let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
                    app.logger.info("Đã tính sẵn \(name)", metadata: ["year": "\(year)", "seconds": "\(seconds)"])
                } catch {
                    // Not fatal: the first reader computes it, as without this.
                    app.logger.warning("Chưa tính sẵn được \(name): \(String(describing: error))")
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        await running.task?.value
    }
}
