import Domain
import Fluent
import Foundation
import SQLKit

/// Form 2 of every officer for one evaluation year. The database does the counting: one row per
/// officer with a total and an "in progress" column per task group, the officer's agency and the
/// agency's outsourced cost; initiatives come from a second, small aggregate. Columns are read by
/// name, row by row, without a Decodable struct per row.
enum ProvinceSummaries {
    static func all(year: Int, profile: RegulationProfile, on db: any Database) async throws -> [UUID: AnnualSummary] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let open = "t.status IN ('\(TicketStatus.requested.rawValue)', '\(TicketStatus.inProgress.rawValue)')"
        // Lower-case aliases by position: PostgreSQL folds unquoted names to lower case.
        let groups = Array(TaskGroup.allCases.enumerated())
        let columns = groups.map { index, group in
            "SUM(CASE WHEN t.task_group = '\(group.rawValue)' THEN 1 ELSE 0 END) AS n\(index), "
                + "SUM(CASE WHEN t.task_group = '\(group.rawValue)' AND \(open) THEN 1 ELSE 0 END) AS o\(index)"
        }.joined(separator: ", ")
        let rows = try await sql.raw("""
            SELECT t.officer_id AS officer_id, c.outsourced_cost AS cost, \(unsafeRaw: columns)
            FROM \(ident: WorkTicketModel.schema) t
            JOIN \(ident: OfficerModel.schema) o ON o.id = t.officer_id
            LEFT JOIN \(ident: AgencyYearCostModel.schema) c ON c.agency_id = o.agency_id AND c.year = \(bind: year)
            WHERE t.year = \(bind: year) AND t.officer_id IS NOT NULL
            GROUP BY t.officer_id, c.outsourced_cost
            """).all()
        let initiatives = try await sql.raw("""
            SELECT i.officer_id AS officer_id, COUNT(*) AS n, c.outsourced_cost AS cost
            FROM \(ident: InitiativeModel.schema) i
            JOIN \(ident: OfficerModel.schema) o ON o.id = i.officer_id
            LEFT JOIN \(ident: AgencyYearCostModel.schema) c ON c.agency_id = o.agency_id AND c.year = \(bind: year)
            WHERE i.year = \(bind: year)
            GROUP BY i.officer_id, c.outsourced_cost
            """).all()
        var counts: [UUID: [TaskGroup: (total: Int, open: Int)]] = [:]
        var costs: [UUID: Int?] = [:]
        for row in rows {
            let officer = try row.decode(column: "officer_id", as: UUID.self)
            var perGroup: [TaskGroup: (total: Int, open: Int)] = [:]
            for (index, group) in groups {
                let total = try row.decode(column: "n\(index)", as: Int.self)
                if total > 0 { perGroup[group] = (total, try row.decode(column: "o\(index)", as: Int.self)) }
            }
            counts[officer] = perGroup
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
}
