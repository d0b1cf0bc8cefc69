@testable import App
import ConsoleKit
import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Audit trail (issue 2 §7)")
struct AuditTests {
    @Test func chainVerifiesAfterWritesAndDetectsAnEditedEntry() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            _ = try await browser.post("/co-quan/\(province.agencyA.id!.uuidString)/muc-ung-dung",
                                       ["year": "2030", "level": "4", "sourceDocument": "QĐ 1"])
            let intact = try await AuditVerifier.verify(on: app.db)
            #expect(intact.firstBad == nil)
            #expect(intact.entries >= 3)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update(AuditEntryModel.schema).set("actor_name", to: "người khác").where("seq", .equal, 2).run()
            let broken = try await AuditVerifier.verify(on: app.db)
            #expect(broken.firstBad?.seq == 2)
        }
    }

    @Test func batchedAppendContinuesTheChainAcrossChunksAndSingleAppends() async throws {
        try await withWorld { app, _ in
            let before = try await AuditLog.head(on: app.db)
            let event: @Sendable (Int) -> AuditEvent = { n in AuditEvent(actorID: nil, actorName: "thử", action: "test.batch", entityType: "system",
                                                  entityID: nil, after: "\(n)") }
            try await app.write { db in
                try await AuditLog.append(event(0), on: db)
                try await AuditLog.append(all: (1...7).map(event), on: db, chunk: 3)
                try await AuditLog.append(event(8), on: db)
            }
            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$seq > before.seq).sort(\.$seq).all()
            #expect(entries.map(\.seq) == Array(before.seq + 1...before.seq + 9))
            #expect(entries.map(\.after) == (0...8).map(String.init))
            #expect(try await AuditLog.head(on: app.db).hash == entries.last?.hash)
            let report = try await AuditVerifier.verify(on: app.db)
            #expect(report.firstBad == nil)
            // The batch is sealed like any entry: editing its middle breaks the chain there.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update(AuditEntryModel.schema).set("after", to: "sửa").where("seq", .equal, before.seq + 5).run()
            #expect(try await AuditVerifier.verify(on: app.db).firstBad?.seq == before.seq + 5)
        }
    }

    /// ADR 0020 (fortieth part): the head without tickets (row 2) follows every entry but a ticket's,
    /// and the chain still verifies beside it.
    @Test func theHeadWithoutTicketsMovesWithEveryEntryButATicketsOrAnEvents() async throws {
        try await withWorld { app, _ in
            let event: @Sendable (String) -> AuditEvent = { type in AuditEvent(actorID: nil, actorName: "thử", action: "test.head",
                                                                               entityType: type, entityID: nil) }
            let events = AuditLog.eventsOnly.sorted().map { AuditEvent(actorID: nil, actorName: "thử", action: $0, entityType: "user", entityID: nil) }
            let start = try await AuditLog.head(on: app.db).seq
            #expect(try await AuditLog.headWithoutTickets(on: app.db) == start, "the migration starts it at the whole log's head")
            try await app.write { try await AuditLog.append(all: [event(AuditLog.ticketEntity), event(AuditLog.ticketEntity)], on: $0) }
            #expect(try await AuditLog.head(on: app.db).seq == start + 2)
            #expect(try await AuditLog.headWithoutTickets(on: app.db) == start, "a ticket's entries leave it")
            try await app.write { try await AuditLog.append(all: [event("agency"), event(AuditLog.ticketEntity)], on: $0) }
            #expect(try await AuditLog.headWithoutTickets(on: app.db) == start + 4, "a batch with any other entry moves it to the head")
            // A login, a logout, a refusal: an event's entry, which changes no record (forty-third part).
            try await app.write { try await AuditLog.append(all: events, on: $0) }
            #expect(try await AuditLog.head(on: app.db).seq == start + 4 + events.count)
            #expect(try await AuditLog.headWithoutTickets(on: app.db) == start + 4, "an event's entries leave it")
            try await app.write { try await AuditLog.append(all: events + [event("officer")], on: $0) }
            #expect(try await AuditLog.headWithoutTickets(on: app.db) == start + 4 + 2 * events.count + 1)
            #expect(try await AuditVerifier.verify(on: app.db).firstBad == nil)
        }
    }

    @Test func deletingAnEntryInTheMiddleOrAtTheEndIsDetected() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            _ = try await browser.post("/dang-xuat", [:])
            let sql = try #require(app.db as? any SQLDatabase)
            let total = try await AuditEntryModel.query(on: app.db).count()
            try await sql.delete(from: AuditEntryModel.schema).where("seq", .equal, total).run()
            #expect(try await AuditVerifier.verify(on: app.db).firstBad != nil)
            try await sql.delete(from: AuditEntryModel.schema).where("seq", .equal, 1).run()
            #expect(try await AuditVerifier.verify(on: app.db).firstBad?.seq == 1)
        }
    }

    @Test func everyWriteAndRefusalIsLogged() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "canbo")
            _ = try await browser.get("/co-quan/\(province.agencyB.id!.uuidString)")
            let denied = try await AuditEntryModel.query(on: app.db).filter(\.$action == "permission.denied").first()
            #expect(denied?.actorName == "canbo")
            #expect(denied?.entityID == province.agencyB.id)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "login").count() == 1)
        }
    }

    @Test func recordPagesShowTheirHistory() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "tochuc")
            let id = province.officerA.id!.uuidString
            _ = try await browser.post("/can-bo/\(id)/trang-thai", ["status": "study", "effectiveOn": "01/09/2026"])
            let html = try await browser.get("/can-bo/\(id)").body.string
            // Who by full name and role, what in a sentence (issue 11 §5).
            #expect(VisibleText.of(html).contains("Lý Văn Tài (Bộ phận tổ chức cán bộ): Đã đổi trạng thái công tác thành "
                                                  + "“\(EmploymentStatus.study.label)” từ ngày 01/09/2026"))
        }
    }
}

/// Issue 10 §4.7: the chain is keyed (HMAC-SHA256) with a key kept outside the database.
@Suite("Audit chain key and filed head")
struct AuditKeyTests {
    /// Rewrites the chain from `seq` on, as someone with database access would: every hash recomputed.
    static func rewrite(_ app: Application, from seq: Int, seal: (String) -> String) async throws {
        let sql = try #require(app.db as? any SQLDatabase)
        let entries = try await AuditEntryModel.query(on: app.db).sort(\.$seq).all()
        var previous = entries.first { $0.seq == seq - 1 }?.hash ?? AuditLog.genesis
        for entry in entries where entry.seq >= seq {
            entry.prevHash = previous
            entry.hash = seal(AuditLog.sealedText(of: entry))
            try await sql.update(AuditEntryModel.schema).set("prev_hash", to: entry.prevHash).set("hash", to: entry.hash)
                .where("seq", .equal, entry.seq).run()
            previous = entry.hash
        }
        try await sql.update(AuditLog.headTable).set("hash", to: previous).run()
    }

    @Test func auditRowEditedWithRecomputedPlainSHA256HashesFailsVerification() async throws {
        try await withWorld { app, _ in
            #expect(try await AuditVerifier.verify(on: app.db).firstBad == nil)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update(AuditEntryModel.schema).set("actor_name", to: "người khác").where("seq", .equal, 2).run()
            try await Self.rewrite(app, from: 2, seal: Secrets.sha256)
            #expect(try await AuditVerifier.verify(on: app.db).firstBad?.seq == 2)
        }
    }

    @Test func auditChainDoesNotVerifyUnderAWrongKey() async throws {
        try await withWorld { app, _ in
            let other = try AuditKey(bytes: [UInt8](repeating: 7, count: 32))
            #expect(try await AuditVerifier.verify(on: app.db, key: other).firstBad?.seq == 1)
            #expect(try await AuditVerifier.verify(on: app.db, key: .testing).firstBad == nil)
        }
    }

    @Test func filedAuditHeadCatchesAChainRewrittenEvenWithTheKey() async throws {
        try await withWorld { app, _ in
            let filed = try await AuditLog.head(on: app.db)
            var browser = try await Browser.signedIn(app, as: "sotttt")
            _ = try await browser.post("/dang-xuat", [:])
            #expect(try await AuditVerifier.check(filedSeq: filed.seq, hash: filed.hash, on: app.db) == nil)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update(AuditEntryModel.schema).set("after", to: "đã sửa").where("seq", .equal, 3).run()
            try await Self.rewrite(app, from: 3, seal: AuditKey.testing.seal)
            #expect(try await AuditVerifier.verify(on: app.db).firstBad == nil)  // the key holder's rewrite verifies…
            #expect(try await AuditVerifier.check(filedSeq: filed.seq, hash: filed.hash, on: app.db) != nil)  // …but not against paper
            let console = CapturingConsole()
            await #expect(throws: CommandFailure.self) {
                try await run(AuditVerifyCommand(), ["--seq", "\(filed.seq)", "--head", filed.hash], app, console)
            }
        }
    }

    @Test func auditHeadAndVerifyCommandsWork() async throws {
        try await withWorld { app, _ in
            let console = CapturingConsole()
            try await run(AuditHeadCommand(), [], app, console)
            let head = try await AuditLog.head(on: app.db)
            #expect(console.text.contains("Số thứ tự: \(head.seq)"))
            #expect(console.text.contains("Mã băm: \(head.hash)"))
            try await run(AuditVerifyCommand(), ["--seq", "\(head.seq)", "--head", head.hash], app, console)
            #expect(console.text.contains("Nhật ký toàn vẹn: \(head.seq) mục; mục số \(head.seq) khớp mã băm đã lưu."))
            await #expect(throws: CommandFailure.self) { try await run(AuditVerifyCommand(), ["--seq", "3"], app, console) }
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update(AuditEntryModel.schema).set("action", to: "khác").where("seq", .equal, 5).run()
            await #expect(throws: CommandFailure.self) { try await run(AuditVerifyCommand(), [], app, console) }
        }
    }

    @Test func existingPlainSHA256ChainIsResealedOnceUnderTheKeyAndRecordsTheOldHead() async throws {
        try await withWorld { app, _ in
            // A chain written before keyed sealing.
            try await Self.rewrite(app, from: 1, seal: Secrets.sha256)
            let old = try await AuditLog.head(on: app.db)
            #expect(try await AuditVerifier.verify(on: app.db).firstBad != nil)
            try await UpdateAuditLogSealWithKey().prepare(on: app.db)
            #expect(try await AuditVerifier.verify(on: app.db).firstBad == nil)
            let last = try #require(try await AuditEntryModel.query(on: app.db).sort(\.$seq, .descending).first())
            #expect(last.action == "audit.reseal")
            #expect(last.before == "sha256 seq \(old.seq) \(old.hash)")
            #expect(last.after == "hmac-sha256 key \(AuditKey.testing.id)")
            // A broken old chain is not laundered.
            try await Self.rewrite(app, from: 1, seal: Secrets.sha256)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update(AuditEntryModel.schema).set("actor_name", to: "x").where("seq", .equal, 2).run()
            await #expect(throws: ConfigError.self) { try await UpdateAuditLogSealWithKey().prepare(on: app.db) }
        }
    }

    @Test func auditKeyComesFromTheEnvironmentOrAPrivateFileOutsideTheDatabase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("audit.key").path
        #expect(AuditKeySource.from(environment: [:], defaultFile: path, testing: false) == .file(path, create: true))
        #expect(AuditKeySource.from(environment: [:], defaultFile: path, testing: true) == .testing)
        #expect(AuditKeySource.from(environment: ["QLCB_AUDIT_KEY_FILE": "/k"], defaultFile: path, testing: true) == .file("/k", create: false))
        #expect(AuditKeySource.from(environment: ["QLCB_AUDIT_KEY": "ab", "QLCB_AUDIT_KEY_FILE": "/k"], defaultFile: path, testing: false) == .value("ab"))
        let logger = Logger(label: "test")
        let created = try AuditKeySource.file(path, create: true).load(logger: logger)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        #expect(try AuditKeySource.file(path, create: true).load(logger: logger).id == created.id)
        #expect(throws: ConfigError.self) { try AuditKeySource.file(path + ".missing", create: false).load(logger: logger) }
        let bytes = [UInt8](0..<32)
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        #expect(try AuditKey(text: hex).id == AuditKey(text: Data(bytes).base64EncodedString()).id)
        #expect(throws: ConfigError.self) { try AuditKey(text: String(hex.prefix(62))) }
        #expect(throws: ConfigError.self) { try AuditKey(text: "không phải khóa") }
    }
}

/// Runs one command as `qlcb` would, with its output kept.
private func run(_ command: any AnyAsyncCommand, _ arguments: [String], _ app: Application, _ console: CapturingConsole) async throws {
    var context = CommandContext(console: console, input: CommandInput(arguments: ["qlcb"] + arguments))
    context.application = app
    try await console.run(command, with: context)
}

final class CapturingConsole: Console, @unchecked Sendable {
    private let lock = NIOLock()
    private var output = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }
    var text: String { lock.withLock { output } }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lock.withLock { output += text.description + (newLine ? "\n" : "") } }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) { lock.withLock { output += error + (newLine ? "\n" : "") } }
}
