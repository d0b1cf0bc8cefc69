import Vapor
func routes(_ app: Application) throws {}
func registerCommands(_ app: Application) {}
struct AppErrorMiddleware: AsyncMiddleware { let environment: Environment
 func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response { try await next.respond(to: request) } }
