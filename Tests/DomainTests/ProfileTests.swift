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

    @Test func regulationIsCitedWithItsIssuerNotTodaysProvince() {
        let hcm = RegulationProfile.hoChiMinh2025
        #expect(hcm.peoplesCommitteeName == "Ủy ban nhân dân Thành phố Hồ Chí Minh")
        #expect(hcm.regulationCitation == "Quyết định số 30/2013/QĐ-UBND ngày 08/10/2013 của Ủy ban nhân dân tỉnh Bình Dương")
        #expect(hcm.regulationRulesName.hasSuffix("của các cơ quan nhà nước trên địa bàn tỉnh Bình Dương"))
        #expect(RegulationProfile.binhDuong2013.regulationCitation == hcm.regulationCitation)
    }

    @Test func aProfileStoredBeforeTheIssuerExistedDecodesWithTheIssuerOfItsDecision() throws {
        func old(_ profile: RegulationProfile) throws -> RegulationProfile {
            var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(profile)) as? [String: Any] ?? [:]
            json.removeValue(forKey: "regulationIssuer")
            json.removeValue(forKey: "authoritySigner")
            return try JSONDecoder().decode(RegulationProfile.self, from: JSONSerialization.data(withJSONObject: json))
        }
        let hcm = try old(.hoChiMinh2025)
        #expect(hcm.regulationIssuer == nil && hcm.regulationIssuedBy == "Ủy ban nhân dân tỉnh Bình Dương")
        #expect(hcm.authoritySignatory == .director)
        var other = RegulationProfile.hoChiMinh2025
        other.regulationNumber = "12/2026/QĐ-UBND"
        #expect(try old(other).regulationIssuedBy == "Ủy ban nhân dân Thành phố Hồ Chí Minh")
    }

    @Test func regulationAreaIsReadFromTheIssuer() {
        var profile = RegulationProfile.hoChiMinh2025
        profile.regulationIssuer = "UBND Thành phố Hồ Chí Minh"
        #expect(profile.regulationArea == "thành phố Hồ Chí Minh")
        profile.regulationIssuer = "Bộ Thông tin và Truyền thông"
        #expect(profile.regulationArea == nil)
        #expect(profile.regulationRulesName.hasSuffix("của các cơ quan nhà nước"))
    }

    @Test func Decree30_signerTitleIsCapacityThenPositionInCapitals() {
        #expect(PaperSigner(capacity: "KT. Giám đốc", position: "Phó Giám đốc", name: "Nguyễn Văn An").titleLines
                == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
        #expect(PaperSigner.director.titleLines == ["GIÁM ĐỐC"])
    }

    @Test func issuerAndSignerPositionCannotBeEmpty() {
        var profile = RegulationProfile.binhDuong2013
        profile.regulationIssuer = " "
        profile.authoritySigner = PaperSigner(capacity: "KT. Giám đốc", position: "")
        let fields = profile.problems().map(\.field)
        #expect(fields.contains("regulationIssuer") && fields.contains("authoritySignerPosition"))
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
