@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@Suite("Inspections, incidents, tests and meetings (issue 4 §8–9)")
struct EvidenceWebTests {
    @Test func R15_3b_onlyTheAuthorityRecordsInspections_badInputKeepsWhatWasTyped() async throws {
        try await withWorld { app, province in
            let path = "/co-quan/\(province.agencyA.id!.uuidString)"
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.post("\(path)/kiem-tra", ["inspectedOn": "12/05/2026", "rating": "Tốt", "findings": "x"]).status == .forbidden)
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let bad = try await authority.post("\(path)/kiem-tra", ["inspectedOn": "31/02/2026", "score": "120", "findings": "Hạ tầng ổn định"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Nhập ngày dạng dd/mm/yyyy.") && bad.body.string.contains("Điểm từ 0 đến 100."))
            #expect(bad.body.string.contains("Hạ tầng ổn định"))
            #expect(try await authority.post("\(path)/kiem-tra", ["inspectedOn": "12/05/2026", "teamLevel": "provincial", "score": "88",
                                                                 "rating": "Tốt", "findings": "Hạ tầng ổn định"]).status == .seeOther)
            let inspection = try #require(try await InspectionModel.query(on: app.db).first())
            #expect(inspection.year == 2026 && inspection.score == 88)
            #expect(try await head.get("\(path)/kiem-tra-su-co").body.string.contains("Hạ tầng ổn định"))
            var outsider = try await Browser.signedIn(app, as: "thutruong2")
            #expect(try await outsider.get("\(path)/kiem-tra-su-co").status == .forbidden)
        }
    }

    @Test func R8_1_anIncidentWithARejectedEarlierProposalShowsTheExemptionEvidence() async throws {
        try await withWorld { app, province in
            let path = "/co-quan/\(province.agencyA.id!.uuidString)"
            var officer = try await Browser.signedIn(app, as: "canbo")
            let late = try await officer.post("\(path)/su-co", ["occurredOn": "10/06/2026", "system": "Máy chủ tệp", "impact": "Gián đoạn 4 giờ",
                                                                "proposalDecision": "rejected", "proposal": "Thay bộ lưu điện",
                                                                "proposedOn": "11/06/2026"])
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("Ngày đề xuất phải trước ngày xảy ra sự cố."))
            #expect(late.body.string.contains("Thay bộ lưu điện"))
            let ok = try await officer.post("\(path)/su-co", ["occurredOn": "10/06/2026", "system": "Máy chủ tệp", "impact": "Gián đoạn 4 giờ",
                                                              "officer": province.officerA.id!.uuidString, "proposalDecision": "rejected",
                                                              "proposal": "Thay bộ lưu điện", "proposedOn": "01/03/2026"])
            #expect(ok.status == .seeOther)
            #expect(try await officer.get("\(path)/kiem-tra-su-co").body.string.contains("Minh chứng miễn trách nhiệm (Điều 8.1.b)"))
            var outsider = try await Browser.signedIn(app, as: "canbo2")
            #expect(try await outsider.post("\(path)/su-co", ["occurredOn": "10/06/2026", "system": "x", "impact": "y"]).status == .forbidden)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "incident.create").count() == 1)
        }
    }

    /// Issue 14, ADR 0020 (fortieth part): the events' counts of invitations stand at the head without
    /// tickets. Invitations taken away behind the log's back, then a ticket recorded: the counts kept
    /// are shown. An event convened (not a ticket's write): every count is read again.
    @Test func R5_7_theEventsCountsAreNotReadAgainAfterATicketButAreAfterAnEventConvened() async throws {
        try await withWorld { app, _ in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let counts = { (html: String) in html.matches(of: /<td data-label="Được mời">(\d+)<\/td>/).map { Int($0.output.1) ?? -1 } }
            #expect(try await authority.post("/tap-huan", ["kind": "proficiencyTest", "title": "Kiểm tra trình độ 2027",
                                                           "heldOn": "20/11/2026", "place": "Hội trường"]).status == .seeOther)
            let first = counts(try await authority.get("/tap-huan").body.string)
            #expect(first.count == 1 && first[0] > 1)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM \(ident: InvitationModel.schema)").run()
            _ = try await KeptPagesTests.recordTicket(app)
            #expect(counts(try await authority.get("/tap-huan").body.string) == first, "a ticket does not count them again")
            #expect(try await authority.post("/tap-huan", ["kind": "annualReview", "title": "Họp giao ban 2027",
                                                           "heldOn": "21/11/2026", "place": "Hội trường"]).status == .seeOther)
            #expect(counts(try await authority.get("/tap-huan").body.string) == [first[0], 0], "an event convened counts them again")
        }
    }

    @Test func R5_7_R17_3_theAuthorityConvenesATestInvitesOfficersAndRecordsScores() async throws {
        try await withWorld { app, province in
            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.post("/tap-huan", ["kind": "proficiencyTest", "title": "x", "heldOn": "20/11/2026"]).status == .forbidden)
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let bad = try await authority.post("/tap-huan", ["kind": "proficiencyTest", "title": "Kiểm tra trình độ 2027", "heldOn": "hôm qua"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Kiểm tra trình độ 2027"))
            #expect(try await authority.post("/tap-huan", ["kind": "proficiencyTest", "title": "Kiểm tra trình độ 2027",
                                                           "heldOn": "20/11/2026", "place": "Hội trường"]).status == .seeOther)
            let event = try #require(try await TrainingEventModel.query(on: app.db).first())
            #expect(event.year == 2027)
            // The list counts each event's invitations (by the database, kept while the audit head
            // stays): an officer who resigns before a second event is not invited to it, and each
            // event's row shows its own count.
            let invited = try await InvitationModel.query(on: app.db).filter(\.$event.$id == event.id!).count()
            #expect(invited > 1)
            #expect(try await authority.get("/tap-huan").body.string.contains("<td data-label=\"Được mời\">\(invited)</td>"))
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            try await app.write { _ = try await OfficerService.changeStatus(province.officerB.id!, to: .resigned, on: LocalDate(year: 2026, month: 11, day: 1)!,
                                                                           note: "", by: actor, on: $0) }
            #expect(try await authority.post("/tap-huan", ["kind": "annualReview", "title": "Họp giao ban 2027", "heldOn": "21/11/2026",
                                                           "place": "Hội trường"]).status == .seeOther)
            let second = try #require(try await TrainingEventModel.query(on: app.db).filter(\.$id != event.id!).first())
            let secondInvited = try await InvitationModel.query(on: app.db).filter(\.$event.$id == second.id!).count()
            #expect(secondInvited == invited - 1)
            let index = try await authority.get("/tap-huan").body.string
            let shown = Dictionary(index.matches(of: /<a href="\/tap-huan\/([0-9A-Fa-f-]{36})">[^<]*<\/a><\/td><td data-label="Được mời">(\d+)<\/td>/)
                .map { (String($0.output.1).uppercased(), Int($0.output.2) ?? -1) }, uniquingKeysWith: { a, _ in a })
            #expect(shown == [event.id!.uuidString: invited, second.id!.uuidString: secondInvited])
            let invitation = try #require(try await InvitationModel.query(on: app.db).filter(\.$officer.$id == province.officerA.id!)
                .filter(\.$event.$id == event.id!).first())
            let path = "/tap-huan/\(event.id!.uuidString)/diem-danh/\(invitation.id!.uuidString)"
            #expect(try await authority.post(path, ["attendance": "attended", "score": "8,5"]).status == .seeOther)
            #expect(try await InvitationModel.find(invitation.id, on: app.db)?.score == 8.5)
            _ = try await authority.post(path, ["attendance": "attended", "score": "11"])
            #expect(try await InvitationModel.find(invitation.id, on: app.db)?.score == 8.5)
            // The event's pages (100 invitations each): its invited officers in the order of their names,
            // each score as recorded.
            let pages = (1...(invited + 99) / 100)
            var eventPage = ""
            for page in pages { eventPage += try await authority.get("/tap-huan/\(event.id!.uuidString)?page=\(page)").body.string }
            let names = try await InvitationModel.query(on: app.db).filter(\.$event.$id == event.id!).with(\.$officer).all().map(\.officer)
                .sorted { ($0.nameSortKey, $0.id!.uuidString) < ($1.nameSortKey, $1.id!.uuidString) }.map(\.fullName)
            #expect(pages.count > 1 && eventPage.matches(of: /<td data-label="Cán bộ">([^<]*)<\/td>/).map { String($0.output.1) } == names)
            #expect(eventPage.contains("value=\"8,5\"") && eventPage.contains("<option value=\"attended\" selected>"))
            #expect(eventPage.contains("name=\"_csrf\" value=\"\(authority.csrf ?? "-")\""))
            let mine = try await officer.get("/tap-huan").body.string
            #expect(mine.contains("Kiểm tra trình độ 2027") && mine.contains("8,5/10"))
            #expect(try await officer.get("/tap-huan/\(event.id!.uuidString)").status == .forbidden)
        }
    }
}

@Suite("Inspections and incidents through the API (issue 4 §9, §11)")
struct EvidenceAPITests {
    let api = APITests()

    @Test func R15_3b_R8_1_recordedWithTheSameRulesAsThePages() async throws {
        try await withWorld { app, province in
            let path = "/api/v1/agencies/\(province.agencyA.id!.uuidString)"
            let head = try await api.token(app, "thutruong")
            #expect(try await api.call(app, .POST, "\(path)/inspections", token: head,
                                       json: #"{"inspectedOn":"2026-05-12","rating":"Tốt","findings":"x"}"#).status == .forbidden)
            let authority = try await api.token(app, "sotttt")
            let bad = try await api.call(app, .POST, "\(path)/inspections", token: authority, json: #"{"inspectedOn":"2099-01-01","findings":" "}"#)
            #expect(bad.status == .unprocessableEntity)
            let errors = try #require(try api.object(bad)["errors"] as? [String: String])
            #expect(errors["inspectedOn"] != nil && errors["findings"] != nil && errors["rating"] != nil)
            #expect(try await api.call(app, .POST, "\(path)/inspections", token: authority,
                                       json: #"{"inspectedOn":"2026-05-12","teamLevel":"central","score":91,"findings":"Đạt yêu cầu"}"#).status == .created)
            let incident = try await api.call(app, .POST, "\(path)/incidents", token: head, json: """
                {"occurredOn":"2026-06-10","system":"Máy chủ tệp","impact":"Gián đoạn 4 giờ","officerId":"\(province.officerA.id!.uuidString)",
                 "proposalDecision":"rejected","proposal":"Thay bộ lưu điện","proposedOn":"2026-03-01"}
                """)
            #expect(incident.status == .created)
            let outsider = try await api.token(app, "canbo2")
            #expect(try await api.call(app, .POST, "\(path)/incidents", token: outsider,
                                       json: #"{"occurredOn":"2026-06-10","system":"x","impact":"y"}"#).status == .forbidden)
            let evidence = try api.object(try await api.call(app, .GET, "/api/v1/officers/\(province.officerA.id!.uuidString)/evidence/2026",
                                                                token: authority))
            #expect((evidence["inspections"] as? [[String: Any]])?.first?["score"] as? Int == 91)
            #expect((evidence["incidents"] as? [[String: Any]])?.first?["exemptionEvidence"] as? Bool == true)
        }
    }
}

@Suite("Tests and meetings through the API (issue 4 §8, §11)")
struct TrainingAPITests {
    let api = APITests()

    @Test func R5_7_conveneAndRecordWithTheSameRulesAsThePage() async throws {
        try await withWorld { app, province in
            let officer = try await api.token(app, "canbo")
            #expect(try await api.call(app, .POST, "/api/v1/training-events", token: officer,
                                       json: #"{"kind":"proficiencyTest","title":"x","heldOn":"2026-11-20"}"#).status == .forbidden)
            let authority = try await api.token(app, "truongphong")
            let bad = try await api.call(app, .POST, "/api/v1/training-events", token: authority,
                                         json: #"{"kind":"proficiencyTest","title":" ","heldOn":"hôm qua"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect((try api.object(bad)["errors"] as? [String: String])?.keys.sorted() == ["heldOn", "title"])
            let created = try await api.call(app, .POST, "/api/v1/training-events", token: authority,
                                             json: #"{"kind":"proficiencyTest","title":"Kiểm tra trình độ 2027","heldOn":"2026-11-20"}"#)
            let id = try #require(try api.object(created)["id"] as? String)
            let path = "/api/v1/training-events/\(id)/attendance"
            let a = province.officerA.id!.uuidString
            let absentWithScore = try await api.call(app, .POST, path, token: authority, json: #"{"officerId":"\#(a)","attendance":"absent","score":7}"#)
            #expect(absentWithScore.status == .unprocessableEntity)
            #expect(try await api.call(app, .POST, path, token: authority, json: #"{"officerId":"\#(a)","attendance":"attended","score":8.5}"#).status == .ok)
            let evidence = try api.object(try await api.call(app, .GET, "/api/v1/officers/\(a)/evidence/2027", token: authority))
            #expect((evidence["trainings"] as? [[String: Any]])?.first?["score"] as? Double == 8.5)
        }
    }
}
