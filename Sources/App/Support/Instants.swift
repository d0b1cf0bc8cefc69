import Domain
import Foundation

/// Instants as the application writes and shows them, computed from the milliseconds since 1970
/// without Foundation's formatter classes: an `ISO8601DateFormatter` or `DateFormatter` made per
/// call builds an ICU formatter each time, which cost more than the rest of a page (a third of
/// `/tai-khoan`, issue 14). The output is the formatters' own: the instant rounded to the nearest
/// millisecond, then cut to the fields printed (Foundation's `ISO8601FormatStyle` truncates instead,
/// and prints .918 for an instant read back from ".919").
enum Instants {
    static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current

    /// The stored form, UTC with milliseconds: "2026-12-02T01:22:12.123Z" (audit entries, logs).
    static func stored(_ date: Date) -> String {
        let f = Fields(milliseconds(date))
        return "\(f.day.iso)T\(two(f.hour)):\(two(f.minute)):\(two(f.second)).\(three(f.millisecond))Z"
    }

    /// The same to the second: "2026-12-02T01:22:12Z" (an evaluation year's steps).
    static func storedSeconds(_ date: Date) -> String {
        let f = Fields(milliseconds(date))
        return "\(f.day.iso)T\(two(f.hour)):\(two(f.minute)):\(two(f.second))Z"
    }

    /// dd/MM/yyyy HH:mm in `zone` (Vietnam's unless said otherwise), as pages show an instant.
    static func shown(_ date: Date, zone: TimeZone = vietnam) -> String {
        let ms = milliseconds(date)
        let f = Fields(ms + zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000)) * 1000)
        return "\(f.day.vietnamese) \(two(f.hour)):\(two(f.minute))"
    }

    /// "yyyy-MM-ddTHH:mm:ssZ" with or without a fraction of a second, as the stored forms are; nil
    /// for any other text.
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z"), b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10]),
              let hour = number(b[11..<13]), let minute = number(b[14..<16]), let second = number(b[17..<19]),
              hour < 24, minute < 60, second < 60, let date = LocalDate(year: year, month: month, day: day) else { return nil }
        var millisecond = 0
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count <= 30, let fraction = number(b[20..<(b.count - 1)]) else { return nil }
            let digits = b.count - 21
            millisecond = digits >= 3 ? fraction / pow10(digits - 3) : fraction * pow10(3 - digits)
        } else if b.count != 20 {
            return nil
        }
        let ms = ((date.dayNumber * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    // MARK: - Parts

    private struct Fields {
        var day: LocalDate, hour: Int, minute: Int, second: Int, millisecond: Int
        init(_ ms: Int) {
            let (days, rest) = ms.quotientAndRemainder(dividingBy: 86_400_000)
            let inDay = rest < 0 ? rest + 86_400_000 : rest
            day = LocalDate(dayNumber: rest < 0 ? days - 1 : days)
            hour = inDay / 3_600_000
            minute = inDay / 60_000 % 60
            second = inDay / 1000 % 60
            millisecond = inDay % 1000
        }
    }

    /// The formatters' rounding: half a millisecond up, then down (CoreFoundation's `floor(ms + 0.5)`).
    private static func milliseconds(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)) }
    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func three(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { value, _ in value * 10 } }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for d in digits {
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(d - UInt8(ascii: "0"))
        }
        return value
    }
}
