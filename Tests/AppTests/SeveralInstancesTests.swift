@testable import App
import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting

/// Issue 13 §4: what must not happen twice when several instances share one PostgreSQL
/// (docs/operations.md "Several instances behind a proxy").
@Suite("Several instances on one database")
struct SeveralInstancesTests {
    func viewer(_ app: Application, _ username: String) async throws -> Viewer {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        return try #require(try await Viewer.load(userID: user.id!, on: app.db))
    }

    /// Art. 15.6 year-end close: two people press "close the deadline" at the same moment on two
    /// instances. On PostgreSQL the second transaction is made to reach the year's row while the
    /// first still holds it (seen in pg_stat_activity), then the first commits: the second must
    /// find the step taken, not take it again on what it read before.
    @Test func aYearEndStepPressedTwiceAtOnceIsTakenOnce() async throws {
        try await withWorld { app, _ in
            let profile = try await ProfileStore.active(on: app.db)
            let authority = try await viewer(app, "truongphong")
            let now = app.clock.now()
            @Sendable func close(on db: any Database) async throws {
                try await EvaluationService.take(.closeDeadline, year: 2026, now: now, profile: profile, by: authority, on: db)
            }
            _ = try await EvaluationAccess.year(2026, on: app.db)
            if let base = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !base.isEmpty {
                struct Name: Decodable { var name: String }
                let database = try #require(try await (app.db as! any SQLDatabase).raw("SELECT current_database() AS name")
                    .first(decoding: Name.self)).name
                let loops = Array(app.eventLoopGroup.makeIterator())
                try #require(loops.count >= 2, "two connections are needed: one event loop each")
                let first = app.databases.database(logger: app.logger, on: loops[0])!
                let second = app.databases.database(logger: app.logger, on: loops[1])!
                let (taken, release) = (AsyncStream<Void>.makeStream(), AsyncStream<Void>.makeStream())
                let firstDone = Task {
                    try await first.transaction { db in
                        try await close(on: db)
                        taken.continuation.yield()
                        for await _ in release.stream { break }
                    }
                }
                for await _ in taken.stream { break }
                let secondDone = Task { try await second.transaction { try await close(on: $0) } }
                try await adminDatabase(base) { admin in
                    struct Row: Decodable { var n: Int }
                    var waiting = 0
                    for _ in 0..<400 where waiting == 0 {
                        waiting = try await admin.raw("""
                            SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = \(bind: database)
                            """).first(decoding: Row.self)?.n ?? 0
                        if waiting == 0 { try await Task.sleep(for: .milliseconds(25)) }
                    }
                    #expect(waiting == 1, "the second step never waited for the first")
                }
                release.continuation.yield()
                try await firstDone.value
                await #expect(throws: FieldErrors.self) { try await secondDone.value }
            } else {
                // SQLite: one write transaction at a time (WriteGate); the second finds the step taken.
                try await app.write { try await close(on: $0) }
                await #expect(throws: FieldErrors.self) { try await app.write { try await close(on: $0) } }
            }
            let cycle = try await EvaluationAccess.year(2026, on: app.db)
            #expect(cycle.steps.components(separatedBy: "closeDeadline|").count == 2, "\(cycle.steps)")
            let closes = try await AuditEntryModel.query(on: app.db).filter(\.$action == "evaluation.closeDeadline").count()
            #expect(closes == 1)
        }
    }
}
