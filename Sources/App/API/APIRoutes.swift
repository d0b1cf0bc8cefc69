import Foundation
import OpenAPIRuntime
import OpenAPIVapor
import Vapor

/// The request behind the generated handlers (swift-openapi-vapor's request injection).
enum APIContext {
    @TaskLocal static var request: Request?

    static func current() throws -> Request {
        guard let request else { throw Abort(.internalServerError) }
        return request
    }
}

struct APIContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await APIContext.$request.withValue(request) { try await next.respond(to: request) }
        if let name = request.storage[DownloadName.self] {
            response.headers.replaceOrAdd(name: .contentDisposition, value: OfficialPapers.contentDisposition(name))
        }
        return response
    }
}

/// `Authorization: Bearer <token>` → the token's user, with exactly that user's permissions.
struct BearerViewerMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization,
              let viewer = try await APITokens.viewer(for: bearer.token, request: request) else {
            let response = Problem(status: .unauthorized,
                                   detail: "Thiếu hoặc sai mã truy cập. Gửi tiêu đề Authorization: Bearer <mã>.").response()
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            return response
        }
        request.viewer = viewer
        return try await next.respond(to: request)
    }
}

enum APIRoutes {
    static func register(_ app: Application) throws {
        let spec = app.openAPISpec.text
        app.get("api", "openapi.yaml") { _ -> Response in
            guard !spec.isEmpty else { throw Abort(.notFound) }
            let response = Response(status: .ok, body: .init(string: spec))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
            return response
        }
        var api = app.grouped(BearerViewerMiddleware(), APIContextMiddleware())
        if let limits = app.openAPISpec.limits {
            api = api.grouped(SpecLimitsMiddleware(limits: limits))
        }
        api = api.grouped(SecretValueGuard())
        // Compact JSON in the order of the schema: the runtime's default (sorted keys, pretty printed)
        // cost a tenth of a ticket list request in sorting and whitespace.
        try APIHandler().registerHandlers(on: VaporTransport(routesBuilder: api), serverURL: URL(string: "/api/v1")!,
                                          configuration: .init(jsonEncodingOptions: [.withoutEscapingSlashes]))
    }
}
