@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite("Work-log API (issue 3 §9)")
struct WorkLogAPITests {
    let api = APITests()

    @Test func officerRecordsStaffRequestsAndTheRequesterConfirms() async throws {
        try await withWorld { app, province in
            let officer = try await api.token(app, "canbo")
            let created = try await api.call(app, .POST, "/api/v1/tickets", token: officer, json: """
                {"taskGroup":"networkMaintenance","details":"Bấm lại đầu cáp mạng phòng họp","requesterUnit":"Văn phòng",
                 "requesterName":"Lý Văn Tài","requestedOn":"2026-11-20"}
                """)
            #expect(created.status == .created)
            let body = try api.object(created)
            #expect(body["number"] as? Int == 1)
            #expect(body["year"] as? Int == 2027)
            #expect(body["status"] as? String == "inProgress")

            let staff = try await api.token(app, "nhanvien")
            let request = try await api.call(app, .POST, "/api/v1/tickets", token: staff, json: """
                {"agencyId":"\(province.agencyA.id!.uuidString)","taskGroup":"equipmentMaintenance","details":"Máy in kẹt giấy",
                 "requesterUnit":"Phòng Kế toán","requesterName":"Phan Thị Ngọc Ánh","requestedOn":"2026-11-25"}
                """)
            #expect(request.status == .created)
            let requestID = try #require(try api.object(request)["id"] as? String)
            let ticket = try #require(try await WorkTicketModel.find(UUID(uuidString: requestID), on: app.db))
            let officerModel = try #require(try await OfficerModel.find(province.officerA.id, on: app.db))
            try await app.write { try await TicketService.take(ticket, officer: officerModel, by: .init(userID: nil, name: "canbo"), on: $0) }

            let notReady = try await api.call(app, .PATCH, "/api/v1/tickets/\(requestID)", token: officer, json: #"{"status":"done"}"#)
            #expect(notReady.status == .unprocessableEntity)
            #expect((try api.object(notReady)["errors"] as? [String: String])?["outcomes"] != nil)
            let done = try await api.call(app, .PATCH, "/api/v1/tickets/\(requestID)", token: officer, json: """
                {"handling":"Gỡ giấy kẹt, vệ sinh trục","outcomes":["deviceFixed"],"completedOn":"2026-11-26","status":"done"}
                """)
            #expect(done.status == .ok)
            #expect(try api.object(done)["status"] as? String == "done")

            #expect(try await api.call(app, .POST, "/api/v1/tickets/\(requestID)/confirmation", token: officer,
                                       json: #"{"decision":"confirm"}"#).status == .forbidden)
            let refused = try await api.call(app, .POST, "/api/v1/tickets/\(requestID)/confirmation", token: staff,
                                             json: #"{"decision":"refuse"}"#)
            #expect(refused.status == .unprocessableEntity)
            let confirmed = try await api.call(app, .POST, "/api/v1/tickets/\(requestID)/confirmation", token: staff,
                                               json: #"{"decision":"confirm"}"#)
            #expect(try api.object(confirmed)["status"] as? String == "confirmed")

            let other = try await api.token(app, "canbo2")
            #expect(try await api.call(app, .GET, "/api/v1/tickets/\(requestID)", token: other).status == .forbidden)
            let list = try api.object(try await api.call(app, .GET, "/api/v1/tickets?q=may%20in%20ket%20giay", token: other))
            #expect((list["items"] as? [Any])?.isEmpty == true)
            let mine = try api.object(try await api.call(app, .GET, "/api/v1/tickets?q=may%20in%20ket%20giay", token: staff))
            #expect((mine["items"] as? [Any])?.count == 1)
        }
    }

    @Test func R6_4_outOfHoursWorkIsRecordedOnTheTicket() async throws {
        try await withWorld { app, _ in
            let officer = try await api.token(app, "canbo")
            let created = try await api.call(app, .POST, "/api/v1/tickets", token: officer, json: """
                {"taskGroup":"softwareAndDatabaseAdministration","details":"Khôi phục máy chủ thư điện tử ban đêm",
                 "requesterUnit":"Văn phòng","requesterName":"Lý Văn Tài","requestedOn":"2026-11-21","outOfHours":true}
                """)
            #expect(created.status == .created)
            let id = try #require(try api.object(created)["id"] as? String)
            #expect(try api.object(try await api.call(app, .GET, "/api/v1/tickets/\(id)", token: officer))["outOfHours"] as? Bool == true)
        }
    }

    /// Issue 3 §8: keyset pages walk every ticket the viewer may see exactly once, newest first, even
    /// when many share a request date and the viewer's scope has several branches.
    @Test func listPagesCoverEveryVisibleTicketOnceNewestFirst() async throws {
        try await withWorld { app, province in
            let staffUser = try #require(try await UserModel.query(on: app.db).filter(\.$username == "nhanvien").first())
            let actor = TicketService.Actor(userID: nil, name: "kiểm thử")
            let sameDay = LocalDate(year: 2026, month: 11, day: 20)!
            let content: @Sendable (String) -> WorkTicketContent = { details in
                WorkTicketContent(taskGroup: .networkMaintenance, details: details, workKind: .operation,
                                  requesterUnit: "Văn phòng", requesterName: "Lý Văn Tài", requestedOn: sameDay)
            }
            try await app.write { db in
                for i in 1...6 { _ = try await TicketService.record(content("Kiểm tra mạng tầng \(i)"), officer: province.officerA, year: 2027, by: actor, on: db) }
                for i in 1...4 {
                    _ = try await TicketService.request(content("Yêu cầu chưa giao \(i)"), agencyID: province.agencyA.id!, year: 2027,
                                                        requesterUserID: staffUser.id!, by: actor, on: db)
                }
            }
            // The authority sees the tickets of received logs only: the head submits this officer's.
            let head = try await api.token(app, "thutruong")
            #expect(try await api.call(app, .POST, "/api/v1/officers/\(province.officerA.id!.uuidString)/work-logs/2027/submission",
                                       token: head).status == .created)
            let all = try await WorkTicketModel.query(on: app.db).all()
            for username in ["canbo", "thutruong", "nhanvien", "sotttt"] {
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
                let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
                var visible: Set<String> = []
                for ticket in all where try await Permissions.ticket(viewer, ticket, on: app.db).read {
                    visible.insert(ticket.id!.uuidString)
                }
                let token = try await api.token(app, username)
                var seen: [String] = []
                var dates: [String] = []
                var after: String?
                repeat {
                    let page = try api.object(try await api.call(app, .GET, "/api/v1/tickets?per=7" + (after.map { "&after=\($0)" } ?? ""), token: token))
                    let items = try #require(page["items"] as? [[String: Any]])
                    seen += items.compactMap { $0["id"] as? String }
                    dates += items.compactMap { $0["requestedOn"] as? String }
                    after = page["next"] as? String
                } while after != nil
                #expect(!visible.isEmpty, "\(username)")
                #expect(seen.count == Set(seen).count, "\(username): no ticket twice")
                #expect(Set(seen) == visible, "\(username): exactly the tickets the single-ticket rule lets them read")
                #expect(dates == dates.sorted(by: >), "\(username): newest first")
            }
        }
    }

    /// Issue 3 §8, D14: the search ignores diacritics and case, and matches the typed text literally:
    /// `%` and `_` are not wildcards.
    @Test func D14_ticketSearchIgnoresDiacriticsAndTreatsWildcardsAsText() async throws {
        try await withWorld { app, province in
            let content = WorkTicketContent(taskGroup: .softwareAndDatabaseAdministration, details: "Mở rộng ổ đĩa máy chủ thêm 100% dung lượng",
                                            workKind: .maintenance, requesterUnit: "Văn phòng", requesterName: "Lý Văn Tài",
                                            requestedOn: LocalDate(year: 2026, month: 11, day: 21)!)
            let ticket = try await app.write { try await TicketService.record(content, officer: province.officerA, year: 2027,
                                                                                by: .init(userID: nil, name: "kiểm thử"), on: $0) }
            let token = try await api.token(app, "canbo")
            let percent = try api.object(try await api.call(app, .GET, "/api/v1/tickets?q=%25", token: token))
            #expect((percent["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ticket.id!.uuidString])
            let underscore = try api.object(try await api.call(app, .GET, "/api/v1/tickets?q=_", token: token))
            #expect((underscore["items"] as? [Any])?.isEmpty == true)
            for typed in ["O%20DIA%20MAY%20CHU", "%E1%BB%94%20%C4%90%C4%A8A"] {  // "O DIA MAY CHU", "Ổ ĐĨA"
                let found = try api.object(try await api.call(app, .GET, "/api/v1/tickets?q=\(typed)", token: token))
                #expect((found["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.contains(ticket.id!.uuidString) == true, "\(typed)")
            }
        }
    }

    @Test func workLogSummaryAndSubmissionThroughTheAPI() async throws {
        try await withWorld { app, province in
            let head = try await api.token(app, "thutruong")
            let path = "/api/v1/officers/\(province.officerA.id!.uuidString)/work-logs/2027"
            let summary = try api.object(try await api.call(app, .GET, path, token: head))
            #expect(summary["periodStart"] as? String == "2026-10-01")
            #expect(summary["deadline"] as? String == "2027-10-01")
            #expect((summary["rows"] as? [Any])?.count == 8)
            #expect(summary["submitted"] as? Bool == false)
            let authority = try await api.token(app, "sotttt")
            #expect(try await api.call(app, .GET, path, token: authority).status == .forbidden)
            let submitted = try await api.call(app, .POST, path + "/submission", token: head)
            #expect(submitted.status == .created)
            #expect(try api.object(submitted)["onTime"] as? Bool == true)
            #expect(try await api.call(app, .GET, path, token: authority).status == .ok)
            let late = try await api.call(app, .POST, "/api/v1/officers/\(province.officerA.id!.uuidString)/work-logs/2026/submission", token: head)
            #expect([HTTPStatus.unprocessableEntity].contains(late.status))
        }
    }
}

@Suite("Province-wide Form 2")
struct ProvinceSummaryTests {
    /// The demo's tickets for every officer of the test province; its active profile.
    func loadTickets(_ app: Application, _ province: DemoProvince.Built, perYear: Int, seed: UInt64) async throws -> RegulationProfile {
        let profile = try await ProfileStore.active(on: app.db)
        try await DemoWorkLogLoader.load(officers: province.officers, agencies: province.agencies, ticketsPerOfficerYear: perYear,
                                         seed: seed, profile: profile, today: LocalDate(year: 2026, month: 11, day: 29)!,
                                         on: app, console: app.console)
        return profile
    }

    @Test func F_I_2_D10_provinceWideSummaryEqualsEachOfficersOwnForm2() async throws {
        try await withWorld { app, province in
            let profile = try await loadTickets(app, province, perYear: 6, seed: 7)
            let all = try await ProvinceSummaries.all(year: 2026, profile: profile, on: app.db)
            #expect(all.count > 100)
            for officer in province.officers.prefix(25) where all[officer.id!] != nil {
                let own = try await WorkLogService.view(officer: officer, year: 2026, profile: profile,
                                                        today: LocalDate(year: 2026, month: 11, day: 29)!, on: app.db).summary
                #expect(all[officer.id!] == own, "\(officer.fullName)")
            }
        }
    }

    /// The province's Form 2 read in ranges of officers, each on a database of its own, is the Form 2
    /// read whole: no officer is left out, counted twice or split between ranges.
    @Test func F_I_2_D10_provinceWideSummaryReadInRangesOfOfficersEqualsTheWholeRead() async throws {
        try await withWorld { app, province in
            let profile = try await loadTickets(app, province, perYear: 4, seed: 11)
            let whole = try await ProvinceSummaries.all(year: 2026, profile: profile, on: app.db)
            #expect(whole.count > 100)
            let bounds = try await ProvinceSummaries.bounds(parts: 3, on: app.db)
            #expect(bounds.count == 2)
            let officers = try await OfficerModel.query(on: app.db).count()
            #expect(try await ProvinceSummaries.bounds(parts: officers + 5, on: app.db).count == officers - 1)
            // The officers whose Form 2 differs from the whole read's, or who are missing from either.
            let differing = { (read: [UUID: AnnualSummary]) -> Int in
                let missing = Set(whole.keys).symmetricDifference(read.keys).count
                let changed = whole.filter { officer, summary in read[officer] != nil && read[officer] != summary }.count
                return missing + changed
            }
            let loops = app.databasesOnEachLoop
            for readers in [[app.db, app.db, app.db], loops] {
                let ranged = try await ProvinceSummaries.all(year: 2026, profile: profile, on: app.db, across: readers)
                #expect(differing(ranged) == 0, "\(readers.count) ranges")
            }
            let inTransaction = try await app.db.transaction { db in
                try await ProvinceSummaries.all(year: 2026, profile: profile, on: db, across: loops)
            }
            #expect(differing(inTransaction) == 0)
        }
    }
}
