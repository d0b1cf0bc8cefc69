import Domain
import Fluent
import Foundation
import SQLKit

/// Filters of a ticket list; all optional.
struct TicketFilter: Sendable {
    var officerID: UUID?
    var agencyID: UUID?
    var year: Int?
    var group: TaskGroup?
    var status: TicketStatus?
    var q: String?
    var requesterUserID: UUID?
    var from: LocalDate?
    var to: LocalDate?
}

/// Position after the last row shown: (request date, id), newest first. Keyset pagination stays fast
/// at millions of tickets where an OFFSET would scan everything it skips.
struct TicketCursor: Sendable, Equatable {
    var requestedOn: String
    var id: UUID

    init(requestedOn: String, id: UUID) { self.requestedOn = requestedOn; self.id = id }

    init?(_ text: String?) {
        guard let parts = text?.split(separator: "_"), parts.count == 2, LocalDate(iso: String(parts[0])) != nil,
              let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(requestedOn: String(parts[0]), id: id)
    }

    var text: String { "\(requestedOn)_\(id.canonicalText)" }
}

enum TicketQueries {
    /// What a viewer may list: exactly the rule of `AccessPolicy.ticketAccess`, as SQL.
    struct Scope: Sendable {
        /// The agencies the viewer heads, each with every agency below it (nil: they head none).
        var agencies: VisibleAgencies?
        /// Set when those agencies are many (`agencyWalk(_:kept:on:)`): their tickets are then read one
        /// year at a time, newest first (those of one status: all years in one walk, `branches`), each
        /// ticket's agency tested against the reach.
        var agencyWalk: AgencyWalk?
        var officerID: UUID?
        var requestAgencies: [UUID] = []
        var requesterUserID: UUID?
        var submittedOnly = false
        /// With `submittedOnly`, the years with received logs once `list` has read them.
        var receivedYears: [ReceivedYear]?
    }

    /// The years a head's tickets are walked in, newest first, and how each walked ticket's agency is
    /// tested against the reach (`test`).
    struct AgencyWalk: Sendable, Equatable {
        var years: [Int]
        var test: ReachTest
        /// Each walked year's earliest and latest request date (ISO), of every ticket, and the audit
        /// head they were read at: a page may then leave out the years that cannot reach it
        /// (`TicketWalkYears`). Empty when not read.
        var spans: [Int: ClosedRange<String>] = [:]
        var head: Int?

        /// How each database is kept to the walk's order while it tests the reach (ADR 0017):
        enum ReachTest: Sendable, Equatable {
            /// SQLite: `+t.agency_id IN reach`, or `qlcb_id_in` with the reach read out
            /// (`VisibleAgencies.walkTest`). Without the `+` it read every ticket of each agency by
            /// its index and sorted them all (a district head's 1,291 agencies: 0.5–0.9 s a page); with
            /// it, it walks the year's order and probes the reach.
            case unindexed
            /// PostgreSQL: `(t.agency_id IN reach OR false)` (`VisibleAgencies.hashed`). As a semi join,
            /// the nested loop that keeps the walk's order scanned the whole reach again for each ticket
            /// (1,200 comparisons a ticket, 50 ms a year at 200,000 officers); tested against a hash of
            /// the reach made once, 4 ms a year.
            case hashed

            init(dialect: String) { self = dialect == "sqlite" ? .unindexed : .hashed }

            /// The condition that `t`'s agency is one of `agencies`, named by `reach` (by default the
            /// statement's `reach`, defined once before the walked branches when they ask it, `asksReach`).
            func condition(_ agencies: VisibleAgencies, reach: SQLQueryString = "SELECT id FROM reach") -> SQLQueryString {
                switch self {
                case .unindexed: agencies.walkTest(QuotedColumn("agency_id", table: "t"), reach: reach)
                case .hashed: VisibleAgencies.hashed("t.agency_id IN (\(reach))")
                }
            }

            /// Whether `condition` asks the statement's `reach`: not when SQLite tests a reach read out.
            func asksReach(_ agencies: VisibleAgencies) -> Bool { self == .hashed || agencies.readOut == nil }
        }
    }

    /// From this share of the province's agencies on (one in `walkedShare`), a head's tickets are
    /// walked. A year's walk reads about `walkedShare` tickets for each one it keeps (2,500 for a page
    /// of 25); reading the agencies' tickets instead takes their share of the year's (1,900 of the
    /// demo's 190,000 a year at one in a hundred) and sorts them. Above that share the walk is cheaper.
    static let walkedShare = 100

    /// The policy's `TicketScope`, with each headed agency's reach (`VisibleAgencies`), read out once
    /// while the audit head stays when `kept` is given (`VisibleAgencies.measured`).
    static func scope(for viewer: Viewer, kept: KeptReads.At? = nil, on db: any Database) async throws -> Scope {
        let rule = viewer.policy.ticketScope(viewerUserID: viewer.userID)
        var scope = Scope()
        scope.submittedOnly = rule.submittedLogs
        scope.requestAgencies = rule.requestAgencies
        scope.officerID = rule.officerID
        scope.requesterUserID = rule.requesterUserID
        if !rule.headedAgencies.isEmpty {
            let heads = AccessPolicy(grants: rule.headedAgencies.map { RoleGrant(role: .agencyHead, agencyID: $0) })
            // Measured: a few agencies are named by id, which PostgreSQL reads by each agency's index
            // where, guessing the reach's size, it walked 63,071 finished tickets for a lone head's 50.
            scope.agencies = try await VisibleAgencies(heads)?.measured(on: db, kept: kept?.reads, at: kept?.head)
            if let reach = scope.agencies {
                // Kept at the head the page read, else the one the reach was read out at, else the
                // head read now: measured on every page, the walk cost 5.8–9.6 ms in `psql` for a
                // district head's 1,291 agencies.
                var head = kept?.head ?? reach.readAt
                if kept != nil, head == nil { head = try await AuditLog.head(on: db).seq }
                let at = kept.map { KeptReads.At(reads: $0.reads, head: head) }
                scope.agencyWalk = try await agencyWalk(reach, kept: at, on: db)
            }
        }
        return scope
    }

    /// How a head's tickets are read: walked year by year, over the years that have tickets, when the
    /// reach holds at least one agency in `walkedShare` (nil: by each agency's index; a smaller reach
    /// reads no year). Each year's dates are read by the year's index, one year after the other
    /// (`AgencyWalk.spans`). Kept while the audit head stays when `kept` knows it: a district head's
    /// reach, read out, was parsed again here on each page.
    static func agencyWalk(_ reach: VisibleAgencies, kept: KeptReads.At? = nil, on db: any Database) async throws -> AgencyWalk? {
        let tickets = WorkTicketModel.schema
        let years = try await KeptReads.At.rows(SQLQueryString("""
            WITH RECURSIVE \(reach.definitions),
              y(year) AS (SELECT MIN(year) FROM \(name: tickets) UNION ALL \
            SELECT (SELECT MIN(year) FROM \(name: tickets) WHERE year > y.year) FROM y WHERE y.year IS NOT NULL)
            SELECT y.year AS year, (SELECT MIN(requested_on) FROM \(name: tickets) w WHERE w.year = y.year) AS earliest,
              (SELECT MAX(requested_on) FROM \(name: tickets) w WHERE w.year = y.year) AS latest, \(KeptReads.Head.whole.column)
            FROM y WHERE y.year IS NOT NULL
              AND (SELECT COUNT(DISTINCT id) FROM reach) * \(literal: walkedShare) >= (SELECT COUNT(*) FROM \(name: AgencyModel.schema))
            ORDER BY y.year DESC
            """), kept: kept, on: db) { row in
            (year: try row.required("year", row.int), head: try row.int("list_head"),
             span: try AgencyWalk.span(earliest: row.string("earliest", default: ""), latest: row.string("latest", default: "")))
        }
        guard let newest = years.first else { return nil }
        return AgencyWalk(years: years.map(\.year), test: .init(dialect: try db.sql().dialect.name),
                          spans: Dictionary(years.map { ($0.year, $0.span) }, uniquingKeysWith: { a, _ in a }), head: newest.head)
    }

    /// One page of tickets, newest first, with their officers' and agencies' names, in one statement.
    /// `textLimit`: the most candidates of a search text read from the index (`TicketText`).
    ///
    /// With `kept` (the web and API lists: `Request.keptReads`), what the page reads is kept while the
    /// audit head stays (ADR 0020, thirty-ninth part): the years with received logs, a search text's
    /// candidates, and the page's rows by their statement. Every ticket's write, its confirmation by a
    /// guest's link included, appends its audit entry and moves the head. Read at every view, a district
    /// head's page walked the year's tickets testing each against their 1,291 agencies.
    static func list(_ filter: TicketFilter, scope: Scope, after cursor: TicketCursor?, limit: Int,
                     textLimit: Int = TicketText.limit, kept: KeptReads.At? = nil, on db: any Database) async throws -> [TicketRow] {
        let kept = kept?.head == nil ? nil : kept
        var scope = scope
        if scope.submittedOnly, scope.receivedYears == nil {
            scope.receivedYears = try await KeptReads.At.value("received years", kept: kept) { try await receivedYears(on: db) }
        }
        let candidates = filter.q == nil || !TicketText.hasIndex(db) ? nil
            : try await KeptReads.At.value("ticket text \(textLimit) \(filter.q ?? "")", kept: kept) {
                try await TicketText.candidates(for: filter.q, limit: textLimit, on: db)
            }
        if candidates?.count == 0 { return [] }
        if candidates == nil, let walked = try await walkedYears(filter, scope: scope, after: cursor, limit: limit, kept: kept, on: db) {
            return walked
        }
        guard let query = page(filter, scope: scope, after: cursor, limit: limit,
                               columns: kept.map { "\(TicketRow.columns), \($0.reads.headColumn)" } ?? TicketRow.columns,
                               candidates: candidates) else { return [] }
        return try await KeptReads.At.rows(query, kept: kept, on: db, TicketRow.init(columns:))
    }

    /// The SQL of one page: each branch of the viewer's scope (their own tickets, their agencies', their
    /// requests, …) picks its newest `limit` keys with an index, the branches are united, and only the
    /// page's rows are read with the names joined. One query with the branches OR-ed together makes
    /// SQLite walk the whole year. `columns` reads `t` (the ticket), `o` (its officer), `a` (its agency).
    /// nil when the viewer's scope is empty. `candidates`: the only tickets the search text may find.
    static func page(_ filter: TicketFilter, scope: Scope, after cursor: TicketCursor?, limit: Int,
                     columns: SQLQueryString, candidates: TicketText.Candidates? = nil) -> SQLQueryString? {
        let conditions = self.conditions(filter, after: cursor)
        var parts = branches(scope, year: filter.year, status: filter.status)
        // Candidates are read by id, not walked in order: one branch reads them once, where each
        // branch would read them all again.
        if candidates != nil, parts.count > 1 { parts = [parts.map { "(\($0))" }.joined(separator: " OR ")] }
        let keys = parts.enumerated().map { index, branch -> SQLQueryString in
            let `where` = (["(\(branch))"] + conditions).joined(separator: " AND ")
            return """
                SELECT * FROM (SELECT t.id, t.requested_on FROM \(TicketText.source(candidates)) \
                WHERE \(`where`) \(newestFirst) LIMIT \(literal: limit)) \(name: "k\(index)")
                """
        }
        guard !keys.isEmpty else { return nil }
        return with(scope) + """
            SELECT \(columns) FROM (\(keys.joined(separator: " UNION "))) p
            JOIN \(name: WorkTicketModel.schema) t ON t.id = p.id \(names)
            \(newestFirst) LIMIT \(literal: limit)
            """
    }

    /// The same rows as `page`, for reading many at once (the export reads 25,000 a statement): when the
    /// scope has one part, one walk of the tickets' index with the names joined as it goes. Looking
    /// each of 25,000 keys up again and sorting them once more cost as much as reading them (0.43 s
    /// against 0.26 s a chunk in `sqlite3`, bench/results/speed-issue14.md). Several parts: `page`.
    static func rows(_ filter: TicketFilter, scope: Scope, after cursor: TicketCursor?, limit: Int,
                     columns: SQLQueryString) -> SQLQueryString? {
        let branches = branches(scope, year: filter.year, status: filter.status)
        guard branches.count == 1 else { return page(filter, scope: scope, after: cursor, limit: limit, columns: columns) }
        let `where` = (["(\(branches[0]))"] + conditions(filter, after: cursor)).joined(separator: " AND ")
        return with(scope) + """
            SELECT \(columns) FROM \(name: WorkTicketModel.schema) t \(names)
            WHERE \(`where`) \(newestFirst) LIMIT \(literal: limit)
            """
    }

    /// The reach's definitions before a statement whose branches walk it year by year and ask
    /// `reach`, made once for the statement (`ReachTest.asksReach`).
    private static func with(_ scope: Scope) -> SQLQueryString {
        guard let agencies = scope.agencies, let walk = scope.agencyWalk, walk.test.asksReach(agencies) else { return "" }
        return "WITH RECURSIVE \(agencies.definitions) "
    }

    /// The order of every ticket list: newest request first, the id between tickets of one day.
    static let newestFirst: SQLQueryString = "ORDER BY t.requested_on DESC, t.id DESC"
    /// The ticket's officer `o` (none for a request not yet taken) and agency `a`, joined to `t`.
    static var names: SQLQueryString {
        """
        LEFT JOIN \(name: OfficerModel.schema) o ON o.id = t.officer_id \
        JOIN \(name: AgencyModel.schema) a ON a.id = t.agency_id
        """
    }

    /// The parts of the viewer's scope, each a condition on `t` that an index serves; a ticket is
    /// visible when one matches. `year`: the list's, when filtered to one.
    ///
    /// A head's tickets of one `status` are walked once, newest first, all years together, in the
    /// index of their status (`AddTicketStatusWalkIndex`; those waiting for confirmation also in
    /// `AddAwaitingConfirmationWalkIndex`). Walked year by year, each year's branch read every ticket
    /// of its year to test the status, or walked the waiting tickets' index from the newest down to
    /// its year (a district head's page of waiting tickets: 41 ms of PostgreSQL; once: 1.1 ms).
    static func branches(_ scope: Scope, year: Int?, status: TicketStatus? = nil) -> [SQLQueryString] {
        if scope.submittedOnly { return receivedBranches(scope.receivedYears, year: year) }
        var branches: [SQLQueryString] = []
        if let agencies = scope.agencies {
            if let walk = scope.agencyWalk {
                // One status: one walk of every year (nil) or of the list's; else one walk a year.
                let years: [Int?] = status != nil ? [year] : walk.years.filter { year == nil || $0 == year }
                for y in years {
                    let test = walk.test.condition(agencies)
                    branches.append(y.map { "t.year = \(literal: $0) AND \(test)" } ?? test)
                }
            } else {
                branches.append(agencies.contains(QuotedColumn("agency_id", table: "t")))
            }
        }
        if let officer = scope.officerID { branches.append("t.officer_id = \(bind: officer)") }
        if !scope.requestAgencies.isEmpty { branches.append("t.agency_id IN (\(binds: scope.requestAgencies)) AND t.officer_id IS NULL") }
        if let requester = scope.requesterUserID { branches.append("t.requester_user_id = \(bind: requester)") }
        return branches
    }

    /// The page's filters and the position after the cursor, as conditions on `t`.
    static func conditions(_ filter: TicketFilter, after cursor: TicketCursor?) -> [SQLQueryString] {
        var all: [SQLQueryString] = []
        if let v = filter.officerID { all.append("t.officer_id = \(bind: v)") }
        if let v = filter.agencyID { all.append("t.agency_id = \(bind: v)") }
        if let v = filter.year { all.append("t.year = \(bind: v)") }
        if let v = filter.group { all.append("t.task_group = \(bind: v.rawValue)") }
        // Written out, not bound: a partial index holds one status's tickets, and a planner uses it
        // only for a statement that names that status (`AddAwaitingConfirmationWalkIndex`).
        if let v = filter.status { all.append("t.status = \(literal: v.rawValue)") }
        if let v = filter.requesterUserID { all.append("t.requester_user_id = \(bind: v)") }
        if let v = filter.from { all.append("t.requested_on >= \(bind: v.iso)") }
        if let v = filter.to { all.append("t.requested_on <= \(bind: v.iso)") }
        if let q = filter.q.map(VietnameseText.fold), !q.isEmpty {
            all.append("\(FoldedContains(column: QuotedColumn("search_folded", table: "t"), text: q))")
        }
        if let cursor {
            all.append("""
                (t.requested_on < \(bind: cursor.requestedOn) OR (t.requested_on = \(bind: cursor.requestedOn) AND t.id < \(bind: cursor.id)))
                """)
        }
        return all
    }
}
