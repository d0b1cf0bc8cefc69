import Fluent
import Foundation
import SQLKit

/// Throttling of password checks by account and by client address, with growing delays (ADR 0007).
///
/// An attempt is first *reserved*: in one write transaction the counters are read, the attempt is
/// refused if a delay runs, and otherwise it is counted as a failure before the password is checked,
/// so that parallel guesses cannot pass the threshold together. `settle` takes the failure back when
/// the password was right.
enum LoginThrottle {
    static let table = "login_throttles"

    /// After `threshold` failures the next attempt waits `firstDelay`, doubled for each further
    /// failure, never more than `cap`.
    struct Rule: Sendable {
        var threshold: Int
        var firstDelay: TimeInterval
        var cap: TimeInterval

        func delay(afterFailures failures: Int) -> TimeInterval? {
            guard failures >= threshold else { return nil }
            return min(firstDelay * pow(2, Double(min(failures - threshold, 30))), cap)
        }
    }

    static let account = Rule(threshold: 5, firstDelay: 30, cap: 15 * 60)
    /// Offices reach the server through one address, so an address gets more attempts than an account.
    static let address = Rule(threshold: 20, firstDelay: 30, cap: 15 * 60)
    /// A counter whose last failure is older than this starts again from zero.
    static let forgetAfter: TimeInterval = 3600
    /// An address the account signed in from within this period is not held back by the account's
    /// delay (only by its own): an anonymous attacker cannot keep the owner out.
    static let knownFor: TimeInterval = 30 * 86400

    struct Keys: Sendable, Equatable {
        var account: String
        var address: String
        var known: String

        /// The typed name is stored only as a digest: people type passwords into the name field.
        init(username: String, address: String) {
            let name = String(Secrets.sha256(username).prefix(32))
            account = "account:" + name
            self.address = "address:" + address
            known = "known:" + name + "@" + address
        }
    }

    enum Decision: Sendable, Equatable {
        case check(Keys)
        case refused(retryAfter: Int)
    }

    struct Row: Decodable, Sendable {
        var key: String
        var failures: Int
        var blockedUntil: Double?
        var lastFailureAt: Double?
        var lastSuccessAt: Double?

        enum CodingKeys: String, CodingKey {
            case key, failures, blockedUntil = "blocked_until", lastFailureAt = "last_failure_at", lastSuccessAt = "last_success_at"
        }

        /// The counter as it stands at `now`: forgotten after an hour without failures.
        func current(at now: Double) -> Row {
            guard let last = lastFailureAt, now - last > LoginThrottle.forgetAfter else { return self }
            return Row(key: key, failures: 0, blockedUntil: nil, lastFailureAt: nil, lastSuccessAt: lastSuccessAt)
        }
    }

    /// Run inside `req.write`: refuses while a delay runs, otherwise counts the attempt as a failure.
    /// `knownAddressesPass: false` for a check made inside a session (the current password of the
    /// account page), where whoever holds the session is at a known address.
    static func reserve(_ keys: Keys, now: Date, knownAddressesPass: Bool = true, on db: any Database) async throws -> Decision {
        let sql = try db.sql()
        let t = now.timeIntervalSince1970
        let rows = try await lockRows([keys.account, keys.address], also: [keys.known], on: sql)
        let account = (rows[keys.account] ?? Row(key: keys.account, failures: 0)).current(at: t)
        let address = (rows[keys.address] ?? Row(key: keys.address, failures: 0)).current(at: t)
        let known = knownAddressesPass && (rows[keys.known]?.lastSuccessAt.map { t - $0 < knownFor } ?? false)
        var waits: [Double] = []
        if let until = address.blockedUntil, until > t { waits.append(until - t) }
        if !known, let until = account.blockedUntil, until > t { waits.append(until - t) }
        if let wait = waits.max() { return .refused(retryAfter: max(1, Int(wait.rounded(.up)))) }
        for (row, rule) in [(account, Self.account), (address, Self.address)] {
            let failures = row.failures + 1
            try await sql.update(table).set("failures", to: failures).set("last_failure_at", to: t)
                .set("blocked_until", to: rule.delay(afterFailures: failures).map { t + $0 })
                .where("key", .equal, row.key).run()
        }
        if Int.random(in: 0..<64) == 0 { try await prune(before: t, on: sql) }
        return .check(keys)
    }

    /// Run inside `req.write` after the password check. A right password clears the account's
    /// counter, takes back the address's reserved failure and remembers the address for the account.
    static func settle(_ keys: Keys, success: Bool, now: Date, on db: any Database) async throws {
        guard success else { return }
        let sql = try db.sql()
        let t = now.timeIntervalSince1970
        let rows = try await lockRows([keys.account, keys.address, keys.known], also: [], on: sql)
        try await sql.update(table).set("failures", to: 0).set("blocked_until", to: SQLLiteral.null)
            .set("last_failure_at", to: SQLLiteral.null).where("key", .equal, keys.account).run()
        if let address = rows[keys.address] {
            let failures = max(0, address.failures - 1)
            try await sql.update(table).set("failures", to: failures)
                .set("blocked_until", to: failures >= Self.address.threshold ? address.blockedUntil : nil)
                .where("key", .equal, keys.address).run()
        }
        try await sql.update(table).set("last_success_at", to: t).where("key", .equal, keys.known).run()
    }

    /// The administrator's unlock: the account's counter starts again.
    static func clear(username: String, on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.delete(from: table).where("key", .equal, Keys(username: username, address: "").account).run()
    }

    /// Whether the account is held back now (for the administrator's list).
    static func blockedAccounts(_ usernames: [String], now: Date, on db: any Database) async throws -> Set<String> {
        guard !usernames.isEmpty else { return [] }
        let sql = try db.sql()
        let byKey = Dictionary(usernames.map { (Keys(username: $0, address: "").account, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try await sql.select().columns("*").from(table).where("key", .in, Array(byKey.keys))
            .all(decoding: Row.self)
        let t = now.timeIntervalSince1970
        return Set(rows.filter { ($0.current(at: t).blockedUntil ?? 0) > t }.compactMap { byKey[$0.key] })
    }

    /// Creates the rows that are missing, then locks them in the order given (an UPDATE locks the
    /// row on PostgreSQL until the transaction ends; on SQLite the write gate already serialises),
    /// so two attempts on the same account or address take turns. Always account before address.
    private static func lockRows(_ keys: [String], also others: [String], on sql: any SQLDatabase) async throws -> [String: Row] {
        for key in keys {
            try await sql.insert(into: table).columns("key", "failures").values(SQLBind(key), SQLLiteral.numeric("0"))
                .ignoringConflicts(with: ["key"]).run()
        }
        for key in keys {
            try await sql.update(table).set("failures", to: QuotedColumn("failures")).where("key", .equal, key).run()
        }
        let rows = try await sql.select().columns("*").from(table).where("key", .in, keys + others).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private static func prune(before t: Double, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: table)
            .where(SQLFunction("COALESCE", args: QuotedColumn("last_failure_at"), SQLLiteral.numeric("0")), .lessThan, SQLBind(t - forgetAfter))
            .where(SQLFunction("COALESCE", args: QuotedColumn("last_success_at"), SQLLiteral.numeric("0")), .lessThan, SQLBind(t - knownFor))
            .where(SQLFunction("COALESCE", args: QuotedColumn("blocked_until"), SQLLiteral.numeric("0")), .lessThan, SQLBind(t))
            .run()
    }

}

extension LoginThrottle.Row {
    init(key: String, failures: Int) {
        self.init(key: key, failures: failures, blockedUntil: nil, lastFailureAt: nil, lastSuccessAt: nil)
    }
}
