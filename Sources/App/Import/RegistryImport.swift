import Domain
import Fluent
import Foundation

/// `qlcb import agencies|officers FILE.csv`: every row is checked first; any invalid row is reported
/// by line and column in Vietnamese and nothing is imported. Valid files are written in one
/// transaction, each record with its audit entry.
enum RegistryImport {
    struct Column: Sendable {
        var label: String
        var field: String
        var required: Bool = false
    }

    static let agencyColumns = [
        Column(label: "Tên cơ quan", field: "name", required: true), Column(label: "Tên viết tắt", field: "shortName"),
        Column(label: "Loại", field: "kind", required: true), Column(label: "Cấp", field: "level", required: true),
        Column(label: "Cơ quan chủ quản", field: "governingAgencyID"), Column(label: "Huyện", field: "district"),
        Column(label: "Địa chỉ", field: "address"), Column(label: "Thủ trưởng", field: "headName"),
        Column(label: "Chức vụ thủ trưởng", field: "headTitle"),
    ]

    static let officerColumns = [
        Column(label: "Họ và tên", field: "fullName", required: true), Column(label: "Ngày sinh", field: "dateOfBirth", required: true),
        Column(label: "Giới tính", field: "gender", required: true), Column(label: "Chức vụ", field: "position", required: true),
        Column(label: "Chức danh", field: "kind", required: true), Column(label: "Mức ưu đãi", field: "monthlyIncentive"),
        Column(label: "Cơ quan", field: "agencyID", required: true), Column(label: "Phòng ban", field: "division"),
        Column(label: "Số định danh", field: "idNumber", required: true), Column(label: "Điện thoại", field: "phone"),
        Column(label: "Email", field: "email"), Column(label: "Trình độ", field: "qualifications"),
        Column(label: "Chứng chỉ", field: "certificates"), Column(label: "Loại cán bộ", field: "civilServiceStatus"),
        Column(label: "Hưởng ưu đãi", field: "receivesIncentive"), Column(label: "Ngày bắt đầu", field: "startDate", required: true),
    ]

    struct Failure: Error, CustomStringConvertible {
        var problems: [String]
        var description: String {
            (["Không nhập dữ liệu nào vì tệp có \(problems.count) lỗi:"] + problems.prefix(200)
                + (problems.count > 200 ? ["… và \(problems.count - 200) lỗi khác."] : [])).joined(separator: "\n")
        }
    }

    /// Maps the header to columns by folded label, so "Ho va ten" and "Họ và tên" both work.
    static func header(_ row: CSVReader.Row, _ columns: [Column]) -> Result<[String: Int], Failure> {
        var index: [String: Int] = [:]
        for (i, name) in row.fields.enumerated() {
            let folded = VietnameseText.fold(name)
            if let column = columns.first(where: { VietnameseText.fold($0.label) == folded }) { index[column.field] = i }
        }
        let missing = columns.filter { $0.required && index[$0.field] == nil }.map { "“\($0.label)”" }
        if !missing.isEmpty {
            return .failure(Failure(problems: ["Dòng 1: thiếu cột \(missing.joined(separator: ", ")). Các cột: "
                + columns.map(\.label).joined(separator: ", ") + "."]))
        }
        return .success(index)
    }

    static func value(_ row: CSVReader.Row, _ index: [String: Int], _ field: String) -> String {
        guard let i = index[field], i < row.fields.count else { return "" }
        return row.fields[i].trimmingCharacters(in: .whitespaces)
    }

    static func describe(_ errors: FieldErrors, line: Int, columns: [Column]) -> [String] {
        errors.messages.sorted { $0.key < $1.key }.map { field, message in
            let label = columns.first { $0.field == field }?.label ?? field
            return "Dòng \(line), cột “\(label)”: \(message)"
        }
    }

    /// Matches a value to an enum by code or by its Vietnamese label, ignoring diacritics.
    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ type: T.Type, aliases: [String: T] = [:],
                                                           label: (T) -> String) -> String where T.RawValue == String {
        let folded = VietnameseText.fold(text)
        if let match = T.allCases.first(where: { $0.rawValue.lowercased() == folded || VietnameseText.fold(label($0)) == folded }) {
            return match.rawValue
        }
        return aliases[folded]?.rawValue ?? text
    }

    /// Agencies by folded name, for "Cơ quan chủ quản" and "Cơ quan" columns; ambiguous names are marked.
    static func agencyNames(on db: any Database) async throws -> [String: UUID?] {
        var names: [String: UUID?] = [:]
        for agency in try await AgencyModel.query(on: db).filter(\.$isActive == true).all() {
            let key = VietnameseText.fold(agency.name)
            names[key] = names[key] == nil ? agency.id : .some(nil)
        }
        return names
    }
}
