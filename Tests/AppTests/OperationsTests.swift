@testable import App
import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting

/// Issue 13 §1, §6, §7: health and readiness, sessions that end, housekeeping, request logs and
/// metrics (docs/operations.md).
@Suite("Operations: health, housekeeping, logs and metrics")
struct OperationsTests {
    func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
    }

    /// A ticket recorded through the API by the demo IT officer: a write with its audit entry.
    static func recordTicket(_ app: Application, _ details: String = "Thay mực máy in phòng kế toán") async throws -> UUID {
        let api = APITests()
        let created = try await api.call(app, .POST, "/api/v1/tickets", token: try await api.token(app, "canbo"), json: """
            {"taskGroup":"equipmentMaintenance","details":"\(details)","requesterUnit":"Văn phòng",
             "requesterName":"Lý Văn Tài","requestedOn":"2026-11-20"}
            """)
        #expect(created.status == .created)
        return try #require(UUID(uuidString: try api.object(created)["id"] as? String ?? ""))
    }

    /// A handler still running when `qlcb serve` stops — its client gone, so the server's own drain
    /// does not wait for it — is waited for before the databases close (`Serving.drain`): it used to
    /// end the process in `req.db`.
    @Test func aHandlerStillRunningIsWaitedForBeforeTheDatabasesClose() async throws {
        try await withWorld { app, _ in
            let (gate, open) = AsyncStream<Void>.makeStream()
            app.get("cho-mo") { req async throws -> String in
                for await _ in gate { break }
                // Fluent's own handle (`db(nil)`), which ends the process when the databases have closed.
                return String(try await AgencyModel.query(on: req.db(nil)).count())
            }
            #expect(app.requestsInFlight.count == 0)
            let request = Task { try await app.testing().sendRequest(.GET, "/cho-mo") }
            // Generous bounds: under the whole suite's load a step can take seconds; each wait ends as
            // soon as its condition holds.
            for _ in 0..<60_000 where app.requestsInFlight.count == 0 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(app.requestsInFlight.count == 1)
            #expect(await app.requestsInFlight.drained(within: .milliseconds(50)) == false)   // still held at the gate
            open.yield()
            #expect(await app.requestsInFlight.drained(within: .seconds(300)))
            #expect(app.requestsInFlight.count == 0)
            #expect(try await request.value.status == .ok)
        }
    }

    @Test func healthAndReadinessAnswerJSONWithoutASession() async throws {
        try await withWorld { app, _ in
            let sessionsBefore = try await SessionRow.query(on: app.db).count()
            var browser = Browser(app)
            let health = try await browser.get("/healthz")
            #expect(health.status == .ok)
            #expect(try json(health)["status"] as? String == "ok")
            let ready = try await browser.get("/readyz")
            #expect(ready.status == .ok)
            let body = try json(ready)
            #expect(body["status"] as? String == "ok")
            #expect(body["checks"] as? [String: String] == ["database": "ok", "migrations": "ok", "mail": "ok"])
            for response in [health, ready] {
                #expect(response.headers.first(name: .setCookie) == nil)
                #expect(response.headers.contentType == .json)
            }
            #expect(try await SessionRow.query(on: app.db).count() == sessionsBefore)
            // A signed-in browser's cookie is neither read nor refreshed there.
            var signedIn = try await Browser.signedIn(app, as: "canbo")
            let again = try await signedIn.get("/readyz")
            #expect(again.headers.first(name: .setCookie) == nil)
        }
    }

    @Test func readinessFailsWhileAMigrationIsMissing() async throws {
        try await withWorld(demo: false) { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let last = try #require(AppMigrations.all.last).name
            try await sql.raw("DELETE FROM _fluent_migrations WHERE name = \(bind: last)").run()
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .serviceUnavailable)
            let checks = try #require(try json(ready)["checks"] as? [String: String])
            #expect(checks["database"] == "ok")
            #expect(checks["migrations"]?.contains("chưa chạy") == true)
            try await sql.raw("INSERT INTO _fluent_migrations (id, name, batch) VALUES (\(bind: UUID()), 'App.FromTheFuture', 9)").run()
            let newer = try await SchemaState.read(on: app.db)
            #expect(newer.unknown == ["App.FromTheFuture"] && newer.pending == [last])
            // The health of the process does not depend on the database.
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
        }
    }

    @Test func aSessionEndsOnTheServerAfterEightHoursWithoutUse() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "canbo")
            let row = try #require(try await SessionRow.query(on: app.db).sort(\.$expiresAt, .descending).first())
            #expect(row.expiresAt == testNow.addingTimeInterval(GatedSessionDriver.lifetime))
            // A page view a minute later writes nothing; twenty minutes later the expiry moves on.
            app.clock = .fixed(testNow.addingTimeInterval(60))
            #expect(try await browser.get("/").status == .ok)
            #expect(try await SessionRow.find(row.id, on: app.db)?.expiresAt == row.expiresAt)
            let later = testNow.addingTimeInterval(20 * 60)
            app.clock = .fixed(later)
            #expect(try await browser.get("/").status == .ok)
            #expect(try await SessionRow.find(row.id, on: app.db)?.expiresAt == later.addingTimeInterval(GatedSessionDriver.lifetime))
            // Eight hours and a second after the last use, the cookie no longer signs anyone in.
            app.clock = .fixed(later.addingTimeInterval(GatedSessionDriver.lifetime + 1))
            let expired = try await browser.get("/")
            #expect(expired.status == .seeOther)
            #expect(expired.headers.first(name: .location)?.hasPrefix("/dang-nhap") == true)
        }
    }

    @Test func housekeepingPurgesExpiredSessionsAndUsedOrExpiredLinks() async throws {
        try await withWorld { app, _ in
            _ = try await Browser.signedIn(app, as: "canbo")
            let ticket = try #require(try await WorkTicketModel.find(try await Self.recordTicket(app), on: app.db))
            let actor = TicketService.Actor(userID: nil, name: "kiểm thử")
            let used = try await app.write { try await TicketService.issueLink(for: ticket, by: actor, now: testNow, on: $0) }
            let fresh = try await app.write { try await TicketService.issueLink(for: ticket, by: actor, now: testNow, on: $0) }
            let usedLink = try #require(try await TicketService.ticket(forLink: used, now: testNow, on: app.db)).0
            usedLink.usedAt = testNow
            try await usedLink.save(on: app.db)
            let linksBefore = try await ConfirmationLinkModel.query(on: app.db).count()
            let sessions = try await SessionRow.query(on: app.db).count()
            #expect(sessions > 0)

            // Now: the used link goes; live sessions and the fresh link stay.
            let now = try await Housekeeping.purge(now: testNow, on: app)
            #expect(now == .init(sessions: 0, links: 1))
            #expect(try await ConfirmationLinkModel.query(on: app.db).count() == linksBefore - 1)
            #expect(try await TicketService.ticket(forLink: fresh, now: testNow, on: app.db) != nil)
            let audit = try #require(try await AuditEntryModel.query(on: app.db).sort(\.$seq, .descending).first())
            #expect(audit.action == "housekeeping.links")

            // Fifteen days later the fresh link has expired and every session with it.
            let later = try await Housekeeping.purge(now: testNow.addingTimeInterval(15 * 24 * 3600), on: app)
            #expect(later.sessions == sessions && later.links == linksBefore - 1)
            #expect(try await SessionRow.query(on: app.db).count() == 0)
            #expect(try await ConfirmationLinkModel.query(on: app.db).count() == 0)
            #expect(try await AuditVerifier.verify(on: app.db).firstBad == nil)
            #expect(Housekeeping.interval(from: nil) == .minutes(60))
            #expect(Housekeeping.interval(from: "5") == .minutes(5))
            #expect(Housekeeping.interval(from: "0") == nil)
        }
    }

    @Test func metricsAreServedToLoopbackOnlyOrWithTheToken() async throws {
        try await withWorld { app, _ in
            var local = Browser(app, peer: "127.0.0.1")
            #expect(try await local.get("/metrics").status == .ok)
            var remote = Browser(app, peer: "10.1.2.3")
            #expect(try await remote.get("/metrics").status == .forbidden)
            var proxied = Browser(app, peer: "127.0.0.1")
            proxied.extraHeaders.add(name: .xForwardedFor, value: "203.0.113.9")
            #expect(try await proxied.get("/metrics").status == .forbidden)

            app.metricsAccess = MetricsAccess(token: "bi-mat-do-luong")
            #expect(try await local.get("/metrics").status == .unauthorized)
            remote.extraHeaders.bearerAuthorization = .init(token: "sai")
            #expect(try await remote.get("/metrics").status == .unauthorized)
            remote.extraHeaders.bearerAuthorization = .init(token: "bi-mat-do-luong")
            let allowed = try await remote.get("/metrics")
            #expect(allowed.status == .ok)
            #expect(allowed.headers.first(name: .setCookie) == nil)
        }
    }

    @Test func metricsLabelRoutesByPatternAndCountFailedLogins() async throws {
        try await withWorld { app, province in
            func failed() -> Double {
                let text = Observability.registry.emitToString()
                return text.split(separator: "\n").first { $0.hasPrefix(#"qlcb_failed_logins_total{reason="wrong"}"#) }
                    .flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
            }
            let before = failed()
            var browser = Browser(app, peer: "10.9.8.7")
            #expect(try await browser.login("canbo", "sai-mat-khau").status == .unauthorized)
            #expect(failed() >= before + 1)

            let officer = province.officerA.id!
            var signedIn = try await Browser.signedIn(app, as: "sotttt")
            #expect(try await signedIn.get("/can-bo/\(officer.uuidString)").status == .ok)
            var local = Browser(app, peer: "127.0.0.1")
            let text = try await local.get("/metrics").body.string
            #expect(text.contains(#"http_request_duration_seconds_bucket{method="GET",path="/can-bo/:id""#))
            #expect(!text.contains(officer.uuidString))
            #expect(text.contains(#"qlcb_db_write_seconds_count{kind="transaction"}"#))
        }
    }

    @Test func theRequestLogNamesTheRequestAndTheUserButNoSecret() async throws {
        try await withWorld { app, _ in
            app.requestLogLevel = .info
            let lines = app.captureLogLines()
            var browser = try await Browser.signedIn(app, as: "canbo")
            #expect(try await browser.get("/").status == .ok)
            let all = lines.withLockedValue { $0 }
            let objects = all.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(objects.count == all.count && !all.isEmpty)
            let home = try #require(objects.last { $0["route"] as? String == "/" && $0["method"] as? String == "GET" })
            #expect(home["user"] as? String == "canbo")
            #expect(home["user_id"] as? String != nil)
            #expect((home["request-id"] as? String)?.isEmpty == false)
            #expect(home["status"] as? String == "200")
            let login = try #require(objects.first { $0["route"] as? String == "/dang-nhap" && $0["method"] as? String == "POST" })
            #expect(login["status"] as? String == "303")
            let cookie = try #require(browser.cookie?.split(separator: "=").last.map(String.init))
            for line in all {
                #expect(!line.contains(DemoCommand.password) && !line.contains(cookie), "\(line)")
            }
        }
    }

    @Test func jsonLogLinesCarryTheFieldsAndEscapeText() throws {
        let line = JSONLogHandler.line(at: testNow, level: .warning, label: "qlcb", message: "Dòng \"có\" ngoặc\nvà xuống dòng",
                                       metadata: ["request-id": "abc", "n": .stringConvertible(3)], source: "App")
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "Dòng \"có\" ngoặc\nvà xuống dòng")
        #expect(object["level"] as? String == "warning")
        #expect(object["request-id"] as? String == "abc" && object["n"] as? String == "3")
        #expect(object["time"] as? String == "2026-11-29T05:00:00.000Z")
    }
}

extension Application {
    /// The application's log as JSON lines, kept for a test to read.
    func captureLogLines() -> NIOLockedValueBox<[String]> {
        let lines = NIOLockedValueBox<[String]>([])
        logger = Logger(label: "kiem-thu") { label in
            var handler = JSONLogHandler(label: label, level: .info)
            handler.write = { line in lines.withLockedValue { $0.append(line) } }
            return handler
        }
        return lines
    }
}
