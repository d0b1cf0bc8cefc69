import NIOConcurrencyHelpers
import PostgresNIO

/// PostgreSQL cannot serve for now: the connection ended under a statement (PostgreSQL shut down,
/// the network dropped it), or PostgreSQL refused it for a moment (`serverStates`). 503, not 500.
struct DatabaseUnavailable: Error, CustomStringConvertible {
    var underlying: any Error
    var description: String { "PostgreSQL unavailable: \(String(reflecting: underlying))" }

    /// Too many connections, the database starting up, shutting down.
    static let serverStates: Set<String> = ["53300", "57P03", "57P01"]
}

/// The statements `PostgresRows` runs, each parsed and described once per connection as a named
/// prepared statement, then only bound and executed (issue 14, twenty-ninth part; ADR 0027).
///
/// Sent unnamed, PostgreSQL parsed, analysed and planned every statement again at each request:
/// planning was 38 % and parsing 11 % of PostgreSQL's CPU on a district head's ticket list (`perf`
/// on the backends). A named statement is planned for its first five runs; then PostgreSQL keeps one
/// generic plan when that plan costs no more than the ones made for the values, and plans again for
/// each run otherwise. PostgresNIO prepares by name only a statement whose text is a type's constant,
/// and a list's text depends on its filters, so its older interface is used: `prepare(query:)` and
/// `PreparedQuery.execute`. Its binds carry no type when the text is parsed, so each placeholder is
/// written with the type PostgresNIO would have declared (`$1::UUID[]`, `Statement.typed`).
///
/// A connection keeps at most `perConnection` statements; beyond that the one used longest ago is
/// closed. A connection's statements are forgotten when it closes.
enum PostgresPrepared {
    static let perConnection = 100

    /// The rows of `text` (typed placeholders) run with `binds` on `connection`, which the caller holds.
    /// PostgresNIO's older interface hands each row to a callback on the connection's event loop:
    /// they are only gathered there, and handed back whole for the caller to decode in its own task
    /// (a statement whose rows stream, an export, is not prepared: `PostgresRows.each`).
    static func rows(_ text: String, _ binds: [PostgresData], on connection: PostgresConnection) async throws -> [PostgresRow] {
        let (prepared, key, evicted) = statement(text, on: connection)
        if let evicted {
            // Closed before this statement runs; a failure leaves at worst a statement PostgreSQL keeps
            // until the connection ends.
            try? await evicted.flatMap { statement in whileOpen(connection) { statement.deallocate() } }.get()
        }
        do {
            return try await prepared.flatMap { statement in whileOpen(connection) { statement.execute(binds) } }.get()
        } catch {
            // A statement PostgreSQL refused (a failed preparation, a plan a migration made stale) is
            // closed and prepared again at its next run.
            if forget(text, key, ifStill: prepared) { prepared.whenSuccess { statement in _ = whileOpen(connection) { statement.deallocate() } } }
            // The older interface throws its older errors, and a lost connection as the channel's bare
            // error: told apart here, so that the rest of the application reads one error.
            if error is DatabaseUnavailable { throw error }
            if connection.isClosed || Self.unavailable(error) { throw DatabaseUnavailable(underlying: error) }
            throw error
        }
    }

    /// What `send` sends, sent on the connection's event loop while the connection is open; on a closed
    /// one it fails at once (503). PostgresNIO writes each command to its channel without a promise:
    /// written once the channel had closed, a command was dropped and its future never completed — a
    /// statement run just after PostgreSQL ended its connection, before the pool saw it closed, waited
    /// for ever. On the loop nothing closes the channel between the check and the write.
    private static func whileOpen<T: Sendable>(_ connection: PostgresConnection,
                                               _ send: @escaping @Sendable () -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        connection.eventLoop.flatSubmit {
            connection.isClosed ? connection.eventLoop.makeFailedFuture(DatabaseUnavailable(underlying: PostgresError.connectionClosed)) : send()
        }
    }

    /// PostgreSQL refused for now, in the older interface's words.
    private static func unavailable(_ error: any Error) -> Bool {
        switch error as? PostgresError {
        case .connectionClosed: true
        case .server(let server): server.fields[.sqlState].map(DatabaseUnavailable.serverStates.contains) ?? false
        case .protocol, nil: false
        }
    }

    private struct Kept {
        var prepared: EventLoopFuture<PreparedQuery>
        var used: UInt64
    }

    private struct Connection {
        var statements: [String: Kept] = [:]
        var clock: UInt64 = 0

        /// The statement kept for `text`, or a promise for it to be prepared (and the statement
        /// closed to make room for it).
        mutating func take(_ text: String, on connection: PostgresConnection)
            -> (EventLoopFuture<PreparedQuery>, EventLoopPromise<PreparedQuery>?, evicted: EventLoopFuture<PreparedQuery>?) {
            clock += 1
            if let found = statements[text] {
                statements[text]?.used = clock
                return (found.prepared, nil, nil)
            }
            let promise = connection.eventLoop.makePromise(of: PreparedQuery.self)
            statements[text] = Kept(prepared: promise.futureResult, used: clock)
            guard statements.count > PostgresPrepared.perConnection,
                  let oldest = statements.min(by: { $0.value.used < $1.value.used }) else { return (promise.futureResult, promise, nil) }
            statements[oldest.key] = nil
            return (promise.futureResult, promise, oldest.value.prepared)
        }
    }

    /// A connection by its object and its id: an entry is removed when its connection closes, and the
    /// id keeps a later connection at the same address from finding it in the meantime.
    private struct Key: Hashable {
        var object: ObjectIdentifier
        var id: Int
        init(_ connection: PostgresConnection) { (object, id) = (ObjectIdentifier(connection), connection.id) }
    }

    private static let connections = NIOLockedValueBox<[Key: Connection]>([:])

    /// How many statements `connection` keeps (tests).
    static func kept(on connection: PostgresConnection) -> Int {
        connections.withLockedValue { $0[Key(connection)]?.statements.count ?? 0 }
    }

    /// The statement prepared for `text` on `connection`, preparing it (and closing the least recently
    /// used beyond `perConnection`) when it is not yet.
    private static func statement(_ text: String, on connection: PostgresConnection)
        -> (EventLoopFuture<PreparedQuery>, Key, evicted: EventLoopFuture<PreparedQuery>?) {
        let key = Key(connection)
        // Prepared after the lock is let go: nothing of PostgresNIO's runs while it is held.
        let (isNewConnection, taken) = connections.withLockedValue { all in
            (all[key] == nil, all[key, default: Connection()].take(text, on: connection))
        }
        let (prepared, promise, evicted) = taken
        promise?.completeWith(whileOpen(connection) { connection.prepare(query: text) })
        if isNewConnection {
            connection.closeFuture.whenComplete { _ in _ = connections.withLockedValue { $0.removeValue(forKey: key) } }
        }
        return (prepared, key, evicted)
    }

    private static func forget(_ text: String, _ key: Key, ifStill prepared: EventLoopFuture<PreparedQuery>) -> Bool {
        connections.withLockedValue { all in
            guard all[key]?.statements[text]?.prepared === prepared else { return false }
            all[key]?.statements[text] = nil
            return true
        }
    }
}
