@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 10 §5: the regulation's issuer is kept apart from today's province, stored profiles are
/// migrated to it, and the administrator edits it and the authority's signer (docs/profile-and-papers.md).
@Suite("The regulation's issuer and the authority's signer in the profile")
struct ProfileIssuerTests {
    /// A profile stored before the issuer existed: the migration writes Bình Dương's People's
    /// Committee into the Ho Chi Minh City profile, audited, and leaves a complete profile alone.
    @Test func storedProfilesWithoutAnIssuerAreMigratedToTheIssuerOfTheirDecision() async throws {
        try await withWorld(demo: false) { app, _ in
            let model = try #require(try await ProfileModel.query(on: app.db).filter(\.$code == "tp-hcm-2025").first())
            var json = try JSONSerialization.jsonObject(with: Data(model.body.utf8)) as? [String: Any] ?? [:]
            json.removeValue(forKey: "regulationIssuer")
            json.removeValue(forKey: "authoritySigner")
            model.body = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
            try await model.save(on: app.db)

            try await UpdateProfilesAddRegulationIssuer().prepare(on: app.db)
            let migrated = try await ProfileStore.all(on: app.db).first { $0.profile.code == "tp-hcm-2025" }?.profile
            #expect(migrated?.regulationIssuer == "Ủy ban nhân dân tỉnh Bình Dương")
            #expect(migrated?.authoritySigner == .director)
            #expect(migrated?.peoplesCommitteeName == "Ủy ban nhân dân Thành phố Hồ Chí Minh")
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "profile.migrate").count() == 1)
        }
    }

    @Test func issuerAndSignerAreEditedOnTheProfilePageInVietnamese() async throws {
        try await withWorld { app, _ in
            var admin = try await Browser.signedIn(app, as: "admin")
            let page = try await admin.get("/quan-tri/quy-dinh").body.string
            #expect(page.contains("Cơ quan ban hành") && page.contains("value=\"Ủy ban nhân dân tỉnh Bình Dương\""))
            #expect(page.contains("Người ký thông báo kết quả đánh giá") && page.contains("Họ và tên người ký"))
            var form = AdminTests().fields(ProfileAdmin.Input(RegulationProfile.binhDuong2013))
            form["regulationIssuer"] = " "
            form["authoritySignerPosition"] = ""
            let bad = try await admin.post("/quan-tri/quy-dinh", form)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.components(separatedBy: "Không được để trống.").count - 1 == 2)
            form["regulationIssuer"] = "Ủy ban nhân dân tỉnh Bình Dương"
            form["authoritySignerPosition"] = "Giám đốc"
            form["authoritySignerName"] = "Nguyễn Văn An"
            #expect(try await admin.post("/quan-tri/quy-dinh", form).status == .seeOther)
            #expect(try await ProfileStore.active(on: app.db).authoritySignatory.name == "Nguyễn Văn An")
        }
    }
}

