@testable import App
import Foundation
import Testing
import VaporTesting

/// Issue 11 §4: pictures where people would rather look than read, each with its numbers beside it.
@Suite("Charts beside their numbers (issue 11)")
struct ChartTests {
    @Test func barsAreProportionalAndTheWidestRowFillsTheChart() {
        let chart = BarChart(title: "t", caption: "c", rowHeading: "Huyện", keys: [("Đã nộp", "ok"), ("Chưa nộp", "pending")],
                             rows: [("Dĩ An", [3, 1]), ("Thuận An", [1, 1]), ("Trống", [0, 0])])
        #expect(chart.rows[0].segments.map(\.width) == [75, 25])
        #expect(chart.rows[0].segments[1].x == 75)
        #expect(chart.rows[1].segments.map(\.width) == [25, 25])
        #expect(chart.rows[2].segments.isEmpty && chart.rows[2].total == 0)
    }

    /// The numbers of a chart's table, row by row (label → total).
    func totals(_ html: String) -> [String: Int] {
        var totals: [String: Int] = [:]
        for match in html.matches(of: /<tr><th scope="row">([^<]+)<\/th>.*?<td class="num"><strong>(\d+)<\/strong><\/td><\/tr>/) {
            totals[String(match.output.1)] = Int(match.output.2)
        }
        return totals
    }

    @Test func submissionProgressCountsEveryFollowedOfficer() async throws {
        try await withWorld { app, _ in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let html = try await authority.get("/nop-so?year=2026").body.string
            #expect(html.contains("Tiến độ nộp Sổ công tác năm 2026"))
            let total = try #require(html.firstMatch(of: /<span class="num">\d+ \/ (\d+)<\/span>/).flatMap { Int($0.output.1) })
            #expect(totals(html).values.reduce(0, +) == total)
            #expect(html.contains("class=\"bar-pending\""))
        }
    }

    @Test func staffingByDistrictCountsEveryAgencyAndGradesShowOnlyToProvinceReaders() async throws {
        try await withWorld { app, _ in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let staffing = try await authority.get("/bien-che").body.string
            let agencies = try #require(staffing.matches(of: /<strong>(\d+)<\/strong><\/a>/).map { Int($0.output.1) ?? 0 }.reduce(0, +) as Int?)
            #expect(totals(staffing).values.reduce(0, +) == agencies)
            #expect(try await authority.get("/danh-gia/2026").body.string.contains("Kết quả xếp loại năm 2026 theo huyện"))
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(!(try await head.get("/danh-gia/2026").body.string.contains("theo huyện")))
            #expect(try await authority.get("/danh-gia/2026/hieu-qua").body.string.contains("Chi ưu đãi và chi thuê ngoài năm 2026"))
        }
    }
}
