import Foundation

/// A calendar date without a time (design.md: dates without time are `yyyy-MM-dd` values).
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the storage form `yyyy-MM-dd`.
    /// Exactly ten ASCII characters, digits and two hyphens (read as bytes: every export row and
    /// every service record goes through here).
    public init?(iso text: String) {
        let bytes = text.utf8
        guard bytes.count == 10 else { return nil }
        var y = 0, m = 0, d = 0
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch index {
            case 0..<4: y = y * 10 + digit
            case 5..<7: m = m * 10 + digit
            default: d = d * 10 + digit
            }
        }
        self.init(year: y, month: m, day: d)
    }

    /// Parses what a Vietnamese user types: `dd/MM/yyyy` (also `d/M/yyyy`), or the ISO form
    /// that an HTML date input sends.
    public init?(userInput text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let iso = LocalDate(iso: trimmed) { self = iso; return }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count),
              (1...2).contains(parts[1].count),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var iso: String { zeroPadded(year, 4) + "-" + zeroPadded(month, 2) + "-" + zeroPadded(day, 2) }
    /// D14: dates are shown as dd/MM/yyyy.
    public var vietnamese: String { zeroPadded(day, 2) + "/" + zeroPadded(month, 2) + "/" + zeroPadded(year, 4) }
    public var description: String { iso }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic without time zones.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// The date of an instant in a time zone (the product's is Asia/Ho_Chi_Minh, D14).
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The instant at which this date starts in a time zone.
    public func start(in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Ngày không hợp lệ: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// A day of the year such as 1 October, for deadlines set in the regulation profile.
public struct MonthDay: Hashable, Sendable, Codable {
    public var month: Int
    public var day: Int
    public init(month: Int, day: Int) { self.month = month; self.day = day }
    public func inYear(_ year: Int) -> LocalDate? { LocalDate(year: year, month: month, day: day) }
    public var vietnamese: String { zeroPadded(day, 2) + "/" + zeroPadded(month, 2) }
}

/// `n` written with at least `width` digits, as `%0Nd` writes it: `String(format:)` went through
/// Foundation's formatter for every date of every list row (3 % of a head's ticket page, issue 14).
func zeroPadded(_ n: Int, _ width: Int) -> String {
    let digits = String(n.magnitude)
    let zeros = String(repeating: "0", count: max(0, width - (n < 0 ? 1 : 0) - digits.count))
    return (n < 0 ? "-" : "") + zeros + digits
}
