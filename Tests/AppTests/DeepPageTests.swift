@testable import App
import Domain
import Fluent
import Foundation
import Testing

/// Issue 14: a deep page or a search of the agency and officer lists is cut from the order's columns
/// alone, then joined back to its rows (`PageForm.cut`); a near page reads its rows directly. Both
/// forms must give the same rows in the same order for every page and filter — here every page of
/// each list is read both ways. This suite runs again on PostgreSQL with sorted and index-ordered
/// plans turned off.
@Suite("Pages of the registry lists, cut first or read directly")
struct DeepPageTests {
    @Test func aPageCutFirstHoldsTheAgenciesOfAPageReadDirectly() async throws {
        try await withWorld { app, _ in
            let model = try #require(try await AgencyModel.query(on: app.db).filter(\.$isActive == true).sort(\.$id).first())
            // Namesakes across page boundaries: their order is their id's.
            for n in 0..<12 {
                let copy = AgencyModel()
                copy.name = model.name; copy.nameFolded = model.nameFolded; copy.shortName = "Bản \(n)"; copy.kind = model.kind
                copy.level = model.level; copy.district = model.district; copy.address = model.address; copy.headName = model.headName
                copy.headTitle = model.headTitle; copy.appliesByAnalogy = model.appliesByAnalogy; copy.isActive = n % 3 != 0
                copy.version = 1
                try await copy.create(on: app.db)
            }
            let words = model.nameFolded.split(separator: " ").prefix(2).joined(separator: " ")
            // Every other agency in id order: a scope of half the province, the same size on every run.
            let ids = try await AgencyModel.query(on: app.db).all().compactMap(\.id).sorted { $0.uuidString < $1.uuidString }
            let visible = Set(ids.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
            let cases: [(String, AgencyFilter, VisibleAgencies?)] = [
                ("all", AgencyFilter(), nil), ("inactive too", AgencyFilter(includeInactive: true), nil),
                ("search", AgencyFilter(q: words, includeInactive: true), nil), ("level", AgencyFilter(level: model.adminLevel), nil),
                ("scope", AgencyFilter(includeInactive: true), .own(visible)),
            ]
            for (name, filter, scope) in cases {
                let ids = { (form: PageForm) async throws -> [UUID] in
                    try await Self.everyPage { paging in
                        try await RegistryQueries.agencies(filter, visible: scope, paging: &paging, as: AgencyListItem.self,
                                                           form: form, on: app.db).map(\.id)
                    }
                }
                let near = try await ids(.direct), deep = try await ids(.cut)
                #expect(near.count > 7, "\(name)")
                #expect(deep == near, "\(name)")
                #expect(Set(near).count == near.count, "\(name)")
            }
        }
    }

    @Test func aPageCutFirstHoldsTheOfficersOfAPageReadDirectly() async throws {
        try await withWorld { app, _ in
            let model = try #require(try await OfficerModel.query(on: app.db).sort(\.$id).first())
            for _ in 0..<12 { try await model.copyForTest().create(on: app.db) }
            let visible: Set<UUID> = [model.$agency.id]
            let cases: [(String, OfficerFilter, VisibleAgencies?)] = [
                ("all", OfficerFilter(), nil), ("search", OfficerFilter(q: model.nameFolded), nil),
                ("agency", OfficerFilter(agencyID: model.$agency.id), nil), ("kind", OfficerFilter(kind: model.officerKind), nil),
                ("scope", OfficerFilter(), .own(visible)),
            ]
            for (name, filter, scope) in cases {
                let rows = { (form: PageForm) async throws -> [UUID] in
                    try await Self.everyPage { paging in
                        let page = try await RegistryQueries.officers(filter, visible: scope, paging: &paging, as: OfficerListItem.self,
                                                                      form: form, on: app.db)
                        // The agency's name is joined to each row in both forms.
                        #expect(page.allSatisfy { !$0.agency_name.isEmpty })
                        return page.map(\.id)
                    }
                }
                let near = try await rows(.direct), deep = try await rows(.cut)
                #expect(near.count > 7, "\(name)")
                #expect(deep == near, "\(name)")
                #expect(Set(near).count == near.count, "\(name)")
            }
        }
    }

    /// The ids of every page of a list, 5 a page, until the total the list counted.
    static func everyPage(_ read: (inout Paging) async throws -> [UUID]) async throws -> [UUID] {
        var all: [UUID] = []
        var page = 1
        while true {
            var paging = try Paging(page: page, per: 5)
            let ids = try await read(&paging)
            all += ids
            if ids.isEmpty || all.count >= paging.total { return all }
            page += 1
        }
    }
}

@Suite("Which form reads a page")
struct PageFormTests {
    @Test func aSearchOrADeepPageIsCutFirstANearPageIsReadDirectly() throws {
        #expect(PageForm(try Paging(page: 1, per: 25), searching: nil) == .direct)
        #expect(PageForm(try Paging(page: 1, per: 25), searching: " ") == .direct)
        #expect(PageForm(try Paging(page: 20, per: 25), searching: nil) == .direct)
        #expect(PageForm(try Paging(page: 21, per: 25), searching: nil) == .cut)
        #expect(PageForm(try Paging(page: 1, per: 25), searching: "tran thi") == .cut)
    }
}
