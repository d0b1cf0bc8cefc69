import Domain
import Fluent
import Foundation
import SQLKit

/// Form 2 of every officer for one evaluation year, from three aggregate queries (tickets per
/// officer and group, initiatives per officer, agency costs) instead of one query per officer.
enum ProvinceSummaries {
    struct TicketCount: Decodable { var officer_id: UUID; var task_group: String; var open: Int; var n: Int }
    struct InitiativeCount: Decodable { var officer_id: UUID; var n: Int }
    struct OfficerAgency: Decodable { var id: UUID; var agency_id: UUID }
    struct Cost: Decodable { var agency_id: UUID; var outsourced_cost: Int }

    static func all(year: Int, profile: RegulationProfile, on db: any Database) async throws -> [UUID: AnnualSummary] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let openCase = SQLRaw("SUM(CASE WHEN status IN ('requested', 'inProgress') THEN 1 ELSE 0 END)")
        let tickets = try await sql.select().column("officer_id").column("task_group")
            .column(SQLAlias(openCase, as: SQLIdentifier("open")))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(WorkTicketModel.schema).where("year", .equal, SQLBind(year)).where("officer_id", .isNot, SQLLiteral.null)
            .groupBy("officer_id").groupBy("task_group").all(decoding: TicketCount.self)
        let initiatives = try await sql.select().column("officer_id")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(InitiativeModel.schema).where("year", .equal, SQLBind(year)).groupBy("officer_id")
            .all(decoding: InitiativeCount.self)
        let costs = try await sql.select().columns("agency_id", "outsourced_cost").from(AgencyYearCostModel.schema)
            .where("year", .equal, SQLBind(year)).all(decoding: Cost.self)
        let agencyOf = try await sql.select().columns("id", "agency_id").from(OfficerModel.schema).all(decoding: OfficerAgency.self)
            .reduce(into: [UUID: UUID]()) { $0[$1.id] = $1.agency_id }
        let costOf = costs.reduce(into: [UUID: Int]()) { $0[$1.agency_id] = $1.outsourced_cost }
        var groups: [UUID: [TaskGroup: (total: Int, open: Int)]] = [:]
        for row in tickets {
            groups[row.officer_id, default: [:]][TaskGroup(rawValue: row.task_group) ?? .other] = (row.n, row.open)
        }
        let initiativeCount = initiatives.reduce(into: [UUID: Int]()) { $0[$1.officer_id] = $1.n }
        let period = profile.evaluationPeriod(year: year)
        var result: [UUID: AnnualSummary] = [:]
        for officer in Set(groups.keys).union(initiativeCount.keys) {
            result[officer] = AnnualSummary.compute(year: year, period: period, counts: groups[officer] ?? [:],
                                                    initiatives: initiativeCount[officer] ?? 0,
                                                    outsourcedCost: agencyOf[officer].flatMap { costOf[$0] })
        }
        return result
    }
}
