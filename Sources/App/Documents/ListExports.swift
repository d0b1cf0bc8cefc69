import Documents
import Domain
import Fluent
import Vapor

/// The exports of the list pages: the same filters and visibility as the page, every row instead
/// of one page, fetched in batches.
enum ListExports {
    static let batch = 1000

    /// Runs `page` over the pages of a list, a thousand rows each, until the list ends.
    static func pages(_ page: (inout Paging) async throws -> Void) async throws {
        var paging = try Paging(page: 1, per: nil)
        paging.per = batch
        repeat {
            try await page(&paging)
            paging.page += 1
        } while paging.offset < paging.total
    }

    static func agencies(_ filter: AgencyFilter, visible: VisibleAgencies?, on db: any Database) -> ListExport {
        ListExport(fileStem: "danh-sach-co-quan", sheetName: "Cơ quan", columns: [
            SheetColumn("Tên cơ quan, đơn vị", width: 45), SheetColumn("Tên viết tắt", width: 14),
            SheetColumn("Loại hình", width: 26), SheetColumn("Cấp", width: 12), SheetColumn("Huyện, thị xã, thành phố", width: 22),
            SheetColumn("Thủ trưởng", width: 24), SheetColumn("Chức vụ thủ trưởng", width: 20), SheetColumn("Tình trạng", width: 14),
        ]) { emit in
            try await pages { paging in
                try emit(try await RegistryQueries.agencies(filter, visible: visible, paging: &paging, as: AgencyRecord.self, on: db).map { a in
                    [.text(a.name), .text(a.shortName), .text(a.agencyKind.label), .text(a.adminLevel.label), .text(a.district),
                     .text(a.headName), .text(a.headTitle), .text(a.isActive ? "Đang hoạt động" : "Ngừng hoạt động")]
                })
            }
        }
    }

    static func officers(_ filter: OfficerFilter, visible: VisibleAgencies?, on db: any Database) -> ListExport {
        ListExport(fileStem: "danh-sach-can-bo-cntt", sheetName: "Cán bộ CNTT", columns: [
            SheetColumn("Họ và tên", width: 26), SheetColumn("Ngày sinh", width: 12, .date), SheetColumn("Giới tính", width: 9),
            SheetColumn("Cơ quan", width: 40), SheetColumn("Phòng ban", width: 22), SheetColumn("Chức vụ", width: 18),
            SheetColumn("Chức danh", width: 22), SheetColumn("Mức ưu đãi hàng tháng", width: 18, .money),
            SheetColumn("Trạng thái", width: 16), SheetColumn("Phạm vi Quy chế", width: 24), SheetColumn("Ngày bắt đầu", width: 12, .date),
        ]) { emit in
            try await pages { paging in
                try emit(try await RegistryQueries.officers(filter, visible: visible, paging: &paging, as: OfficerRecord.self, on: db).map { o in
                    [.text(o.fullName), .optional(LocalDate(iso: o.dateOfBirth)), .text(Gender(rawValue: o.gender)?.label ?? ""),
                     .text(o.agencyName), .text(o.division), .text(o.position), .text(o.officerKind.label),
                     .optional(o.monthlyIncentive), .text(o.status.label), .text(o.scope.label), .optional(LocalDate(iso: o.startDate))]
                })
            }
        }
    }

    static func staffing(_ rows: [StaffingRow], year: Int) -> ListExport {
        ListExport(fileStem: "bo-tri-can-bo-cntt-\(year)", sheetName: "Bố trí CB CNTT \(year)", columns: [
            SheetColumn("Cơ quan", width: 45), SheetColumn("Mức ứng dụng CNTT", width: 10, .integer),
            SheetColumn("Chuyên trách", width: 12, .integer), SheetColumn("Bán chuyên trách", width: 12, .integer),
            SheetColumn("Tình trạng", width: 26), SheetColumn("Lý do", width: 60),
        ]) { emit in
            for chunk in stride(from: 0, to: rows.count, by: batch) {
                try emit(rows[chunk..<min(rows.count, chunk + batch)].map { r in
                    [.text(r.agencyName), .optional(r.itLevel), .integer(r.assessment.fullTime), .integer(r.assessment.partTime),
                     .text(r.assessment.status.label), .text(([r.assessment.reason] + r.assessment.marks).joined(separator: "; "))]
                })
            }
        }
    }
}
