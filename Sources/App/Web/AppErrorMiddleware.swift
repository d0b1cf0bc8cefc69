import FluentPostgresDriver
import OpenAPIRuntime
import Vapor

/// One place that turns errors into responses: problem+json under /api, a Vietnamese page
/// elsewhere. A validation error that escapes a handler is a 422, a stale version a 409, and an
/// unexpected error is logged and shown as a polite 500 without details.
struct AppErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    struct ErrorBody: Encodable, Sendable {
        var status: Int
        var heading: String
        var message: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, message, fields) = Self.describe(error)
            if status == .internalServerError {
                request.logger.report(error: error)
            } else if status == .badRequest {
                request.logger.debug("400: \(String(describing: error))")
            }
            let response = await render(request, status, message, fields)
            if status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "2") }
            return response
        }
    }

    private func render(_ request: Request, _ status: HTTPStatus, _ message: String,
                        _ fields: [String: String]) async -> Response {
        if request.url.path.hasPrefix("/api/") {
            return Problem(status: status, detail: message, errors: fields).response()
        }
        let heading = switch status.code {
        case 401: "Cần đăng nhập"
        case 403: "Không có quyền truy cập"
        case 404: "Không tìm thấy trang"
        case 409: "Dữ liệu đã thay đổi"
        case 503: "Hệ thống đang bận"
        default: status.code >= 500 ? "Hệ thống gặp sự cố" : "Yêu cầu không hợp lệ"
        }
        do {
            return try await request.render("error", title: heading,
                                            ErrorBody(status: Int(status.code), heading: heading, message: message),
                                            status: status)
        } catch {
            let response = Response(status: status, body: .init(string: "\(heading): \(message)"))
            response.headers.contentType = .plainText
            return response
        }
    }

    static func describe(_ error: any Error) -> (HTTPStatus, String, [String: String]) {
        switch error {
        case let server as ServerError:
            // The generated API layer wraps handler and decoding errors.
            if (server.underlyingError as? any HTTPResponseConvertible)?.httpStatus == .notAcceptable {
                return (.notAcceptable, SpecLimitsMiddleware.notAcceptable + ".", [:])
            }
            if server.underlyingError is DecodingError || "\(type(of: server.underlyingError))".contains("RuntimeError") {
                // The runtime's own description is English and technical: it goes to the log, not to the user.
                return (.badRequest, "Dữ liệu gửi lên không đúng định dạng hoặc thiếu trường bắt buộc.", [:])
            }
            return describe(server.underlyingError)
        case let fields as FieldErrors:
            return (.unprocessableEntity, "Dữ liệu chưa hợp lệ, xem thông báo ở từng trường.", fields.messages)
        case is StaleVersion:
            return (.conflict, "Người khác vừa lưu bản ghi này. Hãy tải lại để xem thay đổi rồi nhập lại.", [:])
        case is NotFound:
            return (.notFound, "Không tìm thấy bản ghi.", [:])
        case let abort as any AbortError:
            let message = switch abort.status {
            case .notFound: "Không tìm thấy trang hoặc bản ghi bạn yêu cầu."
            case .unauthorized: "Bạn cần đăng nhập."
            case .forbidden: abort.reason == "Forbidden" ? "Bạn không có quyền truy cập." : abort.reason
            case .badRequest: abort.reason.contains(" ") && !abort.reason.hasPrefix("Value") ? abort.reason : "Yêu cầu không hợp lệ."
            case .unprocessableEntity: abort.reason
            case .payloadTooLarge: "Dữ liệu gửi lên quá lớn."
            case .unsupportedMediaType: "Định dạng dữ liệu không được hỗ trợ."
            case .notAcceptable: abort.reason == "Not Acceptable" ? SpecLimitsMiddleware.notAcceptable + "." : abort.reason
            case .methodNotAllowed: "Phương thức không được hỗ trợ."
            default: abort.status.code >= 500 ? "Đã có lỗi xảy ra. Vui lòng thử lại sau." : "Yêu cầu không hợp lệ."
            }
            return (abort.status, message, [:])
        case let psql as PSQLError where Self.databaseUnavailable(psql):
            return busy
        case is DatabaseUnavailable:
            return busy
        case is ConnectionPoolTimeoutError:
            // Every database connection stayed busy past the pool's wait: the server is overloaded,
            // not broken. 503 with Retry-After tells people and clients to come back shortly.
            return busy
        case is DecodingError:
            return (.badRequest, "Dữ liệu gửi lên không đúng định dạng.", [:])
        default:
            return (.internalServerError, "Đã có lỗi xảy ra. Vui lòng thử lại sau.", [:])
        }
    }
}

extension AppErrorMiddleware {
    /// PostgreSQL refused a new connection for now (too many clients, starting up or shutting down) or
    /// the connection could not be made: the service is unavailable for a moment, not broken.
    static func databaseUnavailable(_ error: PSQLError) -> Bool {
        if error.code == .connectionError { return true }
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return DatabaseUnavailable.serverStates.contains(state)
    }

    /// The answer when the database cannot serve for now: 503, come back in a moment.
    private static let busy: (HTTPStatus, String, [String: String]) = (.serviceUnavailable, "Hệ thống đang bận, vui lòng thử lại sau ít giây.", [:])

}

/// RFC 9457 problem details with a Vietnamese `detail` and field errors.
struct Problem: Encodable, Sendable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var errors: [String: String]?

    init(status: HTTPStatus, detail: String, errors: [String: String] = [:]) {
        self.title = status.reasonPhrase
        self.status = Int(status.code)
        self.detail = detail
        self.errors = errors.isEmpty ? nil : errors
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        let response = Response(status: HTTPResponseStatus(statusCode: status), body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        return response
    }
}
