@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing

/// Issue 14: the evaluation year's list (`/danh-gia/<year>`) read as plain rows, one statement a page.
/// Its order is said in full (name, then id), so namesakes keep their places across pages on every
/// plan — this suite runs again on PostgreSQL with sorted and index-ordered plans turned off.
@Suite("The evaluation year's list, page by page")
struct EvaluationListTests {
    @Test func R15_4_namesakesAreListedOnceEachInIdOrderAcrossPages() async throws {
        try await withWorld { app, _ in
            let profile = try await ProfileStore.active(on: app.db)
            let model = try #require(try await EvaluationService.evaluable(year: 2026, profile: profile, on: app.db).first)
            // Sixty namesakes: more than a page (50) of the same name and sort key.
            for _ in 0..<60 { try await model.copyForTest().create(on: app.db) }
            let namesakes = try await OfficerModel.query(on: app.db).filter(\.$nameFolded == model.nameFolded)
                .filter(\.$scopeStatus == model.scopeStatus).all().map { $0.id!.uuidString }
            #expect(namesakes.count >= 61)

            var authority = try await Browser.signedIn(app, as: "sotttt")
            let q = model.nameFolded.replacingOccurrences(of: " ", with: "+")
            var listed: [String] = []
            for page in 1...3 {
                let html = try await authority.get("/danh-gia/2026?q=\(q)&page=\(page)").body.string
                listed += html.matches(of: /\/danh-gia\/2026\/can-bo\/([0-9A-F-]{36})/).map { String($0.output.1) }
            }
            // Every namesake once, none twice, in the order of their ids (their names sort equal); the
            // search may find longer names too, which sort before or after them.
            #expect(listed.count > 50 && listed.count == Set(listed).count)
            let theirs = listed.filter(Set(namesakes).contains)
            #expect(Set(theirs) == Set(namesakes))
            #expect(theirs == theirs.sorted())
        }
    }

    /// Issue 14: a page past the end of the list is not read: its total, kept at the audit head, says
    /// it has no row. Shown by taking away a table only the page reads, without a write (no write of
    /// the application does that): the page still answers while the head stays.
    @Test func aPagePastTheEndOfTheListIsNotRead() async throws {
        try await withWorld { app, _ in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let first = try await authority.get("/danh-gia/2026")
            let past = try await authority.get("/danh-gia/2026?page=999")
            #expect(first.status == .ok && past.status == .ok)
            #expect(first.body.string.contains("/danh-gia/2026/can-bo/"))
            #expect(!past.body.string.contains("/danh-gia/2026/can-bo/"))
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("ALTER TABLE work_logs RENAME TO work_logs_away").run()
            let again = try await authority.get("/danh-gia/2026?page=999")
            try await sql.raw("ALTER TABLE work_logs_away RENAME TO work_logs").run()
            #expect(again.status == .ok && again.body.string == past.body.string)
            #expect(try await authority.get("/danh-gia/2026").body.string == first.body.string)
        }
    }

    /// Issue 14: a page of the list is kept while the audit head stays (ADR 0020), shown as above by
    /// taking away a table the page reads, and a grade entered moves the head: the next view reads
    /// the page again and shows it.
    @Test func R15_4_aPageIsReadOnceWhileTheAuditHeadStaysAndShowsAGradeEnteredAtOnce() async throws {
        try await withWorld { app, province in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let officer = province.officerA
            let list = "/danh-gia/2026?q=" + VietnameseText.fold(officer.fullName).replacingOccurrences(of: " ", with: "+")
            let first = try await authority.get(list).body.string
            #expect(first.contains("/danh-gia/2026/can-bo/\(officer.id!.uuidString)") && !first.contains("grade-A"))
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("ALTER TABLE grades RENAME TO grades_away").run()
            let again = try await authority.get(list)
            try await sql.raw("ALTER TABLE grades_away RENAME TO grades").run()
            #expect(again.status == .ok && again.body.string == first)
            #expect(try await authority.post("/danh-gia/2026/can-bo/\(officer.id!.uuidString)", ["grade": "A"]).status == .seeOther)
            #expect(try await authority.get(list).body.string.contains("<span class=\"badge grade-A\">"))
        }
    }

    /// Issue 14, ADR 0020 (fortieth part): the year's counts read officers and grades, never a ticket,
    /// and are kept at the head without tickets. A ticket recorded does not count them again (a grade
    /// taken away behind the log's back stays counted); a grade entered through the application does.
    @Test func R15_4_theYearsCountsAreNotReadAgainAfterATicketButAreAfterAGradeEntered() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let counts = { (html: String) in html.firstMatch(of: /<span class="num">(\d+) \/ (\d+)<\/span>/).map { "\($0.output.1)/\($0.output.2)" } }
            let first = try #require(counts(try await authority.get("/danh-gia/2026").body.string))
            #expect(!first.hasPrefix("0/"), "the demo's years hold grades of 2026")
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM grades WHERE year = 2026").run()
            _ = try await KeptPagesTests.recordTicket(app)
            #expect(counts(try await authority.get("/danh-gia/2026").body.string) == first, "a ticket does not count them again")

            let officer = province.officerA
            #expect(try await authority.post("/danh-gia/2026/can-bo/\(officer.id!.uuidString)", ["grade": "A"]).status == .seeOther)
            let evaluable = try #require(first.split(separator: "/").last)
            #expect(counts(try await authority.get("/danh-gia/2026").body.string) == "1/\(evaluable)", "a grade entered counts them again")
        }
    }

    /// Issue 14: a district head's list of the published grades (R-15.6b, D4: the officers of every
    /// agency below theirs) asks their reach inside its statements; on SQLite its first page is walked
    /// in name order, each officer's agency tested (`EvaluationList.inReach`), and a searched or
    /// filtered page and the counts are not. The page holds exactly the year's evaluable officers of the reach, in the order
    /// the statement that binds every agency of the reach gives them, on both databases.
    @Test func R15_6b_aDistrictHeadsListOfPublishedGradesIsWalkedInNameOrderAndHoldsExactlyTheirEvaluableOfficers() async throws {
        try await withWorld { app, _ in
            // 151 agencies of the world's 264: a page of 50 is walked (50 × 264 ≤ 151²).
            let (root, _) = try await VisibleAgenciesTests.district(schools: 150, on: app.db)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "thutruong2").first())
            let grant = try #require(try await RoleGrantModel.query(on: app.db).filter(\.$user.$id == user.id!)
                .filter(\.$role == Role.agencyHead.rawValue).first())
            grant.agencyID = root
            try await grant.update(on: app.db)
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let first = try Paging(page: 1, per: 50)
            // A head reads a year's list once its results are published.
            let year = 2026
            let cycle = try await EvaluationYearModel.query(on: app.db).filter(\.$year == year).first() ?? EvaluationYearModel()
            (cycle.year, cycle.state, cycle.publishedAt) = (year, EvaluationStage.published.rawValue, testNow)
            if cycle.id == nil { (cycle.criteria, cycle.steps) = ("", "") }
            try await cycle.save(on: app.db)
            if try app.db.sql().dialect.name == "sqlite" {
                let reach = try #require(try await VisibleAgencies(viewer.policy)?.measured(on: app.db, kept: KeptReads()))
                func walks(_ condition: any SQLExpression) throws -> Bool {
                    try VisibleAgenciesTests.walks([condition], #""officers"."agency_id""#, on: app.db)
                }
                #expect(try walks(EvaluationList.inReach(reach, page: first)))
                #expect(try !walks(EvaluationList.inReach(reach, page: first, narrowed: true)))
                #expect(try !walks(EvaluationList.inReach(reach)))
            }
            let agencies = try #require(try await Visibility.agencyIDs(for: viewer, on: app.db))
            let profile = try await ProfileStore.active(on: app.db)
            let excluded = try await ServiceRecords.notEvaluated(year: year, profile: profile, on: app.db)
            let bound = EvaluationService.evaluableConditions(year: year, profile: profile, excluded: excluded)
                + [SQLBinaryExpression(SQLColumn("agency_id", table: OfficerModel.schema), .in, SQLBind.group(agencies.sorted()))]
            let expected = try await EvaluationList.page(year: year, bound, paging: first, kept: nil, on: app.db).map(\.id.uuidString)
            #expect(expected.count >= 20)

            var head = try await Browser.signedIn(app, as: "thutruong2")
            let html = try await head.get("/danh-gia/\(year)").body.string
            let listed = html.matches(of: /\/danh-gia\/\d{4}\/can-bo\/([0-9A-F-]{36})/).map { String($0.output.1) }
            #expect(listed == expected)
        }
    }
}
