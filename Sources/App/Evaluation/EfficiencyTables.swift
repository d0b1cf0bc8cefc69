import Domain
import Fluent
import Foundation
import Vapor

/// The efficiency of each agency for a year (Art. 15.5, D11), kept current from the audit log as the
/// staffing report is (`StaffingFeed`, ADR 0016): computed whole once, then, after writes, only the
/// officers they touched are counted again. Computed whole after every write other than a ticket's,
/// it cost its first reader 0.4 s with 20,000 officers on SQLite and 1.3–1.5 s with 200,000 on
/// PostgreSQL (bench/results/speed-issue14.md, forty-third part).
final class EfficiencyTables: Sendable {
    /// A table; the head without tickets it reflects is kept beside it (`FollowedTables`).
    struct Table: Sendable {
        /// Each officer's incentive spend by the agency each month was served at, and their sum.
        var byOfficer: [UUID: [UUID: Int]]
        var spend: [UUID: Int]
        /// Every agency (in name order), and the year's IT levels and outsourced costs.
        var agencies: [YearEndRun.AgencyRow]
        var levels: [UUID: Int], costs: [UUID: Int]
        var rows: [YearEndRun.AgencyEfficiency]
        /// The rows as the page shows them, one for each of `rows`: made again only for a row or a name
        /// that changed (folding 10,000 names and formatting their amounts was 60 % of a view after a
        /// write, 0.2 s at 10x; bench/results/speed-issue14.md, forty-third part).
        var shown: [EfficiencyPage.Ranked]
    }

    private let tables = FollowedTables<Table>(name: "efficiency", capacity: 6)
    /// Whole computations and updates officer by officer (tests count them).
    var computations: Int { tables.computations }
    var updates: Int { tables.updates }

    /// The table of `year` under `profile`, at least as current as the head without tickets `head`.
    func table(year: Int, profile: RegulationProfile, at head: Int, on db: any Database) async throws -> Table {
        try await tables.table(EfficiencyPage.key(year: year, profile: profile), at: head) { previous in
            try await Self.bring(previous, year: year, profile: profile, upTo: head, on: db)
        }
    }

    /// The table at `head`: `previous` with the officers the entries since touched counted again (and
    /// the agencies, their levels and costs read again when an agency was touched), or computed whole
    /// when the feed cannot tell what changed.
    static func bring(_ previous: (seq: Int, table: Table)?, year: Int, profile: RegulationProfile, upTo head: Int,
                      on db: any Database) async throws -> FollowedTables<Table>.Update {
        let period = profile.evaluationPeriod(year: year)
        if let previous, case .agencies(let agencies, let officers) = try await StaffingFeed.changes(after: previous.seq, upTo: head, on: db) {
            var table = previous.table
            guard !agencies.isEmpty || !officers.isEmpty else { return .init(table: table, seq: head, whole: false) }
            if !officers.isEmpty {
                let fresh = try await spends(of: officers, in: period, on: db)
                for officer in officers {
                    // Every month counted is above zero: an agency whose sum comes to zero has none left,
                    // and has no spend, as a whole computation would find.
                    for (agency, amount) in table.byOfficer[officer] ?? [:] {
                        let left = (table.spend[agency] ?? 0) - amount
                        table.spend[agency] = left == 0 ? nil : left
                    }
                    table.byOfficer[officer] = fresh[officer]
                    for (agency, amount) in fresh[officer] ?? [:] { table.spend[agency, default: 0] += amount }
                }
            }
            if !agencies.isEmpty { try await readAgencies(into: &table, year: year, on: db) }
            show(&table)
            return .init(table: table, seq: head, whole: false)
        }
        let officers = try await YearEndRun.officerRows(on: db)
        let byOfficer = YearEndRun.spendByOfficer(officers, changes: try await ServiceRecords.changes(on: db),
                                                  histories: try await IncentiveHistories.all(on: db), in: period)
        var table = Table(byOfficer: byOfficer, spend: YearEndRun.total(byOfficer), agencies: [], levels: [:], costs: [:],
                          rows: [], shown: [])
        try await readAgencies(into: &table, year: year, on: db)
        show(&table)
        return .init(table: table, seq: head, whole: true)
    }

    /// The rows from the sums, levels and costs, and each as shown: taken from the table as it was for
    /// a row and a name that did not change.
    static func show(_ table: inout Table) {
        // Places in the old arrays, not copies of their rows (each holds a dozen strings).
        var before: [String: Int] = [:]
        before.reserveCapacity(table.rows.count)
        for (place, row) in table.rows.enumerated() where place < table.shown.count { before[row.agencyId] = place }
        let names = Dictionary(table.agencies.map { ($0.id.canonicalText, $0.name) }, uniquingKeysWith: { a, _ in a })
        var rows: [YearEndRun.AgencyEfficiency] = [], shown: [EfficiencyPage.Ranked] = []
        for row in YearEndRun.efficiencyRows(table.agencies, spend: table.spend, levels: table.levels, costs: table.costs) {
            let name = names[row.agencyId] ?? ""
            if let place = before[row.agencyId], table.rows[place] == row, table.shown[place].row.agency == name {
                rows.append(row); shown.append(table.shown[place])
            } else if let made = EfficiencyPage.shown(row, name: name) {
                rows.append(row); shown.append(made)
            }
        }
        (table.rows, table.shown) = (rows, shown)
    }

    /// The spends of `officers` (in chunks: both databases limit bound parameters).
    static func spends(of officers: Set<UUID>, in period: ClosedRange<LocalDate>, on db: any Database) async throws -> [UUID: [UUID: Int]] {
        let parts = try await StaffingFeed.chunked(officers) { chunk in
            [YearEndRun.spendByOfficer(try await YearEndRun.officerRows(of: chunk, on: db),
                                       changes: try await ServiceRecords.changes(of: chunk, on: db),
                                       histories: try await IncentiveHistories.all(of: chunk, on: db), in: period)]
        }
        return parts.reduce(into: [:]) { all, part in all.merge(part) { a, _ in a } }
    }

    /// Every agency, and the year's levels and costs: a few thousand short rows, read whole.
    static func readAgencies(into table: inout Table, year: Int, on db: any Database) async throws {
        table.agencies = try await YearEndRun.agencyRows(on: db)
        table.levels = try await YearEndRun.amounts("level", of: AgencyITLevelModel.schema, year: year, on: db)
        table.costs = try await YearEndRun.amounts("outsourced_cost", of: AgencyYearCostModel.schema, year: year, on: db)
    }
}

extension Application {
    private struct EfficiencyTablesKey: StorageKey { typealias Value = EfficiencyTables }
    var efficiencyTables: EfficiencyTables { store(EfficiencyTablesKey.self) { EfficiencyTables() } }
}
