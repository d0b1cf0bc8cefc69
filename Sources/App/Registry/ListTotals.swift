import Crypto
import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The totals of the registry's lists, kept while the audit log's head has not moved (issue 14).
/// Counting the 10,000 active agencies cost more than reading a page of them, and paging through a
/// search counted the same rows again on every page. Every write appends its audit entry in its own
/// transaction and moves the head (ADR 0016), so a total counted at a head holds as long as the head
/// stays there — whichever instance or command wrote. A page's statement reads the head with its
/// rows (`headColumn`), and the total is counted again, with the head it is counted at, only when
/// the head has moved since (ADR 0020). One per application: two databases never share a total.
final class ListTotals: Sendable {
    struct Kept: Sendable { var head: Int; var total: Int }

    /// Distinct filters kept; beyond this many, all are forgotten at once.
    static let capacity = 2_000
    /// The head of the audit log, as a column of a page's statement.
    static let headColumn: any SQLExpression = SQLAlias(AuditLog.headSeq, as: SQLIdentifier("list_head"))

    private let kept = NIOLockedValueBox<[String: Kept]>([:])
    private let counts = NIOLockedValueBox(0)
    /// How many totals were counted rather than taken from the kept ones (tests read it).
    var counted: Int { counts.withLockedValue { $0 } }

    /// The total `count` (a `SELECT COUNT(*) AS n …`) selects: the one kept for the same statement if
    /// it was counted at `head` (the head a page was just read at), else counted now with its head.
    func total(_ count: SQLSelectBuilder, at head: Int?, on db: any Database) async throws -> Int {
        let select = count.column(Self.headColumn)
        let sql = try db.sql()
        // Kept by a digest of the statement and its values: a scope of thousands of agencies binds
        // thousands of ids, which would otherwise be kept as text in every key.
        let statement = sql.serialize(select.select)
        let key = Data(SHA256.hash(data: Data(([statement.sql] + statement.binds.map { "\($0)" })
            .joined(separator: "\u{1F}").utf8))).base64EncodedString()
        if let head, let found = kept.withLockedValue({ $0[key] }), found.head == head { return found.total }
        counts.withLockedValue { $0 += 1 }
        let rows = try await RawRows.all(statement: select.select, on: db) { row in
            Kept(head: try row.required("list_head", row.int), total: try row.int("n") ?? 0)
        }
        guard let counted = rows.first else { return 0 }
        kept.withLockedValue { kept in
            if kept[key] == nil, kept.count >= Self.capacity { kept.removeAll() }
            kept[key] = counted
        }
        return counted.total
    }
}

extension Application {
    private struct ListTotalsKey: StorageKey { typealias Value = ListTotals }
    var listTotals: ListTotals {
        if let totals = storage[ListTotalsKey.self] { return totals }
        let totals = ListTotals()
        storage[ListTotalsKey.self] = totals
        return totals
    }
}
