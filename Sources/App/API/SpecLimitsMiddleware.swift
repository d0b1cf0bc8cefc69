import Foundation
import HTTPTypes
@_spi(Generated) import OpenAPIRuntime
import Vapor

/// Refuses, with 422 and a message per field, an API request whose JSON body or query breaks a limit
/// of the spec (`SpecLimits`). A body that is not JSON at all is left to the generated layer (400).
/// Before either, an `Accept` header that none of the operation's answers satisfies is refused (406).
struct SpecLimitsMiddleware: AsyncMiddleware {
    static let prefix = "/api/v1"
    let limits: SpecLimits

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        // Vapor answers HEAD with the GET route (and drops the body): the same operation, the same checks.
        let method = request.method == .HEAD ? HTTPMethod.GET.rawValue : request.method.rawValue
        guard path.hasPrefix(Self.prefix + "/"),
              let operation = limits.operation(method: method, path: String(path.dropFirst(Self.prefix.count))) else {
            return try await next.respond(to: request)
        }
        try Self.checkAccept(request, produces: operation.produces)
        // A query out of range is a bad address (400, as on the pages); a body out of range a form to mend (422).
        var query = FieldErrors()
        // Each value of a name sent twice: the generated layer may read either.
        let sent = request.queryValues
        for (name, schema) in operation.query.sorted(by: { $0.key < $1.key }) {
            for text in sent.all(name) {
                let number = schema.maxLength == nil ? Double(text) : nil
                let value: SpecLimits.JSONValue = number.map { .number($0) } ?? .string(text)
                SpecLimits.problems(value, schema, at: name, into: &query)
            }
        }
        if let (name, message) = query.messages.sorted(by: { $0.key < $1.key }).first {
            throw Abort(.badRequest, reason: "Tham số “\(name)”: \(message)")
        }
        var errors = FieldErrors()
        if let schema = operation.body, request.headers.contentType == .json {
            let data = try await request.body.collect(max: RequestGuard.maxBody).get()
            if let data, let value = try? JSONDecoder().decode(SpecLimits.JSONValue.self, from: data) {
                SpecLimits.problems(value, schema, at: "", into: &errors)
            }
        }
        guard errors.isEmpty else { throw errors }
        return try await next.respond(to: request)
    }

    /// The generated layer checks `Accept` against the answer only after the handler ran: a
    /// handler that writes (a ticket's form with a fresh confirmation link, any POST) had written
    /// when the answer was refused. The same check, with the runtime's own function, is made first,
    /// against every type the operation's answers may have: 406 when none is accepted, 400 when the
    /// header cannot be read. (An answer whose type is one of several, a stored file, is still
    /// checked after its handler, which only reads.)
    static func checkAccept(_ request: Request, produces: [String]) throws {
        let sent = request.headers[.accept]
        guard !sent.isEmpty, !produces.isEmpty else { return }
        var fields = HTTPFields()
        for value in sent { fields.append(HTTPField(name: .accept, value: value)) }
        var unreadable = false
        for type in produces {
            do {
                try acceptCheck.validateAcceptIfPresent(type, in: fields)
                return
            } catch {
                unreadable = unreadable || (error as? any HTTPResponseConvertible)?.httpStatus != .notAcceptable
            }
        }
        if unreadable { throw Abort(.badRequest, reason: "Tiêu đề Accept không đọc được: “\(sent.joined(separator: ", "))”.") }
        throw Abort(.notAcceptable, reason: notAcceptable + " (\(produces.joined(separator: ", "))).")
    }

    /// What a client is told when no answer of the operation has a type its `Accept` takes.
    static let notAcceptable = "Tiêu đề Accept không nhận định dạng mà thao tác này trả về"

    private static let acceptCheck = Converter(configuration: .init())
}
