import Domain
import Foundation
import Vapor

/// Art. 7.1 (D9): a request to the systems inventory or a handover that carries anything like a
/// secret's value is refused with 422 and the reason, before anything reads it. Applies to the API's
/// JSON bodies (this middleware) and to the pages' forms (`fields(ofForm:)`).
struct SecretValueGuard: AsyncMiddleware {
    /// The API paths whose bodies are checked: those of the inventory and of handovers.
    static func guards(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return (parts.count == 5 && parts[2] == "agencies" && parts[4] == "systems") || (parts.count >= 4 && parts[2] == "handovers")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, Self.guards(request.url.path), request.headers.contentType == .json,
              let data = try await request.body.collect(max: RequestGuard.maxBody).get(),
              let json = try? JSONSerialization.jsonObject(with: Data(buffer: data), options: [.fragmentsAllowed]) else {
            return try await next.respond(to: request)
        }
        try SystemDraft.refuseSecretValues(Self.flatten(json, at: ""))
        return try await next.respond(to: request)
    }

    /// Every property of a JSON value as (path, text); a name is checked even when its value is not text.
    static func flatten(_ value: Any, at path: String) -> [(path: String, text: String)] {
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key in
                let child = path.isEmpty ? key : "\(path).\(key)"
                let nested = flatten(object[key]!, at: child)
                return nested.isEmpty ? [(child, "")] : nested
            }
        case let array as [Any]:
            return array.enumerated().flatMap { flatten($1, at: "\(path)[\($0)]") }
        case let text as String:
            return [(path, text)]
        default:
            return [(path, "")]
        }
    }

    /// A URL-encoded form's fields (names as sent, values decoded), for the pages' forms.
    static func fields(ofForm req: Request) -> [(path: String, text: String)] {
        guard let buffer = req.body.data else { return [] }
        return URLEncodedPairs.parse(String(buffer: buffer)).filter { $0.name != "_csrf" }.map { ($0.name, $0.value) }
    }
}
