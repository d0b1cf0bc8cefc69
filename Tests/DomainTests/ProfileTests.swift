import Domain
import Foundation
import Testing

@Suite("Regulation profile (decisions.md)")
struct ProfileTests {
    @Test func RD_1_regulationTakesEffectTenDaysAfterSigning() {
        #expect(RegulationProfile.binhDuong2013.effectiveDate == LocalDate(year: 2013, month: 10, day: 18))
    }

    @Test func D3_evaluationPeriodRunsFromOctoberToSeptember() {
        let period = RegulationProfile.binhDuong2013.evaluationPeriod(year: 2025)
        #expect(period.lowerBound == LocalDate(year: 2024, month: 10, day: 1))
        #expect(period.upperBound == LocalDate(year: 2025, month: 9, day: 30))
        let profile = RegulationProfile.binhDuong2013
        #expect(profile.evaluationYear(of: LocalDate(year: 2025, month: 9, day: 30)!) == 2025)
        #expect(profile.evaluationYear(of: LocalDate(year: 2025, month: 10, day: 1)!) == 2026)
    }

    @Test func shippedProfilesNameTheirInstitutions() {
        let hcm = RegulationProfile.hoChiMinh2025
        #expect(hcm.districtITAuthorityName == nil)
        #expect(hcm.itAuthorityName == "Sở Khoa học và Công nghệ")
        #expect(RegulationProfile.binhDuong2013.placeName == "Bình Dương")
        #expect(RegulationProfile.shipped.allSatisfy { $0.problems().isEmpty })
    }

    @Test func profileProblemsNameTheField() {
        var profile = RegulationProfile.binhDuong2013
        profile.placeName = " "
        profile.staffingBothKindsFromLevel = 7
        profile.workLogDeadline = MonthDay(month: 2, day: 30)
        let fields = profile.problems().map(\.field)
        #expect(fields.contains("placeName"))
        #expect(fields.contains("staffingBothKindsFromLevel"))
        #expect(fields.contains("workLogDeadline"))
    }

    @Test func profileRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(RegulationProfile.hoChiMinh2025)
        #expect(try JSONDecoder().decode(RegulationProfile.self, from: data) == .hoChiMinh2025)
    }
}

@Suite("Inputs that once could crash the server")
struct TotalityTests {
    @Test func evaluationPeriodIsTotalForAnyYear() {
        for year in [Int.min, -5, 0, 1, 2, 9999, 10_000, Int.max] {
            let period = RegulationProfile.binhDuong2013.evaluationPeriod(year: year)
            #expect(period.lowerBound < period.upperBound)
        }
    }

    @Test func F_I_3_requestDatesBeforeTheYear2000AreRefused() {
        let ticket = WorkTicketContent(taskGroup: .other, taskOther: "x", details: "x", workKind: .operation, requesterUnit: "x",
                                       requesterName: "x", requestedOn: LocalDate(year: 1, month: 1, day: 1)!)
        #expect(ticket.problems(today: LocalDate(year: 2026, month: 11, day: 29)!)["requestedOn"] != nil)
    }
}
