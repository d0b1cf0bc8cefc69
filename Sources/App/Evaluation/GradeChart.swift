import Domain
import Fluent
import Foundation

/// The year's A–D distribution by district (issue 11 §4), for those who read the province's grades.
/// An officer counts in the district of the agency they belong to today.
enum GradeChart {
    /// Counted by the database, one row per district and grade: at 20,000 officers, loading every
    /// grade and officer of the year as models took 4 s of the page (issue 14). The rows are summed,
    /// then sorted by name; the statement still names its order, so its answer never depends on a plan.
    static func byDistrict(year: Int, on db: any Database) async throws -> BarChart {
        let rows = try await RawRows.all("""
            SELECT a.district AS district, g.grade AS grade, COUNT(*) AS n FROM \(name: GradeModel.schema) g
            LEFT JOIN \(name: OfficerModel.schema) o ON o.id = g.officer_id
            LEFT JOIN \(name: AgencyModel.schema) a ON a.id = o.agency_id
            WHERE g.year = \(bind: year) GROUP BY a.district, g.grade ORDER BY a.district, g.grade
            """, on: db) { (district: try $0.string("district") ?? "", grade: try $0.string("grade"), n: try $0.int("n") ?? 0) }
        var counts: [String: [Int]] = [:]
        for row in rows {
            guard let grade = row.grade.flatMap(Grade.init(rawValue:)), let index = Grade.allCases.firstIndex(of: grade) else { continue }
            counts[row.district.isEmpty ? "Cấp tỉnh" : row.district, default: [0, 0, 0, 0]][index] += row.n
        }
        return BarChart(title: "Kết quả xếp loại năm \(year) theo huyện",
                        caption: "Số cán bộ được xếp từng loại (kể cả loại D tự động do không nộp Sổ công tác đúng hạn).",
                        rowHeading: "Huyện", keys: [("Loại A", "grade-a"), ("Loại B", "grade-b"), ("Loại C", "grade-c"), ("Loại D", "grade-d")],
                        rows: VietnameseText.sorted(counts, byName: \.key).map { (label: $0.key, values: $0.value) })
    }
}
