import Fluent
import Vapor

extension Request {
    private struct DatabaseKey: StorageKey { typealias Value = any Database }

    /// The request's database, made on first use and kept in its storage (ADR 0029). Fluent's
    /// `Request.db`, which this shadows inside the application, made a new one at every use: a copy of
    /// the logger with the database's name added, the application's and the request's settings read
    /// from their storages, the driver found under a lock. A request asks for it several times (a
    /// district head's API agency list, five): 3.1–8.1 % of the server's samples on the routes
    /// profiled (bench/results/speed-issue14.md, thirty-second part). What is made is the same every
    /// time (the pool's database on the request's event loop, with its logger), so one serves the
    /// whole request. Vapor locks the storage for each read and each write, not across both: take a
    /// request's first handle before starting child tasks that use it.
    var db: any Database {
        if let kept = storage[DatabaseKey.self] { return kept }
        let made = db(nil)
        storage[DatabaseKey.self] = made
        return made
    }
}
