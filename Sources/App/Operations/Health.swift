import Fluent
import SQLKit
import Vapor

/// `GET /healthz` (the process answers) and `GET /readyz` (it can serve: the database answers and
/// its schema is the one this build expects). Both are JSON, need no login and sit outside the web
/// group, so no session is read, created or written for them (docs/operations.md).
enum HealthController {
    static func register(_ app: Application) {
        app.get("healthz") { _ in healthy() }
        app.get("readyz") { req in try await ready(req) }
    }

    struct Body: Content {
        var status: String
        var checks: [String: String]?
    }

    /// Bare: no database, no session, no template. Load balancers and the bench scripts poll it.
    static func healthy() -> Response {
        json(Body(status: "ok"), status: .ok)
    }

    static func ready(_ req: Request) async throws -> Response {
        var checks: [String: String] = [:]
        var failed = false
        for check in Readiness.checks {
            let problem = await check.problem(req.application)
            checks[check.name] = problem ?? "ok"
            failed = failed || problem != nil
        }
        return json(Body(status: failed ? "unavailable" : "ok", checks: checks),
                    status: failed ? .serviceUnavailable : .ok)
    }

    private static func json(_ body: Body, status: HTTPStatus) -> Response {
        let response = Response(status: status)
        try? response.content.encode(body, as: .json)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

/// One thing `/readyz` checks: nil when it holds, otherwise what is wrong (Vietnamese, for the
/// operator).
struct ReadinessCheck: Sendable {
    var name: String
    var problem: @Sendable (Application) async -> String?
}

enum Readiness {
    static let checks: [ReadinessCheck] = [
        ReadinessCheck(name: "database") { app in
            do {
                guard let sql = app.db as? any SQLDatabase else { return "Không có cơ sở dữ liệu SQL" }
                _ = try await sql.raw("SELECT 1 AS one").first()
                return nil
            } catch {
                return "Không kết nối được cơ sở dữ liệu"
            }
        },
        ReadinessCheck(name: "migrations") { app in
            do {
                return try await SchemaState.read(on: app.db).problem
            } catch {
                return "Không đọc được danh sách migration đã chạy"
            }
        },
        ReadinessCheck(name: "mail") { app in await MailHealth.problem(app, now: Date()) },
    ]
}

/// The migrations applied to a database compared with the list this build ships (`AppMigrations`).
struct SchemaState: Sendable {
    var applied: [String]
    var known: [String] = AppMigrations.all.map(\.name)

    var pending: [String] { known.filter { !applied.contains($0) } }
    /// Applied by a newer build: this one must not serve (or restore) that database.
    var unknown: [String] { applied.filter { !known.contains($0) } }
    var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }

    var problem: String? {
        if !unknown.isEmpty { return "Cơ sở dữ liệu có \(unknown.count) migration của phiên bản mới hơn" }
        if !pending.isEmpty { return "Còn \(pending.count) migration chưa chạy (qlcb migrate --yes)" }
        return nil
    }

    /// The applied names in the order they ran; empty when the database was never migrated.
    static func read(on db: any Database) async throws -> SchemaState {
        guard let sql = db as? any SQLDatabase else { return SchemaState(applied: []) }
        guard try await hasTable("_fluent_migrations", on: sql) else { return SchemaState(applied: []) }
        struct Row: Decodable { var name: String }
        let rows = try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY batch, created_at, name")
            .all(decoding: Row.self)
        return SchemaState(applied: rows.map(\.name))
    }

    static func hasTable(_ name: String, on sql: any SQLDatabase) async throws -> Bool {
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(bind: name)"
        return try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }
}

/// What `qlcb serve` does between SIGTERM and closing the databases.
public enum Serving {
    /// How long the handlers still running after the server's drain may take to end.
    static let handlersLimit: Duration = .seconds(10)

    /// Vapor's own shutdown closes the application's lifecycle handlers (Fluent's databases among
    /// them) before its server finishes the requests in flight, which then fail. Shutting the HTTP
    /// server down first lets them end: the listener closes at once, requests already received are
    /// answered (up to Vapor's `shutdownTimeout`, 10 s), idle connections close (docs/operations.md).
    /// Then the handlers whose clients went away are waited for too (`RequestsInFlight`, 10 s more).
    public static func drain(_ app: Application) async {
        guard AppConfig.isServing(app.environment.arguments) else { return }
        await app.server.shutdown()
        if !(await app.requestsInFlight.drained(within: handlersLimit)) {
            app.logger.warning("Hết \(handlersLimit.components.seconds) giây chờ mà vẫn còn \(app.requestsInFlight.count) yêu cầu đang xử lý; đóng cơ sở dữ liệu.")
        }
    }
}
