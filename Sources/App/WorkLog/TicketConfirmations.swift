import Domain
import Fluent
import Foundation
import SQLKit

extension TicketQueries {
    /// Finished tickets waiting for this viewer's confirmation (Form 3 §III, `TicketAccess.confirm`):
    /// as head, the work of their agencies' officers other than their own; and what they requested,
    /// apart from those. One condition on `t` for each, none holding a ticket another holds: joined
    /// by OR, SQLite read every finished ticket of a district head's agencies from the table
    /// (`AddAwaitingConfirmationIndex`). `walked`: for a page of a head whose tickets are walked
    /// (`Scope.agencyWalk`), the head's branch tests each finished ticket, newest first, against
    /// the reach (`AddAwaitingConfirmationWalkIndex`).
    static func confirmationBranches(_ viewer: Viewer, scope: Scope, walked: Bool = false) -> [SQLQueryString] {
        let done: SQLQueryString = "t.status = \(literal: TicketStatus.done.rawValue)"
        let requested: SQLQueryString = "\(done) AND t.requester_user_id = \(bind: viewer.userID)"
        guard let agencies = scope.agencies else { return [requested] }
        let others: SQLQueryString = viewer.officerID.map { " AND t.officer_id <> \(bind: $0)" } ?? ""
        let headed: SQLQueryString = "\(done) AND \(agencies.contains(QuotedColumn("agency_id", table: "t")))" + others
        let walk = scope.agencyWalk.flatMap { walked ? "\(done) AND \($0.test.condition(agencies, reach: agencies.ids))" + others : nil }
        // IS NOT TRUE: a ticket the head's branch leaves out, also where a NULL makes it unknown.
        return [walk ?? headed, requested + " AND (\(headed)) IS NOT TRUE"]
    }

    /// How many tickets wait for this viewer's confirmation, counted up to `atMost + 1`: past
    /// `atMost` the reminder says "more than" (`countedText`). Kept while the audit head stays when
    /// `kept` is given. Counted in full, a district head's count read 137,700 finished tickets at ten
    /// times the demo (38 ms of PostgreSQL), again after every ticket recorded in the province; a
    /// number past a thousand tells the head nothing the list does not (ADR 0020, forty-first part).
    static func awaitingConfirmationCount(_ viewer: Viewer, scope: Scope, atMost: Int = countedAtMost, kept: KeptReads.At? = nil,
                                          on db: any Database) async throws -> Int {
        let counts = confirmationBranches(viewer, scope: scope).map {
            "(SELECT COUNT(*) FROM (SELECT 1 FROM \(name: WorkTicketModel.schema) t WHERE \($0) LIMIT \(literal: atMost + 1)) c)" as SQLQueryString
        }
        let count: SQLQueryString = "SELECT \(counts.joined(separator: " + ")) AS n, \(kept?.reads.headColumn ?? KeptReads.Head.whole.column)"
        let n = try await KeptReads.At.rows(count, kept: kept, on: db) { try $0.int("n") ?? 0 }.first ?? 0
        return min(n, atMost + 1)
    }

    /// The most tickets a reminder counts (`awaitingConfirmationCount`).
    static let countedAtMost = 1_000

    /// A count of `awaitingConfirmationCount` as a reminder says it: "1.000", or "Hơn 1.000" past the
    /// most it counts.
    static func countedText(_ count: Int, atMost: Int = countedAtMost) -> String {
        count > atMost ? "Hơn \(Money.grouped(atMost))" : Money.grouped(count)
    }

    /// The newest `limit` tickets waiting for this viewer's confirmation, with their officers' and
    /// agencies' names, in the order of every ticket list (`newestFirst`). Read as plain rows: as
    /// models with their officers, the dashboard's 50 cost a quarter of its time (ADR 0006).
    static func awaitingConfirmation(_ viewer: Viewer, scope: Scope, limit: Int, on db: any Database) async throws -> [TicketRow] {
        let order: SQLQueryString = "\(newestFirst) LIMIT \(literal: limit)"
        let newest = confirmationBranches(viewer, scope: scope, walked: true).enumerated().map { index, branch -> SQLQueryString in
            "SELECT * FROM (SELECT t.id, t.requested_on FROM \(name: WorkTicketModel.schema) t WHERE \(branch) \(order)) \(name: "k\(index)")"
        }
        return try await RawRows.all("""
            SELECT \(TicketRow.columns) FROM (\(newest.joined(separator: " UNION ALL "))) p
            JOIN \(name: WorkTicketModel.schema) t ON t.id = p.id \(names) \(order)
            """, on: db, TicketRow.init(columns:))
    }
}
