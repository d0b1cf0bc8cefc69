@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Staffing's marks about people (Art. 11.1 with 11.3 and 13.1): a full-time officer hired against
/// the pre-screening's advice, and one count per agency of officers with no current decision.
@Suite("Staffing marks: hired against the advice, officers without a decision (Art. 11.1, 11.3, 13.1)")
struct StaffingMarksTests {
    typealias F = PreScreeningFixture
    let duties = DutyAssignmentTests()

    func hire(_ app: Application, _ province: DemoProvince.Built, advice: PreScreening.Recommendation, accept: Bool) async throws -> TestingHTTPResponse {
        let r = try await F.request(app, province, advice: advice, to: .reported)
        var head = try await Browser.signedIn(app, as: "thutruong")
        var form = ["dateOfBirth": "14/03/1998", "gender": "male", "idNumber": "074098001234", "startDate": "20/11/2026"]
        if accept { form["acceptsResponsibility"] = "true" }
        return try await head.post("/so-tuyen/\(r.id!.uuidString)/tuyen-dung", form)
    }

    @Test func R11_3_aFullTimeOfficerHiredAgainstTheAdviceIsMarkedOnStaffingWithTheHeadsAcceptance() async throws {
        try await withWorld { app, province in
            let agency = province.agencyA.id!
            let before = try await duties.marks(app, agency: agency)
            #expect(!before.contains { $0.contains("Điều 11.3") })
            // The province's report, kept by the staffing cache, is made before the hire …
            let threshold = try await ProfileStore.active(on: app.db).staffingBothKindsFromLevel
            _ = try await app.staffingCache.province(year: 2026, threshold: threshold, on: app.db)
            #expect(try await hire(app, province, advice: .notSuitable, accept: true).status == .seeOther)
            let officer = try #require(try await OfficerModel.query(on: app.db).filter(\.$fullName == "Lê Hoàng Phúc").first())
            // … and follows it from the audit log, agency by agency, to what a whole computation gives.
            let followed = try await app.staffingCache.province(year: 2026, threshold: threshold, on: app.db).rows
            #expect(followed == (try await StaffingQueries.rows(year: 2026, visible: nil, threshold: threshold, on: app.db)))
            #expect(followed.first { $0.agencyID == agency }?.assessment.marks.contains { $0.contains("Điều 11.3") } == true)
            #expect(app.staffingCache.computations == 1)
            let mark = try #require(try await duties.marks(app, agency: agency).first { $0.hasPrefix("Lê Hoàng Phúc:") && $0.contains("Điều 11.3") })
            #expect(mark.contains("thủ trưởng Ngô Thanh Tùng đã xác nhận chịu trách nhiệm ngày "))
            #expect(mark.contains("kiến nghị chưa đáp ứng yêu cầu"))
            // The authority sees it on the staffing page (R-11.1 counts by post and flags quality apart).
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let page = try await authority.get("/bien-che?q=\(VietnameseText.fold(province.agencyA.name).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")").body.string
            #expect(page.contains("Lê Hoàng Phúc: tuyển dụng khi báo cáo sơ tuyển kiến nghị chưa đáp ứng yêu cầu"))
            // The mark follows the officer: gone once they no longer hold the post.
            let head = try await F.viewer(app, "thutruong")
            try await app.write { _ = try await OfficerService.changeStatus(officer.id!, to: .resigned, on: LocalDate(year: 2026, month: 11, day: 30)!,
                                                                           note: "", by: head, on: $0) }
            #expect(!(try await duties.marks(app, agency: agency)).contains { $0.contains("Điều 11.3") })
        }
    }

    @Test func R11_3_anOfficerHiredOnTheAdviceIsNotMarked() async throws {
        try await withWorld { app, province in
            let hired = try await hire(app, province, advice: .suitable, accept: false)
            #expect(hired.status == .seeOther)
            #expect(try await OfficerModel.query(on: app.db).filter(\.$fullName == "Lê Hoàng Phúc").count() == 1)
            #expect(!(try await duties.marks(app, agency: province.agencyA.id!)).contains { $0.contains("Điều 11.3") })
        }
    }

    @Test func R13_1_staffingCountsOfficersWithoutADecisionOncePerAgencyLinkedToTheDutiesPage() async throws {
        try await withWorld { app, province in
            let agency = province.agencyA.id!
            let count = try await DutyService.agencyOfficers(agency, on: app.db).count
            let marks = try await duties.marks(app, agency: agency)
            #expect(marks.filter { $0.contains("chưa có quyết định") } == [DutyFlags.undecidedMark(count)])
            let query = "/bien-che?q=\(VietnameseText.fold(province.agencyA.name).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            // The authority may open the duties page: the count links there; the finance department may not.
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let page = try await authority.get(query).body.string
            #expect(page.contains("<a href=\"/co-quan/\(agency.uuidString)/phan-cong\">\(DutyFlags.undecidedMark(count))</a>"))
            #expect(!page.contains("Trần Minh Khoa: chưa có quyết định"))
            var finance = try await Browser.signedIn(app, as: "taichinh")
            let theirs = try await finance.get(query).body.string
            #expect(theirs.contains(DutyFlags.undecidedMark(count)) && !theirs.contains("/co-quan/\(agency.uuidString)/phan-cong"))
        }
    }
}
