import Domain
import Fluent
import Foundation
import SQLKit

/// Form 2 of every officer for one evaluation year. The database runs the GROUP BY one would write by
/// hand (officer, group → tickets, still open) over the covering index, ordered as it is grouped, so
/// each officer's counts arrive together and their id is parsed once. (SQLite's index walk gives that
/// order for free, but only sees so when the ORDER BY repeats the whole GROUP BY: `ORDER BY officer_id`
/// alone sorted the 133,000 groups of a 1.9 M-ticket province again in a temporary B-tree, a fifth of
/// the statement's time. PostgreSQL may aggregate by hashing and needs the ORDER BY to say it. The
/// tally is still correct if an officer's rows were ever split: it merges instead of overwriting.)
/// The initiatives and the outsourced cost come from two small queries.
///
/// Given a database on each event loop (`across`), the officers are split into as many ranges of ids
/// and each range is counted on its loop's connection at the same time. (SQLite has one connection a
/// loop: two statements through one database take turns.) An officer's tickets all lie in one range,
/// so the ranges' tallies are joined without merging any officer. As one statement, the count kept
/// one core busy while the other waited (issue 14, nineteenth part).
enum ProvinceSummaries {
    /// Counts of each task group, in the order of `TaskGroup.allCases`.
    typealias Counts = [(total: Int, open: Int)]
    static let groups = TaskGroup.allCases.map(\.rawValue)

    /// What the rows say, by officer id as the database writes it.
    private final class Tally: @unchecked Sendable {
        var counts: [String: Counts] = [:]
        var initiatives: [String: Int] = [:]
        var costs: [String: Int] = [:]
        var officer = ""
        var current: Counts = Array(repeating: (0, 0), count: groups.count)

        func add(officer: String, group: String, total: Int, open: Int) {
            // Seven short strings to compare: cheaper than hashing a group into a dictionary per row.
            guard let index = groups.firstIndex(of: group) else { return }
            if officer != self.officer { flush(); self.officer = officer }
            current[index] = (total, open)
        }

        /// Stores the current officer's counts; before the first row there is no officer yet.
        func flush() {
            if !officer.isEmpty {
                if let earlier = counts[officer] {
                    for i in current.indices where earlier[i].total > 0 { current[i] = earlier[i] }
                }
                counts[officer] = current
            }
            current = Array(repeating: (0, 0), count: groups.count)
        }
    }

    /// `across`: databases on different event loops that read a range of officers each (empty or
    /// one: `db` reads them all).
    static func all(year: Int, profile: RegulationProfile, on db: any Database,
                    across databases: [any Database] = []) async throws -> [UUID: AnnualSummary] {
        // A transaction holds one connection: its reads stay on it.
        let readers = databases.isEmpty || db.inTransaction ? [db] : databases
        let bounds = try await bounds(parts: readers.count, on: db)
        let ranges = zip([nil] + bounds, bounds + [nil]).map { OfficerRange(from: $0.0, below: $0.1) }
        let period = profile.evaluationPeriod(year: year)
        return try await withThrowingTaskGroup(of: [UUID: AnnualSummary].self) { group in
            for (range, reader) in zip(ranges, readers) {
                group.addTask { try await summaries(year: year, period: period, of: range, on: reader) }
            }
            var joined: [UUID: AnnualSummary] = [:]
            for try await part in group { joined.merge(part) { first, _ in first } }
            return joined
        }
    }

    /// The officers whose id is at least `from` and below `below` (nil: no bound), in the database's
    /// order of ids.
    struct OfficerRange: Sendable {
        var from: UUID?
        var below: UUID?

        /// The condition that `column`, an officer's id, lies in the range.
        func condition(_ column: SQLQueryString) -> SQLQueryString {
            var condition = column + " IS NOT NULL"
            if let from { condition = condition + " AND " + column + " >= \(bind: from)" }
            if let below { condition = condition + " AND " + column + " < \(bind: below)" }
            return condition
        }
    }

    /// Form 2 of the officers of one range: their counts, initiatives and costs, read on one connection.
    static func summaries(year: Int, period: ClosedRange<LocalDate>, of range: OfficerRange,
                          on db: any Database) async throws -> [UUID: AnnualSummary] {
        let tally = Tally()
        let open: SQLQueryString = "status IN (\(bind: TicketStatus.requested.rawValue), \(bind: TicketStatus.inProgress.rawValue))"
        try await RawRows.each("""
            SELECT CAST(officer_id AS TEXT) AS officer, task_group, COUNT(*) AS n, SUM(CASE WHEN \(open) THEN 1 ELSE 0 END) AS open
            FROM \(name: WorkTicketModel.schema) WHERE year = \(bind: year) AND \(range.condition("officer_id"))
            GROUP BY officer_id, task_group ORDER BY officer_id, task_group
            """, on: db) { c in
            tally.add(officer: try c.string("officer", default: ""), group: try c.string("task_group", default: ""),
                      total: try c.int("n") ?? 0, open: try c.int("open") ?? 0)
        }
        tally.flush()
        try await RawRows.each("""
            SELECT CAST(officer_id AS TEXT) AS officer, COUNT(*) AS n FROM \(name: InitiativeModel.schema)
            WHERE year = \(bind: year) AND \(range.condition("officer_id")) GROUP BY officer_id
            """, on: db) { c in
            tally.initiatives[try c.string("officer", default: "")] = try c.int("n") ?? 0
        }
        // The agency's cost (D11), for the officers of agencies that entered one.
        try await RawRows.each("""
            SELECT CAST(o.id AS TEXT) AS officer, c.outsourced_cost AS cost FROM \(name: AgencyYearCostModel.schema) c
            JOIN \(name: OfficerModel.schema) o ON o.agency_id = c.agency_id WHERE c.year = \(bind: year) AND \(range.condition("o.id"))
            """, on: db) { c in
            if let cost = try c.int("cost") { tally.costs[try c.string("officer", default: "")] = cost }
        }
        var result: [UUID: AnnualSummary] = [:]
        result.reserveCapacity(tally.counts.count)
        for officer in Set(tally.counts.keys).union(tally.initiatives.keys) {
            guard let id = UUID(canonical: officer) else { continue }
            result[id] = AnnualSummary.compute(year: year, period: period,
                                               countsInCaseOrder: tally.counts[officer] ?? Array(repeating: (0, 0), count: groups.count),
                                               initiatives: tally.initiatives[officer] ?? 0, outsourcedCost: tally.costs[officer])
        }
        return result
    }

    /// The officer ids that split the officers into `parts` ranges of about as many officers each,
    /// in the database's order of ids (the order its comparisons of `officer_id` follow). Fewer when
    /// there are fewer officers than parts; none for one part.
    static func bounds(parts: Int, on db: any Database) async throws -> [UUID] {
        guard parts > 1 else { return [] }
        let officers = try await OfficerModel.query(on: db).count()
        let offsets = Set((1..<parts).map { officers * $0 / parts }.filter { $0 > 0 }).sorted()
        var bounds: [UUID] = []
        for offset in offsets {
            let found = try await RawRows.all("""
                SELECT id FROM \(name: OfficerModel.schema) ORDER BY id LIMIT 1 OFFSET \(literal: offset)
                """, on: db) { try $0.uuid("id") }
            if let id = found.first ?? nil, bounds.last != id { bounds.append(id) }
        }
        return bounds
    }
}
