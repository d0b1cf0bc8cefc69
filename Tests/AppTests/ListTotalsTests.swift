@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing

/// Issue 14, ADR 0020: the registry lists' totals are kept while the audit head stays, and are
/// counted again after any write — through the services, or by another process on the same database.
@Suite("List totals kept by the audit head")
struct ListTotalsTests {
    static func agencies(_ filter: AgencyFilter, page: Int = 1, visible: Set<UUID>? = nil, totals: ListTotals?,
                         on db: any Database) async throws -> (rows: [AgencyListItem], total: Int) {
        var paging = try Paging(page: page, per: 25)
        let rows = try await RegistryQueries.agencies(filter, visible: visible, paging: &paging, as: AgencyListItem.self,
                                                      totals: totals, on: db)
        return (rows, paging.total)
    }

    static func officers(_ filter: OfficerFilter, totals: ListTotals?, on db: any Database) async throws -> Int {
        var paging = try Paging(page: 1, per: 25)
        _ = try await RegistryQueries.officers(filter, visible: nil, paging: &paging, as: OfficerListItem.self, totals: totals, on: db)
        return paging.total
    }

    static func draft(_ name: String) -> AgencyDraft {
        AgencyDraft(name: name, shortName: "", kind: .administrative, level: .district, governingAgencyID: nil, district: "Dĩ An",
                    address: "", headName: "", headTitle: "", appliesByAnalogy: false)
    }

    @Test func aTotalIsCountedOnceWhileTheAuditHeadStaysAndAgainAfterAnyWrite() async throws {
        try await withWorld { app, _ in
            let totals = ListTotals()
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            /// The kept total, checked against a count made afresh.
            func total(_ filter: AgencyFilter, page: Int = 1) async throws -> Int {
                let kept = try await Self.agencies(filter, page: page, totals: totals, on: app.db)
                let fresh = try await Self.agencies(filter, page: page, totals: nil, on: app.db)
                #expect(kept.total == fresh.total && kept.rows.map(\.id) == fresh.rows.map(\.id))
                return kept.total
            }
            let before = try await total(AgencyFilter())
            #expect(try await total(AgencyFilter()) == before)
            #expect(totals.counted == 1)
            let search = try await total(AgencyFilter(q: "so"))
            #expect(try await total(AgencyFilter(q: "so")) == search && totals.counted == 2)   // one per filter
            #expect(try await total(AgencyFilter(), page: 9_999) == before)                      // a page past the end
            let counted = totals.counted

            // A write: the head moves, the total is counted again. `totals` hears nothing of the write
            // but the head, as an instance hears of another's (or of `qlcb import`'s).
            let created = try await AgencyService.create(Self.draft("Ban Quản lý dự án Sở mới"), by: actor, on: app.db)
            #expect(try await total(AgencyFilter()) == before + 1)
            #expect(try await total(AgencyFilter(q: "so")) == search + 1)
            #expect(totals.counted == counted + 2)
            try await AgencyService.setActive(created.id!, false, by: actor, on: app.db)
            #expect(try await total(AgencyFilter()) == before)
            #expect(try await total(AgencyFilter(includeInactive: true)) == before + 1)

            // The officer list keeps its own totals, by filter, and counts again after an officer's write.
            let working = OfficerFilter(status: .active)
            let officers = try await Self.officers(working, totals: totals, on: app.db)
            let kept = totals.counted
            #expect(try await Self.officers(working, totals: totals, on: app.db) == officers)
            #expect(try await Self.officers(working, totals: nil, on: app.db) == officers)
            #expect(totals.counted == kept)
            let someone = try #require(try await OfficerModel.query(on: app.db).filter(\.$employmentStatus == EmploymentStatus.active.rawValue).first())
            try await app.write { _ = try await OfficerService.changeStatus(someone.id!, to: .resigned, on: LocalDate(year: 2026, month: 11, day: 30)!,
                                                                           note: "", by: actor, on: $0) }
            #expect(try await Self.officers(working, totals: totals, on: app.db) == officers - 1)
            #expect(try await Self.officers(working, totals: nil, on: app.db) == officers - 1)
        }
    }

    /// Two viewers who see different agencies never share a total: the scope is part of what is kept.
    @Test func viewersWhoSeeDifferentAgenciesGetTheirOwnTotals() async throws {
        try await withWorld { app, province in
            let totals = ListTotals()
            let all = try await Self.agencies(AgencyFilter(), totals: totals, on: app.db)
            let one = try await Self.agencies(AgencyFilter(), visible: [province.agencyA.id!], totals: totals, on: app.db)
            #expect(one.total == 1 && all.total > 1)
            #expect(try await Self.agencies(AgencyFilter(), totals: totals, on: app.db).total == all.total)
            #expect(totals.counted == 2)
            // One scope is one statement however its set was built (the ids are bound in order).
            let ids = try await AgencyModel.query(on: app.db).all().compactMap(\.id)
            var roomy = Set<UUID>(minimumCapacity: 4 * ids.count)
            for id in ids.reversed() { roomy.insert(id) }
            let first = try await Self.agencies(AgencyFilter(), visible: Set(ids), totals: totals, on: app.db)
            let second = try await Self.agencies(AgencyFilter(), visible: roomy, totals: totals, on: app.db)
            #expect(first.total > 1 && second.total == first.total && first.rows.map(\.id) == second.rows.map(\.id))
            #expect(totals.counted == 3)
        }
    }
}
