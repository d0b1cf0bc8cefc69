import Foundation

/// What an agency spent on one officer's IT incentive over a period (Art. 15.5.b; D11; ADR 0009).
///
/// The incentive is paid by the month, like a salary allowance:
/// - a calendar month of the period counts when the officer held the post (by their service record)
///   on at least one of its days within the period; leave and study still hold it (D6), a resignation,
///   retirement or leaving IT duty ends it from its effective day;
/// - the month is paid at the amount in force on the first of those days, if the officer receives the
///   incentive that day; a change that takes effect later in the month counts from the next month;
/// - the month belongs to the agency where the officer held the post on that day.
public enum IncentiveSpend {
    public struct Month: Sendable, Equatable {
        /// The first day of the calendar month.
        public var month: LocalDate
        /// The first day of the month, within the period, on which the officer held the post.
        public var firstDayHeld: LocalDate
        /// The monthly amount in force that day; 0 when the officer did not receive the incentive.
        public var amount: Int
        /// The agency where the officer held the post that day; nil when the record names none.
        public var agency: UUID?
    }

    /// The months of `period` in which the officer held the post, each with its amount.
    public static func months(_ service: ServiceRecord, _ incentives: IncentiveHistory,
                              in period: ClosedRange<LocalDate>) -> [Month] {
        var result: [Month] = []
        var start = LocalDate(year: period.lowerBound.year, month: period.lowerBound.month, day: 1) ?? period.lowerBound
        while start <= period.upperBound {
            let end = start.adding(days: LocalDate.daysIn(month: start.month, year: start.year) - 1)
            let days = max(start, period.lowerBound)...min(end, period.upperBound)
            if let first = service.firstDayHoldingPost(in: days) {
                result.append(Month(month: start, firstDayHeld: first, amount: incentives.inForce(on: first)?.monthlyPay ?? 0,
                                    agency: service.agency(on: first)))
            }
            start = end.adding(days: 1)
        }
        return result
    }

    /// The officer's incentive spend over `period`: the sum of the months paid.
    public static func total(_ service: ServiceRecord, _ incentives: IncentiveHistory, in period: ClosedRange<LocalDate>) -> Int {
        months(service, incentives, in: period).reduce(0) { $0 + $1.amount }
    }
}
