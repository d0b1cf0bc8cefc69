import Fluent
import Foundation
import SQLKit

/// The rows of a year's results page (Art. 16), each read with its officer's and agency's names in
/// one statement, in the order of the officers' names, then of the rows' ids (ADR 0006); they had no
/// order before. Read as models with their officers, a year's 127 proposals, 266 tasks and a page of
/// rewards built 443 officer models: 90–125 ms of the server a view (issue 14). Each list is read a
/// page at a time with its count (`ResultsPages`). Kept while the head without tickets stays
/// (`KeptReads.At.rows(readAfter:)`, `keptReadsWithoutTickets`): signing, completing or deciding
/// moves it, a ticket does not.
enum ResultRows {
    struct Proposal: Sendable {
        var id, officerID: UUID
        var officer, agency, pattern, window: String
        /// Who signed and when, as the page shows it (nil: not signed).
        var authoritySigned, homeAffairsSigned: String?
    }

    struct Task: Sendable {
        var id, officerID, agencyID: UUID
        var officer, agency, kind, note: String
        /// Who marked it done and when, as the page shows it (nil: not done).
        var done: String?
    }

    struct Reward: Sendable {
        var id, officerID: UUID
        var officer, agency, candidacy, decision, note: String
        /// Who decided and when, as the page shows it (nil: not decided).
        var decided: String?
    }

    /// A page of the year's proposals; `paging.total` is set to their count.
    static func proposals(year: Int, paging: inout Paging, kept: KeptReads.At, on db: any Database) async throws -> [Proposal] {
        paging.total = try await count(CessationProposalModel.schema, year: year, kept: kept, on: db)
        guard !paging.isPastTheEnd else { return [] }
        return try await KeptReads.At.rows(readAfter: SQLQueryString("""
            SELECT p.id, p.officer_id, o.full_name, a.name AS agency_name, p.pattern, p.\(name: "window") AS years,
            p.authority_signed_by, p.authority_signed_at, p.home_affairs_signed_by, p.home_affairs_signed_at
            FROM \(name: CessationProposalModel.schema) p JOIN \(name: OfficerModel.schema) o ON o.id = p.officer_id
            LEFT JOIN \(name: AgencyModel.schema) a ON a.id = p.agency_id
            WHERE p.year = \(bind: year) ORDER BY o.name_sort_key, p.id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)
            """), kept: kept, on: db) { row in
            Proposal(id: try row.required("id", row.uuid), officerID: try row.required("officer_id", row.uuid),
                     officer: try row.string("full_name", default: ""), agency: try row.string("agency_name", default: ""),
                     pattern: try row.string("pattern", default: ""), window: try row.string("years", default: ""),
                     authoritySigned: try shown(row, by: "authority_signed_by", at: "authority_signed_at"),
                     homeAffairsSigned: try shown(row, by: "home_affairs_signed_by", at: "home_affairs_signed_at"))
        }
    }

    /// A page of the year's tasks; `paging.total` is set to their count. `agencies`: only the tasks of
    /// these agencies (a head's reach); nil, every task.
    static func tasks(year: Int, agencies: Set<UUID>?, paging: inout Paging, kept: KeptReads.At, on db: any Database) async throws -> [Task] {
        if let agencies, agencies.isEmpty { return [] }
        let within: SQLQueryString = agencies.map { " AND t.agency_id IN (\(binds: $0.sorted()))" } ?? ""
        paging.total = try await count(HeadTaskModel.schema, year: year, agencies: agencies, kept: kept, on: db)
        guard !paging.isPastTheEnd else { return [] }
        return try await KeptReads.At.rows(readAfter: SQLQueryString("""
            SELECT t.id, t.officer_id, t.agency_id, o.full_name, a.name AS agency_name, t.kind, t.note, t.done_by, t.done_at
            FROM \(name: HeadTaskModel.schema) t JOIN \(name: OfficerModel.schema) o ON o.id = t.officer_id
            LEFT JOIN \(name: AgencyModel.schema) a ON a.id = t.agency_id
            WHERE t.year = \(bind: year)\(within) ORDER BY o.name_sort_key, t.id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)
            """), kept: kept, on: db) { row in
            Task(id: try row.required("id", row.uuid), officerID: try row.required("officer_id", row.uuid),
                 agencyID: try row.required("agency_id", row.uuid), officer: try row.string("full_name", default: ""),
                 agency: try row.string("agency_name", default: ""), kind: try row.string("kind", default: ""),
                 note: try row.string("note", default: ""), done: try shown(row, by: "done_by", at: "done_at"))
        }
    }

    /// A page of the year's reward candidacies, each with its officer's present agency; `paging.total`
    /// is set to their count.
    static func rewards(year: Int, paging: inout Paging, kept: KeptReads.At, on db: any Database) async throws -> [Reward] {
        paging.total = try await count(RewardCandidateModel.schema, year: year, kept: kept, on: db)
        guard !paging.isPastTheEnd else { return [] }
        return try await KeptReads.At.rows(readAfter: SQLQueryString("""
            SELECT r.id, r.officer_id, o.full_name, a.name AS agency_name, r.candidacy, r.decision, r.decision_note, r.decided_by, r.decided_at
            FROM \(name: RewardCandidateModel.schema) r JOIN \(name: OfficerModel.schema) o ON o.id = r.officer_id
            LEFT JOIN \(name: AgencyModel.schema) a ON a.id = o.agency_id
            WHERE r.year = \(bind: year) ORDER BY o.name_sort_key, r.id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)
            """), kept: kept, on: db) { row in
            Reward(id: try row.required("id", row.uuid), officerID: try row.required("officer_id", row.uuid),
                   officer: try row.string("full_name", default: ""), agency: try row.string("agency_name", default: ""),
                   candidacy: try row.string("candidacy", default: ""), decision: try row.string("decision", default: ""),
                   note: try row.string("decision_note", default: ""), decided: try shown(row, by: "decided_by", at: "decided_at"))
        }
    }

    /// "who · dd/MM/yyyy HH:mm" of a step taken, nil when it was not: made once for the rows kept at a
    /// head rather than at each view (the times were 7 % of the page's server time, issue 14).
    private static func shown(_ row: any ResultColumns, by: String, at: String) throws -> String? {
        try row.date(at).map { "\(try row.string(by) ?? "") · \(VietnameseTime.format($0))" }
    }

    /// How many rows of `table` belong to `year` (and to `agencies`, when given), kept while the head
    /// stays (`KeptReads.At.total`).
    private static func count(_ table: String, year: Int, agencies: Set<UUID>? = nil, kept: KeptReads.At,
                              on db: any Database) async throws -> Int {
        var conditions: [any SQLExpression] = [SQLBinaryExpression(QuotedColumn("year"), .equal, SQLBind(year))]
        if let agencies { conditions.append(SQLBinaryExpression(QuotedColumn("agency_id"), .in, SQLBind.group(agencies.sorted()))) }
        return try await kept.total(KeptReads.count(from: QuotedIdentifier(table), conditions, on: db), on: db)
    }
}
