import Vapor
enum WorkLogController { static func register(_ routes: any RoutesBuilder) {} }
