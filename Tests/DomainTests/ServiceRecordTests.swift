import Domain
import Foundation
import Testing

/// Art. 15.6, D2 and ADR 0008: people who arrive, move and leave are evaluated for the years they served.
@Suite("Service record: who is evaluated and who owes the work log")
struct ServiceRecordTests: ServiceFixtures {
    let profile = RegulationProfile.binhDuong2013
    /// Evaluation year 2025 runs from 01/10/2024 to 30/09/2025; its log is due before 01/10/2025.
    var period2025: ClosedRange<LocalDate> { profile.evaluationPeriod(year: 2025) }

    @Test func R15_6a_ADR8_daysServedCountsOnlyTheDaysHoldingThePost() {
        #expect(record((day(2015, 1, 1), .active)).daysServed(in: period2025) == 365)
        #expect(record((day(2025, 9, 21), .active)).daysServed(in: period2025) == 10)
        // Resigned effective 11/10/2024: served 01/10 to 10/10.
        #expect(record((day(2015, 1, 1), .active), (day(2024, 10, 11), .resigned)).daysServed(in: period2025) == 10)
        // Study and long leave still hold the post (D6).
        #expect(record((day(2015, 1, 1), .active), (day(2025, 1, 1), .study)).daysServed(in: period2025) == 365)
    }

    @Test func R15_6a_ADR8_whoLeftBeforeThePeriodIsNotEvaluatedForIt() {
        let left = record((day(2015, 1, 1), .active), (day(2024, 6, 1), .retired))
        #expect(!EvaluationDuty.isEvaluated(left, year: 2025, profile: profile))
        #expect(!EvaluationDuty.owesWorkLog(left, year: 2025, profile: profile))
        #expect(EvaluationDuty.isEvaluated(left, year: 2024, profile: profile))
        #expect(!EvaluationDuty.isEvaluated(left, year: 2026, profile: profile))
    }

    @Test func R15_6a_ADR8_whoLeftDuringTheYearIsGradedByAPersonNeverDeemedD() {
        let left = record((day(2015, 1, 1), .active), (day(2025, 3, 1), .resigned))
        #expect(EvaluationDuty.isEvaluated(left, year: 2025, profile: profile))
        #expect(!EvaluationDuty.owesWorkLog(left, year: 2025, profile: profile))
    }

    @Test func R15_6a_ADR8_theLastDayBeforeTheDeadlineDecidesWhetherTheLogIsOwed() {
        // Leaving on the deadline day itself: the post was held through 30/09, so the log was owed.
        let onDeadline = record((day(2015, 1, 1), .active), (day(2025, 10, 1), .resigned))
        #expect(EvaluationDuty.owesWorkLog(onDeadline, year: 2025, profile: profile))
        let dayBefore = record((day(2015, 1, 1), .active), (day(2025, 9, 30), .resigned))
        #expect(!EvaluationDuty.owesWorkLog(dayBefore, year: 2025, profile: profile))
    }

    @Test func R15_6a_ADR8_aTransferBetweenAgenciesKeepsServiceAndOneHistory() {
        // Recorded as `transferred` at the old agency and `active` at the new one, the same day.
        let moved = record((day(2015, 1, 1), .active), (day(2025, 3, 1), .transferred), (day(2025, 3, 1), .active))
        #expect(moved.daysServed(in: period2025) == 365)
        #expect(EvaluationDuty.owesWorkLog(moved, year: 2025, profile: profile))
        #expect(moved.leftOn == nil)
        // Transferred out of IT duty (no new post): service ends.
        let out = record((day(2015, 1, 1), .active), (day(2025, 3, 1), .transferred))
        #expect(out.leftOn == day(2025, 3, 1))
        #expect(!EvaluationDuty.owesWorkLog(out, year: 2025, profile: profile))
    }

    @Test func R15_6a_ADR8_whoComesBackServesAgainFromTheReturn() {
        let back = record((day(2015, 1, 1), .active), (day(2024, 5, 1), .resigned), (day(2025, 9, 1), .active))
        #expect(back.daysServed(in: period2025) == 30)
        #expect(EvaluationDuty.owesWorkLog(back, year: 2025, profile: profile))
        var exempting = profile
        exempting.newOfficerExemptionDays = 45
        #expect(!EvaluationDuty.isEvaluated(back, year: 2025, profile: exempting))
    }

    @Test func R15_6a_ADR8_theExemptionDaysApplyToLeaversAsToNewcomers() {
        var exempting = profile
        exempting.newOfficerExemptionDays = 30
        let shortStay = record((day(2015, 1, 1), .active), (day(2024, 10, 21), .resigned))
        #expect(shortStay.daysServed(in: period2025) == 20)
        #expect(EvaluationDuty.isEvaluated(shortStay, year: 2025, profile: profile))
        #expect(!EvaluationDuty.isEvaluated(shortStay, year: 2025, profile: exempting))
    }

    @Test func R15_6a_D2_automaticDSkipsWhoLeftBeforeTheDeadline() {
        let deadline = WorkLogDeadline(profile: profile).instant(year: 2025)
        func officer(_ service: ServiceRecord) -> AutomaticD.Officer {
            AutomaticD.Officer(id: UUID(), scope: .inScope, worksAtITAuthority: false, service: service,
                               receivedAt: nil, hasManualGrade: false)
        }
        let stayed = officer(record((day(2015, 1, 1), .active)))
        let resigned = officer(record((day(2015, 1, 1), .active), (day(2025, 3, 1), .resigned)))
        let retiredLongAgo = officer(record((day(2015, 1, 1), .active), (day(2020, 1, 1), .retired)))
        let graded = AutomaticD.officers([stayed, resigned, retiredLongAgo], year: 2025, profile: profile,
                                         now: deadline.addingTimeInterval(3600))
        #expect(graded == [stayed.id])
    }
}
