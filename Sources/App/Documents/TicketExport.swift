import Documents
import Domain
import Fluent
import Foundation
import SQLKit

/// The ticket list export (issue 5 §4): one query over everything the viewer may see with the page's
/// filters, read row by row (only the printed columns, no model objects), newest first.
enum TicketExport {
    static let columns = [
        SheetColumn("Năm đánh giá", width: 8, .integer), SheetColumn("Số phiếu", width: 8, .integer),
        SheetColumn("Cán bộ CNTT", width: 24), SheetColumn("Cơ quan", width: 36), SheetColumn("Nhóm công việc", width: 28),
        SheetColumn("Chi tiết công việc", width: 50), SheetColumn("Nơi yêu cầu", width: 30), SheetColumn("Người yêu cầu", width: 22),
        SheetColumn("Ngày yêu cầu", width: 12, .date), SheetColumn("Ngày hoàn thành", width: 12, .date),
        SheetColumn("Trạng thái", width: 16), SheetColumn("Chi phí thuê ngoài", width: 16, .money),
    ]

    /// The printed columns and the sort key for the next chunk.
    static let selected: SQLQueryString = """
        t.id, t.year, t.number, o.full_name AS officer_name, a.name AS agency_name, t.task_group, t.task_other, t.details, \
        t.requester_unit, t.requester_name, t.requested_on, t.completed_on, t.status, t.external_cost
        """

    /// Collects rows from the database callback and hands them on a thousand at a time.
    private final class Batcher: @unchecked Sendable {
        var rows: [[Cell]] = []
        var read = 0
        var last: TicketCursor?
    }

    static func export(_ filter: TicketFilter, scope: TicketQueries.Scope, chunk: Int = 25_000, on db: any Database) -> ListExport {
        ListExport(fileStem: "danh-sach-phieu-cong-tac", sheetName: "Phiếu công tác", columns: columns) { emit in
            let batch = Batcher()
            // Chunks keep each statement short; each chunk is read row by row.
            repeat {
                guard let query = TicketQueries.rows(filter, scope: scope, after: batch.last, limit: chunk, columns: selected) else { return }
                batch.read = 0
                try await RawRows.each(query, on: db) { t in
                    batch.rows.append(try row(t))
                    batch.read += 1
                    batch.last = TicketCursor(requestedOn: try t.required("requested_on", t.string), id: try t.required("id", t.uuid))
                    if batch.rows.count == 1000 {
                        try emit(batch.rows)
                        batch.rows.removeAll(keepingCapacity: true)
                    }
                }
            } while batch.read == chunk
            try emit(batch.rows)
        }
    }

    static func row(_ t: any ResultColumns) throws -> [Cell] {
        let group = TaskGroup(rawValue: try t.string("task_group", default: "")) ?? .other
        let other = try t.string("task_other", default: "")
        return [
            .integer(try t.int("year") ?? 0), .optional(try t.int("number")),
            .text(try t.string("officer_name", default: "")), .text(try t.string("agency_name", default: "")),
            .text(group == .other && !other.isEmpty ? other : group.label), .text(try t.string("details", default: "")),
            .text(try t.string("requester_unit", default: "")), .text(try t.string("requester_name", default: "")),
            .optional((try t.string("requested_on")).flatMap(LocalDate.init(iso:))),
            .optional((try t.string("completed_on")).flatMap(LocalDate.init(iso:))),
            .text((TicketStatus(rawValue: try t.string("status", default: "")) ?? .requested).label),
            .optional(try t.int("external_cost")),
        ]
    }
}
