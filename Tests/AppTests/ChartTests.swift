import Fluent
@testable import App
import Domain
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

    /// Issue 14: the grade chart is counted by the database. Each grade of the year counts once, in the
    /// district of its officer's agency ("Cấp tỉnh" for the province level), as the records say.
    @Test func theGradeChartCountsEachGradeOfTheYearInItsOfficersDistrict() async throws {
        try await withWorld { app, _ in
            let agencies = try await AgencyModel.query(on: app.db).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.district }
            let officers = try await OfficerModel.query(on: app.db).all().reduce(into: [UUID: UUID]()) { $0[$1.id!] = $1.$agency.id }
            // Every officer graded in two years, the grade turning with their place in the list.
            for (index, officer) in officers.keys.sorted().enumerated() {
                for year in [2025, 2026] {
                    let model = GradeModel()
                    model.$officer.id = officer
                    model.year = year
                    model.grade = Grade.allCases[(index + year) % Grade.allCases.count].rawValue
                    model.reason = GradeReason.evaluated.rawValue
                    model.comment = ""
                    model.criteriaNotes = ""
                    model.enteredBy = "truongphong"
                    try await model.create(on: app.db)
                }
            }
            let grades = try await GradeModel.query(on: app.db).all()
            #expect(Set(officers.values.compactMap { agencies[$0] }).count > 2)   // several districts and the province level
            for year in Set(grades.map(\.year)) {
                var expected: [String: [Int]] = [:]
                for grade in grades where grade.year == year {
                    let district = officers[grade.$officer.id].flatMap { agencies[$0] } ?? ""
                    let index = try #require(Grade.allCases.firstIndex { $0.rawValue == grade.grade })
                    expected[district.isEmpty ? "Cấp tỉnh" : district, default: [0, 0, 0, 0]][index] += 1
                }
                let chart = try await GradeChart.byDistrict(year: year, on: app.db)
                #expect(Dictionary(uniqueKeysWithValues: chart.rows.map { ($0.label, $0.values) }) == expected, "năm \(year)")
                #expect(chart.rows.map(\.label) == VietnameseText.sorted(Array(expected.keys), byName: { $0 }))
            }
        }
    }
}
