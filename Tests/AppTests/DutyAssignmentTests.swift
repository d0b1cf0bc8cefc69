@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 12 part 2: duty assignment decisions, commitments and the systems inventory (Art. 3.3, 7, 13).
@Suite("Duty assignment, commitments, systems and secrets (Art. 3.3, 7, 13)")
struct DutyAssignmentTests {
    let api = APITests()

    var officerHa: (DemoProvince.Built) -> OfficerModel = { p in p.officers.first { $0.fullName == "Lê Thị Thu Hà" }! }

    func decision(_ app: Application, _ user: String, agency: UUID, _ assignments: String) async throws -> TestingHTTPResponse {
        try await api.call(app, .POST, "/api/v1/agencies/\(agency.uuidString)/assignment-decisions", token: try await api.token(app, user),
                           json: #"{"number":"12/QĐ-SKHĐT","signedOn":"2026-11-20","signer":"Ngô Thanh Tùng","assignments":"# + assignments + "}")
    }

    func marks(_ app: Application, agency: UUID) async throws -> [String] {
        let body = try api.object(try await api.call(app, .GET, "/api/v1/staffing?per=200", token: try await api.token(app, "sotttt")))
        let rows = body["items"] as? [[String: Any]] ?? []
        return rows.first { $0["agencyId"] as? String == agency.uuidString }?["marks"] as? [String] ?? []
    }

    @Test func R13_1_theHeadIssuesADecisionReadByTheAuthorityAndHomeAffairsOnly() async throws {
        try await withWorld { app, province in
            let (a, ha) = (province.officerA.id!.uuidString, officerHa(province).id!.uuidString)
            let body = #"[{"officerId":"\#(a)","duties":["all"]},{"officerId":"\#(ha)","duties":["reporting","selfDevelopment"]}]"#
            for user in ["thutruong2", "canbo", "canbo2", "nhanvien", "tochuc", "sotttt"] {
                let refused = try await decision(app, user, agency: province.agencyA.id!, body)
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(user)")
            }
            // Staffing warns with one count per agency (the duties page names the officers).
            let undecided = try await DutyService.agencyOfficers(province.agencyA.id!, on: app.db).count
            #expect(undecided >= 2)
            #expect(try await marks(app, agency: province.agencyA.id!).contains(DutyFlags.undecidedMark(undecided)))
            let created = try await decision(app, "thutruong", agency: province.agencyA.id!, body)
            #expect(created.status == .created)
            let id = try #require(try api.object(created)["id"] as? String)
            let path = "/api/v1/assignment-decisions/\(id)/decision.pdf"
            for (user, allowed) in [("noivu", true), ("sotttt", true), ("thutruong", true), ("canbo", true), ("nhanvien", false),
                                    ("thutruong2", false), ("canbo2", false), ("taichinh", false)] {
                let response = try await api.call(app, .GET, path, token: try await api.token(app, user))
                #expect((response.status == .ok) == allowed, "\(user)")
                if allowed { #expect(response.body.string.hasPrefix("%PDF-")) }
            }
            #expect(!(try await marks(app, agency: province.agencyA.id!).contains { $0.contains("chưa có quyết định") }))
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "duty.decision").count() == 1)
            var browser = try await Browser.signedIn(app, as: "noivu")
            #expect(try await browser.get("/quyet-dinh-phan-cong/\(id)/quyet-dinh.pdf").status == .ok)
        }
    }

    @Test func R13_1a_withOneOfficerTheDecisionMustGiveAllDuties() async throws {
        try await withWorld { app, province in
            let b = province.officerB.id!.uuidString
            let partial = try await decision(app, "thutruong2", agency: province.agencyB.id!, #"[{"officerId":"\#(b)","duties":["reporting"]}]"#)
            #expect(partial.status == .unprocessableEntity)
            #expect((try api.object(partial)["errors"] as? [String: String])?["assignments"]?.contains("Điều 13.1.a") == true)
            let stranger = try await decision(app, "thutruong2", agency: province.agencyB.id!, #"[{"officerId":"\#(province.officerA.id!.uuidString)","duties":["all"]}]"#)
            #expect(stranger.status == .unprocessableEntity)
            #expect(try await decision(app, "thutruong2", agency: province.agencyB.id!, #"[{"officerId":"\#(b)","duties":["all"]}]"#).status == .created)
        }
    }

    @Test func R13_1_aLaterDecisionReplacesTheEarlierForTheOfficersItNames() async throws {
        try await withWorld { app, province in
            let (a, ha) = (province.officerA.id!, officerHa(province).id!)
            _ = try await decision(app, "thutruong", agency: province.agencyA.id!,
                                   #"[{"officerId":"\#(a.uuidString)","duties":["systemAdministration"]},{"officerId":"\#(ha.uuidString)","duties":["reporting"]}]"#)
            _ = try await decision(app, "thutruong", agency: province.agencyA.id!, #"[{"officerId":"\#(a.uuidString)","duties":["all"]}]"#)
            let current = try await DutyService.current(agencyID: province.agencyA.id!, on: app.db)
            #expect(current[a]?.duties == ITDuty.allCases)
            #expect(current[ha]?.duties == [.reporting])
        }
    }

    @Test func R13_2_thePersonnelSectionRecordsAndVerifiesTheCommitmentPrintedFromTheRecord() async throws {
        try await withWorld { app, province in
            let id = province.officerA.id!
            let path = "/api/v1/officers/\(id.uuidString)/commitments"
            for user in ["nhanvien", "canbo", "thutruong2", "canbo2", "ketoan"] {
                let refused = try await api.call(app, .POST, path, token: try await api.token(app, user), json: #"{"signedOn":"2026-11-21"}"#)
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(user)")
            }
            #expect(try await api.call(app, .POST, path, token: try await api.token(app, "tochuc"), json: #"{"signedOn":"hôm qua"}"#).status == .unprocessableEntity)
            #expect(try await api.call(app, .POST, path, token: try await api.token(app, "thutruong"), json: #"{"signedOn":"2026-11-20"}"#).status == .created)
            var stored = try #require(try await DutyService.commitments(agencyID: province.agencyA.id!, on: app.db)[id])
            #expect(stored.verifiedBy == nil)
            var personnel = try await Browser.signedIn(app, as: "tochuc")
            #expect(try await personnel.get("/co-quan/\(province.agencyA.id!.uuidString)/phan-cong").body.string.contains("chờ xác nhận"))
            #expect(try await personnel.post("/cam-ket/\(stored.id!.uuidString)/xac-nhan", [:]).status == .seeOther)
            stored = try #require(try await CommitmentModel.find(stored.id, on: app.db))
            #expect(stored.verifiedBy == "Lý Văn Tài" && stored.verifiedAt != nil)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "commitment.verify").count() == 1)
            let pdf = try await personnel.get("/can-bo/\(id.uuidString)/cam-ket.pdf")
            #expect(pdf.status == .ok)
        }
    }

    @Test func R3_3_R7_1_theInventoryRecordsHoldersAndRefusesAnythingLikeASecretValue() async throws {
        try await withWorld { app, province in
            let path = "/api/v1/agencies/\(province.agencyA.id!.uuidString)/systems"
            let a = province.officerA.id!.uuidString
            func system(_ user: String, _ extra: String = "", note: String = "Máy chủ đặt tại phòng máy tầng 3") async throws -> TestingHTTPResponse {
                try await api.call(app, .POST, path, token: try await api.token(app, user),
                                   json: #"{"name":"Cổng thông tin điện tử","kind":"website","secretCategories":["administratorAccount","networkDiagram"],"note":"\#(note)","holders":[{"officerId":"\#(a)"}]\#(extra)}"#)
            }
            for user in ["nhanvien", "thutruong2", "canbo2", "sotttt", "tochuc"] {
                let refused = try await system(user)
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(user)")
            }
            let withPassword = try await system("thutruong", #","password":"Abc@123""#)
            #expect(withPassword.status == .unprocessableEntity)
            #expect((try api.object(withPassword)["errors"] as? [String: String])?["password"]?.contains("Điều 7.1") == true)
            #expect(try await system("canbo", note: "mật khẩu: Abc@123").status == .unprocessableEntity)
            #expect(try await system("canbo", note: "-----BEGIN PRIVATE KEY-----").status == .unprocessableEntity)
            #expect(try await InformationSystemModel.query(on: app.db).count() == 0)
            #expect(try await system("canbo").status == .created)
            let holders = try await SecretHoldingModel.query(on: app.db).all()
            #expect(holders.count == 2 && holders.allSatisfy { $0.$officer.id == province.officerA.id })
            // Art. 13.2: a holder without a commitment is flagged for the head and the authority.
            let flag = "Trần Minh Khoa: nắm giữ bí mật hệ thống nhưng chưa có giấy cam kết (Điều 13.2)"
            #expect(try await marks(app, agency: province.agencyA.id!).contains(flag))
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.get("/co-quan/\(province.agencyA.id!.uuidString)/phan-cong").body.string.contains("chưa có giấy cam kết"))
            _ = try await api.call(app, .POST, "/api/v1/officers/\(a)/commitments", token: try await api.token(app, "tochuc"), json: #"{"signedOn":"2026-11-21"}"#)
            #expect(!(try await marks(app, agency: province.agencyA.id!).contains(flag)))
            // The page's form: refused whole with the reason, what was typed kept.
            let page = try await head.post("/co-quan/\(province.agencyA.id!.uuidString)/he-thong",
                                           ["name": "Thư điện tử công vụ", "kind": "mail", "note": "password=hunter2"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("Điều 7.1") && page.body.string.contains("Thư điện tử công vụ"))
            #expect(try await InformationSystemModel.query(on: app.db).count() == 1)
            var staff = try await Browser.signedIn(app, as: "nhanvien")
            #expect(try await staff.get("/co-quan/\(province.agencyA.id!.uuidString)/phan-cong").status == .forbidden)
        }
    }
}
