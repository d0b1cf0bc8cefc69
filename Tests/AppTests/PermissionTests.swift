@testable import App
import Domain
import Fluent
import Testing
import VaporTesting

/// Every role against the routes it must not reach (issue 2 §6).
@Suite("Role × route permissions")
struct PermissionTests {
    static let agencyScoped = ["thutruong", "canbo", "nhanvien", "ketoan", "tochuc"]
    static let everyone = ["admin", "sotttt", "truongphong", "giamdoc", "noivu", "taichinh"] + agencyScoped + ["thutruong2", "canbo2"]

    @Test(arguments: agencyScoped)
    func agencyScopedRolesCannotOpenAnotherAgencysRecords(username: String) async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: username)
            let otherAgency = province.agencyB.id!.uuidString
            let otherOfficer = province.officerB.id!.uuidString
            for path in ["/co-quan/\(otherAgency)", "/can-bo/\(otherOfficer)", "/can-bo/\(otherOfficer)/sua"] {
                let response = try await browser.get(path)
                #expect(response.status == .forbidden, "\(username) GET \(path)")
                #expect(!response.body.string.contains(province.officerB.fullName))
            }
            let list = try await browser.get("/can-bo?per=200").body.string
            #expect(!list.contains(province.officerB.fullName), "\(username) thấy cán bộ cơ quan khác trong danh sách")
            #expect(list.contains(province.officerA.fullName))
            let agencies = try await browser.get("/co-quan?per=200").body.string
            #expect(!agencies.contains(province.agencyB.name))
            let staffing = try await browser.get("/bien-che?per=200").body.string
            #expect(!staffing.contains(province.agencyB.name))
            let denied = try await AuditEntryModel.query(on: app.db).filter(\.$action == "permission.denied").count()
            #expect(denied >= 3)
        }
    }

    @Test(arguments: everyone.filter { $0 != "admin" })
    func onlyTheAdministratorReachesAdministration(username: String) async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: username)
            for path in ["/quan-tri/nguoi-dung", "/quan-tri/quy-dinh", "/quan-tri/nhat-ky"] {
                #expect(try await browser.get(path).status == .forbidden, "\(username) GET \(path)")
            }
            let post = try await browser.post("/quan-tri/nguoi-dung", ["username": "hacker", "fullName": "X Y",
                                                                      "password": "mat-khau-dai-qua", "role": "administrator"])
            #expect(post.status == .forbidden)
            #expect(try await UserModel.query(on: app.db).filter(\.$username == "hacker").count() == 0)
        }
    }

    @Test(arguments: everyone.filter { !["sotttt", "truongphong"].contains($0) })
    func onlyTheProvincialITAuthorityChangesTheAgencyRegistry(username: String) async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: username)
            let id = province.agencyA.id!.uuidString
            #expect(try await browser.get("/co-quan/moi").status == .forbidden)
            #expect(try await browser.post("/co-quan", ["name": "Cơ quan lạ", "kind": "administrative", "level": "province"]).status == .forbidden)
            #expect(try await browser.post("/co-quan/\(id)", ["name": "Đổi tên", "kind": "administrative", "level": "province"]).status == .forbidden)
            #expect(try await browser.post("/co-quan/\(id)/trang-thai", ["active": "0"]).status == .forbidden)
            #expect(try await browser.post("/co-quan/\(id)/muc-ung-dung", ["year": "2030", "level": "4", "sourceDocument": "x"]).status == .forbidden)
            #expect(try await AgencyModel.find(province.agencyA.id, on: app.db)?.name == province.agencyA.name)
        }
    }

    @Test(arguments: ["canbo", "nhanvien", "ketoan", "noivu", "taichinh", "giamdoc", "admin", "thutruong2"])
    func rolesThatMustNotEditOfficersOfAgencyA(username: String) async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: username)
            let officer = province.officerA.id!.uuidString
            let edit = try await browser.get("/can-bo/\(officer)/sua")
            #expect(edit.status == .forbidden)
            let post = try await browser.post("/can-bo/\(officer)/trang-thai", ["status": "retired", "effectiveOn": "01/01/2026"])
            #expect(post.status == .forbidden)
            let transfer = try await browser.post("/can-bo/\(officer)/chuyen-cong-tac",
                                                  ["agencyID": province.agencyB.id!.uuidString, "effectiveOn": "01/01/2026"])
            #expect(transfer.status == .forbidden)
            #expect(try await OfficerModel.find(province.officerA.id, on: app.db)?.status != .retired)
        }
    }

    @Test func headOfAgencyAndPersonnelManageTheirOwnOfficersOnly() async throws {
        try await withWorld { app, province in
            for username in ["thutruong", "tochuc"] {
                var browser = try await Browser.signedIn(app, as: username)
                #expect(try await browser.get("/can-bo/\(province.officerA.id!.uuidString)/sua").status == .ok)
                let form = try await browser.get("/can-bo/moi").body.string
                #expect(form.contains(province.agencyA.name))
                #expect(!form.contains(province.agencyB.name))
            }
        }
    }

    /// The officer form offers exactly the active agencies where the viewer may add an officer, each
    /// agency's place read one by one here against the form's one statement for all of them.
    @Test func theOfficerFormOffersExactlyTheAgenciesWhereTheViewerManagesOfficers() async throws {
        try await withWorld { app, _ in
            for username in ["sotttt", "thutruong", "thutruong2", "tochuc"] {
                let expected = try await Self.agenciesWhereOfficersAreManaged(by: username, on: app.db)
                var browser = try await Browser.signedIn(app, as: username)
                let form = try await browser.get("/can-bo/moi")
                let offered = form.body.string.matches(of: /<option value="([0-9A-Fa-f-]{36})"/).map { String($0.output.1) }
                #expect(Set(offered) == Set(expected) && offered.count == expected.count, "\(username)")
                #expect(!expected.isEmpty || form.status == .forbidden)
            }
        }
    }

    /// The active agencies (ids' text) where `username` may add or edit officers, asked agency by
    /// agency of the policy.
    static func agenciesWhereOfficersAreManaged(by username: String, on db: any Database) async throws -> [String] {
        let user = try #require(try await UserModel.query(on: db).filter(\.$username == username).first())
        let viewer = try #require(try await Viewer.load(userID: user.id!, on: db))
        let visible = try await Visibility.agencyIDs(for: viewer, on: db)
        var managed: [String] = []
        for agency in try await AgencyModel.query(on: db).filter(\.$isActive == true).all() where visible?.contains(agency.id!) ?? true {
            if !viewer.policy.managesRegistry, let place = try await Visibility.place(of: agency.id!, on: db),
               !viewer.policy.canManageOfficers(at: place) { continue }
            managed.append(agency.id!.canonicalText)
        }
        return managed
    }

    @Test func governingAgencyHeadSeesSubordinateAgencies() async throws {
        try await withWorld { app, province in
            // thutruong2 heads the Dĩ An city People's Committee, which governs its wards.
            var browser = try await Browser.signedIn(app, as: "thutruong2")
            let ward = try #require(province.agencies.first { $0.$governingAgency.id == province.agencyB.id && $0.adminLevel == .commune })
            #expect(try await browser.get("/co-quan/\(ward.id!.uuidString)").status == .ok)
            #expect(try await browser.get("/co-quan/\(province.agencyA.id!.uuidString)").status == .forbidden)
        }
    }

    @Test func D13_identityNumberIsMaskedExceptForTheOfficerAndHR() async throws {
        try await withWorld { app, province in
            let officer = province.officerA
            let full = officer.idNumber
            let masked = IdentityNumber.masked(full)
            for (username, seesFull) in [("canbo", true), ("tochuc", true), ("noivu", true), ("thutruong", false),
                                         ("nhanvien", false), ("sotttt", false)] {
                var browser = try await Browser.signedIn(app, as: username)
                let html = try await browser.get("/can-bo/\(officer.id!.uuidString)").body.string
                #expect(html.contains(seesFull ? full : masked), "\(username)")
                if !seesFull { #expect(!html.contains(full), "\(username) thấy số định danh đầy đủ") }
            }
        }
    }

    @Test func officerSeesOwnRecordButCannotEditIt() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "canbo2")
            #expect(try await browser.get("/can-bo/\(province.officerB.id!.uuidString)").status == .ok)
            #expect(try await browser.get("/can-bo/\(province.officerB.id!.uuidString)/sua").status == .forbidden)
        }
    }
}
