@testable import App
import Foundation
import Testing

/// `Instants` replaced formatters made per call (issue 14); what they write and show must not change:
/// stored audit timestamps are hashed into the chain, and pages show dd/MM/yyyy HH:mm.
@Suite("Instants: written and shown as the formatters did")
struct InstantsTests {
    /// Instants from 1970 to 2100 with sub-millisecond parts (a generator with a fixed seed: every run
    /// checks the same instants), and the edges of days, months and years in Vietnam.
    var instants: [Date] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var dates = (0..<2_000).map { _ -> Date in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Date(timeIntervalSince1970: Double(state >> 11) / Double(1 << 53) * 4_102_444_800 + 0.000_7)
        }
        dates += [0, 1_735_664_399.999_9, 1_735_664_400, 1_767_200_399.5, 951_757_200].map(Date.init(timeIntervalSince1970:))
        return dates
    }

    @Test func theStoredTimestampIsTheOneTheISOFormatterWrote() throws {
        let old = ISO8601DateFormatter()
        old.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        old.timeZone = TimeZone(identifier: "UTC")
        let seconds = ISO8601DateFormatter()
        for date in instants {
            #expect(AuditLog.timestamp(date) == old.string(from: date))
            #expect(Instants.parse(AuditLog.timestamp(date)) == old.date(from: old.string(from: date)))
            #expect(Instants.storedSeconds(date) == seconds.string(from: date))
            #expect(Instants.parse(Instants.storedSeconds(date)) == seconds.date(from: seconds.string(from: date)))
        }
    }

    @Test func D14_anInstantIsShownAsDayMonthYearHourMinuteInVietnamOrTheZoneGiven() {
        for zone in [Instants.vietnam, TimeZone(identifier: "America/New_York")!, TimeZone(identifier: "UTC")!] {
            let old = DateFormatter()
            old.dateFormat = "dd/MM/yyyy HH:mm"
            old.timeZone = zone
            for date in instants { #expect(VietnameseTime.format(date, zone: zone) == old.string(from: date)) }
        }
        #expect(VietnameseTime.format(Date(timeIntervalSince1970: 1_735_664_400)) == "01/01/2025 00:00")
        #expect(AuditSentence.local("2024-12-31T17:00:00.000Z") == "01/01/2025 00:00")
        #expect(AuditSentence.local("không phải thời điểm") == "không phải thời điểm")
        for text in ["2024-13-01T00:00:00Z", "2024-12-31T24:00:00Z", "2024-12-31T23:59:60.000Z", "2024-12-31T23:59:59.Z",
                     "2024-12-31T23:59:59+07:00", "2024-12-31 23:59:59Z", "２０２４-12-31T23:59:59Z", ""] {
            #expect(Instants.parse(text) == nil, "\(text)")
        }
        #expect(Instants.parse("2024-12-31T17:00:00.5Z") == Date(timeIntervalSince1970: 1_735_664_400.5))
    }
}
