@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@Suite("Agency registry through the web")
struct AgencyTests {
    func validForm(_ name: String = "Sở Ngoại vụ") -> [String: String] {
        ["name": name, "shortName": "SNgV", "kind": "administrative", "level": "province", "governingAgencyID": "",
         "district": "", "address": "Tầng 5, Tháp A, Trung tâm Hành chính tỉnh", "headName": "Nguyễn Văn Tâm",
         "headTitle": "Giám đốc"]
    }

    @Test func invalidAgencyKeepsInputAndShowsMessageByTheField() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            var form = validForm("   ")
            form["level"] = "district"
            form["address"] = "Số 1 Đường Quang Trung"
            let response = try await browser.post("/co-quan", form)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("Nhập tên cơ quan."))
            #expect(html.contains("Cơ quan cấp huyện, cấp xã cần có tên huyện"))
            #expect(html.contains("value=\"Số 1 Đường Quang Trung\""))
        }
    }

    @Test func createdAgencyIsFoundWithoutDiacriticsAndAudited() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let response = try await browser.post("/co-quan", validForm())
            #expect(response.status == .seeOther)
            let list = try await browser.get("/co-quan?q=so+ngoai+vu")
            #expect(list.body.string.contains("Sở Ngoại vụ"))
            let agency = try #require(try await AgencyModel.query(on: app.db).filter(\.$name == "Sở Ngoại vụ").first())
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityID == agency.id).all()
            #expect(audit.map(\.action) == ["agency.create"])
            #expect(audit.first?.actorName == "sotttt")
        }
    }

    @Test func secondSaveOfAStaleFormIsRefusedNotOverwritten() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let id = province.agencyA.id!.uuidString
            var form = province.agencyA.input
            var first = validForm(form.name + " (sửa lần 1)")
            first["version"] = "1"
            first["kind"] = form.kind
            #expect(try await browser.post("/co-quan/\(id)", first).status == .seeOther)
            form.name += " (sửa lần 2)"
            var second = validForm(form.name)
            second["version"] = "1"
            let stale = try await browser.post("/co-quan/\(id)", second)
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Người khác vừa lưu"))
            #expect(stale.body.string.contains("(sửa lần 2)"))
            let saved = try await AgencyModel.find(province.agencyA.id, on: app.db)
            #expect(saved?.name.hasSuffix("(sửa lần 1)") == true)
        }
    }

    @Test func agencyCannotBeItsOwnGoverningAgency() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let parentID = province.agencyA.$governingAgency.id!
            var form = validForm("Ủy ban nhân dân tỉnh Bình Dương")
            form["governingAgencyID"] = province.agencyA.id!.uuidString
            let response = try await browser.post("/co-quan/\(parentID.uuidString)", form)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("không thể là chính cơ quan này hoặc cơ quan trực thuộc nó"))
        }
    }

    /// A governing agency is an active agency of the province or a district, never the agency itself;
    /// the form offers exactly those, by name, and one sent back with a mistake keeps its choice.
    @Test func theGoverningAgencyIsChosenAmongActiveProvinceAndDistrictAgenciesButItself() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let own = province.agencyA.id!
            let expected = try await AgencyModel.query(on: app.db).filter(\.$isActive == true).all()
                .filter { $0.level != AdminLevel.commune.rawValue && $0.id != own }
                .sorted { ($0.nameFolded, $0.id!.uuidString) < ($1.nameFolded, $1.id!.uuidString) }
            let communes = try await AgencyModel.query(on: app.db).filter(\.$level == AdminLevel.commune.rawValue).count()
            #expect(!expected.isEmpty && communes > 0)
            let offered = { (html: String) in
                html.firstMatch(of: /<select name="governingAgencyID">(.*?)<\/select>/.dotMatchesNewlines())
                    .map { String($0.output.1).matches(of: /<option value="([0-9A-Fa-f-]{36})"/).map { String($0.output.1) } } ?? []
            }
            let edit = try await browser.get("/co-quan/\(own.uuidString)/sua").body.string
            #expect(offered(edit) == expected.map { $0.id!.canonicalText })
            let parent = expected[0].id!.canonicalText
            var form = validForm("")
            form["governingAgencyID"] = parent
            let mistake = try await browser.post("/co-quan", form)
            #expect(mistake.status == .unprocessableEntity)
            #expect(mistake.body.string.contains("<option value=\"\(parent)\" selected>"))
            #expect(offered(mistake.body.string).count == expected.count + 1, "a new agency may be governed by agency A too")
        }
    }

    /// Issue 14: an agency's page, read as plain rows, lists every agency it governs — a district's
    /// committee governs about two hundred, and the page cut them at 100 without a word — in name
    /// order with the inactive marked, and assesses its staffing as the province's report does, after
    /// each write.
    @Test func R11_1_anAgencysPageListsEveryAgencyItGovernsAndItsStaffingAsTheReportHasIt() async throws {
        try await withWorld { app, _ in
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            var town = KeptReadsTests.draft("Ủy ban nhân dân thị xã Thử Nghiệm")
            town.district = "Thử Nghiệm"
            let parent = try await app.write { [town] in try await AgencyService.create(town, by: actor, on: $0) }.id!
            let names = (0..<101).map { String(format: "Trường Tiểu học Số %03d", $0) }
            var children: [String: UUID] = [:]
            for name in names.reversed() {
                var school = KeptReadsTests.draft(name)
                school.district = "Thử Nghiệm"; school.governingAgencyID = parent
                children[name] = try await app.write { [school] in try await AgencyService.create(school, by: actor, on: $0) }.id!
            }
            let closed = try #require(children[names[7]])
            try await app.write { try await AgencyService.setActive(closed, false, by: actor, on: $0) }
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let before = try await browser.get("/co-quan/\(parent.uuidString)").body.string
            #expect(before.contains("<h2>Cơ quan trực thuộc (101)</h2>"))
            let listed = names.compactMap { before.range(of: ">\($0)</a>")?.lowerBound }
            #expect(listed.count == 101 && listed == listed.sorted(), "every school, in name order")
            #expect(before.contains(">\(names[7])</a> <span class=\"badge muted\">Ngừng hoạt động</span>"))
            #expect(!before.contains(">\(names[8])</a> <span class=\"badge muted\">"))
            let threshold = try await ProfileStore.active(on: app.db).staffingBothKindsFromLevel
            let report = try #require(try await StaffingQueries.rows(year: 2026, visible: [parent], threshold: threshold, on: app.db).first)
            #expect(report.assessment.status == .noITOfficer)
            #expect(before.contains("<span class=\"badge serious\">\(report.assessment.status.label)</span>"))
            // An officer recorded there: the page's assessment follows at once.
            _ = try await browser.post("/can-bo", [
                "fullName": "Lê Văn Thành", "dateOfBirth": "05/06/1990", "gender": "male", "position": "Chuyên viên",
                "kind": "fullTime", "agencyID": parent.uuidString, "idNumber": "074090001111", "startDate": "01/01/2015",
                "civilServiceStatus": "civilServant", "receivesIncentive": "true"])
            let after = try await browser.get("/co-quan/\(parent.uuidString)").body.string
            let now = try #require(try await StaffingQueries.rows(year: 2026, visible: [parent], threshold: threshold, on: app.db).first)
            #expect(now.assessment.status != report.assessment.status)
            #expect(after.contains(">\(now.assessment.status.label)</span>") && !after.contains(">\(report.assessment.status.label)</span>"))
            #expect(after.contains(">Lê Văn Thành</a>"))
        }
    }

    @Test func deactivationIsRefusedWhileOfficersHoldPostsAndNeverDeletes() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let id = province.agencyA.id!
            _ = try await browser.post("/co-quan/\(id.uuidString)/trang-thai", ["active": "0"])
            #expect(try await AgencyModel.find(id, on: app.db)?.isActive == true)
            let page = try await browser.get("/co-quan/\(id.uuidString)")
            #expect(page.body.string.contains("cán bộ CNTT đang công tác"))
            // An agency with no officers holding posts can be deactivated, and is kept.
            _ = try await browser.post("/co-quan", validForm("Ban Dân tộc"))
            let empty = try #require(try await AgencyModel.query(on: app.db).filter(\.$name == "Ban Dân tộc").first())
            _ = try await browser.post("/co-quan/\(empty.id!.uuidString)/trang-thai", ["active": "0"])
            #expect(try await AgencyModel.find(empty.id, on: app.db)?.isActive == false)
            let hidden = try await browser.get("/co-quan?q=ban+dan+toc")
            #expect(!hidden.body.string.contains("Ban Dân tộc"))
            let shown = try await browser.get("/co-quan?q=ban+dan+toc&inactive=1")
            #expect(shown.body.string.contains("Ban Dân tộc"))
        }
    }

    @Test func D7_itLevelIsEnteredWithItsSourceDocument() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "truongphong")
            let id = province.agencyA.id!.uuidString
            let missing = try await browser.post("/co-quan/\(id)/muc-ung-dung", ["year": "2031", "level": "3", "sourceDocument": ""])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Nhập văn bản làm căn cứ"))
            let ok = try await browser.post("/co-quan/\(id)/muc-ung-dung",
                                            ["year": "2031", "level": "4", "sourceDocument": "Quyết định 12/QĐ-STTTT"])
            #expect(ok.status == .seeOther)
            let level = try await AgencyITLevelModel.query(on: app.db).filter(\.$year == 2031).first()
            #expect(level?.level == 4)
            #expect(level?.sourceDocument == "Quyết định 12/QĐ-STTTT")
        }
    }

    @Test func staffingPageListsEveryAgencyWithCountsAndReasons() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let page = try await browser.get("/bien-che?per=200")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<span class=\"badge serious\">") || html.contains("<span class=\"badge warning\">"))
            #expect(html.contains("<span class=\"badge ok\">Đạt</span>"))
            #expect(html.contains(province.agencyA.name))
            let filtered = try await browser.get("/bien-che?status=notApplicable")
            #expect(filtered.body.string.contains("Ban Tuyên giáo Tỉnh ủy"))
            #expect(!filtered.body.string.contains(province.agencyA.name))
        }
    }

    /// The district filter offers each district named by an agency once, in Vietnamese order, read
    /// by skipping over the district index (ADR 0017) — the same as going over every agency.
    @Test func theDistrictFilterOffersEveryDistrictOnceInVietnameseOrder() async throws {
        try await withWorld { app, _ in
            let all = try await AgencyModel.query(on: app.db).all().map(\.district).filter { !$0.isEmpty }
            let expected = VietnameseText.sorted(Set(all), byName: { $0 })
            #expect(expected.count > 1)
            #expect(try await RegistryQueries.districts(on: app.db) == expected)
        }
    }

    /// ADR 0017: on PostgreSQL the searches by name have trigram indexes (the suite runs on both
    /// databases; SQLite has none to check), and a search still finds a name by any part of it.
    @Test func nameSearchesHaveTrigramIndexesOnPostgreSQL() async throws {
        try await withWorld { app, _ in
            let sql = try app.db.sql()
            if sql.dialect.name == "postgresql" {
                let names = try await sql.raw("""
                    SELECT indexname FROM pg_indexes WHERE indexname LIKE '%name_folded_trgm' ORDER BY indexname
                    """).all().map { try $0.decode(column: "indexname", as: String.self) }
                #expect(names == AddNameTrigramIndexes.tables.sorted().map(AddNameTrigramIndexes.indexName))
            }
            var paging = try Paging(page: 1, per: 25)
            let found = try await RegistryQueries.agencies(AgencyFilter(q: "thong tin va truyen"), visible: nil, paging: &paging, as: AgencyListItem.self, on: app.db)
            #expect(found.map(\.name).contains("Sở Thông tin và Truyền thông"))
        }
    }

    /// A record's place (the agency and those governing it, for `AccessPolicy`) in one statement, for
    /// one agency or a page's; a cycle in the data ends the chain where it repeats.
    @Test func placeFollowsTheGoverningAgenciesToTheRootAndStopsAtACycle() async throws {
        try await withWorld { app, _ in
            let agencies = try await AgencyModel.query(on: app.db).sort(\.$id).limit(3).all().map { $0.id! }
            let sql = try app.db.sql()
            for (child, parent) in [(agencies[0], agencies[1]), (agencies[1], agencies[2])] {
                try await sql.update(AgencyModel.schema).set("governing_agency_id", to: parent).where("id", .equal, child).run()
            }
            try await sql.update(AgencyModel.schema).set("governing_agency_id", to: SQLLiteral.null).where("id", .equal, agencies[2]).run()
            #expect(try await Visibility.place(of: agencies[0], on: app.db)?.chain == agencies)
            try await sql.update(AgencyModel.schema).set("governing_agency_id", to: agencies[0]).where("id", .equal, agencies[2]).run()
            #expect(try await Visibility.place(of: agencies[0], on: app.db)?.chain == agencies)
            #expect(try await Visibility.place(of: agencies[1], on: app.db)?.chain == [agencies[1], agencies[2], agencies[0]])
            #expect(try await Visibility.place(of: UUID(), on: app.db) == nil)
            // Several at once (a page's rows): the same chains, each stopped at its own repeat.
            let places = try await Visibility.places(of: [agencies[0], agencies[1], agencies[1], UUID()], on: app.db)
            #expect(places.count == 2)
            #expect(places[agencies[0]]?.chain == agencies)
            #expect(places[agencies[1]]?.chain == [agencies[1], agencies[2], agencies[0]])
        }
    }
}

@Suite("Staffing report cache")
struct StaffingCacheTests {
    /// D14 and Art. 11.1: the staffing filter (page and API) picks, in the report's order, the rows
    /// with the chosen status whose folded agency name holds the folded text; no filter keeps all.
    @Test func staffingFilterPicksByStatusAndFoldedNameInTheReportsOrder() {
        func row(_ name: String, level: Int?, officers: Int) -> StaffingRow {
            StaffingRow(agencyID: UUID(), agencyName: name, agencyFolded: VietnameseText.fold(name), itLevel: level,
                        assessment: StaffingCompliance.assess(agencyKind: .administrative, itLevel: level, fullTime: officers, partTime: 0,
                                                              marks: [], threshold: 3))
        }
        let rows = [row("Trường Tiểu học Phú Cường", level: 2, officers: 0), row("Sở Y tế", level: 2, officers: 1),
                    row("Trường Tiểu học An Phú", level: 2, officers: 1), row("Trường THCS Phú Hòa", level: nil, officers: 0)]
        #expect(StaffingQueries.matching(rows, status: "", q: "") == [0, 1, 2, 3])
        #expect(StaffingQueries.matching(rows, status: "", q: "TIỂU học") == [0, 2])
        #expect(StaffingQueries.matching(rows, status: "", q: "phu") == [0, 2, 3])
        #expect(StaffingQueries.matching(rows, status: StaffingStatus.noITOfficer.rawValue, q: "") == [0, 3])
        #expect(StaffingQueries.matching(rows, status: StaffingStatus.noITOfficer.rawValue, q: "tieu hoc") == [0])
        #expect(StaffingQueries.matching(rows, status: "khong-co", q: "") == [])
    }

    @Test func R11_1_staffingReflectsAWriteImmediately() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            _ = try await browser.post("/co-quan", ["name": "Ban Dân tộc tỉnh", "kind": "administrative", "level": "province"])
            let agency = try #require(try await AgencyModel.query(on: app.db).filter(\.$name == "Ban Dân tộc tỉnh").first())
            let before = try await browser.get("/bien-che?q=ban+dan+toc+tinh").body.string
            #expect(before.contains("<span class=\"badge serious\">Chưa có cán bộ CNTT</span>"))
            _ = try await browser.post("/can-bo", [
                "fullName": "Lê Văn Thành", "dateOfBirth": "05/06/1990", "gender": "male", "position": "Chuyên viên",
                "kind": "fullTime", "agencyID": agency.id!.uuidString, "idNumber": "074090001111", "startDate": "01/01/2015",
                "civilServiceStatus": "civilServant", "receivesIncentive": "true"])
            let after = try await browser.get("/bien-che?q=ban+dan+toc+tinh").body.string
            #expect(!after.contains("<span class=\"badge serious\">Chưa có cán bộ CNTT</span>"))
            #expect(after.contains("<span class=\"badge info\">Chưa có mức ứng dụng CNTT</span>"))
        }
    }

    /// Issue 14: requests that arrive while the report is being brought up to date share that one
    /// computation; a later version starts another.
    @Test func R11_1_staffingIsComputedOnceForRequestsThatArriveTogether() async throws {
        let flights = SingleFlight<[Int]>()
        let started = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let compute: @Sendable () async throws -> [Int] = {
            started.continuation.yield()
            for await _ in release.stream { break }
            return [2026]
        }
        try await withThrowingTaskGroup(of: ([Int], Bool).self) { group in
            group.addTask { try await flights.run("2026", version: 1, compute) }
            for await _ in started.stream { break }      // the first computation is running …
            for _ in 0..<7 { group.addTask { try await flights.run("2026", version: 1, compute) } }
            while await flights.joined < 7 { await Task.yield() }    // … and seven requests wait for it
            release.continuation.yield()
            var starters = 0
            for try await (value, started) in group {
                #expect(value == [2026])
                if started { starters += 1 }
            }
            #expect(starters == 1)
        }
        #expect(await flights.started == 1)
        release.continuation.yield()
        _ = try await flights.run("2026", version: 2, compute)
        #expect(await flights.started == 2)
    }

    /// Issue 14: each write brings the report up to date for the agencies it touched — what a whole
    /// computation would give, without one. A record the feed cannot follow computes it whole.
    @Test func R11_1_staffingFollowsEachWriteAgencyByAgencyAsAWholeComputationWould() async throws {
        try await withWorld { app, province in
            let threshold = try await ProfileStore.active(on: app.db).staffingBothKindsFromLevel
            let cache = app.staffingCache
            @Sendable func current() async throws -> [StaffingRow] { try await cache.province(year: 2026, threshold: threshold, on: app.db).rows }
            @Sendable func whole() async throws -> [StaffingRow] {
                try await StaffingQueries.rows(year: 2026, visible: nil, threshold: threshold, on: app.db)
            }
            // A head's part of the province (here agencies A and B), cut once for each head of it.
            let part: Set<UUID> = [province.agencyA.id!, province.agencyB.id!]
            @Sendable func cut() async throws -> [StaffingRow] {
                try await cache.staffing(year: 2026, visible: part, threshold: threshold, on: app.db).rows
            }
            #expect(try await current() == whole())
            #expect(cache.computations == 1)
            #expect(try await cut() == whole().filter { part.contains($0.agencyID) })
            #expect(try await cut().count == 2)
            #expect(cache.cuts == 1)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let (a, b) = (province.officerA.id!, province.officerB.id!)
            let day = LocalDate(year: 2026, month: 11, day: 20)!
            let writes: [(String, @Sendable (any Database) async throws -> Void)] = [
                ("level", { try await AgencyService.setITLevel(province.agencyA.id!, year: 2026, level: 4, source: "QĐ 9/2026", by: actor, on: $0) }),
                ("transfer", { try await OfficerService.transfer(a, to: province.agencyB.id!, on: day, note: "", by: actor, on: $0) }),
                ("leave", { try await OfficerService.changeStatus(b, to: .leave, on: day, note: "Nghỉ phép", by: actor, on: $0) }),
                ("refusal", { try await AuditLog.append(AuditEvent(actorID: nil, actorName: "x", action: "permission.denied",
                                                                   entityType: "officer", entityID: a), on: $0) }),
            ]
            for (name, write) in writes {
                let before = try await current()
                try await app.write { try await write($0) }
                let after = try await current()
                #expect(after == (try await whole()), "\(name)")
                #expect(try await cut() == after.filter { part.contains($0.agencyID) }, "\(name): the part")
                if name != "refusal" { #expect(after != before, "\(name) changed nothing") }
            }
            #expect(cache.computations == 1)
            #expect(cache.updates == writes.count)
            // The part was cut once before the writes, then after each that changed the province's rows:
            // the refusal left them as they were, and the part cut from them (forty-second part).
            #expect(cache.cuts == 1 + writes.count - 1)
            // A change the feed does not know (here a profile's) computes the province whole.
            try await app.write { try await AuditLog.append(AuditEvent(actorID: nil, actorName: "x", action: "profile.snapshot",
                                                                       entityType: "profile", entityID: nil), on: $0) }
            #expect(try await current() == whole())
            #expect(cache.computations == 2)
        }
    }
    /// Issue 14, ADR 0020 (forty-second part): a search of the staffing report runs once for the same
    /// rows — a ticket recorded leaves them as they were, and a head's part is not cut again — and again
    /// when a write changes them. Each answer is the filter run afresh over the rows it came with.
    @Test func R11_1_aStaffingSearchRunsOnceForTheSameRowsAndAgainAfterAWriteThatChangesThem() async throws {
        try await withWorld { app, province in
            let threshold = try await ProfileStore.active(on: app.db).staffingBothKindsFromLevel
            let cache = app.staffingCache
            let part: Set<UUID> = [province.agencyA.id!, province.agencyB.id!]
            @Sendable func search(_ q: String, status: String = "", in visible: Set<UUID>? = nil) async throws -> [String] {
                let head = try await AuditLog.head(on: app.db).seq
                let found = try await cache.staffing(year: 2026, visible: visible, threshold: threshold, at: head, status: status, q: q, on: app.db)
                #expect(found.shown == StaffingQueries.matching(found.rows, status: status, q: q))
                return found.shown.map { found.rows[$0].agencyName }
            }
            let first = try await search("uy ban")
            #expect(!first.isEmpty && first.allSatisfy { VietnameseText.fold($0).contains("uy ban") })
            #expect(cache.searches == 1)
            #expect(try await search("uy ban") == first && cache.searches == 1)
            #expect(try await search("Ủy Ban") == first && cache.searches == 1, "the same text once folded")
            let inPart = try await search("uy ban", in: part)
            _ = try await search("", status: StaffingStatus.allCases[0].rawValue)
            #expect(cache.searches == 3)
            let cuts = cache.cuts

            _ = try await KeptPagesTests.recordTicket(app)
            #expect(try await search("uy ban") == first)
            #expect(try await search("uy ban", in: part) == inPart)
            #expect(cache.searches == 3, "a ticket leaves the province's rows as they were")
            #expect(cache.cuts == cuts, "and the part cut from them")

            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            var input = try #require(try await AgencyModel.find(province.agencyB.id!, on: app.db)).input
            input.name = "Ủy ban nhân dân xã Thanh Tuyền mới"
            let draft = try AgencyDraft.validate(input).get()
            _ = try await app.write { try await AgencyService.update(province.agencyB.id!, draft, expectedVersion: nil, by: actor, on: $0) }
            let renamed = try await search("uy ban")
            #expect(cache.searches == 4)
            #expect(renamed.contains("Ủy ban nhân dân xã Thanh Tuyền mới"))
            #expect(try await search("thanh tuyen moi", in: part) == ["Ủy ban nhân dân xã Thanh Tuyền mới"])
        }
    }
}
