@testable import App
import Domain
import Fluent
import Testing
import VaporTesting

@Suite("IT officers through the web")
struct OfficerTests {
    func form(agency: UUID) -> [String: String] {
        ["fullName": "Nguyễn Thị Ánh Tuyết", "dateOfBirth": "12/03/1991", "gender": "female", "position": "Chuyên viên",
         "kind": "partTime", "monthlyIncentive": "1.200.000", "agencyID": agency.uuidString, "division": "Văn phòng",
         "idNumber": "074191004567", "phone": "0274 3822 123", "email": "tuyetnta@binhduong.gov.vn",
         "qualifications": "Kỹ sư CNTT", "certificates": "", "civilServiceStatus": "civilServant",
         "receivesIncentive": "true", "startDate": "01/07/2016"]
    }

    @Test func invalidOfficerKeepsInputWithMessagesByTheFields() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "tochuc")
            var bad = form(agency: province.agencyA.id!)
            bad["idNumber"] = "07419100456"
            bad["dateOfBirth"] = "31/02/1991"
            bad["gender"] = ""
            let response = try await browser.post("/can-bo", bad)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("Ngày sinh không hợp lệ"))
            #expect(html.contains("Chọn giới tính Nam hoặc Nữ."))
            #expect(html.contains("Số CCCD/Căn cước gồm 12 chữ số"))
            #expect(html.contains("value=\"Nguyễn Thị Ánh Tuyết\""))
            #expect(html.contains("value=\"07419100456\""))
        }
    }

    @Test func D13_cccdThatContradictsBirthYearIsRefused() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "tochuc")
            var bad = form(agency: province.agencyA.id!)
            bad["idNumber"] = "074185004567"
            let response = try await browser.post("/can-bo", bad)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("không khớp với năm sinh"))
        }
    }

    @Test func createdOfficerIsFoundByNameWithoutDiacritics() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "tochuc")
            let created = try await browser.post("/can-bo", form(agency: province.agencyA.id!))
            #expect(created.status == .seeOther)
            let list = try await browser.get("/can-bo?q=nguyen+thi+anh+tuyet")
            #expect(list.body.string.contains("Nguyễn Thị Ánh Tuyết"))
            let officer = try #require(try await OfficerModel.query(on: app.db).filter(\.$fullName == "Nguyễn Thị Ánh Tuyết").first())
            #expect(officer.monthlyIncentive == 1_200_000)
            #expect(officer.scope == .inScope)
            #expect(officer.nameFolded == "nguyen thi anh tuyet")
        }
    }

    @Test func D14_officerListSortsByGivenName() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "thutruong")
            let html = try await browser.get("/can-bo").body.string
            // Sở Kế hoạch và Đầu tư: "Lê Thị Thu Hà" (Hà) before "Trần Minh Khoa" (Khoa).
            let ha = try #require(html.range(of: "Lê Thị Thu Hà"))
            let khoa = try #require(html.range(of: "Trần Minh Khoa"))
            #expect(ha.lowerBound < khoa.lowerBound)
        }
    }

    @Test func transferKeepsOneRecordWithItsHistory() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            let officer = province.officerA.id!
            let response = try await browser.post("/can-bo/\(officer.uuidString)/chuyen-cong-tac",
                                                  ["agencyID": province.agencyB.id!.uuidString, "effectiveOn": "01/08/2025",
                                                   "note": "Quyết định 15/QĐ-UBND"])
            #expect(response.status == .seeOther)
            let moved = try #require(try await OfficerModel.find(officer, on: app.db))
            #expect(moved.$agency.id == province.agencyB.id)
            let events = try await OfficerEventModel.query(on: app.db).filter(\.$officer.$id == officer).all()
            #expect(events.contains { $0.status == "transferred" && $0.$agency.id == province.agencyA.id })
            #expect(events.contains { $0.status == "active" && $0.fromAgencyID == province.agencyA.id })
            #expect(try await OfficerModel.query(on: app.db).filter(\.$fullName == "Trần Minh Khoa").count() == 1)
            // The page lists the events newest first, each at the agency it took place at.
            let page = try await browser.get("/can-bo/\(officer.uuidString)").body.string
            let section = try #require(page.components(separatedBy: "<h2>Quá trình công tác</h2>").dropFirst().first?
                .components(separatedBy: "</section>").first)
            let rows = section.matches(of: /<tr><td>(\d\d)\/(\d\d)\/(\d{4})<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/)
                .map { (date: "\($0.output.3)\($0.output.2)\($0.output.1)", agency: String($0.output.5), note: String($0.output.6)) }
            #expect(rows.count == events.count)
            #expect(rows.map(\.date) == rows.map(\.date).sorted(by: >))
            #expect(rows.first?.date == "20250801" && rows.first?.agency == province.agencyB.name && rows.first?.note == "Quyết định 15/QĐ-UBND")
            #expect(rows.contains { $0.agency == province.agencyA.name })
        }
    }

    @Test func D6_statusChangeIsDatedAndKeptInHistory() async throws {
        try await withWorld { app, province in
            var browser = try await Browser.signedIn(app, as: "thutruong")
            let officer = province.officerA.id!
            let bad = try await browser.post("/can-bo/\(officer.uuidString)/trang-thai", ["status": "leave", "effectiveOn": "hôm qua"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Nhập ngày hiệu lực"))
            let ok = try await browser.post("/can-bo/\(officer.uuidString)/trang-thai",
                                            ["status": "leave", "effectiveOn": "02/01/2026", "note": "Nghỉ thai sản"])
            #expect(ok.status == .seeOther)
            #expect(try await OfficerModel.find(officer, on: app.db)?.status == .leave)
            let page = try await browser.get("/can-bo/\(officer.uuidString)")
            #expect(page.body.string.contains("02/01/2026"))
        }
    }

    @Test func R2_scopeIsRecomputedWhenTheAgencyChangesKind() async throws {
        try await withWorld { app, province in
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actorViewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            var input = province.agencyA.input
            input.kind = AgencyKind.partyOrMassOrganisation.rawValue
            let draft = try AgencyDraft.validate(input).get()
            _ = try await app.write { try await AgencyService.update(province.agencyA.id!, draft, expectedVersion: nil, by: actorViewer, on: $0) }
            #expect(try await OfficerModel.find(province.officerA.id, on: app.db)?.scope == .excluded(.partyOrMassOrganisation))
        }
    }
}
