@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 10 §3 and ADR 0008: rules about people follow them when they leave or move.
@Suite("People who leave or move (Art. 15.6, D2, ADR 0008)")
struct PeopleWhoLeaveTests {
    let cycle = EvaluationCycleTests()
    let api = APITests()

    func event(_ app: Application, _ token: String, _ officer: UUID, _ json: String) async throws -> TestingHTTPResponse {
        try await api.call(app, .POST, "/api/v1/officers/\(officer.uuidString)/employment-events", token: token, json: json)
    }

    func grade(_ app: Application, _ officer: UUID, _ year: Int) async throws -> GradeModel? {
        try await GradeModel.query(on: app.db).filter(\.$officer.$id == officer).filter(\.$year == year).first()
    }

    @Test func R15_6a_ADR8_employmentEventThroughTheAPIWithThePagesPermissionAndAudit() async throws {
        try await withWorld { app, province in
            let officer = province.officerB.id!
            let body = #"{"status":"resigned","effectiveOn":"2026-03-01","note":"Thôi việc theo nguyện vọng"}"#
            for username in ["canbo2", "nhanvien", "thutruong", "taichinh"] {
                let refused = try await event(app, try await api.token(app, username), officer, body)
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(username)")
            }
            let head = try await api.token(app, "thutruong2")
            let invalid = try await event(app, head, officer, #"{"status":"resigned","effectiveOn":"31/02/2026"}"#)
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.string.contains("effectiveOn"))
            #expect(try await event(app, head, officer, #"{"status":"fired","effectiveOn":"2026-03-01"}"#).status == .badRequest)
            let created = try await event(app, head, officer, body)
            #expect(created.status == .created)
            let id = try #require(UUID(uuidString: try api.object(created)["id"] as? String ?? ""))
            let stored = try #require(try await OfficerEventModel.find(id, on: app.db))
            #expect(stored.status == "resigned" && stored.effectiveOn == "2026-03-01")
            #expect(try await OfficerModel.find(officer, on: app.db)?.status == .resigned)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "officer.status")
                .filter(\.$entityID == officer).first()
            #expect(audit?.actorName == "thutruong2")
        }
    }

    @Test func R15_6a_ADR8_whoResignedBeforeTheDeadlineGetsNoAutomaticDAndIsGradedByAPerson() async throws {
        try await cycle.world { app, province in
            let officer = province.officerB.id!  // canbo2: no 2026 log in the demo
            let head = try await api.token(app, "thutruong2")
            #expect(try await event(app, head, officer, #"{"status":"resigned","effectiveOn":"2026-03-01"}"#).status == .created)
            var authority = try await Browser.signedIn(app, as: "truongphong")
            #expect(try await cycle.step(&authority, "closeDeadline").status == .seeOther)
            #expect(try await grade(app, officer, 2026) == nil)
            let profile = try await ProfileStore.active(on: app.db)
            let evaluable = try await EvaluationService.evaluable(year: 2026, profile: profile, on: app.db).map { $0.id! }
            #expect(evaluable.contains(officer), "served five months of the period: a person grades them")
            let page = try await authority.get("/danh-gia/2026?q=pham+quoc+bao").body.string
            #expect(page.contains("Thôi công tác từ 01/03/2026, không phải nộp sổ"))
        }
    }

    @Test func R15_6a_ADR8_whoRetiredBeforeThePeriodIsNotEvaluatedAndDoesNotBlockPublication() async throws {
        try await cycle.world { app, province in
            let officer = province.officerB.id!
            let head = try await api.token(app, "thutruong2")
            #expect(try await event(app, head, officer, #"{"status":"retired","effectiveOn":"2025-06-01"}"#).status == .created)
            let profile = try await ProfileStore.active(on: app.db)
            let evaluable = try await EvaluationService.evaluable(year: 2026, profile: profile, on: app.db).map { $0.id! }
            #expect(!evaluable.contains(officer))
            var authority = try await Browser.signedIn(app, as: "truongphong")
            try await cycle.publish(app, &authority)
            #expect(try await EvaluationAccess.year(2026, on: app.db).stage == .published)
            #expect(try await grade(app, officer, 2026) == nil)
            #expect(try await grade(app, officer, 2025) != nil, "earlier years keep their grades")
        }
    }

    @Test func R15_6a_ADR8_aTransferKeepsOneRecordOneHistoryAndTheDutyToSubmit() async throws {
        try await cycle.world { app, province in
            let officer = province.officerB.id!
            let before = try await GradeModel.query(on: app.db).filter(\.$officer.$id == officer).count()
            var admin = try await Browser.signedIn(app, as: "sotttt")
            let moved = try await admin.post("/can-bo/\(officer.uuidString)/chuyen-cong-tac",
                                             ["agencyID": province.agencyA.id!.uuidString, "effectiveOn": "01/04/2026", "note": "Điều động"])
            #expect(moved.status == .seeOther)
            #expect(try await OfficerModel.find(officer, on: app.db)?.$agency.id == province.agencyA.id)
            var authority = try await Browser.signedIn(app, as: "truongphong")
            #expect(try await cycle.step(&authority, "closeDeadline").status == .seeOther)
            let d = try #require(try await grade(app, officer, 2026))
            #expect(d.value == .d && d.isAutomatic, "served the whole year across two agencies and owed the log")
            #expect(try await GradeModel.query(on: app.db).filter(\.$officer.$id == officer).count() == before + 1)
        }
    }
}

/// Issue 10 §4: one person, one record.
@Suite("One person, one record")
struct OnePersonOneRecordTests {
    @Test func sameIdentityNumberIsRefusedNamingTheExistingRecordToWhoMaySeeIt() async throws {
        try await withWorld { app, province in
            let existing = province.officerB
            let api = APITests()
            let body = """
                {"fullName":"Phạm Quốc Bảo","dateOfBirth":"\(existing.dateOfBirth)","gender":"\(existing.gender)","position":"Chuyên viên",
                 "kind":"fullTime","agencyId":"\(existing.$agency.id.uuidString)","idNumber":"\(existing.idNumber)",
                 "civilServiceStatus":"civilServant","receivesIncentive":false,"startDate":"2020-01-01"}
                """
            let authority = try await api.call(app, .POST, "/api/v1/officers", token: try await api.token(app, "sotttt"), json: body)
            #expect(authority.status == .unprocessableEntity, "\(authority.body.string)")
            #expect(authority.body.string.contains("Phạm Quốc Bảo"), "the authority sees whose record it is")
            let count = try await OfficerModel.query(on: app.db).filter(\.$idNumber == existing.idNumber).count()
            #expect(count == 1)
        }
    }
}
