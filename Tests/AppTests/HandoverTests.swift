@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 12 part 2: handovers opened by employment events (Art. 14; D9).
@Suite("Handover of system secrets and duties (Art. 14; D9)")
struct HandoverTests {
    let api = APITests()
    let duties = DutyAssignmentTests()

    /// Agency A with a decision, a system whose secrets Trần Minh Khoa holds and his commitment.
    func prepared(_ app: Application, _ province: DemoProvince.Built) async throws {
        let (a, ha) = (province.officerA.id!.uuidString, duties.officerHa(province).id!.uuidString)
        #expect(try await duties.decision(app, "thutruong", agency: province.agencyA.id!,
                                          #"[{"officerId":"\#(a)","duties":["systemAdministration","reporting"]},{"officerId":"\#(ha)","duties":["regulationsAndPlans"]}]"#).status == .created)
        #expect(try await api.call(app, .POST, "/api/v1/agencies/\(province.agencyA.id!.uuidString)/systems", token: try await api.token(app, "canbo"),
                                   json: #"{"name":"Máy chủ thư điện tử","kind":"mail","secretCategories":["administratorAccount","configurations"],"holders":[{"officerId":"\#(a)"}]}"#).status == .created)
    }

    func event(_ app: Application, _ officer: UUID, _ json: String) async throws -> TestingHTTPResponse {
        try await api.call(app, .POST, "/api/v1/officers/\(officer.uuidString)/employment-events", token: try await api.token(app, "thutruong"), json: json)
    }

    @Test func D9_onlyTheRegulationsEventsOpenAHandoverAndShortLeaveDoesNot() async throws {
        try await withWorld { app, province in
            let id = province.officerA.id!
            let short = try api.object(try await event(app, id, #"{"status":"leave","effectiveOn":"2026-12-01","returnsOn":"2026-12-10"}"#))
            #expect(short["handoverId"] == nil)
            #expect(try await event(app, id, #"{"status":"leave","effectiveOn":"2026-12-01","returnsOn":"2026-11-10"}"#).status == .unprocessableEntity)
            _ = try await event(app, id, #"{"status":"active","effectiveOn":"2026-12-11"}"#)
            let long = try api.object(try await event(app, id, #"{"status":"leave","effectiveOn":"2027-01-01","returnsOn":"2027-03-01"}"#))
            #expect(long["handoverId"] is String)
            #expect(try await event(app, duties.officerHa(province).id!, #"{"status":"reassignedAfterDiscipline","effectiveOn":"2026-12-01"}"#).status == .created)
            #expect(try await HandoverModel.query(on: app.db).count() == 2)
        }
    }

    @Test func R14_1_R14_2_aResignationOpensTheChecklistAndItClosesOnlyWhenAcknowledgedWithAPlan() async throws {
        try await withWorld { app, province in
            try await prepared(app, province)
            let created = try await event(app, province.officerA.id!, #"{"status":"resigned","effectiveOn":"2026-12-01"}"#)
            #expect(created.status == .created)
            let id = try #require(try api.object(created)["handoverId"] as? String)
            let head = try await api.token(app, "thutruong")
            let handover = try api.object(try await api.call(app, .GET, "/api/v1/handovers/\(id)", token: head))
            let items = try #require(handover["items"] as? [[String: Any]])
            #expect(items.map { $0["code"] as? String ?? "" } == ["administratorAccount", "configurations", "systemAdministration", "reporting"])
            #expect(items.map { $0["rotationRecommended"] as? Bool } == [true, false, false, false])
            for user in ["nhanvien", "thutruong2", "canbo2", "ketoan", "noivu"] {
                let refused = try await api.call(app, .GET, "/api/v1/handovers/\(id)", token: try await api.token(app, user))
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(user)")
            }
            // While open: staffing marks it and the head's home page leads to it.
            #expect(try await duties.marks(app, agency: province.agencyA.id!).contains("Trần Minh Khoa: đang bàn giao"))
            var browser = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await browser.get("/").body.string.contains("/ban-giao/\(id)"))
            // A head whose reach does not hold the agency is not led there (Art. 15.4).
            var otherHead = try await Browser.signedIn(app, as: "thutruong2")
            #expect(!(try await otherHead.get("/").body.string.contains("/ban-giao/")))
            let closure = "/api/v1/handovers/\(id)/closure"
            let early = try await api.call(app, .POST, closure, token: head, json: #"{"replacement":"temporaryReplacement"}"#)
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("chưa được người nhận xác nhận"))
            let ha = duties.officerHa(province).id!.uuidString
            let itemIDs = items.compactMap { $0["id"] as? String }
            #expect(try await api.call(app, .POST, "/api/v1/handovers/\(id)/items/\(itemIDs[0])/acknowledgement", token: head,
                                       json: #"{"receiverId":"\#(province.officerA.id!.uuidString)"}"#).status == .unprocessableEntity)
            #expect(try await api.call(app, .POST, "/api/v1/handovers/\(id)/items/\(itemIDs[0])/acknowledgement", token: try await api.token(app, "thutruong2"),
                                       json: #"{"receiverId":"\#(ha)"}"#).status == .forbidden)
            for item in itemIDs {
                #expect(try await api.call(app, .POST, "/api/v1/handovers/\(id)/items/\(item)/acknowledgement", token: head,
                                           json: #"{"receiverId":"\#(ha)"}"#).status == .ok)
            }
            let rotated = try await api.call(app, .POST, "/api/v1/handovers/\(id)/items/\(itemIDs[0])/rotation", token: head, json: #"{"rotated":true}"#)
            #expect(rotated.status == .ok)
            #expect(try await api.call(app, .POST, "/api/v1/handovers/\(id)/items/\(itemIDs[2])/rotation", token: head, json: #"{"rotated":true}"#).status == .unprocessableEntity)
            // The secrets now belong to the receiver, who needs a commitment of her own (Art. 13.2).
            let holders = try await SecretHoldingModel.query(on: app.db).all().map { $0.$officer.id }
            #expect(holders.count == 2 && holders.allSatisfy { $0 == duties.officerHa(province).id })
            let noPlan = try await api.call(app, .POST, closure, token: head, json: "{}")
            #expect(noPlan.status == .unprocessableEntity)
            #expect(noPlan.body.string.contains("phương án"))
            #expect(try await api.call(app, .POST, closure, token: try await api.token(app, "canbo"), json: #"{"replacement":"recruitment"}"#).status == .forbidden)
            let closed = try await api.call(app, .POST, closure, token: head, json: #"{"replacement":"recruitment","note":"Đề nghị phỏng vấn tuyển mới"}"#)
            #expect(closed.status == .ok)
            #expect(try api.object(closed)["open"] as? Bool == false)
            #expect((try api.object(closed)["prompt"] as? String)?.contains("phỏng vấn") == true)
            #expect(!(try await duties.marks(app, agency: province.agencyA.id!).contains("Trần Minh Khoa: đang bàn giao")))
            let pdf = try await api.call(app, .GET, "/api/v1/handovers/\(id)/record.pdf", token: head)
            #expect(pdf.status == .ok && pdf.body.string.hasPrefix("%PDF-"))
            let actions = try await AuditEntryModel.query(on: app.db).filter(\.$entityID == UUID(uuidString: id)!).all().map(\.action)
            #expect(Set(actions).isSuperset(of: ["handover.open", "handover.acknowledge", "handover.rotation", "handover.plan", "handover.close"]))
        }
    }

    @Test func R14_1_aTransferOpensTheHandoverInTheOldAgencyAndTheNewOneNeedsADecision() async throws {
        try await withWorld { app, province in
            try await prepared(app, province)
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let moved = try await authority.post("/can-bo/\(province.officerA.id!.uuidString)/chuyen-cong-tac",
                                                 ["agencyID": province.agencyB.id!.uuidString, "effectiveOn": "01/12/2026"])
            #expect(moved.status == .seeOther)
            let handover = try #require(try await HandoverModel.query(on: app.db).first())
            #expect(handover.$agency.id == province.agencyA.id && handover.trigger == "transferred")
            #expect(try await duties.marks(app, agency: province.agencyA.id!).contains("Trần Minh Khoa: đang bàn giao"))
            // Staffing counts the officers without a decision at the new agency; its duties page names them.
            #expect(try await duties.marks(app, agency: province.agencyB.id!).contains { $0.hasSuffix("cán bộ chưa có quyết định phân công nhiệm vụ (Điều 13.1)") })
            var newHead = try await Browser.signedIn(app, as: "thutruong2")
            let newDuties = try await newHead.get("/co-quan/\(province.agencyB.id!.uuidString)/phan-cong").body.string
            #expect(newDuties.contains("Trần Minh Khoa") && newDuties.contains("chưa có quyết định phân công nhiệm vụ (Điều 13.1)"))
            // The old agency's head follows it on the page; the new agency's head does not see it.
            var head = try await Browser.signedIn(app, as: "thutruong")
            let page = try await head.get("/ban-giao/\(handover.id!.uuidString)")
            #expect(page.status == .ok && page.body.string.contains("Máy chủ thư điện tử: Tài khoản quản trị"))
            let refused = try await head.post("/ban-giao/\(handover.id!.uuidString)/ket-thuc", [:])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Điều 14.2"))
            var other = try await Browser.signedIn(app, as: "thutruong2")
            #expect(try await other.get("/ban-giao/\(handover.id!.uuidString)").status == .forbidden)
            var staff = try await Browser.signedIn(app, as: "nhanvien")
            #expect(try await staff.get("/ban-giao/\(handover.id!.uuidString)").status == .forbidden)
        }
    }
}
