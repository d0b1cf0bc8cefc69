import Domain
import Fluent
import Foundation
import SQLKit

/// What an officer's log for a year shows besides the log itself (`WorkLogService.view`), read as
/// plain rows (ADR 0006): its tickets counted by group and status for Form 2, its initiatives, the
/// agency's outsourced cost and the head's sign-offs. Read as models, the work log page spent 15 % of
/// the server's time reflecting their properties (`Mirror`, issue 14), and Form 2 made a model of
/// every ticket of the year to count them.
enum WorkLogRows {
    struct Initiative: Sendable { var title, madeOn, outcome: String }
    struct SignOff: Sendable { var periodStart, periodEnd, signedBy, note: String }
    /// The log's own record: its submission, the head's opinion and the authority's late exception.
    struct Log: Sendable {
        var receivedAt: Date?
        var headOpinion: String
        var headConfirmedBy: String?
        var lateException: String
    }

    /// The officer's log of `year`, if one was started (one a year: a unique key).
    static func log(officer: UUID, year: Int, on db: any Database) async throws -> Log? {
        try await RawRows.all("""
            SELECT received_at, head_opinion, head_confirmed_by, late_exception FROM \(name: WorkLogModel.schema)
            WHERE officer_id = \(bind: officer) AND year = \(bind: year)
            """, on: db) { row in
            Log(receivedAt: try row.date("received_at"), headOpinion: try row.string("head_opinion", default: ""),
                headConfirmedBy: try row.string("head_confirmed_by"), lateException: try row.string("late_exception", default: ""))
        }.first
    }

    /// The officer's tickets of `year` recorded or changed after `since` (every ticket of the year when
    /// the head never signed), the most recently changed first, at most `limit` (Art. 13.3). A ticket
    /// without a time of change (none the application writes) comes last on both databases.
    static func changed(officer: UUID, year: Int, since: Date?, limit: Int, on db: any Database) async throws -> [TicketRow] {
        let after: SQLQueryString = since.map { "AND t.updated_at > \(bind: $0)" } ?? ""
        return try await RawRows.all("""
            SELECT \(TicketRow.columns) FROM \(name: WorkTicketModel.schema) t \(TicketQueries.names)
            WHERE t.officer_id = \(bind: officer) AND t.year = \(bind: year) \(after)
            ORDER BY t.updated_at IS NULL, t.updated_at DESC, t.id DESC LIMIT \(literal: limit)
            """, on: db, TicketRow.init(columns:))
    }

    /// The officer's tickets of `year`, each as its group and status (counted by the database, one
    /// row for each group and status; a stored value the product no longer knows reads as the
    /// model reads it: `other`, `requested`).
    static func ticketStates(officer: UUID, year: Int, on db: any Database) async throws -> [(group: TaskGroup, status: TicketStatus)] {
        let counted = try await RawRows.all("""
            SELECT task_group, status, COUNT(*) AS n FROM \(name: WorkTicketModel.schema)
            WHERE officer_id = \(bind: officer) AND year = \(bind: year) GROUP BY task_group, status
            """, on: db) { row in
            (group: TaskGroup(rawValue: try row.string("task_group", default: "")) ?? .other,
             status: TicketStatus(rawValue: try row.string("status", default: "")) ?? .requested, count: try row.int("n") ?? 0)
        }
        return counted.flatMap { Array(repeating: (group: $0.group, status: $0.status), count: $0.count) }
    }

    /// The officer's initiatives of `year`, by the day each was made, then by id.
    static func initiatives(officer: UUID, year: Int, on db: any Database) async throws -> [Initiative] {
        try await RawRows.all("""
            SELECT title, made_on, outcome FROM \(name: InitiativeModel.schema)
            WHERE officer_id = \(bind: officer) AND year = \(bind: year) ORDER BY made_on, id
            """, on: db) { row in
            Initiative(title: try row.string("title", default: ""), madeOn: try row.string("made_on", default: ""),
                       outcome: try row.string("outcome", default: ""))
        }
    }

    /// The cost of outsourced IT work the agency entered for `year` (D11), if it did.
    static func outsourcedCost(agency: UUID, year: Int, on db: any Database) async throws -> Int? {
        try await RawRows.all("""
            SELECT outsourced_cost FROM \(name: AgencyYearCostModel.schema) WHERE agency_id = \(bind: agency) AND year = \(bind: year)
            """, on: db) { try $0.int("outsourced_cost") }.first ?? nil
    }

    /// The head's sign-offs of periods starting within `period`, in the periods' order.
    static func signOffs(officer: UUID, within period: ClosedRange<LocalDate>, on db: any Database) async throws -> [SignOff] {
        try await RawRows.all("""
            SELECT period_start, period_end, signed_by, note FROM \(name: SignOffModel.schema)
            WHERE officer_id = \(bind: officer) AND period_start >= \(bind: period.lowerBound.iso) AND period_start <= \(bind: period.upperBound.iso)
            ORDER BY period_start, id
            """, on: db) { row in
            SignOff(periodStart: try row.string("period_start", default: ""), periodEnd: try row.string("period_end", default: ""),
                    signedBy: try row.string("signed_by", default: ""), note: try row.string("note", default: ""))
        }
    }

    /// When the head last signed any period of the officer's.
    static func lastSignedAt(officer: UUID, on db: any Database) async throws -> Date? {
        try await RawRows.all("""
            SELECT signed_at FROM \(name: SignOffModel.schema) WHERE officer_id = \(bind: officer) AND signed_at IS NOT NULL
            ORDER BY signed_at DESC, id DESC LIMIT 1
            """, on: db) { try $0.date("signed_at") }.first ?? nil
    }
}
