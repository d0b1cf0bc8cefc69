import Crypto
import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// What the registry's lists read that only a write can change — their totals, the districts of the
/// agency filter, the candidates of a name search, a head's dashboard counts — kept while the audit log's head has not moved (issue 14, ADR 0020). Counting the
/// 10,000 active agencies cost more than reading a page of them, and paging through a search counted
/// the same rows again on every page. Every write appends its audit entry in its own transaction and
/// moves the head (ADR 0016), so a value read at a head holds as long as the head stays there —
/// whichever instance or command wrote. A page's statement reads the head with its rows
/// (`headColumn`); a kept value is taken only when it was read at that same head, otherwise it is read
/// again with the head it is read at. Each store keeps its values at one head (`Head`): the whole log's,
/// or that of the entries other than tickets'. One per application: two databases never share a value.
final class KeptReads: Sendable {
    struct Kept: Sendable { var head: Int; var value: any Sendable }

    /// Distinct values kept; beyond this many, all are forgotten at once.
    let capacity: Int
    /// The head its values are kept at.
    let keptAt: Head

    init(capacity: Int = 2_000, at keptAt: Head = .whole) { (self.capacity, self.keptAt) = (capacity, keptAt) }

    /// Which head of the audit log a store keeps its values at: the whole log's, or that of its entries
    /// that change a record other than a ticket (`AuditLog.movesHeadWithoutTickets`: not a ticket's,
    /// not a login's or a refusal's), for values no ticket's write can change
    /// (`keptReadsWithoutTickets`). A store's heads are compared only with heads of the same kind.
    enum Head: Sendable {
        case whole, withoutTickets

        /// The head's sequence number as a scalar subquery of a statement.
        var seq: any SQLExpression { self == .whole ? AuditLog.headSeq : AuditLog.headWithoutTicketsSeq }
        /// The head as a column of a page's statement (`list_head`).
        var column: any SQLExpression { SQLAlias(seq, as: QuotedIdentifier("list_head")) }

        /// The head, read in a statement of its own.
        func read(on db: any Database) async throws -> Int {
            self == .whole ? try await AuditLog.head(on: db).seq : try await AuditLog.headWithoutTickets(on: db)
        }
    }

    /// This store's head as a column of a page's statement.
    var headColumn: any SQLExpression { keptAt.column }

    private let kept = NIOLockedValueBox<[String: Kept]>([:])
    private let reads = NIOLockedValueBox(0)
    /// How many values were read from the database and kept (tests read it).
    var counted: Int { reads.withLockedValue { $0 } }

    /// The value kept under `key` if it was read at `head` (the head a page was just read at), else
    /// the one `read` gives with the head it was read at (kept when it has one). Requests that miss
    /// the same key at the same head together share one read (`SingleFlight`): after a write moved
    /// the head, every page in flight asked for the same totals and reach at once (issue 14).
    func value<T: Sendable>(_ key: String, at head: Int?,
                            read: @escaping @Sendable () async throws -> (value: T, head: Int?)) async throws -> T {
        guard let head else { return try await readAndKeep(key, read).value }
        if let found: (value: T, head: Int) = kept(key), found.head == head { return found.value }
        let (fresh, _) = try await flights.run(key, version: head) {
            let fresh = try await self.readAndKeep(key, read, at: head)
            return Fresh(value: fresh.value, head: fresh.head)
        }
        // A read shared under the same key gives the same type; were it ever another, read for this page.
        guard let value = fresh.value as? T else { return try await readAndKeep(key, read).value }
        return value
    }

    /// A value read once for every request that waited for it, and the head it was read at.
    struct Fresh: Sendable { var value: any Sendable; var head: Int? }
    private let flights = SingleFlight<Fresh>()
    /// How many requests waited for a read another had begun (tests read it).
    var joinedReads: Int { get async { await flights.joined } }

    /// Reads, and keeps what was read at the head it says, else at `asked`: the head the page read
    /// before it, as `value(_:readAfter:read:)` keeps. A read with neither is not kept.
    private func readAndKeep<T: Sendable>(_ key: String, _ read: () async throws -> (value: T, head: Int?),
                                          at asked: Int? = nil) async throws -> (value: T, head: Int?) {
        let fresh = try await read()
        if let head = fresh.head ?? asked { keep(fresh.value, key, head: head) }
        return fresh
    }

    /// The value kept under `key` if it was read at `head`, else the one `read` gives, read after the
    /// page read `head` and kept at it: a write committed in between moves the head past it, so the
    /// value is read again at the next head, never taken for an older state than its head says.
    func value<T: Sendable>(_ key: String, readAfter head: Int, read: @escaping @Sendable () async throws -> T) async throws -> T {
        try await value(key, at: head) { (try await read(), head) }
    }

    /// The value kept under `key` and the head it was read at, whatever the head is now: for a value a
    /// page's statement needs before it can read the head (`NameTrigrams.narrowed`), to be checked after.
    func kept<T: Sendable>(_ key: String) -> (value: T, head: Int)? {
        guard let found = kept.withLockedValue({ $0[key] }), let value = found.value as? T else { return nil }
        return (value, found.head)
    }

    /// Keeps `value`, read at `head`, under `key`; counted as a read from the database unless it is
    /// a read already counted, kept under a second key (`counted: false`).
    func keep(_ value: some Sendable, _ key: String, head: Int, counted: Bool = true) {
        if counted { reads.withLockedValue { $0 += 1 } }
        kept.withLockedValue { kept in
            if kept[key] == nil, kept.count >= capacity { kept.removeAll() }
            // A read that ended late never replaces one made at a later head.
            if let newer = kept[key], newer.head > head { return }
            kept[key] = Kept(head: head, value: value)
        }
    }

    /// `SELECT COUNT(*) AS n FROM from WHERE conditions…`: the statement `total` keeps.
    static func count(from: any SQLExpression, _ conditions: [any SQLExpression], on db: any Database) throws -> SQLSelectBuilder {
        var count = try db.sql().select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: QuotedIdentifier("n"))).from(from)
        for condition in conditions { count = count.where(condition) }
        return count
    }

    /// The total `count` (a `SELECT COUNT(*) AS n …`, `KeptReads.count`) selects, kept by the statement and its values.
    func total(_ count: SQLSelectBuilder, at head: Int?, on db: any Database) async throws -> Int {
        try await total(counting(count, on: db), at: head, on: db)
    }

    /// A count (`count(from:_:on:)`) with the head among its columns, and the key its total is kept
    /// under: made once when a page asks for its kept total before its rows (`keptTotal`) and after.
    struct Total: Sendable {
        let statement: any SQLExpression
        let key: String
    }

    func counting(_ count: SQLSelectBuilder, on db: any Database) throws -> Total {
        let statement = count.column(headColumn).select
        return Total(statement: statement, key: try Self.rowsKey(statement, on: db))
    }

    /// The total `count` selects, kept while the head stays.
    func total(_ count: Total, at head: Int?, on db: any Database) async throws -> Int {
        try await rows(count.statement, key: count.key, at: head, on: db) { try $0.int("n") ?? 0 }.first ?? 0
    }

    /// The total kept for `count` if it was read at `head`, without reading it: a page that starts
    /// past it has no row to read at that head.
    func keptTotal(_ count: Total, at head: Int) -> Int? {
        guard let found: (value: [Int], head: Int) = kept(count.key), found.head == head else { return nil }
        return found.value.first ?? 0
    }

    /// The rows `statement` reads — with the head among its columns (`headColumn`) — each made by
    /// `make`, kept by a digest of the statement and its values: a scope of thousands of agencies binds
    /// thousands of ids, which would otherwise be kept as text in every key. A statement that reads no
    /// row reads no head either: it is kept at the head the page read before it (`value(_:at:read:)`),
    /// so an empty list is not read again at every request (a small reach's walk, `TicketQueries`).
    func rows<T: Sendable>(_ statement: any SQLExpression, at head: Int?, on db: any Database,
                           _ make: @escaping @Sendable (any ResultColumns) throws -> T) async throws -> [T] {
        try await rows(statement, key: try Self.rowsKey(statement, on: db), at: head, on: db, make)
    }

    /// The key `rows` keeps a statement's rows under: a digest of its text and values.
    static func rowsKey(_ statement: any SQLExpression, on db: any Database) throws -> String {
        let serialized = DialectReadOnce(try db.sql()).serialize(statement)
        return "rows " + Data(SHA256.hash(data: Data(([serialized.sql] + serialized.binds.map { "\($0)" })
            .joined(separator: "\u{1F}").utf8))).base64EncodedString()
    }

    private func rows<T: Sendable>(_ statement: any SQLExpression, key: String, at head: Int?, on db: any Database,
                                   _ make: @escaping @Sendable (any ResultColumns) throws -> T) async throws -> [T] {
        try await value(key, at: head) {
            let read = try await RawRows.all(statement: statement, on: db) { (try make($0), try $0.required("list_head", $0.int)) }
            return (value: read.map(\.0), head: read.first?.1)
        }
    }

    /// Kept values and the head a page is read at, for a page whose values are read by statements of
    /// their own (the dashboard's counts): it reads the head first (`AuditLog.head`), and each kept value
    /// is taken only if it was read at that head.
    struct At: Sendable {
        let reads: KeptReads
        let head: Int?

        /// `KeptReads.value(_:readAfter:read:)` at this head; read every time when the head is unknown.
        func value<T: Sendable>(_ key: String, read: @escaping @Sendable () async throws -> T) async throws -> T {
            guard let head else { return try await read() }
            return try await reads.value(key, readAfter: head, read: read)
        }

        /// The rows `statement` reads (no head among its columns), read after this head and kept at it
        /// by its statement and values: for a store whose head no statement reads
        /// (`keptReadsWithoutTickets`).
        func rows<T: Sendable>(readAfter statement: any SQLExpression, on db: any Database,
                               _ make: @escaping @Sendable (any ResultColumns) throws -> T) async throws -> [T] {
            try await value("after " + (try KeptReads.rowsKey(statement, on: db))) {
                try await RawRows.all(statement: statement, on: db, make)
            }
        }

        /// `rows(readAfter:on:_:)` of `kept` when given, else read.
        static func rows<T: Sendable>(readAfter statement: any SQLExpression, kept: At?, on db: any Database,
                                      _ make: @escaping @Sendable (any ResultColumns) throws -> T) async throws -> [T] {
            guard let kept else { return try await RawRows.all(statement: statement, on: db, make) }
            return try await kept.rows(readAfter: statement, on: db, make)
        }

        /// The total `count` (`KeptReads.count`) selects, read after this head (`rows(readAfter:on:_:)`).
        func total(_ count: SQLSelectBuilder, on db: any Database) async throws -> Int {
            try await rows(readAfter: count.select, on: db) { try $0.int("n") ?? 0 }.first ?? 0
        }

        /// `value(_:read:)` of `kept` when given, else read.
        static func value<T: Sendable>(_ key: String, kept: At?, read: @escaping @Sendable () async throws -> T) async throws -> T {
            guard let kept else { return try await read() }
            return try await kept.value(key, read: read)
        }

        /// The rows `statement` reads (the head among its columns): kept by `reads` when given, else read.
        static func rows<T: Sendable>(_ statement: any SQLExpression, kept: At?, on db: any Database,
                                      _ make: @escaping @Sendable (any ResultColumns) throws -> T) async throws -> [T] {
            guard let kept else { return try await RawRows.all(statement: statement, on: db, make) }
            return try await kept.reads.rows(statement, at: kept.head, on: db, make)
        }
    }
}

extension Request {
    /// The application's kept values for a page that has not read the audit head itself: at the head
    /// read with the session row, else a value that needs the head reads it then (a head's reach,
    /// `VisibleAgencies.measured`).
    var keptReads: KeptReads.At { KeptReads.At(reads: application.keptReads, head: auditHeadAtStart) }

    /// The application's kept values at the audit head, for the page's every read that depends on it
    /// (a head's reach, the staffing report, the kept counts): the head read with the session row,
    /// else read here.
    func keptReadsAtHead() async throws -> KeptReads.At {
        KeptReads.At(reads: application.keptReads, head: try await auditHead())
    }

    /// The audit head read with the session row (`auditHeadAtStart`), else read now.
    func auditHead() async throws -> Int {
        if let auditHeadAtStart { return auditHeadAtStart }
        return try await AuditLog.head(on: db).seq
    }

    private struct AuditHeadAtStartKey: StorageKey { typealias Value = Int }
    /// The audit head as the request's first statement read it, with the session row
    /// (`GatedSessionDriver`): a value kept at it was read after it. Forgotten when the request
    /// writes (`write`), so that what it reads next is read again at the head its write moved.
    var auditHeadAtStart: Int? {
        get { storage[AuditHeadAtStartKey.self] }
        set { storage[AuditHeadAtStartKey.self] = newValue }
    }
}

extension Application {
    private struct KeptViewersKey: StorageKey { typealias Value = KeptReads }
    /// The signed-in people, kept apart from the lists' values: one entry a person, as many as sign in.
    /// Kept at the head without tickets: no ticket's write changes an account, its grants or an
    /// agency's district (ADR 0020, forty-second part).
    var keptViewers: KeptReads { store(KeptViewersKey.self) { KeptReads(capacity: 10_000, at: .withoutTickets) } }

    private struct KeptDashboardsKey: StorageKey { typealias Value = KeptReads }
    /// Each person's home page of the day (`DashboardController`), kept apart from the lists' values:
    /// up to about 80 tickets each, so fewer (about 40 KB a page).
    var keptDashboards: KeptReads { store(KeptDashboardsKey.self) { KeptReads(capacity: 500) } }

    private struct KeptReadsKey: StorageKey { typealias Value = KeptReads }
    var keptReads: KeptReads { store(KeptReadsKey.self) { KeptReads() } }
}
