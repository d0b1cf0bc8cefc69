import Domain
import Foundation
import Testing

/// Art. 15.5.b, D11 and ADR 0009: incentive spend counts the months an officer held the post in the
/// evaluation year, each at the amount in force on its first day held.
@Suite("Incentive spend by months held (Art. 15.5, D11, ADR 0009)")
struct IncentiveSpendTests: ServiceFixtures {
    let profile = RegulationProfile.binhDuong2013
    func incentives(_ entries: (LocalDate, Bool, Int?)...) -> IncentiveHistory {
        IncentiveHistory(entries: entries.map { IncentiveHistory.Entry(on: $0.0, receives: $0.1, monthlyAmount: $0.2) })
    }
    /// Evaluation year 2025: 01/10/2024 to 30/09/2025, twelve months.
    var period2025: ClosedRange<LocalDate> { profile.evaluationPeriod(year: 2025) }
    var since2015: ServiceRecord { record((day(2015, 1, 1), .active)) }
    var steady: IncentiveHistory { incentives((day(2015, 1, 1), true, 1_500_000)) }

    @Test func R15_5_D11_ADR9_aFullYearIsTwelveMonthsAtTheAmount() {
        let months = IncentiveSpend.months(since2015, steady, in: period2025)
        #expect(months.count == 12)
        #expect(months.first?.month == day(2024, 10, 1) && months.last?.month == day(2025, 9, 1))
        #expect(IncentiveSpend.total(since2015, steady, in: period2025) == 18_000_000)
    }

    @Test func R15_5_D11_ADR9_whoStartsMidYearCountsFromTheMonthTheyStarted() {
        let start = day(2025, 3, 31)
        let newcomer = ServiceRecord(startDate: start, changes: [])
        let months = IncentiveSpend.months(newcomer, incentives((start, true, 1_500_000)), in: period2025)
        #expect(months.map(\.month.month) == [3, 4, 5, 6, 7, 8, 9], "March counts: one day held")
        #expect(months.first?.firstDayHeld == start)
        #expect(IncentiveSpend.total(newcomer, incentives((start, true, 1_500_000)), in: period2025) == 10_500_000)
    }

    @Test func R15_5_D11_ADR9_whoResignsMidYearCountsUntilTheLastMonthHeld() {
        // Resigned effective 01/04/2025: the post was last held on 31/03, April is not paid.
        let resigned = record((day(2015, 1, 1), .active), (day(2025, 4, 1), .resigned))
        #expect(IncentiveSpend.total(resigned, steady, in: period2025) == 6 * 1_500_000)
        // Effective 15/04/2025: held from 1 to 14 April, so April counts.
        let later = record((day(2015, 1, 1), .active), (day(2025, 4, 15), .resigned))
        #expect(IncentiveSpend.total(later, steady, in: period2025) == 7 * 1_500_000)
        // Retired or left IT duty end it the same way.
        let retired = record((day(2015, 1, 1), .active), (day(2025, 4, 1), .retired))
        #expect(IncentiveSpend.total(retired, steady, in: period2025) == 6 * 1_500_000)
    }

    @Test func R15_5_D11_ADR9_aMidYearChangeIsPaidFromTheMonthItIsInForceOnTheFirstDay() {
        let raised = incentives((day(2015, 1, 1), true, 1_500_000), (day(2025, 4, 1), true, 2_000_000))
        #expect(IncentiveSpend.total(since2015, raised, in: period2025) == 6 * 1_500_000 + 6 * 2_000_000)
        // In force from 15/04: April is still paid at the old amount.
        let midMonth = incentives((day(2015, 1, 1), true, 1_500_000), (day(2025, 4, 15), true, 2_000_000))
        #expect(IncentiveSpend.total(since2015, midMonth, in: period2025) == 7 * 1_500_000 + 5 * 2_000_000)
        // Two entries of the same day: the one recorded last is in force.
        let corrected = incentives((day(2015, 1, 1), true, 1_500_000), (day(2025, 4, 1), true, 2_500_000),
                                   (day(2025, 4, 1), true, 2_000_000))
        #expect(IncentiveSpend.total(since2015, corrected, in: period2025) == 6 * 1_500_000 + 6 * 2_000_000)
    }

    @Test func R15_5_D11_ADR9_whoStopsReceivingIsPaidNothingFromThen() {
        let stopped = incentives((day(2015, 1, 1), true, 1_500_000), (day(2025, 7, 1), false, 1_500_000))
        let months = IncentiveSpend.months(since2015, stopped, in: period2025)
        #expect(months.count == 12, "still held the post")
        #expect(months.filter { $0.amount == 0 }.map(\.month.month) == [7, 8, 9])
        #expect(IncentiveSpend.total(since2015, stopped, in: period2025) == 9 * 1_500_000)
        // Never received: nothing, whatever amount the form carries.
        #expect(IncentiveSpend.total(since2015, incentives((day(2015, 1, 1), false, 1_500_000)), in: period2025) == 0)
        #expect(IncentiveSpend.total(since2015, incentives((day(2015, 1, 1), true, nil)), in: period2025) == 0)
    }

    @Test func R15_5_D6_ADR9_leaveAndStudyStillHoldThePostAndArePaid() {
        let away = record((day(2015, 1, 1), .active), (day(2025, 1, 1), .leave), (day(2025, 3, 1), .study),
                          (day(2025, 6, 1), .active))
        #expect(IncentiveSpend.total(away, steady, in: period2025) == 12 * 1_500_000)
        // Stopping the payment during leave is its own entry in the incentive history.
        let unpaid = incentives((day(2015, 1, 1), true, 1_500_000), (day(2025, 1, 1), false, 1_500_000),
                                (day(2025, 6, 1), true, 1_500_000))
        #expect(IncentiveSpend.total(away, unpaid, in: period2025) == 7 * 1_500_000)
    }

    @Test func R15_5_ADR8_ADR9_aYearOutsideServiceCostsNothing() {
        let retired = record((day(2015, 1, 1), .active), (day(2024, 6, 1), .retired))
        #expect(IncentiveSpend.months(retired, steady, in: period2025).isEmpty)
        let later = ServiceRecord(startDate: day(2025, 10, 1), changes: [])
        #expect(IncentiveSpend.total(later, incentives((day(2025, 10, 1), true, 1_500_000)), in: period2025) == 0)
        #expect(IncentiveSpend.months(record(), steady, in: period2025).isEmpty, "no record, no service")
    }

    @Test func R15_5_ADR8_ADR9_whoComesBackIsPaidAgainFromTheReturn() {
        let back = record((day(2015, 1, 1), .active), (day(2024, 12, 1), .resigned), (day(2025, 5, 20), .active))
        let months = IncentiveSpend.months(back, steady, in: period2025).map(\.month.month)
        #expect(months == [10, 11, 5, 6, 7, 8, 9])
    }

    @Test func R15_5_ADR8_ADR9_aMoveBetweenAgenciesSplitsTheMonthsByWhereThePostWasHeld() {
        let (old, new) = (UUID(), UUID())
        let moved = ServiceRecord(changes: [
            .init(on: day(2015, 1, 1), status: .active, agency: old),
            .init(on: day(2025, 2, 10), status: .transferred, agency: old),
            .init(on: day(2025, 2, 10), status: .active, agency: new),
        ])
        let months = IncentiveSpend.months(moved, steady, in: period2025)
        #expect(months.count == 12, "one record, no gap")
        #expect(months.filter { $0.agency == old }.map(\.month.month) == [10, 11, 12, 1, 2])
        #expect(months.filter { $0.agency == new }.count == 7)
    }

    @Test func R15_5_ADR9_theFirstEntryStandsForTheTimeBeforeTheHistoryBegan() {
        // The start date was corrected to an earlier day after the record (and its first entry) was made.
        let history = incentives((day(2025, 1, 1), true, 1_500_000))
        #expect(IncentiveSpend.total(since2015, history, in: period2025) == 12 * 1_500_000)
        #expect(IncentiveSpend.total(since2015, incentives(), in: period2025) == 0, "no history, nothing paid")
    }

    @Test func R15_5_ADR9_aPeriodThatStartsMidMonthCountsThatMonthFromItsStart() {
        let days = day(2024, 10, 15)...day(2025, 10, 14)
        #expect(IncentiveSpend.months(since2015, steady, in: days).count == 13)
        let left = record((day(2015, 1, 1), .active), (day(2024, 10, 10), .resigned))
        #expect(IncentiveSpend.months(left, steady, in: days).isEmpty, "left before the period began")
    }
}
