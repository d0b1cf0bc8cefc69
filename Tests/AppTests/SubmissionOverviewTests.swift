@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing

/// Issue 14 and R-15.6a: the submission overview (`/nop-so`) is counted and paged by the database.
/// What it shows is checked against the officers and logs read one by one, as the overview used to
/// read them, for the authority (the province) and a district head (their reach), on both databases.
@Suite("Who has submitted the year's work log")
struct SubmissionOverviewTests {
    /// The officers the overview follows, read as models: holding a post, in scope or by analogy, in
    /// `agencies` (nil: the province); and those whose log of `year` was received.
    static func expected(year: Int, agencies: Set<UUID>?, on db: any Database) async throws -> (followed: Set<UUID>, submitted: Set<UUID>) {
        let officers = try await OfficerModel.query(on: db).all().filter {
            $0.status.holdsPost && [ScopeStatus.inScope, .analogous].contains($0.scope) && (agencies?.contains($0.$agency.id) ?? true)
        }
        let followed = Set(officers.compactMap(\.id))
        let received = try await WorkLogModel.query(on: db).filter(\.$year == year).filter(\.$receivedAt != nil).all(\.$officer.$id)
        return (followed, followed.intersection(received))
    }

    /// Issue 14: a page of the overview is kept while the head without tickets stays (ADR 0020), shown
    /// by taking away a table the page reads: a ticket recorded does not read it again; a log submitted
    /// moves the head, and the next view shows it received.
    @Test func R15_6a_aPageOfTheOverviewIsReadOnceWhileTheHeadWithoutTicketsStaysAndShowsALogSubmittedAtOnce() async throws {
        try await withWorld { app, province in
            var head = try await Browser.signedIn(app, as: "thutruong")
            let path = "/nop-so?year=2027"
            let first = try await head.get(path).body.string
            #expect(first.contains(province.officerA.fullName) && !first.contains("Đúng hạn"))
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("ALTER TABLE work_logs RENAME TO work_logs_away").run()
            let again = try await head.get(path)
            try await sql.raw("ALTER TABLE work_logs_away RENAME TO work_logs").run()
            #expect(again.status == .ok && again.body.string == first)
            _ = try await KeptPagesTests.recordTicket(app)
            try await sql.raw("ALTER TABLE work_logs RENAME TO work_logs_away").run()
            let afterTicket = try await head.get(path)
            try await sql.raw("ALTER TABLE work_logs_away RENAME TO work_logs").run()
            #expect(afterTicket.status == .ok && afterTicket.body.string == first, "a ticket does not read the page again")
            // Nor the head's reach, nor the agencies' places behind the page's links.
            _ = try await KeptPagesTests.recordTicket(app)
            #expect(try await KeptPagesTests.readWithout(AgencyModel.schema, [(head, path)], on: app) == [first])
            #expect(try await head.post("/so-cong-tac/\(province.officerA.id!.uuidString)/2027/nop", [:]).status == .seeOther)
            let after = try await head.get(path).body.string
            #expect(after.contains("Đúng hạn"))
        }
    }

    @Test func R15_6a_theOverviewCountsAndListsEveryFollowedOfficerOnceWithTheirLogOfTheYear() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let year = 2026
            for username in ["sotttt", "thutruong2"] {
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
                let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
                let agencies = try await Visibility.agencyIDs(for: viewer, on: app.db)
                let (followed, submitted) = try await Self.expected(year: year, agencies: agencies, on: app.db)
                #expect(!submitted.isEmpty && submitted.count < followed.count, "both kinds are in the world")
                let reach = viewer.policy.isITAuthority ? nil : try await VisibleAgencies(viewer.policy)?.measured(on: app.db, kept: KeptReads())
                #expect((reach == nil) == (username == "sotttt"))

                let districts = try await SubmissionList.byDistrict(year: year, reach: reach, kept: nil, on: app.db)
                #expect(districts.map(\.followed).reduce(0, +) == followed.count)
                #expect(districts.map(\.submitted).reduce(0, +) == submitted.count)
                #expect(Set(districts.map(\.name)).count == districts.count)

                // Every page of each filter: each officer once, the filters split the followed in two,
                // and an agency's officers come together.
                func listed(_ filter: SubmissionList.Filter) async throws -> [SubmissionList.Item] {
                    var all: [SubmissionList.Item] = []
                    for page in 1... {
                        let rows = try await SubmissionList.page(year: year, reach: reach, filter, paging: try Paging(page: page, per: 7), kept: nil, on: app.db)
                        all += rows
                        if rows.count < 7 { break }
                    }
                    return all
                }
                let everyone = try await listed(.all)
                #expect(everyone.count == followed.count && Set(everyone.map(\.id)) == followed)
                let runs = everyone.map(\.agencyID).enumerated().filter { $0.offset == 0 || everyone[$0.offset - 1].agencyID != $0.element }
                #expect(runs.count == Set(everyone.map(\.agencyID)).count, "an agency's officers together")
                let done = try await listed(.submitted), missing = try await listed(.missing)
                #expect(Set(done.map(\.id)) == submitted && done.allSatisfy { $0.receivedAt != nil })
                #expect(Set(missing.map(\.id)) == followed.subtracting(submitted) && missing.allSatisfy { $0.receivedAt == nil })

                // The page shows the same counts.
                var browser = try await Browser.signedIn(app, as: username)
                let html = try await browser.get("/nop-so?year=\(year)").body.string
                #expect(html.contains("<span class=\"num\">\(submitted.count) / \(followed.count)</span>"))
                // A page past the end is not read while the head stays: it still answers with the logs'
                // table taken away behind the audit log's back (no write of the application does that).
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw("ALTER TABLE work_logs RENAME TO work_logs_away").run()
                let past = try await browser.get("/nop-so?year=\(year)&page=999")
                try await sql.raw("ALTER TABLE work_logs_away RENAME TO work_logs").run()
                #expect(past.status == .ok && past.body.string.contains("\(submitted.count) / \(followed.count)"))
            }

            // A log submitted: the kept counts are read again at the head its write moved.
            let before = try await Self.expected(year: year, agencies: nil, on: app.db)
            let waiting = try #require(try await WorkLogModel.query(on: app.db).filter(\.$year == year).filter(\.$receivedAt == nil).all()
                .first { before.followed.contains($0.$officer.id) })
            waiting.receivedAt = testNow
            try await app.write { db in
                try await waiting.update(on: db)
                try await AuditLog.append(AuditEvent(actorID: nil, actorName: "test", action: "worklog.submit", entityType: "workLog"), on: db)
            }
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let after = try await authority.get("/nop-so?year=\(year)").body.string
            #expect(after.contains("<span class=\"num\">\(before.submitted.count + 1) / \(before.followed.count)</span>"))
        }
    }
}
