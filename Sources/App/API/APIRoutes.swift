import Vapor
enum APIRoutes { static func register(_ app: Application) throws {} }
