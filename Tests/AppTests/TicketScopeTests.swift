@testable import App
import Domain
import Fluent
import SQLKit
import Foundation
import Testing
import VaporTesting

/// Issue 11 §1: a list shows exactly the tickets the policy lets its reader open. For every demo
/// account, the ticket list's SQL (built from `AccessPolicy.ticketScope`) and `ticketAccess(_:).read`
/// agree on every ticket of the province, on both databases.
@Suite("The ticket list's scope is the policy's (issue 11)")
struct TicketScopeTests {
    enum ReachName { case listed, statement }

    /// `scope` with its head's reach named by id (`VisibleAgencies.Form.listed`, every agency read
    /// from the statement) or as the statement, whatever `measured` chose on this database.
    static func named(_ scope: TicketQueries.Scope, _ name: ReachName, on db: any Database) async throws -> TicketQueries.Scope {
        var named = scope
        guard let agencies = scope.agencies else { return named }
        switch name {
        case .statement: named.agencies?.form = .statement
        case .listed:
            named.agencies?.form = .listed(try await agencies.all(on: db).sorted { $0.uuidString < $1.uuidString })
        }
        return named
    }

    @Test func listScopeEqualsTicketAccessForEveryAccount() async throws {
        try await withWorld { app, _ in
            let tickets = try await WorkTicketModel.query(on: app.db).all()
            let users = try await UserModel.query(on: app.db).all()
            var places: [UUID: AgencyPlace] = [:]
            for agencyID in Set(tickets.map { $0.$agency.id }) { places[agencyID] = try await Visibility.place(of: agencyID, on: app.db) }
            let submitted = Set(try await WorkLogModel.query(on: app.db).filter(\.$receivedAt != nil).all()
                .map { "\($0.$officer.id.uuidString)/\($0.year)" })
            var checkedAccounts = 0
            for account in DemoLoader.accounts {
                guard let user = users.first(where: { $0.username == account.username }), let userID = user.id,
                      let viewer = try await Viewer.load(userID: userID, on: app.db) else { continue }
                let scope = try await TicketQueries.scope(for: viewer, on: app.db)
                let listed = Set(try await TicketQueries.list(TicketFilter(), scope: scope, after: nil, limit: 1_000_000, on: app.db).map(\.id))
                var allowed = Set<UUID>()
                for t in tickets {
                    guard let place = places[t.$agency.id], let id = t.id else { continue }
                    let logSubmitted = t.$officer.id.map { submitted.contains("\($0.uuidString)/\(t.year)") } ?? false
                    let access = viewer.policy.ticketAccess(.init(officerID: t.$officer.id, requesterUserID: t.requesterUserID,
                                                                  place: place, logSubmitted: logSubmitted), viewerUserID: userID)
                    if access.read { allowed.insert(id) }
                }
                #expect(listed == allowed, "\(account.username): \(listed.subtracting(allowed).count) thừa, \(allowed.subtracting(listed).count) thiếu")
                checkedAccounts += 1
            }
            #expect(checkedAccounts == DemoLoader.accounts.count)
        }
    }

    @Test func staffOfAnAgencySeeTheirOwnRequestsNotTheAgencysWork() async throws {
        try await withWorld { app, _ in
            for username in ["nhanvien", "ketoan", "tochuc"] {
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
                let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
                let rows = try await TicketQueries.list(TicketFilter(), scope: try await TicketQueries.scope(for: viewer, on: app.db),
                                                        after: nil, limit: 100_000, on: app.db)
                let requested = try await WorkTicketModel.query(on: app.db).filter(\.$requesterUserID == user.id!).count()
                #expect(rows.count == requested, "\(username)")
            }
        }
    }

    /// Art. 15.6 (issue 14): the provincial authority's list, read year by year, holds exactly the
    /// tickets of the logs it received, newest first, page after page; whether each year is walked or
    /// read from its received logs' officers, and when filtered to one year, to a year none of whose
    /// logs came in, or to a year without tickets.
    @Test func authorityReadsExactlyTheTicketsOfReceivedLogsYearByYear() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            // The logs of the tickets' years received, oldest first: every one of the first year's,
            // one of the next year's (its logs still coming in), none of the last year's.
            try await WorkLogModel.query(on: app.db).set(\.$receivedAt, to: nil).update()
            let tickets = try await WorkTicketModel.query(on: app.db).all()
            let ticketYears = Set(tickets.map(\.year)).sorted()
            try #require(ticketYears.count >= 3)
            let (all, partial) = (ticketYears[0], ticketYears[1])
            let writers = Set(tickets.compactMap { $0.$officer.id })
            let officers = try await OfficerModel.query(on: app.db).sort(\.$id).all().filter { writers.contains($0.id!) }
            for (year, count) in [(all, officers.count), (partial, 1)] {
                for officer in officers.prefix(count) {
                    let log = try await WorkLogService.log(officer: officer.id!, agency: officer.$agency.id, year: year, on: app.db)
                    log.receivedAt = Date(timeIntervalSince1970: 1_700_000_000)
                    try await log.save(on: app.db)
                }
            }
            let submitted = Set(try await WorkLogModel.query(on: app.db).filter(\.$receivedAt != nil).all()
                .map { "\($0.$officer.id.uuidString)/\($0.year)" })
            let expected = tickets.filter { t in t.$officer.id.map { submitted.contains("\($0.uuidString)/\(t.year)") } ?? false }
                .sorted { ($0.requestedOn, $0.id!.uuidString) > ($1.requestedOn, $1.id!.uuidString) }

            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            var scope = try await TicketQueries.scope(for: viewer, on: app.db)
            try #require(scope.submittedOnly)
            let found = try await TicketQueries.receivedYears(on: app.db)
            #expect(found.map(\.year) == [partial, all])
            #expect(found.first { $0.year == partial }?.few == true)

            for (few, form) in [(1, "walked"), (1_000_000, "from the logs"), (TicketQueries.fewReceived, "chosen")] {
                scope.receivedYears = try await TicketQueries.receivedYears(few: few, on: app.db)
                // Each year, and a search: the text's candidates (`TicketText`) read in each year's branch.
                for (year, q) in ([nil] + ticketYears + [ticketYears.last! + 1]).map({ ($0, nil as String?) }) + [(nil, "phan mem")] {
                    var listed: [UUID] = []
                    var cursor: TicketCursor?
                    repeat {
                        let page = try await TicketQueries.list(TicketFilter(year: year, q: q), scope: scope, after: cursor, limit: 25, on: app.db)
                        listed += page.map(\.id)
                        cursor = page.count == 25 ? page.last!.cursor : nil
                    } while cursor != nil
                    let wanted = expected.filter { (year == nil || $0.year == year) && (q.map($0.searchFolded.contains) ?? true) }.map { $0.id! }
                    #expect(listed.elementsEqual(wanted), "\(form), year \(year.map(String.init) ?? "all") q \(q ?? "—"): \(listed.count) for \(wanted.count)")
                }
            }
            #expect(expected.contains { $0.year == partial } && expected.contains { $0.year == all })
            #expect(expected.contains { $0.searchFolded.contains("phan mem") })
        }
    }

    /// Issue 14 (ADR 0017): a head's tickets read year by year, each ticket's agency tested against
    /// the reach, are exactly those read through each agency's index, newest first, page after page:
    /// for every year, a year without tickets, a search and a status. Measured, the walk reads the
    /// newest years first (`TicketWalkYears`): one ticket of the first log year, requested in the
    /// third, makes two years' dates overlap; the head's own requests of the first year fill a page
    /// read from the newest year alone, which must still give way to the years between.
    @Test func R13_3_aHeadReadsTheSameTicketsWalkedYearByYearAsThroughEachAgency() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "thutruong2").first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let reach = try #require(try await Visibility.agencyIDs(for: viewer.policy, on: app.db))
            let logYears = Set(try await WorkTicketModel.query(on: app.db).all(\.$year)).sorted()
            let late = WorkTicketContent(taskGroup: .softwareAndDatabaseAdministration, details: "Khôi phục dữ liệu kế toán",
                                         workKind: .maintenance, requesterUnit: "Văn phòng", requesterName: "Lý Văn Tài",
                                         requestedOn: LocalDate(year: logYears.first! + 1, month: 6, day: 30)!)
            let officer = try #require(province.officers.first { reach.contains($0.$agency.id) })
            _ = try await app.write { try await TicketService.record(late, officer: officer, year: logYears.first!,
                                                                       by: .init(userID: nil, name: "kiểm thử"), on: $0) }
            for day in 1...8 {
                var asked = late
                asked.requestedOn = LocalDate(year: logYears.first!, month: 3, day: day)!
                _ = try await app.write { [asked] in try await TicketService.request(asked, agencyID: officer.$agency.id, year: logYears.first!,
                                                                                      requesterUserID: user.id!, by: .init(userID: nil, name: "kiểm thử"), on: $0) }
            }
            let measured = try await TicketQueries.scope(for: viewer, kept: KeptReads.At(reads: KeptReads(), head: nil), on: app.db)
            try #require(measured.agencyWalk?.head != nil && measured.agencyWalk?.spans.count == logYears.count)
            let tickets = try await WorkTicketModel.query(on: app.db).all()
            var places: [UUID: AgencyPlace] = [:]
            for agencyID in Set(tickets.map { $0.$agency.id }) { places[agencyID] = try await Visibility.place(of: agencyID, on: app.db) }
            let expected = tickets.filter { t in
                viewer.policy.ticketAccess(.init(officerID: t.$officer.id, requesterUserID: t.requesterUserID, place: places[t.$agency.id]!,
                                                 logSubmitted: false), viewerUserID: user.id!).read
            }.sorted { ($0.requestedOn, $0.id!.uuidString) > ($1.requestedOn, $1.id!.uuidString) }
            let years = Set(tickets.map(\.year)).sorted()
            var probed = try await TicketQueries.scope(for: viewer, on: app.db)
            try #require(probed.agencies != nil)
            probed.agencyWalk = nil
            // Probed as measured, with the reach named by id, and as a statement.
            let byID = try await Self.named(probed, .listed, on: app.db), statement = try await Self.named(probed, .statement, on: app.db)
            var walked = probed
            walked.agencyWalk = .init(years: Array((years.first!...years.last! + 1).reversed()), test: .init(dialect: try app.db.sql().dialect.name))
            let filters = ([nil] + years + [years.last! + 2]).map { TicketFilter(year: $0) }
                + [TicketFilter(q: "phan mem"), TicketFilter(status: .confirmed), TicketFilter(status: .done), TicketFilter(status: .inProgress), TicketFilter(status: .requested),
                   TicketFilter(year: years.last!, status: .done), TicketFilter(group: late.taskGroup),
                   TicketFilter(from: LocalDate(year: years.first! + 1, month: 2, day: 1), to: LocalDate(year: years.first! + 1, month: 11, day: 30)),
                   TicketFilter(group: .equipmentMaintenance, from: LocalDate(year: years.first! + 1, month: 2, day: 1))]
            for filter in filters {
                let wanted = expected.filter { (t: WorkTicketModel) -> Bool in
                    let dated = (filter.from.map { t.requestedOn >= $0.iso } ?? true) && (filter.to.map { t.requestedOn <= $0.iso } ?? true)
                    return dated && (filter.year.map { $0 == t.year } ?? true) && (filter.q.map(t.searchFolded.contains) ?? true)
                        && (filter.status.map { $0.rawValue == t.status } ?? true) && (filter.group.map { $0.rawValue == t.taskGroup } ?? true)
                }.map { $0.id! }
                for (form, scope) in [("probed", probed), ("probed by id", byID), ("probed by statement", statement), ("walked", walked),
                                      ("walked, newest years first", measured)] {
                    var listed: [UUID] = []
                    var cursor: TicketCursor?
                    repeat {
                        let page = try await TicketQueries.list(filter, scope: scope, after: cursor, limit: 7, on: app.db)
                        listed += page.map(\.id)
                        cursor = page.count == 7 ? page.last!.cursor : nil
                    } while cursor != nil
                    #expect(listed == wanted, "\(form), status \(filter.status?.rawValue ?? "—"), year \(filter.year.map(String.init) ?? "all"), q \(filter.q ?? "—"), group \(filter.group?.rawValue ?? "—"): \(listed.count) for \(wanted.count)")
                }
            }
            #expect(expected.count > 14 && expected.contains { $0.searchFolded.contains("phan mem") })
            #expect(expected.filter { $0.status == TicketStatus.done.rawValue }.count > 7, "more than a page waits for confirmation")
            #expect(expected.filter { $0.status == TicketStatus.requested.rawValue }.count >= 8, "the requests made above")
        }
    }

    /// Issue 14: the heads of many agencies have their tickets walked year by year, the head of one
    /// agency among more than `walkedShare` has them read through the agency's index.
    @Test func aHeadsTicketsAreWalkedWhenTheyHeadAtLeastOneAgencyInAHundred() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let lone = try await VisibleAgenciesTests.agency("Trường Mầm non Hoa Sen", under: nil, on: app.db)
            while try await AgencyModel.query(on: app.db).count() <= TicketQueries.walkedShare {
                _ = try await VisibleAgenciesTests.agency("Tổ dân phố", under: nil, on: app.db)
            }
            let one = try #require(VisibleAgencies(VisibleAgenciesTests.head(lone)))
            #expect(try await TicketQueries.agencyWalk(one, on: app.db) == nil)
            let district = try #require(VisibleAgencies(VisibleAgenciesTests.head(province.agencyB.id!)))
            let reach = try #require(try await Visibility.agencyIDs(for: VisibleAgenciesTests.head(province.agencyB.id!), on: app.db))
            try #require(reach.count * TicketQueries.walkedShare >= (try await AgencyModel.query(on: app.db).count()))
            let years = Set(try await WorkTicketModel.query(on: app.db).all(\.$year)).sorted()
            let walk = try await TicketQueries.agencyWalk(district, on: app.db)
            #expect(walk?.years == Array((years.first!...years.last!).reversed()))
            #expect(walk?.test == (try app.db.sql().dialect.name == "sqlite" ? .unindexed : .hashed))
        }
    }

    /// Issue 14 (ADR 0020): how a head's tickets are walked is measured once while the audit head
    /// stays, and again after a write: a ticket of a new year joins the walk. A ticket page has not
    /// read the head; it keeps the walk at the head the district's reach was read out at.
    @Test func R13_3_aHeadsTicketWalkIsMeasuredOnceWhileTheAuditHeadStaysAndFollowsATicketOfANewYear() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let grants = [RoleGrant(role: .agencyHead, agencyID: province.agencyB.id!)]
            let viewer = Viewer(userID: UUID(), username: "thutruong", fullName: "Thủ trưởng", officerID: nil,
                                grants: grants, policy: AccessPolicy(grants: grants))
            let kept = KeptReads()
            func walk(at head: Int?) async throws -> TicketQueries.AgencyWalk? {
                try await TicketQueries.scope(for: viewer, kept: KeptReads.At(reads: kept, head: head), on: app.db).agencyWalk
            }
            let years = Set(try await WorkTicketModel.query(on: app.db).all(\.$year)).sorted()
            // Read and kept: the reach read out and the walk.
            var reads = kept.counted
            let first = try #require(try await walk(at: nil))
            #expect(first.years == Array((years.first!...years.last!).reversed()))
            #expect(kept.counted == reads + 2)
            reads = kept.counted
            // Without the page's head, the head is read first: kept on both databases.
            #expect(try await walk(at: nil) == first && kept.counted == reads)
            let head = try await AuditLog.head(on: app.db).seq
            _ = try await walk(at: head)
            reads = kept.counted
            #expect(try await walk(at: head) == first && kept.counted == reads)

            let reach = try #require(try await Visibility.agencyIDs(for: viewer.policy, on: app.db))
            let officer = try #require(province.officers.first { reach.contains($0.$agency.id) })
            let stale = try await TicketQueries.scope(for: viewer, kept: KeptReads.At(reads: kept, head: head), on: app.db)
            var content = WorkTicketContent(taskGroup: .softwareAndDatabaseAdministration, details: "Cài đặt phần mềm kế toán",
                                            workKind: .maintenance, requesterUnit: "Văn phòng", requesterName: "Lý Văn Tài",
                                            requestedOn: LocalDate(year: years.last! + 1, month: 1, day: 5)!)
            _ = try await app.write { [content] in try await TicketService.record(content, officer: officer, year: years.last! + 1,
                                                                                   by: .init(userID: nil, name: "kiểm thử"), on: $0) }
            // The first log year gets the newest ticket: a page walked with the spans read before
            // it finds the head moved, and reads every year.
            content.requestedOn = LocalDate(year: years.last! + 1, month: 1, day: 6)!
            let late = try await app.write { [content] in try await TicketService.record(content, officer: officer, year: years.first!,
                                                                              by: .init(userID: nil, name: "kiểm thử"), on: $0) }
            #expect(try await TicketQueries.walkedYears(TicketFilter(), scope: stale, after: nil, limit: 5, on: app.db) == nil)
            #expect(try await TicketQueries.list(TicketFilter(), scope: stale, after: nil, limit: 5, on: app.db).first?.id == late.id)
            let after = try #require(try await walk(at: try await AuditLog.head(on: app.db).seq))
            #expect(after.years == Array((years.first!...(years.last! + 1)).reversed()))
            #expect(try await walk(at: nil) == after)
        }
    }

    /// Issue 14: the years a head's page may leave out, told by their tickets' dates, not by the
    /// years' numbers (`TicketWalkYears`).
    @Test func aPageLeavesOutOnlyTheYearsWhoseTicketsCannotReachIt() throws {
        let walk = TicketQueries.AgencyWalk(years: [2026, 2025, 2024], test: .unindexed,
                                            spans: [2026: "2026-01-02"..."2026-11-30", 2025: "2025-01-03"..."2026-01-05",
                                                    2024: "2024-01-02"..."2024-12-30"], head: 7)
        let split = try #require(walk.split)
        #expect(split.newest.years == [2026, 2025] && split.rest == [2024])
        #expect(walk.narrowed(after: TicketCursor(requestedOn: "2025-06-01", id: UUID()), from: nil, to: nil).years == [2025, 2024])
        #expect(walk.narrowed(after: nil, from: LocalDate(iso: "2025-02-01"), to: LocalDate(iso: "2025-12-31")).years == [2025])
        #expect(walk.narrowed(after: nil, from: nil, to: nil) == walk)
        var one = walk
        one.years = [2026]
        #expect(one.split == nil)
        var unknown = walk
        unknown.spans[2024] = nil
        #expect(unknown.split == nil)
        #expect(unknown.narrowed(after: TicketCursor(requestedOn: "2000-01-01", id: UUID()), from: nil, to: nil).years == [2024])
        #expect(TicketQueries.AgencyWalk.span(earliest: "", latest: "").contains("2031-01-01"))
        #expect(TicketFilter(q: " ", from: LocalDate(iso: "2025-02-01")).readsNewestYearsFirst && TicketFilter(q: "").readsNewestYearsFirst)
        #expect(TicketFilter(group: .networkMaintenance, from: LocalDate(iso: "2025-02-01")).readsNewestYearsFirst)
        #expect(!TicketFilter(q: "máy in").readsNewestYearsFirst && !TicketFilter(year: 2025).readsNewestYearsFirst
                    && !TicketFilter(status: .done).readsNewestYearsFirst)
    }

    /// ADR 0017 (fourteenth part): on PostgreSQL a walked year tests each ticket's agency against a
    /// hash of the reach, never in a semi join (whose only order-keeping form scanned the whole reach
    /// again for every ticket). The plan's shape, whatever the rows: no tickets are loaded. (SQLite's
    /// `+` is not asserted here: on a test world's few rows SQLite walks the year without it too; the
    /// choice it prevents appears at the province's size, bench/results/speed-issue14.md.)
    @Test func aWalkedYearTestsEachTicketsAgencyAgainstAHashOfTheReachOnPostgreSQL() async throws {
        try await withWorld { app, province in
            let sql = try app.db.sql()
            guard sql.dialect.name == "postgresql" else { return }
            let walk = TicketQueries.AgencyWalk(years: [2026], test: .init(dialect: sql.dialect.name))
            let scope = TicketQueries.Scope(agencies: VisibleAgencies(VisibleAgenciesTests.head(province.agencyB.id!)), agencyWalk: walk)
            let page = try #require(TicketQueries.page(TicketFilter(), scope: scope, after: nil, limit: 25, columns: TicketRow.columns))
            let plan = try await sql.raw("EXPLAIN " + page).all()
                .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            #expect(plan.contains("hashed SubPlan"), "\(plan)")
            #expect(!plan.contains("Semi Join"), "\(plan)")
        }
    }

    /// Form 3 §III: the reminder says how many tickets wait for confirmation, and "more than" the most
    /// it counts past it (`TicketQueries.countedAtMost`), in the Vietnamese grouping of digits.
    @Test func F_I_3_theRemindersCountOfTicketsAwaitingConfirmationSaysMoreThanPastTheMostItCounts() {
        #expect(TicketQueries.countedText(7) == "7")
        #expect(TicketQueries.countedText(TicketQueries.countedAtMost) == "1.000")
        #expect(TicketQueries.countedText(TicketQueries.countedAtMost + 1) == "Hơn 1.000")
        #expect(TicketQueries.countedText(3, atMost: 2) == "Hơn 2")
    }

    /// Form 3 §III, issue 14: what waits for each account's confirmation — counted and listed on the
    /// dashboard — is exactly the finished tickets the policy lets them confirm, newest first.
    @Test func F_I_3_R13_3_theTicketsAwaitingConfirmationAreThoseThePolicyLetsEachAccountConfirm() async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let tickets = try await WorkTicketModel.query(on: app.db).all()
            var places: [UUID: AgencyPlace] = [:]
            for agencyID in Set(tickets.map { $0.$agency.id }) { places[agencyID] = try await Visibility.place(of: agencyID, on: app.db) }
            var waiting = 0
            for account in DemoLoader.accounts {
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == account.username).first())
                let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
                let expected = tickets.filter { t in
                    t.ticketStatus == .done && viewer.policy.ticketAccess(.init(officerID: t.$officer.id, requesterUserID: t.requesterUserID,
                                                                                place: places[t.$agency.id]!, logSubmitted: false),
                                                                          viewerUserID: user.id!).confirm
                }.sorted { ($1.requestedOn, $1.id!.uuidString) < ($0.requestedOn, $0.id!.uuidString) }.map { $0.id! }
                let scope = try await TicketQueries.scope(for: viewer, on: app.db)
                #expect(try await TicketQueries.awaitingConfirmationCount(viewer, scope: scope, on: app.db) == expected.count, "\(account.username)")
                // Counted up to one more than the most a reminder says: past it, the count is that one more.
                for most in [0, 1, 2, expected.count - 1, expected.count] where most >= 0 {
                    let counted = try await TicketQueries.awaitingConfirmationCount(viewer, scope: scope, atMost: most, on: app.db)
                    #expect(counted == min(expected.count, most + 1), "\(account.username), at most \(most)")
                }
                // A head's page read by agency and walked newest first (`Scope.agencyWalk`), whichever the reach's size chose.
                var byAgency = scope, walked = scope
                byAgency.agencyWalk = nil
                let byID = try await Self.named(byAgency, .listed, on: app.db), byStatement = try await Self.named(byAgency, .statement, on: app.db)
                if scope.agencies != nil { walked.agencyWalk = .init(years: [], test: .init(dialect: try app.db.sql().dialect.name)) }
                for scope in [byAgency, byID, byStatement, walked] {
                    let listed = try await TicketQueries.awaitingConfirmation(viewer, scope: scope, limit: 1_000_000, on: app.db)
                    #expect(listed.map(\.id) == expected, "\(account.username)")
                    #expect(listed.allSatisfy { $0.officerName != nil && $0.agencyName != nil })
                    let newest = try await TicketQueries.awaitingConfirmation(viewer, scope: scope, limit: 3, on: app.db)
                    #expect(newest.map(\.id) == Array(expected.prefix(3)), "\(account.username)")
                }
                waiting += expected.count
            }
            #expect(waiting > 3)
        }
    }

    /// Issue 14 (`AddTicketReachWalkIndex`): a year's tickets, all or one task group's, are walked
    /// newest first from an index that also holds each ticket's agency, so a head's page tests the
    /// reach without reading the tickets' table; the narrower indexes are gone. On both databases.
    @Test func aYearsTicketsAreWalkedFromAnIndexThatHoldsEachTicketsAgency() async throws {
        try await withWorld { app, _ in
            let sql = try app.db.sql()
            let statement: SQLQueryString = sql.dialect.name == "sqlite" ? """
                SELECT il.name AS name, ii.name AS col FROM pragma_index_list(\(literal: WorkTicketModel.schema)) il
                JOIN pragma_index_info(il.name) ii ORDER BY il.name, ii.seqno
                """ : """
                SELECT i.relname AS name, a.attname AS col FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n) ON true
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                WHERE t.relname = \(literal: WorkTicketModel.schema) ORDER BY i.relname, k.n
                """
            var columns: [String: [String]] = [:]
            for row in try await sql.raw(statement).all() {
                columns[try row.decode(column: "name", as: String.self), default: []].append(try row.decode(column: "col", as: String.self))
            }
            let indexes = Set(columns.values)
            #expect(indexes.isSuperset(of: [["year", "requested_on", "id", "agency_id"], ["year", "task_group", "requested_on", "id", "agency_id"]]),
                    "\(columns)")
            #expect(indexes.isDisjoint(with: [["year", "requested_on", "id"], ["year", "task_group", "requested_on", "id"]]), "\(columns)")
        }
    }
}
