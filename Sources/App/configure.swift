import Documents
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import NIOSSL
import SQLKit
import Vapor

/// Builds the application from its environment: database, sessions, views, middleware, routes,
/// commands. Tests call it with `.testing` and an in-memory database.
public func configure(_ app: Application, databaseURL: String? = nil) async throws {
    let choice = try AppConfig.database(from: databaseURL ?? Environment.get("DATABASE_URL"),
                                        workingDirectory: app.directory.workingDirectory)
    app.databaseChoice = choice
    try SQLiteExtensions.register()
    switch choice {
    case .sqliteFile(let path):
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        // Readers do not block each other in WAL mode; writes go one at a time through the WriteGate.
        // The driver keeps one connection per event loop (it ignores a larger pool): statements sent
        // through one loop's database take turns, so work meant to use every core reads through a
        // database on each loop (`databasesOnEachLoop`).
        SQLiteTuning.install(serving: AppConfig.isServing(app.environment.arguments))
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        app.writeGate = WriteGate(serialises: true)
    case .sqliteMemory:
        // SQLiteKit stands in for an in-memory database with a file in the temporary folder that it
        // never removes (6.5 MB per test application, thousands after a few test runs). This one is
        // the application's own and goes when it shuts down.
        // Its pool waits for its connection as long as the slowest test may take: the suite runs
        // hundreds of applications at once on two cores, where a transaction that takes a second
        // alone held its loop's one connection past the default 10 s, and a concurrent read of the
        // same test failed with `connectionRequestTimeout` (MailTests, 2026-12-07).
        let path = NSTemporaryDirectory() + "qlcb-memory-\(UUID().canonicalText).sqlite"
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(600)), as: .sqlite)
        app.memoryDatabaseFiles = ["", "-journal", "-wal", "-shm"].map { path + $0 }
        app.lifecycle.use(MemoryDatabaseRemoval())
        app.writeGate = WriteGate(serialises: true)
    case .postgres(let url):
        var config = try SQLPostgresConfiguration(url: url)
        if !url.contains("sslmode=require") { config.coreConfiguration.tls = .disable }
        // One connection per event loop (the driver's default) queues every request behind a
        // single transaction; DATABASE_POOL_SIZE sets connections per event loop (default 4).
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: try AppConfig.poolSize(),
                                    connectionPoolTimeout: .seconds(try AppConfig.poolTimeout())), as: .psql)
        app.writeGate = WriteGate(serialises: false)
    }
    if case .sqliteFile = choice, let sql = app.db as? any SQLDatabase {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await SQLiteStatistics.refresh(on: app.db)
    }
    // The spreadsheets' deflate level goes through zlib's entry points defined in this executable (ADR 0019).
    guard Deflate.isReady else { throw ConfigError(message: "Không tìm thấy thư viện nén zlib (libz.so.1); hãy cài zlib1g.") }
    // For browser tests and training rooms: run the app at a fixed instant (ISO 8601).
    if let fixed = Environment.get("QLCB_CLOCK"), !fixed.isEmpty {
        guard let date = ISO8601DateFormatter().date(from: fixed) else {
            throw ConfigError(message: "QLCB_CLOCK phải có dạng 2026-11-29T12:00:00+07:00")
        }
        app.clock = .fixed(date)
    }
    // The audit chain's key lives outside the database (ADR 0007); read or created on first use.
    let keyFile: String
    if case .sqliteFile(let path) = choice {
        keyFile = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("audit.key")
    } else {
        keyFile = app.directory.workingDirectory + "data/audit.key"
    }
    AuditKeyring.use(AuditKeySource.from(environment: ProcessInfo.processInfo.environment, defaultFile: keyFile,
                                         testing: app.environment == .testing), logger: app.logger)
    app.migrations.add(AppMigrations.all)
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 10))
    app.prepareDummyPasswordHash()
    // Forwarding headers (client address, HTTPS) are believed only from these proxies.
    app.trustedProxies = try TrustedProxies(parsing: Environment.get("QLCB_TRUSTED_PROXIES") ?? "")

    app.sessions.use { _ in GatedSessionDriver() }
    app.sessions.configuration.cookieName = "qlcb_session"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: 8 * 3600, path: "/", isSecure: false,
                          isHTTPOnly: true, sameSite: .lax)
    }

    app.views.use(.leaf)
    // Pages are rendered by `Request.render` through `req.leaf`, with their data made by `PageData`.
    // Parsed templates are kept (Leaf's cache) in every environment, also the development one `make run`
    // serves, unless QLCB_RELOAD_VIEWS=1 (template work); the template sources are made once (made
    // again for each request, they were 1 % of a list page).
    app.leaf.sources = app.leaf.sources
    if Environment.get("QLCB_RELOAD_VIEWS") == "1" { app.leaf.cache.isEnabled = false }
    app.openAPISpec = try OpenAPISpec.load(app)
    app.leaf.tags["limit"] = LimitTag(limits: app.openAPISpec.limits)
    app.leaf.tags["money"] = MoneyTag()
    app.leaf.tags["date"] = DateTag()
    app.leaf.tags["isoDate"] = ISODateTag()

    app.middleware = Middlewares()
    if app.environment == .testing { app.requestLogLevel = .debug }
    app.middleware.use(RequestsInFlight.Counting(inFlight: app.requestsInFlight))
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AppErrorMiddleware(environment: app.environment))
    app.middleware.use(RequestGuard())
    app.middleware.use(PublicFiles(files: FileMiddleware(publicDirectory: app.directory.publicDirectory)))
    app.routes.defaultMaxBodySize = ByteCount(value: RequestGuard.maxBody)

    // Made before the server answers: Application.storage is not safe to fill from concurrent requests.
    _ = app.staffingCache
    _ = app.efficiencyTables
    _ = app.keptReads
    _ = app.keptViewers
    _ = app.keptDashboards
    _ = app.renderedContents
    _ = app.renderedFrames
    _ = app.renderedFragments
    _ = app.profileCache
    try routes(app)
    registerCommands(app)
    Observability.install(app)
    if AppConfig.isServing(app.environment.arguments), app.environment != .testing,
       let every = Housekeeping.interval(from: Environment.get("QLCB_HOUSEKEEPING_MINUTES")) {
        app.lifecycle.use(HousekeepingLifecycle(every: every))
    }
    if AppConfig.isServing(app.environment.arguments), app.environment != .testing {
        app.lifecycle.use(WarmStartLifecycle())
    }
    app.mail = try MailSettings.from(environment: ProcessInfo.processInfo.environment)
    if AppConfig.isServing(app.environment.arguments), app.environment != .testing,
       let every = MailWorker.interval(from: Environment.get("QLCB_MAIL_SECONDS")) {
        app.lifecycle.use(MailLifecycle(every: every, sender: try MailWorker.sender(for: app.mail)))
    }
}
