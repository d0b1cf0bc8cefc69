@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Issue 14, ADR 0020 (forty-third part): the efficiency of each agency (Art. 15.5, D11) is computed
/// whole once, then brought up to date officer by officer from the audit log: after each write it
/// is what a whole computation gives, without one. Tickets and events (a refusal) leave it as it is; a
/// change the feed cannot follow (a profile's) computes it whole.
@Suite("The efficiency table, followed write by write")
struct EfficiencyTablesTests {
    @Test func R15_5_theTableFollowsEachWriteOfficerByOfficerAsAWholeComputationWould() async throws {
        try await withWorld { app, province in
            let profile = try await ProfileStore.active(on: app.db)
            let tables = app.efficiencyTables
            // The rows, after checking that each is shown as it would be made afresh, with its agency's name.
            @Sendable func current() async throws -> [YearEndRun.AgencyEfficiency] {
                let head = try await AuditLog.headWithoutTickets(on: app.db)
                let table = try await tables.table(year: 2026, profile: profile, at: head, on: app.db)
                let names = Dictionary(try await YearEndRun.agencyRows(on: app.db).map { ($0.id.canonicalText, $0.name) },
                                       uniquingKeysWith: { a, _ in a })
                let afresh = table.rows.compactMap { EfficiencyPage.shown($0, name: names[$0.agencyId] ?? "") }
                #expect(table.shown.map(\.row) == afresh.map(\.row) && table.shown.map(\.folded) == afresh.map(\.folded))
                return table.rows
            }
            @Sendable func whole() async throws -> [YearEndRun.AgencyEfficiency] {
                try await YearEndRun.efficiencyOnly(year: 2026, profile: profile, on: app.db)
            }
            let first = try await current()
            let firstWhole = try await whole()
            #expect(!first.isEmpty && first == firstWhole)
            #expect(tables.computations == 1 && tables.updates == 0)

            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            // An agency with two officers, a raise from April and a resignation from March (API writes).
            let (agency, raised, left) = try await EfficiencyByMonthsTests().agencyWithAChangeAndALeaver(app)
            let periodStart = LocalDate(year: 2025, month: 10, day: 1)!
            var input = try #require(try await AgencyModel.find(agency, on: app.db)).input
            input.name = "Sở Thử nghiệm Ưu đãi và Chi phí"
            let renamed = try AgencyDraft.validate(input).get()
            let writes: [(String, @Sendable (any Database) async throws -> Void)] = [
                // Both its officers served elsewhere the whole period: the agency has no spend left, and
                // no row (it has no cost yet), as a whole computation finds.
                ("moved away", { db in
                    for officer in [raised, left] {
                        try await OfficerService.transfer(officer, to: province.agencyB.id!, on: periodStart, note: "", by: actor, on: db)
                    }
                }),
                ("cost", { try await WorkLogService.setOutsourcedCost(agencyID: agency, year: 2026, amount: 13_000_000, by: actor, on: $0) }),
                ("level", { try await AgencyService.setITLevel(agency, year: 2026, level: 3, source: "QĐ 7/2026", by: actor, on: $0) }),
                ("renamed", { _ = try await AgencyService.update(agency, renamed, expectedVersion: nil, by: actor, on: $0) }),
                ("transfer", { try await OfficerService.transfer(province.officerA.id!, to: province.agencyB.id!,
                                                                 on: LocalDate(year: 2026, month: 11, day: 20)!, note: "", by: actor, on: $0) }),
            ]
            var after = try await current()
            #expect(after == (try await whole()), "the new agency and its officers")
            #expect(after.contains { $0.agencyId == agency.uuidString && $0.incentiveSpend > 0 })
            for (name, write) in writes {
                let before = after
                try await app.write { try await write($0) }
                after = try await current()
                #expect(after == (try await whole()), "\(name)")
                // A transfer after the period and a new name leave the amounts (the name is checked as shown).
                if name != "transfer" && name != "renamed" { #expect(after != before, "\(name) changed nothing") }
                if name == "moved away" { #expect(!after.contains { $0.agencyId == agency.uuidString }) }
            }
            #expect(tables.computations == 1)
            #expect(tables.updates == 1 + writes.count)

            // A ticket, a refusal: the head without tickets stays, and nothing is brought.
            _ = try await KeptPagesTests.recordTicket(app)
            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.get("/danh-gia/2026/hieu-qua").status == .forbidden)
            #expect(try await current() == after)
            #expect(tables.updates == 1 + writes.count)

            // A change the feed does not know (here a profile's) computes the table whole.
            try await app.write { try await AuditLog.append(AuditEvent(actorID: nil, actorName: "x", action: "profile.snapshot",
                                                                       entityType: "profile", entityID: nil), on: $0) }
            #expect(try await current() == (try await whole()))
            #expect(tables.computations == 2)
        }
    }

    /// Art. 15.5 page: each column sorts by its value, then by the agency's folded name (the default by
    /// the name, then the id), and descending is the reverse.
    @Test func R15_5_theTableSortsByEachColumnThenByTheName() {
        func row(_ name: String, level: Int?, incentive: Int, cost: Int?) -> EfficiencyPage.Ranked {
            let e = YearEndRun.AgencyEfficiency(agencyId: UUID().canonicalText, itLevel: level, incentiveSpend: incentive,
                                                outsourcedCost: cost, ratio: cost.map { Double(incentive) / Double(max($0, 1)) })
            return EfficiencyPage.shown(e, name: name)!
        }
        let rows = [row("Sở Y tế", level: 2, incentive: 3, cost: 9), row("Ủy ban nhân dân xã An Bình", level: nil, incentive: 5, cost: nil),
                    row("Sở Tài chính", level: 2, incentive: 5, cost: 1), row("Ban Quản lý", level: 4, incentive: 1, cost: 9),
                    row("Sở Y tế", level: 3, incentive: 3, cost: 2)]
        let keys: [String: (EfficiencyPage.Ranked) -> Double] = [
            "level": { Double($0.row.level ?? -1) }, "incentive": { Double($0.row.incentiveValue) },
            "cost": { Double($0.row.costValue ?? -1) }, "ratio": { $0.row.ratioValue ?? -1 },
            "spend": { Double($0.row.incentiveValue + ($0.row.costValue ?? 0)) },
        ]
        for (column, key) in keys {
            let sorted = EfficiencyPage.sorted(rows, by: column, descending: false)
            #expect(Set(sorted.map(\.row.agencyID)) == Set(rows.map(\.row.agencyID)), "\(column)")
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { (key($0), $0.folded) <= (key($1), $1.folded) }, "\(column)")
            #expect(EfficiencyPage.sorted(rows, by: column, descending: true).map(\.row.agencyID) == sorted.reversed().map(\.row.agencyID))
        }
        let byName = EfficiencyPage.sorted(rows, by: "agency", descending: false)
        #expect(byName.map(\.row.agency) == ["Ban Quản lý", "Sở Tài chính", "Sở Y tế", "Sở Y tế", "Ủy ban nhân dân xã An Bình"])
        #expect(byName[2].row.agencyID < byName[3].row.agencyID, "the same name: by the id")
        #expect(byName[2].row.agencyID.uppercased() < byName[3].row.agencyID.uppercased(), "as `uuidString` orders them")
    }
}
