@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Issue 13 §2: `qlcb backup` and `qlcb restore` round-trip on the database the tests run on
/// (SQLite by default, PostgreSQL with TEST_DATABASE_URL).
@Suite("Backup and restore")
struct BackupTests {
    /// What must survive the round trip: every table's row count, the audit chain, tickets and officers.
    struct Snapshot: Equatable {
        var counts: [String: Int]
        var audit: [String]
        var tickets: [UUID]
        var officers: [String]
    }

    func snapshot(_ app: Application) async throws -> Snapshot {
        let sql = try #require(app.db as? any SQLDatabase)
        struct Name: Decodable { var name: String }
        let tables: [Name] = try await sql.dialect.name == "sqlite"
            ? sql.raw("""
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'
                  AND name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow') ORDER BY name
                """).all(decoding: Name.self)
            : sql.raw("""
                SELECT table_name AS name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
                """).all(decoding: Name.self)
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table.name] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table.name)").first()?.decode(column: "n", as: Int.self)
        }
        let audit = try await AuditEntryModel.query(on: app.db).sort(\.$seq).all().map { "\($0.seq) \($0.action) \($0.hash)" }
        let tickets = try await WorkTicketModel.query(on: app.db).sort(\.$id).all().compactMap(\.id)
        let officers = try await OfficerModel.query(on: app.db).sort(\.$id).all().map { "\($0.id!) \($0.fullName)" }
        return Snapshot(counts: counts, audit: audit, tickets: tickets, officers: officers)
    }

    /// A new application on a new, empty database of the same kind the tests run on.
    func withEmptyDatabase(_ body: (Application) async throws -> Void) async throws {
        let folder = try BackupArchive.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var url = "sqlite://\(folder)/restored.sqlite"
        var drop: (() async throws -> Void)?
        if let base = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !base.isEmpty {
            let name = "qlcb_r_" + UUID().uuidString.prefix(8).lowercased()
            try await adminDatabase(base) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            url = replaceDatabase(in: base, with: name)
            drop = { try await adminDatabase(base) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() } }
        }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, databaseURL: url)
            app.clock = .fixed(testNow)
            app.uploadDirectoryOverride = folder + "/uploads"
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            try? await drop?()
            throw error
        }
        try await app.asyncShutdown()
        try await drop?()
    }

    @Test func aBackupRestoresIntoANewDatabaseWithTheSameRecordsFilesAndAValidChain() async throws {
        let folder = try BackupArchive.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withWorld { app, _ in
            app.uploadDirectoryOverride = folder + "/uploads"
            try FileManager.default.createDirectory(atPath: folder + "/uploads/2026/ab", withIntermediateDirectories: true)
            try Data("biên bản bàn giao".utf8).write(to: URL(fileURLWithPath: folder + "/uploads/2026/ab/bien-ban.pdf"))
            // A ticket removed leaves a gap in the keys of the tickets' text index, whose rowids the
            // restore must keep (`DatabaseCopy`), not number again.
            let removed = try await OperationsTests.recordTicket(app, "Phiếu ghi nhầm, xóa trước khi sao lưu")
            _ = try await OperationsTests.recordTicket(app, "Cài lại máy chủ tệp trước khi sao lưu")
            try await TicketEventModel.query(on: app.db).filter(\.$ticket.$id == removed).delete()
            try await WorkTicketModel.find(removed, on: app.db)?.delete(on: app.db)
            try await app.write { db in
                try await AuditLog.append(AuditEvent(actorID: nil, actorName: "kiểm thử", action: "test.backup",
                                                     entityType: "system"), on: db)
            }
            let archive = folder + "/qlcb.tar"
            let manifest = try await Backup.write(app, to: archive)
            #expect(manifest.schema == AppMigrations.all.last?.name)
            #expect(manifest.files.map(\.path).contains("uploads/2026/ab/bien-ban.pdf"))
            let before = try await snapshot(app)
            #expect(before.audit.count > 10 && !before.tickets.isEmpty)

            try await withEmptyDatabase { target in
                let report = try await Backup.restore(target, from: archive)
                #expect(report.auditEntries == before.audit.count && report.uploads == 1)
                #expect(try await snapshot(target) == before)
                #expect(try await AuditVerifier.verify(on: target.db).firstBad == nil)
                #expect(try await SchemaState.read(on: target.db).isCurrent)
                // The searches by name answer as before (on SQLite, their trigram index came back too).
                try await NameSearchTests.expectSameAsSubstrings(target.db, ["tran", "van", "uy ban", "so ke hoach"], "restored")
                try await TicketTextTests.expectIndexFollowsTheTickets(target.db)
                try await TicketTextTests.expectSameAsSubstrings(target.db, ["máy chủ tệp", "xoa truoc", "may in"], "restored")
                let restored = try #require(FileManager.default.contents(atPath: UploadDirectory.path(target) + "/2026/ab/bien-ban.pdf"))
                #expect(String(decoding: restored, as: UTF8.self) == "biên bản bàn giao")
                // Once restored the database is no longer empty: a second restore is refused.
                #expect(await failure { _ = try await Backup.restore(target, from: archive) }.contains("không trống"))
            }
        }
    }

    @Test func aRestoreRefusesWithoutYesANewerSchemaAndADamagedArchive() async throws {
        let folder = try BackupArchive.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withWorld(demo: false) { app, _ in
            app.uploadDirectoryOverride = folder + "/uploads"
            let archive = folder + "/qlcb.tar"
            try await Backup.write(app, to: archive)
            // A backup from a newer build: its manifest lists a migration this build does not know.
            let unpacked = folder + "/newer"
            try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
            try BackupArchive.unpack(archive, into: unpacked)
            var manifest = try BackupArchive.verifiedManifest(in: unpacked)
            manifest.migrations.append("App.FromTheFuture")
            manifest.schema = "App.FromTheFuture"
            try BackupArchive.writeManifest(manifest, in: unpacked)
            try BackupArchive.pack(unpacked, into: folder + "/newer.tar")
            // A damaged one: the database copy no longer matches its checksum.
            let database = unpacked + "/" + (manifest.files.first?.path ?? "")
            try Data("hỏng".utf8).write(to: URL(fileURLWithPath: database))
            try BackupArchive.pack(unpacked, into: folder + "/damaged.tar")

            try await withEmptyDatabase { target in
                let console = CapturingConsole()
                var context = CommandContext(console: console, input: CommandInput(arguments: ["qlcb", archive]))
                context.application = target
                #expect(await failure { try await console.run(RestoreCommand(), with: context) }.contains("--yes"))
                #expect(await failure { _ = try await Backup.restore(target, from: folder + "/newer.tar") }.contains("mới hơn"))
                #expect(await failure { _ = try await Backup.restore(target, from: folder + "/damaged.tar") }.contains("bị hỏng"))
                #expect(await failure { _ = try await Backup.restore(target, from: folder + "/missing.tar") }.contains("Không tìm thấy"))
                // None of them wrote anything: the real backup still restores.
                #expect(try await DatabaseCopy.isEmpty(target))
                var confirmed = CommandContext(console: console, input: CommandInput(arguments: ["qlcb", archive, "--yes"]))
                confirmed.application = target
                try await console.run(RestoreCommand(), with: confirmed)
                #expect(console.text.contains("nhật ký toàn vẹn"))
                #expect(try await !DatabaseCopy.isEmpty(target))
            }
        }
    }

    /// What a failing step said; empty when it did not fail.
    func failure(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func pgToolsAreFoundOnPathOrInPostgreSQLsFolderWithAClearMessageOtherwise() {
        #expect(throws: CommandFailure.self) { try Tools.find("pg_khong_co") }
        do {
            _ = try Tools.find("pg_khong_co")
        } catch {
            #expect("\(error)".contains("postgresql-client"))
        }
        #expect((try? Tools.find("tar")) != nil)
    }
}
