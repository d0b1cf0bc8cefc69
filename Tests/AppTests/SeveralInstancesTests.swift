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
            let (first, second) = await Self.race(app, close, close)
            try first.get()
            #expect(throws: FieldErrors.self) { try second.get() }
            let cycle = try await EvaluationAccess.year(2026, on: app.db)
            #expect(cycle.steps.components(separatedBy: "closeDeadline|").count == 2, "\(cycle.steps)")
            let closes = try await AuditEntryModel.query(on: app.db).filter(\.$action == "evaluation.closeDeadline").count()
            #expect(closes == 1)
        }
    }

    /// The same first ticket of a year filed at the same moment on two instances: both get a
    /// number, 1 and 2, and neither fails on the counter row the other is creating.
    @Test func twoFirstTicketsOfAYearAtOnceGetOneAndTwo() async throws {
        try await withWorld { app, province in
            let officer = province.officerA.id!
            @Sendable func number(on db: any Database) async throws -> Int {
                try await TicketService.nextNumber(officerID: officer, year: 2031, on: db)
            }
            let (first, second) = await Self.race(app, number, number)
            let numbers = [try first.get(), try second.get()]
            #expect(numbers == [1, 2])
            let rows = try await TicketCounterModel.query(on: app.db).filter(\.$officerID == officer).filter(\.$year == 2031).count()
            #expect(rows == 1)
        }
    }

    struct DatabaseName: Decodable { var name: String }
    struct Waiting: Decodable { var n: Int }

    static func outcome<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// Runs `first` in a transaction and holds it open; on PostgreSQL runs `second` on another
    /// connection until it is seen waiting for a lock (pg_stat_activity), then lets the first commit.
    /// On SQLite the app's write gate runs them one after the other. Returns both outcomes.
    static func race<T: Sendable>(_ app: Application, _ first: @escaping @Sendable (any Database) async throws -> T,
                                  _ second: @escaping @Sendable (any Database) async throws -> T) async -> (Result<T, any Error>, Result<T, any Error>) {
        guard let base = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !base.isEmpty else {
            return (await outcome { try await app.write(first) }, await outcome { try await app.write(second) })
        }
        do {
            let database = try #require(try await app.db.sql().raw("SELECT current_database() AS name").first(decoding: DatabaseName.self)).name
            let loops = Array(app.eventLoopGroup.makeIterator())
            try #require(loops.count >= 2, "two connections are needed: one event loop each")
            let one = app.databases.database(logger: app.logger, on: loops[0])!
            let two = app.databases.database(logger: app.logger, on: loops[1])!
            let (taken, release) = (AsyncStream<Void>.makeStream(), AsyncStream<Void>.makeStream())
            let firstDone = Task {
                try await one.transaction { db in
                    let value = try await first(db)
                    taken.continuation.yield()
                    for await _ in release.stream { break }
                    return value
                }
            }
            for await _ in taken.stream { break }
            let secondDone = Task { try await two.transaction { try await second($0) } }
            try await adminDatabase(base) { admin in
                var waiting = 0
                for _ in 0..<400 where waiting == 0 {
                    waiting = try await admin.raw("""
                        SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = \(bind: database)
                        """).first(decoding: Waiting.self)?.n ?? 0
                    if waiting == 0 { try await Task.sleep(for: .milliseconds(25)) }
                }
                #expect(waiting == 1, "the second never waited for the first")
            }
            release.continuation.yield()
            return (await firstDone.result, await secondDone.result)
        } catch {
            return (.failure(error), .failure(error))
        }
    }
}
