@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Issue 10 §3 and ADR 0009: the efficiency of Art. 15.5 counts each officer's incentive for the months
/// they held the post, at the amount in force each month, from the incentive history.
@Suite("Efficiency by months held (Art. 15.5, D11, ADR 0009)")
struct EfficiencyByMonthsTests {
    let api = APITests()

    func entries(_ app: Application, _ officer: UUID) async throws -> [OfficerIncentiveModel] {
        try await OfficerIncentiveModel.query(on: app.db).filter(\.$officer.$id == officer)
            .sort(\.$effectiveOn).sort(\.$createdAt).sort(\.$id).all()
    }

    func row(_ app: Application, year: Int, agency: UUID) async throws -> YearEndRun.AgencyEfficiency? {
        let profile = try await ProfileStore.active(on: app.db)
        return try await YearEndRun.efficiencyOnly(year: year, profile: profile, on: app.db).first { $0.agencyId == agency.uuidString }
    }

    /// An agency of its own with two officers since 2015: 1.500.000 đ raised to 2.000.000 đ from 01/04/2026,
    /// and 1.000.000 đ until a resignation effective 01/03/2026.
    func agencyWithAChangeAndALeaver(_ app: Application) async throws -> (agency: UUID, raised: UUID, left: UUID) {
        let token = try await api.token(app, "truongphong")
        let agency = try await api.call(app, .POST, "/api/v1/agencies", token: token,
                                        json: #"{"name":"Sở Thử nghiệm Ưu đãi","kind":"administrative","level":"province"}"#)
        let agencyID = try #require(try api.object(agency)["id"] as? String)
        func officer(_ name: String, _ birth: String, _ gender: String, _ number: String, _ amount: Int) async throws -> UUID {
            let created = try await api.call(app, .POST, "/api/v1/officers", token: token, json: """
                {"fullName":"\(name)","dateOfBirth":"\(birth)","gender":"\(gender)","position":"Chuyên viên","kind":"fullTime",
                 "agencyId":"\(agencyID)","idNumber":"\(number)","startDate":"2015-01-01","receivesIncentive":true,
                 "monthlyIncentive":\(amount)}
                """)
            #expect(created.status == .created, "\(created.body.string)")
            return try #require(UUID(uuidString: try api.object(created)["id"] as? String ?? ""))
        }
        let raised = try await officer("Nguyễn Văn Ưu", "1985-01-15", "male", "074085001234", 1_500_000)
        let left = try await officer("Trần Thị Đãi", "1990-06-02", "female", "074190004321", 1_000_000)
        let patch = try await api.call(app, .PATCH, "/api/v1/officers/\(raised.uuidString)", token: token,
                                       json: #"{"monthlyIncentive":2000000,"incentiveEffectiveOn":"2026-04-01"}"#)
        #expect(patch.status == .ok, "\(patch.body.string)")
        let resigned = try await api.call(app, .POST, "/api/v1/officers/\(left.uuidString)/employment-events", token: token,
                                          json: #"{"status":"resigned","effectiveOn":"2026-03-01"}"#)
        #expect(resigned.status == .created)
        return (try #require(UUID(uuidString: agencyID)), raised, left)
    }

    @Test func R15_5_D11_ADR9_aLeaverAndAMidYearChangeThroughTheYearEndRunThePageAndTheAPI() async throws {
        try await withWorld { app, _ in
            let (agency, raised, _) = try await agencyWithAChangeAndALeaver(app)
            try await app.write { db in
                let cost = AgencyYearCostModel()
                cost.$agency.id = agency
                cost.year = 2026
                cost.outsourcedCost = 13_000_000
                cost.enteredBy = "Bộ phận tài chính"
                try await cost.create(on: db)
            }
            // 2026 (01/10/2025–30/09/2026): 6 × 1.500.000 + 6 × 2.000.000, and 5 × 1.000.000 (October to February).
            let expected = 6 * 1_500_000 + 6 * 2_000_000 + 5 * 1_000_000
            let e = try #require(try await row(app, year: 2026, agency: agency))
            #expect(e.incentiveSpend == expected && e.outsourcedCost == 13_000_000 && e.ratio == 2)
            let profile = try await ProfileStore.active(on: app.db)
            let run = try await app.write { try await YearEndRun.run(year: 2026, dryRun: true, now: testNow, profile: profile,
                                                                     actor: "test", on: $0) }
            #expect(run.efficiency.first { $0.agencyId == agency.uuidString }?.incentiveSpend == expected)
            // 2025 was a full year for both at the old amounts; 2027 has only the raised officer so far.
            #expect(try await row(app, year: 2025, agency: agency)?.incentiveSpend == 12 * 1_500_000 + 12 * 1_000_000)
            #expect(try await row(app, year: 2027, agency: agency)?.incentiveSpend == 12 * 2_000_000)

            let authority = try await api.token(app, "truongphong")
            let listed = try await api.call(app, .GET, "/api/v1/evaluation-years/2026/efficiency", token: authority)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.body.string.utf8)) as? [[String: Any]])
            let item = try #require(items.first { $0["agencyId"] as? String == agency.uuidString })
            #expect(item["incentiveSpend"] as? Int == expected && item["ratio"] as? Double == 2)
            var browser = try await Browser.signedIn(app, as: "truongphong")
            let page = try await browser.get("/danh-gia/2026/hieu-qua").body.string
            #expect(page.contains("26.000.000 đ") && page.contains("13.000.000 đ") && page.contains("2,00"))
            #expect(page.contains("01/10/2025 đến 30/09/2026"))
            let officer = try await browser.get("/can-bo/\(raised.uuidString)").body.string
            #expect(officer.contains("Mức ưu đãi theo thời gian") && officer.contains("01/04/2026") && officer.contains("2.000.000 đ"))
        }
    }

    @Test func R15_5_ADR9_eachChangeThroughTheAPIIsAnEntryWithItsAuditAndCannotGoBehindTheLatest() async throws {
        try await withWorld { app, _ in
            let (_, raised, _) = try await agencyWithAChangeAndALeaver(app)
            let history = try await entries(app, raised)
            #expect(history.map(\.effectiveOn) == ["2015-01-01", "2026-04-01"])
            #expect(history.map(\.monthlyAmount) == [1_500_000, 2_000_000] && history.allSatisfy(\.receives))
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "officer.incentive")
                .filter(\.$entityID == raised).all()
            #expect(audit.count == 1 && audit.first?.after == "2.000.000 đ/tháng từ 01/04/2026")
            #expect(audit.first?.before == "1.500.000 đ/tháng")

            let token = try await api.token(app, "truongphong")
            let path = "/api/v1/officers/\(raised.uuidString)"
            let behind = try await api.call(app, .PATCH, path, token: token,
                                            json: #"{"monthlyIncentive":2500000,"incentiveEffectiveOn":"2026-03-01"}"#)
            #expect(behind.status == .unprocessableEntity)
            #expect((try api.object(behind)["errors"] as? [String: String])?["incentiveEffectiveOn"]?.contains("01/04/2026") == true)
            let future = try await api.call(app, .PATCH, path, token: token,
                                            json: #"{"receivesIncentive":false,"incentiveEffectiveOn":"2026-12-01"}"#)
            #expect(future.status == .unprocessableEntity)
            #expect(try await OfficerModel.find(raised, on: app.db)?.monthlyIncentive == 2_000_000, "nothing saved")
            #expect(try await entries(app, raised).count == 2)
            // An edit that leaves the incentive alone adds no entry; a stop without a date takes effect today.
            #expect(try await api.call(app, .PATCH, path, token: token, json: #"{"position":"Phó Trưởng phòng"}"#).status == .ok)
            #expect(try await entries(app, raised).count == 2)
            #expect(try await api.call(app, .PATCH, path, token: token, json: #"{"receivesIncentive":false}"#).status == .ok)
            let stopped = try #require(try await entries(app, raised).last)
            #expect(stopped.effectiveOn == "2026-11-29" && !stopped.receives && stopped.monthlyAmount == 2_000_000)
        }
    }

    @Test func R15_5_ADR9_aChangeThroughTheOfficerFormIsAnEntryAndABadDateKeepsTheInput() async throws {
        try await withWorld { app, province in
            let id = province.officerA.id!
            var browser = try await Browser.signedIn(app, as: "tochuc")
            let edit = try await browser.get("/can-bo/\(id.uuidString)/sua").body.string
            #expect(edit.contains("type=\"date\" name=\"incentiveEffectiveOn\" value=\"\""))
            let officer = try #require(try await OfficerModel.find(id, on: app.db))
            let input = officer.input
            var form = ["fullName": input.fullName, "dateOfBirth": input.dateOfBirth, "gender": input.gender, "position": input.position,
                        "kind": input.kind, "monthlyIncentive": "2.200.000", "agencyID": input.agencyID, "division": input.division,
                        "idNumber": input.idNumber, "phone": input.phone, "email": input.email,
                        "qualifications": input.qualifications, "certificates": input.certificates,
                        "civilServiceStatus": input.civilServiceStatus, "receivesIncentive": "true", "startDate": input.startDate,
                        "version": String(officer.version), "incentiveEffectiveOn": "31/02/2026"]
            let bad = try await browser.post("/can-bo/\(id.uuidString)", form)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Ngày áp dụng mức ưu đãi không hợp lệ") && bad.body.string.contains("value=\"31/02/2026\""))
            form["incentiveEffectiveOn"] = "01/07/2026"
            #expect(try await browser.post("/can-bo/\(id.uuidString)", form).status == .seeOther)
            let last = try #require(try await entries(app, id).last)
            #expect(last.effectiveOn == "2026-07-01" && last.monthlyAmount == 2_200_000 && last.receives)
            #expect(try await OfficerModel.find(id, on: app.db)?.monthlyIncentive == 2_200_000)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "officer.incentive").filter(\.$entityID == id)
                .first()?.actorName == "tochuc")
        }
    }

    @Test func R15_5_ADR9_anImportedOfficerStartsItsHistoryAtTheStartDate() async throws {
        try await withWorld { app, province in
            let csv = """
            Họ và tên,Ngày sinh,Giới tính,Chức vụ,Chức danh,Cơ quan,Số định danh,Ngày bắt đầu,Mức ưu đãi,Hưởng ưu đãi
            Lê Văn Thành,05/06/1990,Nam,Chuyên viên,Chuyên trách,\(province.agencyA.name),074090001111,01/01/2015,1.300.000,Có
            """
            let viewer = try await ImportTests().admin(app)
            let count = try await app.write {
                try await RegistryImport.officers(CSVReader.parse(csv), by: viewer, today: LocalDate(year: 2026, month: 11, day: 29)!,
                                                  on: $0, progress: { _, _ in })
            }
            #expect(count == 1)
            let officer = try #require(try await OfficerModel.query(on: app.db).filter(\.$idNumber == "074090001111").first())
            let history = try await entries(app, officer.id!)
            #expect(history.count == 1 && history.first?.effectiveOn == "2015-01-01")
            #expect(history.first?.monthlyAmount == 1_300_000 && history.first?.receives == true)
        }
    }

    @Test func R15_5_ADR9_theMigrationGivesEachExistingOfficerOneEntryFromItsRecord() async throws {
        try await withWorld { app, province in
            try await OfficerIncentiveModel.query(on: app.db).delete()
            try await app.write { try await CreateOfficerIncentives.backfill(on: $0) }
            let officers = try await OfficerModel.query(on: app.db).all()
            #expect(try await OfficerIncentiveModel.query(on: app.db).count() == officers.count)
            let khoa = try #require(officers.first { $0.id == province.officerA.id })
            let entry = try #require(try await entries(app, khoa.id!).first)
            #expect(entry.effectiveOn == khoa.startDate && entry.monthlyAmount == khoa.monthlyIncentive
                    && entry.receives == khoa.receivesIncentive)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "officer.incentive.backfill").first()
            #expect(audit?.after == "\(officers.count) mức ưu đãi từ hồ sơ hiện có")
        }
    }

    @Test func R15_5_ADR9_theDemoShowsAMidYearRaiseAndALeaverAtTheAccountsAgency() async throws {
        try await withWorld { app, province in
            let ha = try #require(province.officers.first { $0.fullName == "Lê Thị Thu Hà" })
            let leaver = try #require(province.officers.first { $0.fullName == DemoProvince.leaver.0 })
            #expect(leaver.status == .resigned && leaver.$agency.id == province.agencyA.id)
            let raise = try await entries(app, ha.id!)
            #expect(raise.map(\.monthlyAmount) == [1_200_000, 1_800_000] && raise.last?.effectiveOn == "2026-01-01")
            // The agency's 2026 figure: Khoa as his record says, Hà at 1.200.000 đ until December and
            // 1.800.000 đ from January, and the leaver's six months (October to March) at 1.500.000 đ.
            let period = RegulationProfile.binhDuong2013.evaluationPeriod(year: 2026)
            let histories = try await IncentiveHistories.all(of: [province.officerA.id!, ha.id!], on: app.db)
            func spend(_ o: OfficerModel) throws -> Int {
                IncentiveSpend.total(ServiceRecord(startDate: try #require(LocalDate(iso: o.startDate)), changes: []),
                                     try #require(histories[o.id!]), in: period)
            }
            let haSpend = try spend(ha)
            if try #require(LocalDate(iso: ha.startDate)) <= period.lowerBound { #expect(haSpend == 3 * 1_200_000 + 9 * 1_800_000) }
            let e = try #require(try await row(app, year: 2026, agency: province.agencyA.id!))
            #expect(e.incentiveSpend == (try spend(province.officerA)) + haSpend + 6 * 1_500_000)
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.get("/danh-gia/2026/hieu-qua").body.string.contains(Money.format(dong: e.incentiveSpend)))
        }
    }
}

extension EfficiencyByMonthsTests {
    /// Issue 14, ADR 0020 (fortieth part): the table stands at the head of the entries other than
    /// tickets'. A ticket recorded (the province's most frequent write) does not compute it again; any
    /// other write does, and shows at once.
    @Test func R15_5_theTableIsNotComputedAgainAfterATicketButIsAfterAnyOtherWrite() async throws {
        try await withWorld { app, province in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let path = "/danh-gia/2026/hieu-qua?sort=cost&dir=desc"
            #expect(try await authority.get(path).body.string.contains("<td data-label=\"Cơ quan\"><a"))
            // A district head's part of it: their reach and their rows, kept at the same head.
            let head = [(try await Browser.signedIn(app, as: "thutruong2"), "/danh-gia/2026/hieu-qua")]
            let headFirst = try await KeptPagesTests.bodies(head)
            #expect(headFirst[0].contains("<td data-label=\"Cơ quan\"><a"))
            // Every agency renamed behind the audit log's back: the table kept does not show it.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE agencies SET name = name || ' (đổi ngầm)'").run()
            let before = try await AuditLog.head(on: app.db).seq
            _ = try await KeptPagesTests.recordTicket(app)
            #expect(try await AuditLog.head(on: app.db).seq > before)
            #expect(!(try await authority.get(path).body.string.contains("đổi ngầm")), "a ticket does not compute the table again")
            #expect(try await KeptPagesTests.readWithout(AgencyModel.schema, head, on: app) == headFirst, "nor the head's reach")

            // A cost entered as the finance section does: written with its audit entry, not a ticket's.
            var finance = try await Browser.signedIn(app, as: "ketoan")
            let log = "/so-cong-tac/\(province.officerA.id!.uuidString)/2026"
            #expect(try await finance.post(log + "/chi-phi", ["amount": "87.654.000"]).status == .seeOther)
            let page = try await authority.get(path).body.string
            #expect(page.contains("87.654.000 đ") && page.contains("đổi ngầm"), "any other write shows at once")
        }
    }

    /// Issue 14: the table is computed from every officer's history once while the audit head stays
    /// (a second view reads nothing), again after a write (a cost entered shows at once), and shown a
    /// hundred agencies a page, sorted over all of them; the export holds every row.
    @Test func R15_5_theTableIsComputedOnceWhileTheAuditHeadStaysAndShownAHundredAgenciesAPage() async throws {
        try await withWorld { app, province in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let first = try await authority.get("/danh-gia/2026/hieu-qua?sort=incentive&dir=desc").body.string
            #expect(first.contains("<td data-label=\"Cơ quan\"><a"))
            // Every agency renamed behind the audit log's back (no write of the application does that):
            // while the head stays, the table kept is shown, not computed again.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE agencies SET name = name || ' (đổi ngầm)'").run()
            let again = try await authority.get("/danh-gia/2026/hieu-qua?sort=incentive&dir=desc").body.string
            #expect(again == first && !again.contains("đổi ngầm"))

            // More agencies than a page: each with an outsourced cost, entered as the finance section does.
            let extra = try await ProvinceBuilderForTests.agenciesWithCosts(120, year: 2026, on: app.db)
            var finance = try await Browser.signedIn(app, as: "ketoan")
            let log = "/so-cong-tac/\(province.officerA.id!.uuidString)/2026"
            #expect(try await finance.post(log + "/chi-phi", ["amount": "98.765.000"]).status == .seeOther)
            let page = try await authority.get("/danh-gia/2026/hieu-qua?sort=cost&dir=desc").body.string
            #expect(page.contains("98.765.000 đ") && page.contains("đổi ngầm"), "the write shows at once")
            let total = try #require(page.firstMatch(of: /· (\d+) bản ghi/).flatMap { Int($0.output.1) })
            #expect(total >= extra + 1)
            let names = { (html: String) in html.matches(of: /<td data-label="Cơ quan"><a href="\/co-quan\/([0-9A-F-]{36})"/).map { String($0.output.1) } }
            var listed: [String] = []
            for number in 1...((total + 99) / 100) {
                let html = number == 1 ? page : try await authority.get("/danh-gia/2026/hieu-qua?sort=cost&dir=desc&page=\(number)").body.string
                #expect(names(html).count == min(100, total - (number - 1) * 100))
                listed += names(html)
            }
            #expect(listed.count == total && Set(listed).count == total)
            #expect(listed.first == province.agencyA.id!.uuidString, "sorted over every page: the largest cost first")
            let csv = try await authority.get("/danh-gia/2026/hieu-qua?sort=cost&dir=desc&format=csv").body.string
            #expect(csv.split(whereSeparator: \.isNewline).count == total + 1)

            // A head is shown their agencies only, in the table, the chart and the export.
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "thutruong").first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let theirs = try #require(try await Visibility.agencyIDs(for: viewer, on: app.db))
            var head = try await Browser.signedIn(app, as: "thutruong")
            let own = try await head.get("/danh-gia/2026/hieu-qua").body.string
            let shown = Set(names(own))
            #expect(!shown.isEmpty && shown.isSubset(of: Set(theirs.map(\.uuidString))))
            let agencyNames = Set(try await AgencyModel.query(on: app.db).all().filter { theirs.contains($0.id!) }.map(\.name))
            let chart = ChartTests().totals(own)
            #expect(Set(chart.keys).isSubset(of: agencyNames) && !chart.isEmpty)
            let headCSV = try await head.get("/danh-gia/2026/hieu-qua?format=csv").body.string
            #expect(headCSV.split(whereSeparator: \.isNewline).count == shown.count + 1)
        }
    }
}

/// Agencies made for a test through the registry's service, each with an outsourced cost of the year.
enum ProvinceBuilderForTests {
    static func agenciesWithCosts(_ count: Int, year: Int, on db: any Database) async throws -> Int {
        let user = try #require(try await UserModel.query(on: db).filter(\.$username == "sotttt").first())
        let actor = try #require(try await Viewer.load(userID: user.id!, on: db))
        for i in 0..<count {
            let agency = try await AgencyService.create(KeptReadsTests.draft("Trạm thử nghiệm số \(i)"), by: actor, on: db)
            try await WorkLogService.setOutsourcedCost(agencyID: agency.id!, year: year, amount: 1_000_000 + i, by: actor, on: db)
        }
        return count
    }
}
