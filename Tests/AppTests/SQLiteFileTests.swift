@testable import App
import Fluent
import Foundation
import SQLKit
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

    @Test func everyConnectionReadsThroughTheMemoryMapAndMigrationsGatherStatistics() async throws {
        SQLiteTuning.install()  // as `qlcb serve` does
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-sqlite-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, databaseURL: "sqlite://" + dir.appendingPathComponent("t.sqlite").path)
            try await app.autoMigrate()
            let sql = try #require(app.db as? any SQLDatabase)
            // Eight concurrent reads open connections beyond the first; each must carry the setting.
            let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await sql.raw("PRAGMA mmap_size").first()?.decode(column: "mmap_size", as: Int.self) ?? 0 }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(sizes.count == 8 && sizes.allSatisfy { $0 > 0 }, "\(sizes)")
            let stats = try await sql.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
            #expect(try stats?.decode(column: "n", as: Int.self) == 1)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
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

    @Test func anythingButTheCanonicalFormIsRefused() {
        let id = UUID().uuidString
        for bad in ["", String(id.dropLast()), id + "0", id.replacingOccurrences(of: "-", with: ""),
                    String(id.prefix(8)) + "_" + String(id.dropFirst(9)), "G" + String(id.dropFirst()),
                    "00000000-0000-0000-0000-0000000000é"] {
            #expect(UUID(canonical: bad) == nil, "\(bad)")
        }
    }
}
