@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing

/// D14 with issue 14: a search by name finds exactly the agencies and officers whose folded name
/// holds the folded text, whichever way the database finds them (SQLite's trigram index and its
/// `instr` check, PostgreSQL's LIKE), and keeps doing so as records arrive, are renamed and go.
@Suite("Search by name (D14, issue 14)")
struct NameSearchTests {
    /// The texts searched: pieces of real names of every length around the index's three
    /// characters, whole names, texts no name holds, and FTS5's own syntax taken as text.
    static func texts(from names: [String]) -> [String] {
        var texts = ["a", "ng", "guy", "van", "xyzq", "\"", "\"van\"", "van\" OR \"thi", "a*", "NEAR(van thi)", "-", "  ",
                     "\u{0}\u{0}\u{0}", "van\u{0}thi", "van\tthi", "\u{7F}an"]
        for name in names.prefix(12) {
            let scalars = Array(name.unicodeScalars)
            texts.append(name)
            for length in [2, 3, 4, 7] where scalars.count >= length {
                let start = scalars.count / 3
                let end = min(scalars.count, start + length)
                texts.append(String(String.UnicodeScalarView(scalars[start..<end])))
            }
        }
        return texts
    }

    /// What the search must find: the records whose folded name holds the folded text.
    static func expected(_ names: [(UUID, String)], _ text: String) -> Set<UUID> {
        let folded = VietnameseText.fold(text)
        guard !folded.isEmpty else { return Set(names.map(\.0)) }
        return Set(names.filter { $0.1.range(of: folded, options: .literal) != nil }.map(\.0))
    }

    static func agencies(_ text: String, on db: any Database) async throws -> (ids: Set<UUID>, total: Int) {
        var paging = try Paging(page: 1, per: 200)
        let rows = try await RegistryQueries.agencies(AgencyFilter(q: text, includeInactive: true), visible: nil,
                                                      paging: &paging, as: AgencyListItem.self, on: db)
        return (Set(rows.map(\.id)), paging.total)
    }

    static func officers(_ text: String, on db: any Database) async throws -> (ids: Set<UUID>, total: Int) {
        var paging = try Paging(page: 1, per: 200)
        let rows = try await RegistryQueries.officers(OfficerFilter(q: text), visible: nil, paging: &paging,
                                                      as: OfficerListItem.self, on: db)
        return (Set(rows.map(\.id)), paging.total)
    }

    /// Every text against every agency and officer: the page and the count are the substring test's.
    static func expectSameAsSubstrings(_ db: any Database, _ texts: [String], _ note: String) async throws {
        let agencyNames = try await AgencyModel.query(on: db).all().map { ($0.id!, $0.nameFolded) }
        let officerNames = try await OfficerModel.query(on: db).all().map { ($0.id!, $0.nameFolded) }
        for text in texts {
            for (what, names, found) in [("agencies", agencyNames, try await agencies(text, on: db)),
                                         ("officers", officerNames, try await officers(text, on: db))] {
                let want = expected(names, text)
                #expect(found.total == want.count, "\(note): \(what) q=\(text)")
                if want.count <= 200 { #expect(found.ids == want, "\(note): \(what) q=\(text)") }
            }
        }
    }

    /// The index names the candidates only when they are few; otherwise (and on PostgreSQL, and
    /// for texts under three characters) the search reads every name.
    @Test func theTrigramIndexNamesTheCandidatesOnlyWhenTheyAreFew() async throws {
        try await withWorld { app, _ in
            let names = try await OfficerModel.query(on: app.db).all().map { ($0.id!, $0.nameFolded) }
            let holding = Self.expected(names, "Văn")
            #expect(holding.count > 2)
            let index = AddNameTrigramSearchSQLite.officers
            let few = try await NameTrigrams.candidates(for: "Văn", in: index, limit: holding.count, on: app.db)
            let many = try await NameTrigrams.candidates(for: "Văn", in: index, limit: holding.count - 1, on: app.db)
            let none = try await NameTrigrams.candidates(for: "zqxw", in: index, on: app.db)
            let short = try await NameTrigrams.candidates(for: "Vă", in: index, on: app.db)
            if (app.db as? any SQLDatabase)?.dialect.name == "sqlite" {
                let ids = try few.map { try JSONDecoder().decode([UUID].self, from: Data($0.json.utf8)) }
                #expect(ids.map(Set.init) == holding && few?.count == holding.count)
                #expect(many == nil && none?.count == 0 && none?.json == "[]" && short == nil)
            } else {
                #expect(few == nil && many == nil && none == nil && short == nil)
            }
        }
    }

    /// On SQLite, the index holds exactly each record's id and folded name, once (a row left behind
    /// by a rename or a deletion would only add a candidate that the check throws out, unseen by the
    /// searches, until a tail had more than `NameTrigrams.limit` holders).
    static func expectIndexMatchesTables(_ db: any Database, _ note: String) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        struct Entry: Decodable, Equatable { var id: String; var name_folded: String }
        for index in [AddNameTrigramSearchSQLite.agencies, AddNameTrigramSearchSQLite.officers] {
            let indexed = try await sql.raw("""
                SELECT \(ident: index.key) AS id, name_folded FROM \(ident: index.table) ORDER BY 1, 2
                """).all(decoding: Entry.self)
            let stored = try await sql.raw("SELECT id, name_folded FROM \(ident: index.source) ORDER BY 1, 2").all(decoding: Entry.self)
            #expect(indexed == stored && !stored.isEmpty, "\(note): \(index.table)")
        }
    }

    @Test func D14_aSearchByNameFindsExactlyTheNamesHoldingTheTextAsRecordsArriveAreRenamedAndGo() async throws {
        try await withWorld { app, province in
            let sample = try await OfficerModel.query(on: app.db).sort(\.$nameFolded).all().map(\.nameFolded)
                + (try await AgencyModel.query(on: app.db).sort(\.$nameFolded).all().map(\.nameFolded))
            let texts = Self.texts(from: stride(from: 0, to: sample.count, by: max(1, sample.count / 12)).map { sample[$0] })
            try await Self.expectSameAsSubstrings(app.db, texts, "loaded")
            try await Self.expectIndexMatchesTables(app.db, "loaded")
            // Filters typed with a NUL answer as typed without it, on PostgreSQL too (which refuses a
            // NUL in a text): nothing but a NUL is no filter, "x" and a NUL is "x".
            var all = try Paging(page: 1, per: 25), paging = try Paging(page: 1, per: 25)
            _ = try await RegistryQueries.agencies(AgencyFilter(), visible: nil, paging: &all, as: AgencyListItem.self, on: app.db)
            _ = try await RegistryQueries.agencies(AgencyFilter(district: "\u{0}"), visible: nil, paging: &paging,
                                                   as: AgencyListItem.self, on: app.db)
            #expect(paging.total == all.total && all.total > 0)
            #expect(try await RegistryQueries.officers(OfficerFilter(scope: "x\u{0}"), visible: nil, paging: &paging,
                                                       as: OfficerListItem.self, on: app.db).isEmpty && paging.total == 0)
            // A database that had its records before the index (an upgrade): the migration indexes them.
            try await AddNameTrigramSearchSQLite().revert(on: app.db)
            try await AddNameTrigramSearchSQLite().prepare(on: app.db)
            try await Self.expectSameAsSubstrings(app.db, texts, "indexed by the migration")
            try await Self.expectIndexMatchesTables(app.db, "indexed by the migration")

            // Arrive: an agency and an officer of names no other record holds.
            let agency = AgencyModel()
            agency.name = "Trung tâm Quỹ Đất Khởi Điểm"; agency.nameFolded = VietnameseText.fold(agency.name)
            agency.shortName = "TTQĐKĐ"; agency.kind = AgencyKind.publicService.rawValue; agency.level = AdminLevel.district.rawValue
            agency.district = "Thị xã Bến Cát"; agency.address = ""; agency.headName = ""; agency.headTitle = ""
            agency.appliesByAnalogy = false; agency.isActive = true; agency.version = 1
            try await agency.create(on: app.db)
            let officer = try #require(try await OfficerModel.find(province.officerA.id, on: app.db))
            let newcomer = officer.copyForTest()
            newcomer.fullName = "Khổng Thị Khởi Điểm"; newcomer.nameFolded = VietnameseText.fold(newcomer.fullName)
            try await newcomer.create(on: app.db)
            #expect(try await Self.agencies("quy dat khoi", on: app.db).ids == [agency.id!])
            #expect(try await Self.officers("khong thi khoi", on: app.db).ids == [newcomer.id!])
            try await Self.expectIndexMatchesTables(app.db, "arrived")

            // Renamed: found by the new name only.
            agency.name = "Trung tâm Phát Triển Quỹ Đất"; agency.nameFolded = VietnameseText.fold(agency.name)
            try await agency.save(on: app.db)
            newcomer.fullName = "Khổng Thị Đổi Tên"; newcomer.nameFolded = VietnameseText.fold(newcomer.fullName)
            try await newcomer.save(on: app.db)
            #expect(try await Self.agencies("khoi diem", on: app.db).total == 0)
            #expect(try await Self.agencies("phat trien quy dat", on: app.db).ids == [agency.id!])
            #expect(try await Self.officers("khoi diem", on: app.db).total == 0)
            #expect(try await Self.officers("thi doi ten", on: app.db).ids == [newcomer.id!])
            try await Self.expectIndexMatchesTables(app.db, "renamed")

            // Gone: found no more.
            try await newcomer.delete(on: app.db)
            try await agency.delete(on: app.db)
            #expect(try await Self.agencies("phat trien quy dat", on: app.db).total == 0)
            #expect(try await Self.officers("thi doi ten", on: app.db).total == 0)
            try await Self.expectSameAsSubstrings(app.db, texts + ["quy dat", "doi ten"], "after the changes")
            try await Self.expectIndexMatchesTables(app.db, "gone")
        }
    }
}

extension OfficerModel {
    /// A new officer with this one's facts (the search tests only give it another name).
    func copyForTest() -> OfficerModel {
        let o = OfficerModel()
        o.fullName = fullName; o.nameFolded = nameFolded; o.nameSortKey = nameSortKey; o.dateOfBirth = dateOfBirth
        o.gender = gender; o.position = position; o.kind = kind; o.monthlyIncentive = monthlyIncentive
        o.$agency.id = $agency.id; o.division = division; o.idNumber = idNumber; o.phone = phone; o.email = email
        o.qualifications = qualifications; o.certificates = certificates; o.civilServiceStatus = civilServiceStatus
        o.receivesIncentive = receivesIncentive; o.isITLeadership = isITLeadership; o.isTelecomOfficer = isTelecomOfficer
        o.scopeStatus = scopeStatus; o.employmentStatus = employmentStatus; o.startDate = startDate; o.version = 1
        return o
    }
}
