import VaporCSQLite

/// Settings every SQLite connection of the process gets when it opens. The driver opens connections
/// itself and has no hook for per-connection PRAGMAs, so they are installed as an SQLite "automatic
/// extension", which SQLite runs for each new connection.
///
/// Every process: a page cache of up to 32 MiB a connection (SQLite's default is 2 MiB; the cache
/// grows only with the pages a connection uses). A large write transaction spilled the small cache
/// to the log again and again: the year-end run writing 780 automatic D and their audit entries at
/// 20,000 officers made 22,941 page writes for a few thousand changed pages (issue 14, sixteenth part).
///
/// The server also maps the file. Lists at millions of tickets read a few hundred table pages
/// scattered over the file; with the page cache alone each request read them again with a system
/// call and a copy (the benchmark spent a third of its time there). A memory map lets SQLite read the
/// pages the operating system already caches, shared by all connections, without copying them. Its
/// connections live long, so mapping pays off after the first requests; a one-shot command that scans
/// once (Form 2 of every officer) pays more for faulting the fresh mapping in than for reading: 0.33 s
/// mapped against 0.26 s read for 20,000 officers.
enum SQLiteTuning {
    static let everyConnection = "PRAGMA cache_size = -32768;"
    static let serving = everyConnection + " PRAGMA mmap_size = 2147483648;"

    typealias Entry = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, UnsafeRawPointer?) -> Int32

    /// Idempotent: SQLite ignores an entry point that is already installed. A process installs one of
    /// the two, as it serves or runs a command.
    static func install(serving: Bool) {
        let command: Entry = { db, _, _ in sqlite_nio_sqlite3_exec(db, SQLiteTuning.everyConnection, nil, nil, nil) }
        let server: Entry = { db, _, _ in sqlite_nio_sqlite3_exec(db, SQLiteTuning.serving, nil, nil, nil) }
        // SQLite declares the entry point without parameters and calls it with these three.
        sqlite_nio_sqlite3_auto_extension(unsafeBitCast(serving ? server : command, to: (@convention(c) () -> Void).self))
    }
}
