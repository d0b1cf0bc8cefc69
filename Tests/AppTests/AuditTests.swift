@testable import App
import Fluent
import SQLKit
import Testing
import VaporTesting

@Suite("Audit trail (issue 2 §7)")
struct AuditTests {
    @Test func chainVerifiesAfterWritesAndDetectsAnEditedEntry() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            _ = try await browser.post("/co-quan/\(province.agencyA.id!.uuidString)/muc-ung-dung",
                                       ["year": "2030", "level": "4", "sourceDocument": "QĐ 1"])
            let intact = try await AuditVerifier.verify(on: app.db)
            #expect(intact.firstBad == nil)
            #expect(intact.entries >= 3)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update(AuditEntryModel.schema).set("actor_name", to: "người khác").where("seq", .equal, 2).run()
            let broken = try await AuditVerifier.verify(on: app.db)
            #expect(broken.firstBad?.seq == 2)
        }
    }

    @Test func deletingAnEntryInTheMiddleOrAtTheEndIsDetected() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            _ = try await browser.post("/dang-xuat", [:])
            let sql = try #require(app.db as? any SQLDatabase)
            let total = try await AuditEntryModel.query(on: app.db).count()
            try await sql.delete(from: AuditEntryModel.schema).where("seq", .equal, total).run()
            #expect(try await AuditVerifier.verify(on: app.db).firstBad != nil)
            try await sql.delete(from: AuditEntryModel.schema).where("seq", .equal, 1).run()
            #expect(try await AuditVerifier.verify(on: app.db).firstBad?.seq == 1)
        }
    }

    @Test func everyWriteAndRefusalIsLogged() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "canbo")
            _ = try await browser.get("/co-quan/\(province.agencyB.id!.uuidString)")
            let denied = try await AuditEntryModel.query(on: app.db).filter(\.$action == "permission.denied").first()
            #expect(denied?.actorName == "canbo")
            #expect(denied?.entityID == province.agencyB.id)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "login").count() == 1)
        }
    }

    @Test func recordPagesShowTheirHistory() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "tochuc")
            let id = province.officerA.id!.uuidString
            _ = try await browser.post("/can-bo/\(id)/trang-thai", ["status": "study", "effectiveOn": "01/09/2026"])
            let html = try await browser.get("/can-bo/\(id)").body.string
            #expect(html.contains("Đổi trạng thái công tác — tochuc"))
        }
    }
}
