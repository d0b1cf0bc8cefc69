import Foundation
import Logging
import Vapor

/// One log line per request, after it is answered: method, route pattern, status, milliseconds, the
/// request id (Vapor's `request-id`, from `X-Request-Id` or new, echoed in the response), the client's
/// address (`client`: the socket's peer, or what a trusted proxy forwarded — `TrustedProxies`) and the
/// signed-in user (id and username). Never a password, a form body, a query string, a cookie or a
/// confirmation link's token: the path is logged only for routes without a `:token` parameter.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let response = try await next.respond(to: request)
            response.headers.replaceOrAdd(name: .xRequestId, value: request.id)
            log(request, status: response.status.code, start: start)
            return response
        } catch {
            log(request, status: 500, start: start)
            throw error
        }
    }

    private func log(_ request: Request, status: UInt, start: UInt64) {
        let level = status >= 500 && status != 503 ? .error : request.application.requestLogLevel
        guard request.logger.logLevel <= level else { return }  // LOG_LEVEL=warning: nothing to build
        let route = Self.pattern(of: request)
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(status),
            "ms": .stringConvertible((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000),
            "client": .string(request.clientOrigin.address),
        ]
        if let path = Self.loggablePath(of: request) { metadata["path"] = .string(path) }
        if let viewer = request.viewer {
            metadata["user_id"] = .string(viewer.userID.canonicalText)
            metadata["user"] = .string(viewer.username)
        }
        request.logger.log(level: level, "\(request.method.rawValue) \(route) \(status)",
                           metadata: metadata)
    }

    /// `/tickets/:id`, or `-` for a path no route answers.
    static func pattern(of request: Request) -> String {
        guard let route = request.route else { return "-" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }

    /// The path without its query, unless the route carries a secret in it.
    static func loggablePath(of request: Request) -> String? {
        if let route = request.route, route.path.contains(where: { $0.description == ":token" }) { return nil }
        guard request.route != nil else { return nil }
        return String(request.url.path.prefix(300))
    }
}

extension Application {
    private struct RequestLogLevelKey: StorageKey { typealias Value = Logger.Level }
    /// `info` when serving; the tests set `debug` so that their output stays readable.
    var requestLogLevel: Logger.Level {
        get { storage[RequestLogLevelKey.self] ?? .info }
        set { storage[RequestLogLevelKey.self] = newValue }
    }
}

/// `LOG_FORMAT=json`: one JSON object per line on standard output — time, level, label, message,
/// the source and every metadata field — for a log collector to read.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var write: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        write(Self.line(at: Date(), level: event.level, label: label, message: event.message.description,
                        metadata: metadata.merging(event.metadata ?? [:]) { $1 }, source: event.source))
    }

    static func line(at date: Date, level: Logger.Level, label: String, message: String,
                     metadata: Logger.Metadata, source: String) -> String {
        var object: [String: Any] = ["time": AuditLog.timestamp(date), "level": level.rawValue, "label": label,
                                     "message": message, "source": source]
        for (key, value) in metadata where object[key] == nil { object[key] = plain(value) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return #"{"level":"error","message":"log line could not be encoded"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let map): map.mapValues(plain)
        }
    }
}

/// How `qlcb` writes its log: Vapor's console lines, or JSON lines with `LOG_FORMAT=json`.
public enum LogFormat {
    public static func bootstrap(from environment: inout Environment) throws {
        if Environment.get("LOG_FORMAT")?.lowercased() == "json" {
            try LoggingSystem.bootstrap(from: &environment) { level in
                { label in JSONLogHandler(label: label, level: level) }
            }
        } else {
            try LoggingSystem.bootstrap(from: &environment)
        }
    }
}
