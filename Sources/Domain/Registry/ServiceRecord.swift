import Foundation

/// The days a person held an IT post, from their dated employment changes (Art. 15; ADR 0008).
/// One record follows the person across agencies: a transfer between agencies is a `transferred`
/// change at the old agency and an `active` change at the new one on the same day, so service goes
/// on; a `transferred` change alone means the person left IT duty.
public struct ServiceRecord: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var on: LocalDate
        public var status: EmploymentStatus
        /// The agency the change was recorded at (the new one, for the arrival half of a move).
        public var agency: UUID?
        public init(on: LocalDate, status: EmploymentStatus, agency: UUID? = nil) {
            self.on = on; self.status = status; self.agency = agency
        }
    }

    /// The changes in the order they took effect (the order they were recorded settles a day with two).
    public let changes: [Change]

    public init(changes: [Change]) {
        // Stable: changes of the same day keep the order they were recorded in.
        self.changes = changes.enumerated().sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }.map(\.element)
    }

    /// The record starts on the start date of the IT role: someone with no recorded change (an imported
    /// record) has served since then, and so has someone whose first recorded change came later.
    public init(startDate: LocalDate, changes: [Change]) {
        let first = changes.map(\.on).min()
        self.init(changes: first.map { $0 <= startDate } == true ? changes : [Change(on: startDate, status: .active)] + changes)
    }

    /// Whether the person held the post at the end of `date` (the last change of that day counts).
    public func holdsPost(on date: LocalDate) -> Bool {
        changes.last { $0.on <= date }?.status.holdsPost ?? false
    }

    /// Where the person held the post on `date`: the agency of the last change on or before it that names
    /// one; before the first such change, that change's agency. Nil when no change names an agency.
    public func agency(on date: LocalDate) -> UUID? {
        changes.last { $0.on <= date && $0.agency != nil }?.agency ?? changes.first { $0.agency != nil }?.agency
    }

    /// The first day of `days` on which the person held the post, if any.
    public func firstDayHoldingPost(in days: ClosedRange<LocalDate>) -> LocalDate? {
        if holdsPost(on: days.lowerBound) { return days.lowerBound }
        return changes.lazy.map(\.on).first { $0 > days.lowerBound && $0 <= days.upperBound && holdsPost(on: $0) }
    }

    /// The days of `period` (both ends included) on which the person held the post.
    public func daysServed(in period: ClosedRange<LocalDate>) -> Int {
        var days = 0
        var holding = holdsPost(on: period.lowerBound.adding(days: -1))
        var since = period.lowerBound
        for change in changes where change.on >= period.lowerBound && change.on <= period.upperBound {
            let now = change.status.holdsPost
            guard now != holding else { continue }
            if holding { days += since.days(until: change.on) } else { since = change.on }
            holding = now
        }
        if holding { days += since.days(until: period.upperBound) + 1 }
        return days
    }

    /// The day the person last stopped holding the post, if they do not hold it now.
    public var leftOn: LocalDate? {
        guard let last = changes.last, !last.status.holdsPost else { return nil }
        return last.on
    }
}

/// Who is evaluated for a year, and who may get the automatic D (Art. 15.6, D2; ADR 0008).
public enum EvaluationDuty {
    /// Evaluated for `year` when the person held an IT post on at least one day of its period and on
    /// at least the profile's exemption days. Someone who left during the year and served that long is
    /// graded by a person; someone who did not serve the period is not evaluated for it.
    public static func isEvaluated(_ service: ServiceRecord, year: Int, profile: RegulationProfile) -> Bool {
        let served = service.daysServed(in: profile.evaluationPeriod(year: year))
        return served >= max(1, profile.newOfficerExemptionDays)
    }

    /// The automatic D is for those who still held the post when the log was due: the day before
    /// the deadline. Someone who left before it is graded by a person, never deemed D by the system.
    public static func owesWorkLog(_ service: ServiceRecord, year: Int, profile: RegulationProfile) -> Bool {
        let deadline = WorkLogDeadline(profile: profile).date(year: year)
        return isEvaluated(service, year: year, profile: profile) && service.holdsPost(on: deadline.adding(days: -1))
    }
}
