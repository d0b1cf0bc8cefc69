import Fluent
import SQLKit

/// The provincial authority reads the tickets of the work logs it has received, and only those
/// (Art. 15.6; `AccessPolicy.ticketScope`, docs/access.md). Walking every ticket newest first and
/// asking each whether its log was received went through the whole current year before the first
/// received one: 92 ms of CPU for the authority's plain `/phieu` at 78,000 tickets, 3.3 s at two
/// million. Its list is therefore read year by year, each year in the way its number of received
/// logs makes cheap (ADR 0017).
extension TicketQueries {
    /// A year with at least one received work log.
    struct ReceivedYear: Sendable, Equatable {
        var year: Int
        /// Fewer than `fewReceived` logs received (a year whose logs are still coming in): its tickets
        /// are read from those logs' officers. Otherwise the year's tickets are walked newest first,
        /// each asked about its log, and most have been received, so a page is found quickly.
        var few: Bool
    }

    /// Below this many received logs in a year, reading the tickets of those logs' officers (at most
    /// this many officers' tickets of one year, sorted) costs less than walking the year until a
    /// page of received ones turns up (one in 200 tickets or fewer at 20,000 officers).
    static let fewReceived = 100

    /// Each year from the first ticket's to the last's that has a received work log, newest first.
    /// One statement of index look-ups: the years' bounds from the tickets' year index, and for each
    /// year at most `few` entries of the logs' (year, received_at) index counted.
    static func receivedYears(few: Int = fewReceived, on db: any Database) async throws -> [ReceivedYear] {
        let counted = try await RawRows.all("""
            WITH RECURSIVE y(year) AS (
              SELECT MIN(year) FROM \(name: WorkTicketModel.schema)
              UNION ALL SELECT year + 1 FROM y WHERE year < (SELECT MAX(year) FROM \(name: WorkTicketModel.schema)))
            SELECT y.year AS year, (SELECT COUNT(*) FROM (SELECT 1 FROM \(name: WorkLogModel.schema) wl
              WHERE wl.year = y.year AND wl.received_at IS NOT NULL LIMIT \(literal: few)) r) AS received
            FROM y ORDER BY y.year DESC
            """, on: db) { row in (year: try row.int("year"), received: try row.int("received") ?? 0) }
        return counted.compactMap { c in c.year.flatMap { c.received > 0 ? ReceivedYear(year: $0, few: c.received < few) : nil } }
    }

    /// The authority's branches: one for each received year (only `year`'s when the list is filtered).
    /// Without the years read (`Scope.receivedYears` nil: the export, which reads every row anyway),
    /// one branch asks each ticket about its log.
    static func receivedBranches(_ years: [ReceivedYear]?, year: Int?) -> [SQLQueryString] {
        // Asked per ticket, as a scalar subquery, so that SQLite keeps walking the tickets' index in
        // order: as a join or an EXISTS it builds a Bloom filter over every work log first.
        let received: SQLQueryString = """
            (SELECT wl.received_at FROM \(name: WorkLogModel.schema) wl WHERE wl.officer_id = t.officer_id \
            AND wl.year = t.year) IS NOT NULL
            """
        guard let years else { return [received] }
        return years.filter { year == nil || $0.year == year }.map { y in
            y.few ? """
                t.year = \(literal: y.year) AND t.officer_id IN (SELECT wl.officer_id FROM \(name: WorkLogModel.schema) wl \
                WHERE wl.year = \(literal: y.year) AND wl.received_at IS NOT NULL)
                """ : "t.year = \(literal: y.year) AND \(received)"
        }
    }
}
