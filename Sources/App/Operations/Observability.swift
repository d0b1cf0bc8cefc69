import Crypto
import Foundation
import Metrics
import Prometheus
import Vapor

/// Metrics for Prometheus through swift-metrics (ADR 0013, docs/operations.md).
/// Vapor itself records every request as `http_requests_total` and the histogram
/// `http_request_duration_seconds` labelled by method, route pattern (`/tickets/:id`, never the raw
/// path) and status; the application adds database write time, failed logins, the computations
/// of the staffing report and of the efficiency table, and the mail outbox's depth
/// (`qlcb_mail_outbox_messages{state}`, read from the database at each scrape).
enum Observability {
    /// One registry for the process: swift-metrics is bootstrapped once, whatever the number of
    /// applications (the tests make many).
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["qlcb_db_write_seconds"] = [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        MetricsSystem.bootstrap(factory)
    }()

    static func install(_ app: Application) {
        _ = bootstrapped
        app.metricsAccess = MetricsAccess(token: Environment.get("METRICS_TOKEN"))
        app.get("metrics") { req async -> Response in
            if let refusal = req.application.metricsAccess.refusal(for: req) { return refusal }
            await MailHealth.recordDepth(req.application)
            let response = Response(status: .ok, body: .init(string: registry.emitToString()))
            response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        }
    }

    /// A login refused: wrong name or password, or too many attempts.
    static func failedLogin(_ reason: String) {
        Counter(label: "qlcb_failed_logins_total", dimensions: [("reason", reason)]).increment()
    }

    /// A table of the whole province brought to a head (`table`: `staffing` or `efficiency`): computed
    /// whole (`whole`), or updated for what writes touched (`update`). A served process computes each
    /// whole once, as it starts (`WarmStart`).
    static func tableBrought(_ table: String, whole: Bool) {
        Counter(label: "qlcb_\(table)_computations_total", dimensions: [("kind", whole ? "whole" : "update")]).increment()
    }

    /// How long write transactions took (`kind`: `transaction`), and how long they waited for their
    /// turn at the write gate (`kind`: `wait`; SQLite serialises writes).
    static func databaseWrite(_ kind: String, nanoseconds: UInt64) {
        Metrics.Timer(label: "qlcb_db_write_seconds", dimensions: [("kind", kind)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(clamping: nanoseconds))
    }
}

/// Who may read `/metrics`: with `METRICS_TOKEN` set, a request carrying `Authorization: Bearer
/// <token>`; without it, only a client on this machine (loopback) whose request came straight,
/// not through a proxy (a proxy on the same machine would otherwise pass anyone's request on).
struct MetricsAccess: Sendable {
    var token: String?

    func refusal(for req: Request) -> Response? {
        if let token, !token.isEmpty {
            let sent = req.headers.bearerAuthorization?.token ?? ""
            if SHA256.hash(data: Data(sent.utf8)) == SHA256.hash(data: Data(token.utf8)) { return nil }
            let response = Response(status: .unauthorized, body: .init(string: "Cần mã METRICS_TOKEN (Authorization: Bearer …).\n"))
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            return response
        }
        let proxied = req.headers.contains(name: .xForwardedFor) || req.headers.contains(name: .forwarded)
            || req.headers.contains(name: "X-Real-IP")
        if Self.isLoopback(req.remoteAddress?.ipAddress), !proxied { return nil }
        return Response(status: .forbidden, body: .init(string: "Chỉ đọc được từ chính máy chủ, hoặc đặt METRICS_TOKEN.\n"))
    }

    static func isLoopback(_ address: String?) -> Bool {
        guard let address else { return false }
        return address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}

extension Application {
    private struct MetricsAccessKey: StorageKey { typealias Value = MetricsAccess }
    var metricsAccess: MetricsAccess {
        get { storage[MetricsAccessKey.self] ?? MetricsAccess(token: nil) }
        set { storage[MetricsAccessKey.self] = newValue }
    }
}
