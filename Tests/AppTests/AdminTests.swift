@testable import App
import Domain
import Fluent
import Testing
import VaporTesting

@Suite("Administration: accounts and the regulation profile")
struct AdminTests {
    @Test func profileIsEditedWithValidationAndAudited() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "admin")
            let page = try await browser.get("/quan-tri/quy-dinh")
            #expect(page.body.string.contains("value=\"Bình Dương\""))
            var form = ProfileAdmin.Input(RegulationProfile.binhDuong2013)
            form.workLogDeadline = "31/02"
            form.placeName = ""
            let bad = try await browser.post("/quan-tri/quy-dinh", fields(form))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Nhập ngày và tháng dạng dd/mm"))
            #expect(bad.body.string.contains("Không được để trống."))
            form.workLogDeadline = "30/09"
            form.placeName = "Thủ Dầu Một"
            #expect(try await browser.post("/quan-tri/quy-dinh", fields(form)).status == .seeOther)
            let saved = try await ProfileStore.active(on: app.db)
            #expect(saved.workLogDeadline == MonthDay(month: 9, day: 30))
            #expect(saved.placeName == "Thủ Dầu Một")
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "profile.update").count() == 1)
        }
    }

    @Test func shippedHoChiMinhProfileCanBeActivated() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "admin")
            var form = fields(ProfileAdmin.Input(RegulationProfile.hoChiMinh2025))
            form["activate"] = "1"
            #expect(try await browser.post("/quan-tri/quy-dinh", form).status == .seeOther)
            #expect(try await ProfileStore.active(on: app.db).code == "tp-hcm-2025")
            let home = try await browser.get("/")
            #expect(home.body.string.contains("Sở Khoa học và Công nghệ"))
        }
    }

    @Test func administratorCreatesAccountsWithValidationAndGrants() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "admin")
            let bad = try await browser.post("/quan-tri/nguoi-dung", ["username": "a", "fullName": "", "password": "123",
                                                                      "role": "agencyHead", "agencyID": ""])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Tên đăng nhập 3–40 ký tự"))
            #expect(bad.body.string.contains("Mật khẩu mới cần ít nhất 10 ký tự."))
            let missingAgency = try await browser.post("/quan-tri/nguoi-dung", ["username": "thutruong3", "fullName": "Lê Văn Ba",
                                                                                 "password": "mat-khau-du-dai", "role": "agencyHead"])
            #expect(missingAgency.status == .unprocessableEntity)
            #expect(missingAgency.body.string.contains("cần chọn cơ quan"))
            let ok = try await browser.post("/quan-tri/nguoi-dung", ["username": "thutruong3", "fullName": "Lê Văn Ba",
                                                                     "password": "mat-khau-du-dai", "role": "agencyHead",
                                                                     "agencyID": province.agencyB.id!.uuidString])
            #expect(ok.status == .seeOther)
            var head = Browser(app)
            #expect(try await head.login("thutruong3", "mat-khau-du-dai").status == .seeOther)
            #expect(try await head.get("/co-quan/\(province.agencyB.id!.uuidString)").status == .ok)
        }
    }

    @Test func userChangesOwnPasswordAndManagesTokens() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "canbo")
            let wrong = try await browser.post("/tai-khoan/mat-khau", ["current": "sai", "new": "ngan", "confirm": "khac"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Mật khẩu hiện tại không đúng."))
            #expect(wrong.body.string.contains("Mật khẩu nhập lại không khớp."))
            let ok = try await browser.post("/tai-khoan/mat-khau", ["current": "qlcb-demo", "new": "mat-khau-moi-2026",
                                                                   "confirm": "mat-khau-moi-2026"])
            #expect(ok.status == .seeOther)
            let created = try await browser.post("/tai-khoan/token", ["name": "Báo cáo tự động"])
            let html = created.body.string
            #expect(html.contains("chỉ hiển thị một lần"))
            let token = try #require(html.range(of: "qlcb_").map { String(html[$0.lowerBound...].prefix { $0 != "<" }) })
            let stored = try #require(try await APITokenModel.query(on: app.db).first())
            #expect(stored.tokenHash == Secrets.sha256(token))
            #expect(stored.tokenHash != token)
            _ = try await browser.post("/tai-khoan/token/\(stored.id!.uuidString)/thu-hoi", [:])
            #expect(try await tokenViewer(app, token) == nil)
        }
    }

    @Test func passwordChangeEndsTheOtherSessionsButNotThisOne() async throws {
        try await withWorld { app, _ in
            var here = try await Browser.signedIn(app, as: "canbo")
            var elsewhere = try await Browser.signedIn(app, as: "canbo")
            let changed = try await here.post("/tai-khoan/mat-khau", ["current": "qlcb-demo", "new": "mat-khau-moi-2026",
                                                                     "confirm": "mat-khau-moi-2026"])
            #expect(changed.status == .seeOther)
            #expect(try await here.get("/").status == .ok)
            let ended = try await elsewhere.get("/")
            #expect(ended.status == .seeOther)
            #expect(ended.headers.first(name: .location)?.hasPrefix("/dang-nhap") == true)
            // Signing in again with the new password gives a valid session.
            var again = try await Browser.signedIn(app, as: "canbo", password: "mat-khau-moi-2026")
            #expect(try await again.get("/").status == .ok)
        }
    }

    @Test func passwordChangeKeepsApiTokensListedWithOneClickRevokeAndRevokeAll() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "canbo")
            _ = try await browser.post("/tai-khoan/token", ["name": "Báo cáo tự động"])
            let second = try await browser.post("/tai-khoan/token", ["name": "Đồng bộ"]).body.string
            let token = try #require(second.range(of: "qlcb_").map { String(second[$0.lowerBound...].prefix { $0 != "<" }) })
            let changed = try await browser.post("/tai-khoan/mat-khau", ["current": "qlcb-demo", "new": "mat-khau-moi-2026",
                                                                        "confirm": "mat-khau-moi-2026"])
            let next = try #require(changed.headers.first(name: .location))
            let page = try await browser.get(next).body.string
            #expect(page.contains("Mật khẩu đã được đổi"))
            #expect(page.contains("vẫn còn hiệu lực"))
            #expect(page.contains("Báo cáo tự động") && page.contains("Đồng bộ"))
            #expect(page.components(separatedBy: "/thu-hoi\"").count - 1 == 2)
            #expect(page.contains("action=\"/tai-khoan/token/thu-hoi-tat-ca\""))
            #expect(try await tokenViewer(app, token) != nil)
            #expect(try await browser.post("/tai-khoan/token/thu-hoi-tat-ca", [:]).status == .seeOther)
            #expect(try await tokenViewer(app, token) == nil)
            #expect(try await APITokenModel.query(on: app.db).filter(\.$revokedAt == nil).count() == 0)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "token.revokeAll").count() == 1)
        }
    }

    @Test func currentPasswordCheckIsThrottledLikeLogin() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "canbo")
            for _ in 0..<LoginThrottle.account.threshold {
                let wrong = try await browser.post("/tai-khoan/mat-khau", ["current": "doan", "new": "mat-khau-moi-2026",
                                                                          "confirm": "mat-khau-moi-2026"])
                #expect(wrong.status == .unprocessableEntity)
            }
            let refused = try await browser.post("/tai-khoan/mat-khau", ["current": "qlcb-demo", "new": "mat-khau-moi-2026",
                                                                        "confirm": "mat-khau-moi-2026"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.string.contains("thử lại sau 30 giây"))
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "canbo").first())
            #expect(try await app.password.async.verify("qlcb-demo", created: user.passwordHash))
        }
    }

    @Test func administratorPasswordResetEndsTheUsersSessions() async throws {
        try await withWorld { app, _ in
            var officer = try await Browser.signedIn(app, as: "canbo")
            var admin = try await Browser.signedIn(app, as: "admin")
            let id = try #require(try await UserModel.query(on: app.db).filter(\.$username == "canbo").first()?.id)
            #expect(try await admin.post("/quan-tri/nguoi-dung/\(id.uuidString)/mat-khau", ["password": "dat-lai-2026-abc"]).status == .seeOther)
            #expect(try await officer.get("/").status == .seeOther)
        }
    }

    @Test func noUserChangesTheirOwnRolesNotEvenTheAdministrator() async throws {
        try await withWorld { app, _ in
            var admin = try await Browser.signedIn(app, as: "admin")
            let adminID = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first()?.id)
            let page = try await admin.get("/quan-tri/nguoi-dung/\(adminID.uuidString)").body.string
            #expect(!page.contains("Cấp vai trò</button>"))
            #expect(!page.contains("/quyen/"))
            #expect(page.contains("không ai được tự cấp hoặc thu hồi vai trò của chính mình"))
            let granted = try await admin.post("/quan-tri/nguoi-dung/\(adminID.uuidString)/quyen", ["role": "authorityStaff"])
            #expect(granted.status == .forbidden)
            #expect(granted.body.string.contains(UserService.ownRolesReason))
            let own = try #require(try await RoleGrantModel.query(on: app.db).filter(\.$user.$id == adminID).first())
            let revoked = try await admin.post("/quan-tri/nguoi-dung/\(adminID.uuidString)/quyen/\(own.id!.uuidString)/xoa", [:])
            #expect(revoked.status == .forbidden)
            #expect(try await RoleGrantModel.query(on: app.db).filter(\.$user.$id == adminID).all().map(\.role) == ["administrator"])
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "permission.denied")
                .filter(\.$entityType == "roleGrant").count() == 2)
            // The service refuses too, whatever calls it.
            let viewer = try #require(try await Viewer.load(userID: adminID, on: app.db))
            await #expect(throws: Abort.self) {
                try await app.write { try await UserService.addGrant(RoleGrant(role: .itDivisionHead), to: adminID, actor: viewer, on: $0) }
            }
        }
    }

    @Test func grantOfARoleThatEditsAgenciesOrGradesIsAnnouncedOnTheDirectorsDashboard() async throws {
        try await withWorld { app, _ in
            var admin = try await Browser.signedIn(app, as: "admin")
            let noivu = try #require(try await UserModel.query(on: app.db).filter(\.$username == "noivu").first()?.id)
            let ketoan = try #require(try await UserModel.query(on: app.db).filter(\.$username == "ketoan").first()?.id)
            #expect(try await admin.post("/quan-tri/nguoi-dung/\(noivu.uuidString)/quyen", ["role": "itDivisionHead"]).status == .seeOther)
            #expect(try await admin.post("/quan-tri/nguoi-dung/\(ketoan.uuidString)/quyen", ["role": "financeDepartment"]).status == .seeOther)
            var director = try await Browser.signedIn(app, as: "giamdoc")
            let html = try await director.get("/").body.string
            let card = try #require(html.range(of: "Cấp vai trò được sửa cơ quan hoặc xếp loại").map { String(html[$0.lowerBound...]) })
            let section = card.components(separatedBy: "</section>")[0]
            let firstRow = try #require(section.components(separatedBy: "<tr>").dropFirst(2).first)
            // The grantor by full name (the administrator's is its role's label), issue 11 §5.
            #expect(firstRow.contains("<td>Quản trị hệ thống</td>") && firstRow.contains("Trưởng phòng CNTT") && firstRow.contains("noivu ("), "\(firstRow)")
            #expect(firstRow.range(of: #"<td>\d\d/\d\d/\d{4} \d\d:\d\d</td>"#, options: .regularExpression) != nil)
            #expect(!section.contains("ketoan ("))
            // The demo accounts of the authority's staff were created with such roles: listed too.
            #expect(section.contains("sotttt (") && section.contains("truongphong ("))
            var staff = try await Browser.signedIn(app, as: "sotttt")
            #expect(!(try await staff.get("/").body.string.contains("Cấp vai trò được sửa cơ quan hoặc xếp loại")))
        }
    }

    func fields(_ input: ProfileAdmin.Input) -> [String: String] {
        var form: [String: String] = [
            "code": input.code, "title": input.title, "provinceName": input.provinceName, "placeName": input.placeName,
            "peoplesCommitteeName": input.peoplesCommitteeName, "itAuthorityName": input.itAuthorityName,
            "itAuthorityShortName": input.itAuthorityShortName, "itDivisionName": input.itDivisionName,
            "homeAffairsName": input.homeAffairsName, "financeDepartmentName": input.financeDepartmentName,
            "districtITAuthorityName": input.districtITAuthorityName, "regulationNumber": input.regulationNumber,
            "regulationSignedOn": input.regulationSignedOn, "workLogDeadline": input.workLogDeadline,
            "resultsDeadline": input.resultsDeadline, "evaluationPeriodStart": input.evaluationPeriodStart,
            "staffingBothKindsFromLevel": input.staffingBothKindsFromLevel, "longLeaveDays": input.longLeaveDays,
            "rewardStreakYears": input.rewardStreakYears, "newOfficerExemptionDays": input.newOfficerExemptionDays,
            "signOffInterval": input.signOffInterval, "regulationIssuer": input.regulationIssuer,
            "authoritySignerCapacity": input.authoritySignerCapacity, "authoritySignerPosition": input.authoritySignerPosition,
            "authoritySignerName": input.authoritySignerName,
        ]
        if input.missingYearBreaksRun != nil { form["missingYearBreaksRun"] = "1" }
        if input.flagDCDForReview != nil { form["flagDCDForReview"] = "1" }
        return form
    }
}

/// The person an API call with `token` would act as (`BearerViewerMiddleware`), nil when refused.
func tokenViewer(_ app: Application, _ token: String) async throws -> Viewer? {
    try await APITokens.viewer(for: token, request: Request(application: app, on: app.eventLoopGroup.next()))
}
