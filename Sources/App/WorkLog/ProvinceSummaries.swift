import Domain
import Fluent
import Foundation
import SQLKit

/// Form 2 of every officer for one evaluation year. The database counts tickets per officer and
/// group (the same GROUP BY one would write by hand) and folds each officer's groups into one text
/// "group=total/open,…", so the app reads one short row per officer — with the agency's outsourced
/// cost joined — instead of one row per officer and group.
enum ProvinceSummaries {
    static func all(year: Int, profile: RegulationProfile, on db: any Database) async throws -> [UUID: AnnualSummary] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let open = "status IN ('\(TicketStatus.requested.rawValue)', '\(TicketStatus.inProgress.rawValue)')"
        let item = "g.task_group || '=' || CAST(g.n AS TEXT) || '/' || CAST(g.open AS TEXT)"
        // The one dialect difference: string aggregation.
        let fold = sql.dialect.name == "postgresql" ? "string_agg(\(item), ',')" : "group_concat(\(item), ',')"
        // Fold first (the inner GROUP BY comes out in officer order), then join the 20,000 folded rows.
        let rows = try await sql.raw("""
            SELECT f.officer_id AS officer_id, f.counts AS counts, c.outsourced_cost AS cost
            FROM (SELECT g.officer_id AS officer_id, \(unsafeRaw: fold) AS counts
                  FROM (SELECT officer_id, task_group, COUNT(*) AS n, SUM(CASE WHEN \(unsafeRaw: open) THEN 1 ELSE 0 END) AS open
                        FROM \(ident: WorkTicketModel.schema) WHERE year = \(bind: year) AND officer_id IS NOT NULL
                        GROUP BY officer_id, task_group) g
                  GROUP BY g.officer_id) f
            JOIN \(ident: OfficerModel.schema) o ON o.id = f.officer_id
            LEFT JOIN \(ident: AgencyYearCostModel.schema) c ON c.agency_id = o.agency_id AND c.year = \(bind: year)
            """).all()
        let initiatives = try await sql.raw("""
            SELECT i.officer_id AS officer_id, COUNT(*) AS n, MAX(c.outsourced_cost) AS cost
            FROM \(ident: InitiativeModel.schema) i
            JOIN \(ident: OfficerModel.schema) o ON o.id = i.officer_id
            LEFT JOIN \(ident: AgencyYearCostModel.schema) c ON c.agency_id = o.agency_id AND c.year = \(bind: year)
            WHERE i.year = \(bind: year)
            GROUP BY i.officer_id
            """).all()
        var counts: [UUID: [TaskGroup: (total: Int, open: Int)]] = [:]
        var costs: [UUID: Int?] = [:]
        for row in rows {
            let officer = try row.decode(column: "officer_id", as: UUID.self)
            counts[officer] = parse(try row.decode(column: "counts", as: String.self))
            costs[officer] = try row.decode(column: "cost", as: Int?.self)
        }
        var initiativeCount: [UUID: Int] = [:]
        for row in initiatives {
            let officer = try row.decode(column: "officer_id", as: UUID.self)
            initiativeCount[officer] = try row.decode(column: "n", as: Int.self)
            costs[officer] = try row.decode(column: "cost", as: Int?.self)
        }
        let period = profile.evaluationPeriod(year: year)
        var result: [UUID: AnnualSummary] = [:]
        for officer in Set(counts.keys).union(initiativeCount.keys) {
            result[officer] = AnnualSummary.compute(year: year, period: period, counts: counts[officer] ?? [:],
                                                    initiatives: initiativeCount[officer] ?? 0, outsourcedCost: costs[officer] ?? nil)
        }
        return result
    }

    /// "networkMaintenance=18/1,websiteAdministration=12/0" → counts per group.
    static func parse(_ text: String) -> [TaskGroup: (total: Int, open: Int)] {
        var result: [TaskGroup: (total: Int, open: Int)] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=")
            guard parts.count == 2, let group = TaskGroup(rawValue: String(parts[0])) else { continue }
            let numbers = parts[1].split(separator: "/").compactMap { Int($0) }
            if numbers.count == 2 { result[group] = (numbers[0], numbers[1]) }
        }
        return result
    }
}
