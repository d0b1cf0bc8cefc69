@testable import App
import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SQLiteKit
import SQLiteNIO
import Testing
import VaporTesting

/// The embedded database as `make run` uses it: a file, several connections.
@Suite("SQLite file settings")
struct SQLiteFileTests {
    @Test func onlyTheServerMapsTheFile() {
        #expect(AppConfig.isServing(["qlcb"]))
        #expect(AppConfig.isServing(["qlcb", "serve", "--port", "8080"]))
        #expect(!AppConfig.isServing(["qlcb", "work-log-summary", "--year", "2026"]))
        #expect(!AppConfig.isServing(["qlcb", "demo"]))
    }

    @Test func everyConnectionHasTheLargerCacheAndReadsThroughTheMemoryMapAndMigrationsGatherStatistics() async throws {
        SQLiteTuning.install(serving: true)  // as `qlcb serve` does
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-sqlite-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, databaseURL: "sqlite://" + dir.appendingPathComponent("t.sqlite").path)
            try await app.autoMigrate()
            let sql = try #require(app.db as? any SQLDatabase)
            // Eight concurrent reads open connections beyond the first; each must carry the setting.
            let sizes = try await withThrowingTaskGroup(of: (map: Int, cache: Int).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        (try await sql.raw("PRAGMA mmap_size").first()?.decode(column: "mmap_size", as: Int.self) ?? 0,
                         try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self) ?? 0)
                    }
                }
                return try await group.reduce(into: [(map: Int, cache: Int)]()) { $0.append($1) }
            }
            #expect(sizes.count == 8 && sizes.allSatisfy { $0.map > 0 && $0.cache == -32768 }, "\(sizes)")
            let stats = try await sql.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
            #expect(try stats?.decode(column: "n", as: Int.self) == 1)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Every test application has one: it must not outlive it (SQLiteKit's own stand-in stayed in the
    /// temporary folder, 6.5 MB each).
    @Test func theInMemoryDatabaseLeavesNoFileBehind() async throws {
        let app = try await Application.make(.testing)
        let files: [String]
        do {
            try await configure(app, databaseURL: "sqlite::memory:")
            try await app.autoMigrate()
            files = app.memoryDatabaseFiles
            #expect(files.contains { FileManager.default.fileExists(atPath: $0) })
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        #expect(!files.isEmpty && files.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "\(files)")
    }
}

/// Issue 10 §4.2: session writes take their turn at the write gate like every other write.
@Suite("Sessions on a SQLite file")
struct SessionWriteTests {
    /// The demo province in a fresh SQLite file, as `make run` serves it.
    func withFileWorld(_ body: (Application) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-sessions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, databaseURL: "sqlite://" + dir.appendingPathComponent("t.sqlite").path)
            app.clock = .fixed(testNow)
            try await app.autoMigrate()
            let today = LocalDate(testNow, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
            try await DemoLoader.load(DemoProvince(seed: 7, extraAgencies: 0, extraOfficers: 0, today: today).build(),
                                      on: app, console: app.console)
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test func sixtyParallelLoginsOnASQLiteFileAllSucceed() async throws {
        try await withFileWorld { app in
            let users = ["admin", "sotttt", "truongphong", "giamdoc", "noivu", "taichinh", "thutruong", "canbo",
                         "nhanvien", "ketoan", "tochuc", "thutruong2", "canbo2"]
            // Sixty people at their own machines (one shared address would meet its throttle, ADR 0007),
            // while the app's own write transactions — which read before they write — go on.
            let statuses = try await withThrowingTaskGroup(of: [HTTPStatus].self) { group in
                for i in 0..<60 {
                    group.addTask {
                        var browser = Browser(app, peer: "10.20.\(i / 200).\(i % 200 + 1)")
                        let login = try await browser.login(users[i % users.count], DemoCommand.password)
                        let home = try await browser.get("/")
                        return [login.status, home.status]
                    }
                    group.addTask {
                        do {
                            try await app.write { db in
                                let users = try await UserModel.query(on: db).count()
                                try await Task.sleep(for: .milliseconds(5))
                                try await AuditLog.append(AuditEvent(actorID: nil, actorName: "test", action: "test.readThenWrite",
                                                                     entityType: "user", after: "\(users)"), on: db)
                            }
                            return [.created]
                        } catch {
                            return [.internalServerError]
                        }
                    }
                }
                return try await group.reduce(into: [[HTTPStatus]]()) { $0.append($1) }
            }
            #expect(statuses.count == 120)
            let failed = statuses.filter { $0 != [.seeOther, .ok] && $0 != [.created] }
            #expect(failed.isEmpty, "\(failed.count) thất bại: \(failed)")
        }
    }

    @Test func aPageViewDoesNotRewriteAnUnchangedSession() async throws {
        try await withWorld(demo: false) { app, _ in
            let driver = GatedSessionDriver()
            let open = Request(application: app, on: app.eventLoopGroup.next())
            let id = try await driver.createSession(["uid": "1", "csrf": "a"], for: open).get()
            // Someone else changes the row after this request read it: a write by the driver would undo that.
            let view = Request(application: app, on: app.eventLoopGroup.next())
            let read = try #require(try await driver.readSession(id, for: view).get())
            try await SessionRow.query(on: app.db).filter(\.$key == id).set(\.$data, to: ["uid": "1", "csrf": "b"]).update()
            _ = try await driver.updateSession(id, to: read, for: view).get()
            #expect(try await SessionRow.query(on: app.db).filter(\.$key == id).first()?.data["csrf"] == "b")
            let post = Request(application: app, on: app.eventLoopGroup.next())
            var changed = try #require(try await driver.readSession(id, for: post).get())
            changed["flash"] = "Đã lưu."
            _ = try await driver.updateSession(id, to: changed, for: post).get()
            #expect(try await SessionRow.query(on: app.db).filter(\.$key == id).first()?.data["flash"] == "Đã lưu.")
        }
    }
}

@Suite("UUID text")
struct UUIDTextTests {
    @Test func canonicalTextMatchesFoundationBothWays() {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(id.canonicalText == id.uuidString)
            #expect(UUID(canonical: id.uuidString) == id)
            #expect(UUID(canonical: id.uuidString.lowercased()) == id)
        }
    }

    /// What sqlite-kit binds for an id and reads back: the text Fluent always stored (`uuidString`'s),
    /// now through `UUIDText`; anything else is refused, as before.
    @Test func anIdIsBoundToSQLiteAsTheTextFluentStoredAndReadBackFromIt() throws {
        for _ in 0..<500 {
            let id = UUID()
            #expect(try SQLiteDataEncoder().encode(id) == .text(id.uuidString))
            #expect(try SQLiteDataDecoder().decode(UUID.self, from: .text(id.uuidString)) == id)
            #expect(try SQLiteDataDecoder().decode(UUID.self, from: .text(id.uuidString.lowercased())) == id)
        }
        let id = UUID()
        #expect(id.sqliteData == .text(id.uuidString) && UUID(sqliteData: .text(id.uuidString.lowercased())) == id)
        #expect(UUID(sqliteData: .blob(ByteBuffer(bytes: Array(id.uuidString.utf8)))) == nil)
        #expect(try SQLiteDataDecoder().decode(UUID?.self, from: .null) == nil)
        #expect(throws: (any Error).self) { try SQLiteDataDecoder().decode(UUID.self, from: .text("not an id")) }
        #expect(throws: (any Error).self) { try SQLiteDataDecoder().decode(UUID.self, from: .integer(7)) }
    }

    @Test func anythingButTheCanonicalFormIsRefused() {
        let id = UUID().uuidString
        for bad in ["", String(id.dropLast()), id + "0", id.replacingOccurrences(of: "-", with: ""),
                    String(id.prefix(8)) + "_" + String(id.dropFirst(9)), "G" + String(id.dropFirst()),
                    "00000000-0000-0000-0000-0000000000é"] {
            #expect(UUID(canonical: bad) == nil, "\(bad)")
        }
    }
}
