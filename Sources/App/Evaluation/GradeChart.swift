import Domain
import Fluent
import Foundation

/// The year's A–D distribution by district (issue 11 §4), for those who read the province's grades.
/// An officer counts in the district of the agency they belong to today.
enum GradeChart {
    static func byDistrict(year: Int, on db: any Database) async throws -> BarChart {
        let grades = try await GradeModel.query(on: db).filter(\.$year == year).field(\.$officer.$id).field(\.$grade).all()
        let officerIDs = Set(grades.map { $0.$officer.id })
        let agencyOf = try await OfficerModel.query(on: db).filter(\.$id ~~ Array(officerIDs)).field(\.$id).field(\.$agency.$id).all()
            .reduce(into: [UUID: UUID]()) { map, o in if let id = o.id { map[id] = o.$agency.id } }
        let districtOf = try await AgencyModel.query(on: db).filter(\.$id ~~ Array(Set(agencyOf.values))).field(\.$id).field(\.$district).all()
            .reduce(into: [UUID: String]()) { map, a in if let id = a.id { map[id] = a.district.isEmpty ? "Cấp tỉnh" : a.district } }
        var counts: [String: [Int]] = [:]
        for g in grades {
            guard let grade = Grade(rawValue: g.grade), let index = Grade.allCases.firstIndex(of: grade) else { continue }
            let name = agencyOf[g.$officer.id].flatMap { districtOf[$0] } ?? "Cấp tỉnh"
            counts[name, default: [0, 0, 0, 0]][index] += 1
        }
        return BarChart(title: "Kết quả xếp loại năm \(year) theo huyện",
                        caption: "Số cán bộ được xếp từng loại (kể cả loại D tự động do không nộp Sổ công tác đúng hạn).",
                        rowHeading: "Huyện", keys: [("Loại A", "grade-a"), ("Loại B", "grade-b"), ("Loại C", "grade-c"), ("Loại D", "grade-d")],
                        rows: VietnameseText.sorted(counts, byName: \.key).map { (label: $0.key, values: $0.value) })
    }
}
