@testable import App
import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import PostgresNIO
import SQLKit
import SQLiteNIO
import Testing
import Vapor

/// Issue 14, ADR 0020: the registry lists' totals and the districts of the agency filter are kept
/// while the audit head stays, and are read again after any write — through the services, or by another process on the same database.
@Suite("What the lists read, kept by the audit head")
struct KeptReadsTests {
    /// The head read with the session serves the request's kept values only until it writes: what it
    /// reads after its own write is read at the head that write moved.
    @Test func aRequestThatWritesReadsTheAuditHeadAgain() async throws {
        try await withWorld { app, _ in
            let req = Request(application: app, on: app.eventLoopGroup.next())
            let before = try await AuditLog.head(on: app.db).seq
            req.auditHeadAtStart = before
            #expect(try await req.keptReadsAtHead().head == before)
            try await req.write { db in
                try await AuditLog.append(AuditEvent(actorID: nil, actorName: "test", action: "test.write", entityType: "test"), on: db)
            }
            #expect(req.auditHeadAtStart == nil)
            #expect(try await req.keptReadsAtHead().head == before + 1)
        }
    }

    static func agencies(_ filter: AgencyFilter, page: Int = 1, visible: VisibleAgencies? = nil, totals: KeptReads?,
                         on db: any Database) async throws -> (rows: [AgencyListItem], total: Int) {
        var paging = try Paging(page: page, per: 25)
        let rows = try await RegistryQueries.agencies(filter, visible: visible, paging: &paging, as: AgencyListItem.self,
                                                      kept: totals.map { KeptReads.At(reads: $0, head: nil) }, on: db)
        return (rows, paging.total)
    }

    static func officers(_ filter: OfficerFilter, totals: KeptReads?, on db: any Database) async throws -> Int {
        var paging = try Paging(page: 1, per: 25)
        _ = try await RegistryQueries.officers(filter, visible: nil, paging: &paging, as: OfficerListItem.self,
                                              kept: totals.map { KeptReads.At(reads: $0, head: nil) }, on: db)
        return paging.total
    }

    static func draft(_ name: String) -> AgencyDraft {
        AgencyDraft(name: name, shortName: "", kind: .administrative, level: .district, governingAgencyID: nil, district: "Dĩ An",
                    address: "", headName: "", headTitle: "", appliesByAnalogy: false)
    }

    @Test func theDistrictsOfTheFilterAreReadOnceWhileTheAuditHeadStaysAndAgainAfterAnAgencysWrite() async throws {
        try await withWorld { app, _ in
            let kept = KeptReads()
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            /// The districts as the agency list shows them: at the head its page was read at.
            func districts() async throws -> [String] {
                var paging = try Paging(page: 1, per: 25)
                _ = try await RegistryQueries.agencies(AgencyFilter(), visible: nil, paging: &paging, as: AgencyListItem.self,
                                                       kept: KeptReads.At(reads: kept, head: nil), on: app.db)
                let shown = try await RegistryQueries.districts(at: paging.head, kept: kept, on: app.db)
                #expect(shown == (try await RegistryQueries.districts(on: app.db)))   // as read afresh
                return shown
            }
            let before = try await districts()
            let reads = kept.counted
            #expect(try await districts() == before && kept.counted == reads)
            #expect(!before.contains("Bàu Bàng mới"))

            var draft = Self.draft("Trạm Y tế thị trấn mới")
            draft.district = "Bàu Bàng mới"
            _ = try await AgencyService.create(draft, by: actor, on: app.db)
            let after = try await districts()
            #expect(after.contains("Bàu Bàng mới") && after.count == before.count + 1)
            #expect(kept.counted > reads)
        }
    }

    @Test func aSearchsCandidatesAreReadOnceWhileTheAuditHeadStaysAndAgainAfterANamesWrite() async throws {
        try await withWorld { app, _ in
            let kept = KeptReads()
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            /// A search as the list shows it, checked against the same search read afresh.
            func search(_ q: String) async throws -> [String] {
                let shown = try await Self.agencies(AgencyFilter(q: q), totals: kept, on: app.db)
                let fresh = try await Self.agencies(AgencyFilter(q: q), totals: nil, on: app.db)
                #expect(shown.rows.map(\.id) == fresh.rows.map(\.id) && shown.total == fresh.total)
                return shown.rows.map(\.name)
            }
            _ = try await AgencyService.create(Self.draft("Trường Tiểu học Hòa Lợi Mới"), by: actor, on: app.db)
            let before = try await search("hoa loi moi")
            #expect(before == ["Trường Tiểu học Hòa Lợi Mới"])
            let reads = kept.counted
            #expect(try await search("hoa loi moi") == before && kept.counted == reads)   // nothing read again

            // A new name holding the text: the kept candidates were read at the head before it, so the
            // page read with them is read again with the index's new answer.
            _ = try await AgencyService.create(Self.draft("Trường Mầm non Hòa Lợi Mới"), by: actor, on: app.db)
            #expect(try await search("hoa loi moi").sorted() == ["Trường Mầm non Hòa Lợi Mới", "Trường Tiểu học Hòa Lợi Mới"])
            #expect(kept.counted > reads)
        }
    }

    @Test func aTotalIsCountedOnceWhileTheAuditHeadStaysAndAgainAfterAnyWrite() async throws {
        try await withWorld { app, _ in
            let totals = KeptReads()
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

    /// The dashboard's counts that walk a head's officers and tickets (what waits for confirmation, the
    /// officers by kind, the year's logs submitted and signed) are read once while their head stays.
    /// A ticket confirmed moves the audit head: what waits for confirmation is read again, not the
    /// officers' counts, kept at the head without tickets; an officer who resigns reads those again.
    @Test func F_I_3_R13_3_aHeadsDashboardCountsAreReadOnceWhileTheirHeadStaysTheOfficersAgainOnlyAfterAWriteOtherThanATicket() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let kept = KeptReads(), steady = KeptReads()
            var head: (viewer: Viewer, scope: TicketQueries.Scope, agencies: VisibleAgencies)?
            for account in DemoLoader.accounts where head == nil {
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == account.username).first())
                let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
                let scope = try await TicketQueries.scope(for: viewer, on: app.db)
                if let agencies = scope.agencies, try await TicketQueries.awaitingConfirmationCount(viewer, scope: scope, on: app.db) > 0 {
                    head = (viewer, scope, agencies)
                }
            }
            let (viewer, scope, agencies) = try #require(head)
            let month = LocalDate(year: 2026, month: 10, day: 1)
            /// The three counts as the dashboard reads them, each checked against the same count read afresh.
            func counts() async throws -> (waiting: Int, kinds: [String: Int], logs: [Int]) {
                let at = KeptReads.At(reads: kept, head: try await AuditLog.head(on: app.db).seq)
                let still = KeptReads.At(reads: steady, head: try await AuditLog.headWithoutTickets(on: app.db))
                let waiting = try await TicketQueries.awaitingConfirmationCount(viewer, scope: scope, kept: at, on: app.db)
                let kinds = try await RegistryQueries.officerKinds(visible: VisibleAgencies(viewer.policy), kept: still, on: app.db)
                let logs = try await Reminders.headedLogs(agencies, year: 2026, signedFrom: month, kept: still, on: app.db)
                #expect(waiting == (try await TicketQueries.awaitingConfirmationCount(viewer, scope: scope, on: app.db)))
                #expect(kinds == (try await RegistryQueries.officerKinds(visible: VisibleAgencies(viewer.policy), on: app.db)))
                let fresh = try await Reminders.headedLogs(agencies, year: 2026, signedFrom: month, on: app.db)
                let numbers: [Int] = [logs.officers, logs.submitted, logs.signed]
                #expect(numbers == [fresh.officers, fresh.submitted, fresh.signed])
                return (waiting, kinds, numbers)
            }
            let before = try await counts()
            #expect(kept.counted == 1)
            #expect(steady.counted == 2)
            let again = try await counts()
            #expect(again.waiting == before.waiting)
            #expect(again.kinds == before.kinds)
            #expect(again.logs == before.logs)
            #expect(kept.counted == 1)
            #expect(steady.counted == 2)   // nothing read again

            let waiting = try #require(try await TicketQueries.awaitingConfirmation(viewer, scope: scope, limit: 1, on: app.db).first)
            let ticket = try #require(try await WorkTicketModel.find(waiting.id, on: app.db))
            try await app.write {
                try await TicketService.confirm(ticket, confirmerName: viewer.username,
                                                by: .init(userID: viewer.userID, name: viewer.username), on: $0)
            }
            let confirmed = try await counts()
            #expect(confirmed.waiting == before.waiting - 1)
            #expect(confirmed.kinds == before.kinds)
            #expect(confirmed.logs == before.logs)
            #expect(kept.counted == 2)
            #expect(steady.counted == 2)   // the ticket's count alone read again

            let officer = try #require(try await RawRows.all("""
                SELECT o.id FROM \(name: OfficerModel.schema) o WHERE o.employment_status = \(bind: EmploymentStatus.active.rawValue) \
                AND \(agencies.contains(QuotedColumn("agency_id", table: "o"))) ORDER BY o.id LIMIT 1
                """, on: app.db) { try $0.required("id", $0.uuid) }.first)
            try await app.write { _ = try await OfficerService.changeStatus(officer, to: .resigned, on: LocalDate(year: 2026, month: 11, day: 30)!,
                                                                           note: "", by: viewer, on: $0) }
            let resigned = try await counts()
            let (officersBefore, officersAfter): (Int, Int) = (before.kinds.values.reduce(0, +), resigned.kinds.values.reduce(0, +))
            #expect(officersAfter == officersBefore - 1)
            #expect(resigned.logs[0] == before.logs[0] - 1)
            #expect(kept.counted == 3)
            #expect(steady.counted == 4)   // every count read again
        }
    }

    /// Two viewers who see different agencies never share a total: the scope is part of what is kept.
    @Test func viewersWhoSeeDifferentAgenciesGetTheirOwnTotals() async throws {
        try await withWorld { app, province in
            let totals = KeptReads()
            let all = try await Self.agencies(AgencyFilter(), totals: totals, on: app.db)
            let one = try await Self.agencies(AgencyFilter(), visible: .own([province.agencyA.id!]), totals: totals, on: app.db)
            #expect(one.total == 1 && all.total > 1)
            #expect(try await Self.agencies(AgencyFilter(), totals: totals, on: app.db).total == all.total)
            #expect(totals.counted == 2)
            // One scope is one statement however its set was built (the ids are bound in order).
            let ids = try await AgencyModel.query(on: app.db).all().compactMap(\.id)
            var roomy = Set<UUID>(minimumCapacity: 4 * ids.count)
            for id in ids.reversed() { roomy.insert(id) }
            let first = try await Self.agencies(AgencyFilter(), visible: .own(ids), totals: totals, on: app.db)
            let second = try await Self.agencies(AgencyFilter(), visible: .own(roomy), totals: totals, on: app.db)
            #expect(first.total > 1 && second.total == first.total && first.rows.map(\.id) == second.rows.map(\.id))
            #expect(totals.counted == 3)
        }
    }
}

/// Issue 14, ADR 0020: the evaluation year's province figures (who is evaluated, how many graded,
/// the chart) are kept while the audit head stays, and follow every grade and every departure.
@Suite("The evaluation year's figures, kept by the audit head")
struct EvaluationFiguresTests {
    /// "graded / evaluable" as the year's page shows them, and the chart's total.
    static func figures(_ browser: inout Browser, _ year: Int) async throws -> (graded: Int, evaluable: Int, charted: Int) {
        let html = try await browser.get("/danh-gia/\(year)").body.string
        let counts = try #require(html.firstMatch(of: /<span class="num">(\d+) \/ (\d+)<\/span>/))
        let charted = html.matches(of: /<td class="num"><strong>(\d+)<\/strong><\/td><\/tr>/).compactMap { Int($0.output.1) }.reduce(0, +)
        return (Int(counts.output.1)!, Int(counts.output.2)!, charted)
    }

    @Test func R15_4_theYearsGradeCountsAndChartFollowEveryGradeAndEveryDeparture() async throws {
        try await withWorld { app, _ in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let before = try await Self.figures(&authority, 2026)
            #expect(try await Self.figures(&authority, 2026) == before)

            // A grade entered: the head moves, the counts and the chart are read again.
            let ungraded = try await authority.get("/danh-gia/2026?loc=chua").body.string
            let ids = ungraded.matches(of: /\/danh-gia\/2026\/can-bo\/([0-9A-F-]{36})/).compactMap { UUID(uuidString: String($0.output.1)) }
            #expect(ids.count >= 2)
            try await app.write { _ = try await GradeService.enter(.init(grade: .b, comment: ""), officerID: ids[0], year: 2026, by: actor, on: $0) }
            let graded = try await Self.figures(&authority, 2026)
            #expect(graded.graded == before.graded + 1 && graded.evaluable == before.evaluable)
            #expect(graded.charted == before.charted + 1)

            // A departure dated before the period: the officer served none of it and is no longer
            // evaluated this year (ADR 0008).
            let profile = try await ProfileStore.active(on: app.db)
            let early = profile.evaluationPeriod(year: 2026).lowerBound.adding(days: -1)
            try await app.write { _ = try await OfficerService.changeStatus(ids[1], to: .resigned, on: early, note: "", by: actor, on: $0) }
            #expect(try await Self.figures(&authority, 2026).evaluable == before.evaluable - 1)
        }
    }

    /// "Not yet graded" lists the evaluable officers without a grade of the year, in name order,
    /// whoever among them was graded.
    @Test func R15_4_theNotYetGradedFilterListsExactlyTheEvaluableOfficersWithoutAGrade() async throws {
        try await withWorld { app, _ in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let evaluable = try await EvaluationService.evaluable(year: 2026, profile: try await ProfileStore.active(on: app.db), on: app.db)
                .sorted { ($0.nameSortKey, $0.id!.uuidString) < ($1.nameSortKey, $1.id!.uuidString) }.map { $0.id! }
            #expect(evaluable.count > 60)
            for (index, id) in evaluable.prefix(60).enumerated() where index % 3 != 1 {
                try await app.write { _ = try await GradeService.enter(.init(grade: .b, comment: ""), officerID: id, year: 2026, by: actor, on: $0) }
            }
            let graded = Set(try await GradeModel.query(on: app.db).filter(\.$year == 2026).all(\.$officer.$id))
            let html = try await authority.get("/danh-gia/2026?loc=chua").body.string
            let listed = html.matches(of: /\/danh-gia\/2026\/can-bo\/([0-9A-F-]{36})/).compactMap { UUID(uuidString: String($0.output.1)) }
            #expect(graded.count == 40 && listed == Array(evaluable.filter { !graded.contains($0) }.prefix(50)))
        }
    }

    /// A district head's reach read out is bound as one value of 1,291 ids: a kept statement's key
    /// names it by its digest, made once, not by the ids. Each id once, in the order of its text, as
    /// SQLite's `json_group_array` wrote them over `ORDER BY id`.
    @Test func aReachReadOutIsNamedInAKeptStatementsKeyByItsDigest() throws {
        let a = try #require(UUID(uuidString: "0A000000-0000-0000-0000-000000000000"))
        let b = try #require(UUID(uuidString: "0B000000-0000-0000-0000-000000000000"))
        let ids = BoundIDs([b, a, b])
        let bind: any Encodable & Sendable = ids
        #expect("\(bind)" == "ids:" + ids.digest && !"\(bind)".contains("0A"))
        #expect(BoundIDs([a]).digest != ids.digest && BoundIDs([a, b]) == ids)
        #expect(ids.ids == [a, b])
        #expect(ids.sqliteData == .text("[\"\(a.uuidString)\",\"\(b.uuidString)\"]"))
    }

    /// Issue 14, twenty-eighth part: a reach is bound to PostgreSQL as the bytes PostgresNIO's own
    /// `uuid[]` encoding writes (none, one, a district head's 1,291 ids), made once; and a statement
    /// binding it reads its rows straight from PostgresNIO (`PostgresRows`), not through SQLKit.
    @Test func aReachIsBoundToPostgreSQLAsPostgresNIOWritesAnArrayOfIds() async throws {
        for count in [0, 1, 2, 1_291] {
            let ids = BoundIDs((0..<count).map { _ in UUID() })
            var ours = ByteBuffer(), theirs = ByteBuffer()
            ids.encode(into: &ours, context: .default)
            ids.ids.encode(into: &theirs, context: .default)
            #expect(ours == theirs, "\(count) ids")
            #expect(BoundIDs.psqlType == [UUID].psqlType && BoundIDs.psqlFormat == [UUID].psqlFormat)
        }
        try await withWorld(demo: false) { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let statement = try #require(PostgresRows.Statement(SQLBinaryExpression(SQLBind(1), .equal, SQLBind(BoundIDs([UUID()]))), on: sql))
            #expect(statement.binds.count == 2)
            // Bound and read back on the database the suite runs on (PostgreSQL: through `PostgresRows`).
            let ids = BoundIDs((0..<300).map { _ in UUID() })
            let query: SQLQueryString = app.db is any PostgresDatabase
                ? "SELECT u AS id FROM unnest(\(bind: ids)) AS u ORDER BY u"
                : "SELECT value AS id FROM json_each(\(bind: ids)) ORDER BY value"
            let read = try await RawRows.all(query, on: app.db) { try $0.required("id", $0.uuid) }
            #expect(read == ids.ids)
        }
    }
}

extension KeptReadsTests {
    /// Issue 14 (no stampede): pages that miss the same kept value at the same head together — after
    /// a write moved the head — share one read of it; at a later head it is read again.
    @Test func aValueMissedByRequestsTogetherIsReadOnce() async throws {
        let kept = KeptReads()
        let reads = NIOLockedValueBox(0)
        let released = NIOLockedValueBox(false)
        let read: @Sendable () async throws -> Int = {
            reads.withLockedValue { $0 += 1 }
            while !released.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
            return 42
        }
        func waitFor(_ done: @Sendable () async -> Bool) async throws {
            let deadline = ContinuousClock.now + .seconds(10)
            while await !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        }
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask { try await kept.value("totals", readAfter: 7, read: read) }
            try await waitFor { reads.withLockedValue { $0 } == 1 }    // the first read has begun …
            for _ in 0..<7 { group.addTask { try await kept.value("totals", readAfter: 7, read: read) } }
            try await waitFor { await kept.joinedReads == 7 }           // … and seven pages wait for it
            released.withLockedValue { $0 = true }
            for try await value in group { #expect(value == 42) }
        }
        #expect(reads.withLockedValue { $0 } == 1)
        #expect(kept.counted == 1)
        #expect(try await kept.value("totals", readAfter: 7, read: read) == 42)
        #expect(reads.withLockedValue { $0 } == 1, "kept at its head")
        #expect(try await kept.value("totals", readAfter: 8, read: read) == 42)
        #expect(reads.withLockedValue { $0 } == 2, "read again at the next head")
    }
}

extension KeptReadsTests {
    /// A statement that reads no row reads no head: it is kept at the head the page read before it,
    /// so a small reach's empty walk is not read again at every request, and read again at the next
    /// head. A late read made at an older head does not replace one kept at a newer head.
    @Test func anEmptyReadIsKeptAtThePagesHead() async throws {
        try await withWorld { app, _ in
            let kept = KeptReads()
            let head = try await AuditLog.head(on: app.db).seq
            let none = SQLQueryString("SELECT 1 AS n, \(KeptReads.Head.whole.column) WHERE 1 = 0")
            func read(at head: Int) async throws -> [Int] { try await kept.rows(none, at: head, on: app.db) { try $0.int("n") ?? 0 } }
            #expect(try await read(at: head).isEmpty)
            #expect(try await read(at: head).isEmpty)
            #expect(kept.counted == 1)
            #expect(try await read(at: head + 1).isEmpty)
            #expect(kept.counted == 2, "read again at the next head")
            #expect(try await read(at: head).isEmpty)                  // a page still at the older head reads it …
            #expect(try await read(at: head + 1).isEmpty)
            #expect(kept.counted == 3, "… without replacing the value kept at the newer head")
        }
    }
}

extension KeptReadsTests {
    /// A page without a row reads no head with its rows: its total and the districts are kept at the
    /// head the request read before it (its session's), not counted again at every request — a search
    /// that finds nothing, a page past the end — and are counted again once a write moved the head.
    /// While the head stays, a page that the kept total puts past the end is not read at all.
    @Test func anEmptyPageKeepsItsTotalAtTheHeadTheRequestReadBeforeIt() async throws {
        try await withWorld { app, _ in
            let kept = KeptReads()
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            /// The page at the head a request would have read with its session, against the same page read afresh.
            func page(_ filter: AgencyFilter, page: Int = 1) async throws -> (rows: Int, total: Int, head: Int?) {
                let head = try await AuditLog.head(on: app.db).seq
                var paging = try Paging(page: page, per: 25)
                let rows = try await RegistryQueries.agencies(filter, visible: nil, paging: &paging, as: AgencyListItem.self,
                                                              kept: KeptReads.At(reads: kept, head: head), on: app.db)
                let fresh = try await Self.agencies(filter, page: page, totals: nil, on: app.db)
                #expect(rows.map(\.id) == fresh.rows.map(\.id) && paging.total == fresh.total)
                return (rows.count, paging.total, paging.head)
            }
            let elsewhere = AgencyFilter(q: "truong", district: "Một huyện không có")
            let head = try await AuditLog.head(on: app.db).seq
            #expect(try await page(elsewhere) == (0, 0, head))
            let reads = kept.counted
            #expect(try await page(elsewhere) == (0, 0, head) && kept.counted == reads, "nothing counted again")
            // Nor is the page read again: a row changed behind the audit log's back (no write of the
            // application does that) is not seen while the head stays.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("""
                UPDATE agencies SET district = 'Một huyện không có' WHERE id = \
                (SELECT id FROM agencies WHERE is_active AND name_folded LIKE '%truong%' ORDER BY id LIMIT 1)
                """).run()
            var unread = try Paging(page: 1, per: 25)
            let rows = try await RegistryQueries.agencies(elsewhere, visible: nil, paging: &unread, as: AgencyListItem.self,
                                                          kept: KeptReads.At(reads: kept, head: head), on: app.db)
            #expect(rows.isEmpty && unread.total == 0 && unread.head == head)
            let all = try await page(AgencyFilter())
            let past = try await page(AgencyFilter(), page: 9_999)
            #expect(past.rows == 0 && past.total == all.total && past.head == head)
            let counted = kept.counted
            #expect(try await page(AgencyFilter(), page: 9_999) == past && kept.counted == counted)

            // A write moves the head: the empty pages count again, at the new head.
            var draft = Self.draft("Trường Tiểu học Một huyện không có")
            draft.district = "Một huyện không có"
            _ = try await AgencyService.create(draft, by: actor, on: app.db)
            let moved = try await AuditLog.head(on: app.db).seq
            #expect(moved > head)
            #expect(try await page(elsewhere) == (2, 2, moved))
            #expect(try await page(AgencyFilter(), page: 9_999) == (0, all.total + 1, moved))
            #expect(kept.counted > counted)
        }
    }
}

extension KeptReadsTests {
    /// Values computed with the profile are kept under its code and a digest of its rules: the same
    /// profile gives the same key, a profile with one rule changed (same code) another.
    @Test func aProfilesKeyPartChangesWithAnyOfItsRules() {
        let profile = RegulationProfile.binhDuong2013
        var edited = profile
        edited.longLeaveDays += 1
        #expect(ProfileStore.keyPart(profile) == ProfileStore.keyPart(RegulationProfile.binhDuong2013))
        #expect(ProfileStore.keyPart(edited) != ProfileStore.keyPart(profile))
        #expect(ProfileStore.keyPart(edited).hasPrefix(profile.code + " "))
    }
}

/// The active profile is kept a few seconds (`ProfileCache`); a save clears it.
@Suite("The active profile, kept between saves")
struct ProfileCacheTests {
    /// A read that began before a save hands back what it read, but does not keep it: the next
    /// page reads the saved profile, not the one the save replaced.
    @Test func aProfileReadBeforeASaveIsNotKeptAfterIt() async throws {
        let cache = ProfileCache()
        var old = RegulationProfile.binhDuong2013
        old.staffingBothKindsFromLevel = 2
        let saved = RegulationProfile.binhDuong2013
        let reading = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let before = old
        let read: @Sendable () async throws -> RegulationProfile = {
            reading.continuation.yield()
            for await _ in release.stream { break }
            return before
        }
        let slowRead = Task { try await cache.get(read) }
        for await _ in reading.stream { break }  // the read has begun …
        cache.clear()                           // … a save clears the kept profile …
        release.continuation.yield()            // … and the read ends with what it had read
        #expect(try await slowRead.value.staffingBothKindsFromLevel == 2)
        #expect(try await cache.get { saved }.staffingBothKindsFromLevel == saved.staffingBothKindsFromLevel)
        // Read after the save, it is kept: no second read within the lifetime.
        #expect(try await cache.get { before }.staffingBothKindsFromLevel == saved.staffingBothKindsFromLevel)
    }
}
