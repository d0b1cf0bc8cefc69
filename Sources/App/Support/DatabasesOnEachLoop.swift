import FluentKit
import Vapor

extension Application {
    /// A database on each event loop. SQLite's driver keeps one connection a loop (it ignores a larger
    /// pool), so statements meant to run at once are sent through these, one each
    /// (`ProvinceSummaries.all(across:)`).
    var databasesOnEachLoop: [any Database] {
        eventLoopGroup.makeIterator().compactMap { databases.database(logger: logger, on: $0) }
    }
}
