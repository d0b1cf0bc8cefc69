import Foundation

/// The work-log deadline (Art. 15.6, D2): the log must be received before 1 October 00:00 local
/// time of the evaluation year (profile setting).
public struct WorkLogDeadline: Sendable {
    public var profile: RegulationProfile

    public init(profile: RegulationProfile) { self.profile = profile }

    public func date(year: Int) -> LocalDate {
        profile.workLogDeadline.inYear(year) ?? LocalDate(year: year, month: 10, day: 1)!
    }

    /// The instant the deadline falls: 00:00 of the deadline day where the regulation applies.
    public func instant(year: Int) -> Date {
        date(year: year).start(in: TimeZone(identifier: profile.timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!)
    }

    /// D2: on time when received strictly before the deadline instant.
    public func isOnTime(receivedAt: Date, year: Int) -> Bool { receivedAt < instant(year: year) }

    /// R-15.6a: reminders 30, 7 and 1 days before the deadline; the one due today, if any.
    public static let reminderDays = [30, 7, 1]

    public func reminderDue(today: LocalDate, year: Int) -> Int? {
        let left = today.days(until: date(year: year))
        return Self.reminderDays.first { $0 == left }
    }

    /// Days left until the deadline (negative after it).
    public func daysLeft(today: LocalDate, year: Int) -> Int { today.days(until: date(year: year)) }
}

/// The head's periodic review of the work log (Art. 13.3); the period is a setting, monthly by default.
public enum SignOffPeriod {
    /// The monthly periods of an evaluation period that have ended by `today`.
    public static func endedMonths(in period: ClosedRange<LocalDate>, today: LocalDate) -> [ClosedRange<LocalDate>] {
        var months: [ClosedRange<LocalDate>] = []
        var start = LocalDate(year: period.lowerBound.year, month: period.lowerBound.month, day: 1)!
        while start <= period.upperBound {
            let end = LocalDate(year: start.year, month: start.month, day: LocalDate.daysIn(month: start.month, year: start.year))!
            if end >= today { break }
            months.append(max(start, period.lowerBound)...min(end, period.upperBound))
            start = end.adding(days: 1)
        }
        return months
    }

    /// "tháng 09/2025"
    public static func label(_ range: ClosedRange<LocalDate>) -> String {
        String(format: "tháng %02d/%04d", range.lowerBound.month, range.lowerBound.year)
    }
}
