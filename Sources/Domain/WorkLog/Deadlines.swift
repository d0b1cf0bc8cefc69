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
    public func isOnTime(receivedAt: Date, year: Int) -> Bool { isOnTime(year: year)(receivedAt) }

    /// D2 for the many logs of one year (a list, the year-end run): the instant is found once, not
    /// for each log (a time zone and a calendar each time: 1.8 % of a head's evaluation list, issue 14).
    public func isOnTime(year: Int) -> @Sendable (Date) -> Bool {
        let due = instant(year: year)
        return { $0 < due }
    }

    /// R-15.6a: reminders 30, 7 and 1 days before the deadline; the one due today, if any.
    public static let reminderDays = [30, 7, 1]

    public func reminderDue(today: LocalDate, year: Int) -> Int? {
        let left = today.days(until: date(year: year))
        return Self.reminderDays.first { $0 == left }
    }

    /// Days left until the deadline (negative after it).
    public func daysLeft(today: LocalDate, year: Int) -> Int { today.days(until: date(year: year)) }
}

/// How often the head reviews and signs the log (Art. 13.3 leaves it open; a profile setting).
public enum SignOffInterval: String, CaseIterable, Codable, Sendable {
    case monthly, quarterly

    public var months: Int { self == .monthly ? 1 : 3 }

    public var label: String { self == .monthly ? "Hằng tháng" : "Hằng quý" }
}

/// The head's periodic review of the work log (Art. 13.3); the period is a setting, monthly by default.
public enum SignOffPeriod {
    /// The review periods of an evaluation period that have ended by `today`, `interval` long each,
    /// counted from the first day of the evaluation period's first month.
    public static func ended(in period: ClosedRange<LocalDate>, every interval: SignOffInterval = .monthly,
                             today: LocalDate) -> [ClosedRange<LocalDate>] {
        var periods: [ClosedRange<LocalDate>] = []
        var start = LocalDate(year: period.lowerBound.year, month: period.lowerBound.month, day: 1)!
        while start <= period.upperBound {
            var lastMonth = (year: start.year, month: start.month + interval.months - 1)
            if lastMonth.month > 12 { lastMonth = (lastMonth.year + 1, lastMonth.month - 12) }
            let end = LocalDate(year: lastMonth.year, month: lastMonth.month,
                                day: LocalDate.daysIn(month: lastMonth.month, year: lastMonth.year))!
            if end >= today { break }
            periods.append(max(start, period.lowerBound)...min(end, period.upperBound))
            start = end.adding(days: 1)
        }
        return periods
    }

    /// "tháng 09/2025", or "quý IV/2025" for a calendar quarter, or "tháng 11/2025–01/2026".
    public static func label(_ range: ClosedRange<LocalDate>) -> String {
        let (a, b) = (range.lowerBound, range.upperBound)
        if a.year == b.year && a.month == b.month { return String(format: "tháng %02d/%04d", a.month, a.year) }
        if a.year == b.year && b.month - a.month == 2 && (a.month - 1) % 3 == 0 {
            return "quý \(["I", "II", "III", "IV"][(a.month - 1) / 3])/\(a.year)"
        }
        return String(format: "tháng %02d/%04d–%02d/%04d", a.month, a.year, b.month, b.year)
    }
}
