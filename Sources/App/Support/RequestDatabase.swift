import Fluent
import Vapor

extension Request {
    private struct DatabaseKey: StorageKey { typealias Value = any Database }

    /// The request's database, made on first use and kept in its storage (ADR 0029). Fluent's
    /// `Request.db`, which this shadows inside the application, made a new one at every use: a copy of
    /// the logger with the database's name added, the application's and the request's settings read
    /// from their storages, the driver found under a lock. A list asks for it at each of its
    /// statements and helpers: 3–5 % of the server's time on a district head's API lists
    /// (bench/results/speed-issue14.md, thirty-second part). What is made is the same every time
    /// (the pool's database on the request's event loop, with its logger), so one serves the whole
    /// request; a transaction still gets a database of its own from `transaction`.
    var db: any Database {
        if let kept = storage[DatabaseKey.self] { return kept }
        let made = db(nil)
        storage[DatabaseKey.self] = made
        return made
    }
}
