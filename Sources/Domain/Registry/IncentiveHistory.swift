import Foundation

/// An officer's monthly IT incentive over time ("Mức ưu đãi hàng tháng", Appendix I Form 1; Art. 15.5.b):
/// each entry says, from its day on, whether the officer receives the incentive and the monthly amount.
/// A change of amount or of receiving is a new entry; none is ever rewritten (ADR 0009).
public struct IncentiveHistory: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var on: LocalDate
        public var receives: Bool
        public var monthlyAmount: Int?
        public init(on: LocalDate, receives: Bool, monthlyAmount: Int?) {
            self.on = on; self.receives = receives; self.monthlyAmount = monthlyAmount
        }

        /// What the entry pays for a month: the amount when the officer receives the incentive, else nothing.
        public var monthlyPay: Int { receives ? max(0, monthlyAmount ?? 0) : 0 }
    }

    /// The entries in the order they took effect (the order they were recorded settles a day with two).
    public let entries: [Entry]

    public init(entries: [Entry]) {
        // Stable: entries of the same day keep the order they were recorded in.
        self.entries = entries.enumerated().sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }.map(\.element)
    }

    /// The entry in force on `date`: the last one that took effect on or before it. Before the first entry,
    /// the first one: what was recorded when the history began stands for the time before it (a record
    /// older than the history, a start date corrected to an earlier day).
    public func inForce(on date: LocalDate) -> Entry? {
        entries.last { $0.on <= date } ?? entries.first
    }
}
