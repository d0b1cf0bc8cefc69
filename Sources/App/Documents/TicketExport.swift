import Documents
import Domain
import Fluent
import Foundation

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

    /// Collects rows from the database callback and hands them on a thousand at a time.
    private final class Batcher: @unchecked Sendable {
        var rows: [[Cell]] = []
        var failure: (any Error)?
        var read = 0
        var last: TicketCursor?
    }

    static func export(_ filter: TicketFilter, scope: TicketQueries.Scope, chunk: Int = 25_000, on db: any Database) -> ListExport {
        ListExport(fileStem: "danh-sach-phieu-cong-tac", sheetName: "Phiếu công tác", columns: columns) { emit in
            let officers = try await OfficerModel.query(on: db).field(\.$id).field(\.$fullName).all()
                .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.fullName }
            let agencies = try await AgencyModel.query(on: db).field(\.$id).field(\.$name).all()
                .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
            let batch = Batcher()
            var cursor: TicketCursor?
            // Chunks keep the rows SQLite hands to the event loop bounded; each chunk is one query read row by row.
            repeat {
                let query = WorkTicketModel.query(on: db)
                let branches = TicketQueries.branches(scope)
                if scope.submittedOnly {
                    branches.forEach { $0(query) }
                } else if branches.isEmpty {
                    return
                } else {
                    query.group(.or) { or in branches.forEach { branch in or.group(.and) { branch($0) } } }
                }
                TicketQueries.apply(filter, after: cursor, to: query)
                // Only the printed columns, and the sort key for the next chunk.
                query.field(\.$id).field(\.$year).field(\.$number).field(\.$officer.$id).field(\.$agency.$id).field(\.$taskGroup)
                    .field(\.$taskOther).field(\.$details).field(\.$requesterUnit).field(\.$requesterName).field(\.$requestedOn)
                    .field(\.$completedOn).field(\.$status).field(\.$externalCost)
                batch.read = 0
                try await query.sort(\.$requestedOn, .descending).sort(\.$id, .descending).limit(chunk).run { output in
                    guard batch.failure == nil else { return }
                    do {
                        let t = output.schema(WorkTicketModel.schema)
                        batch.rows.append(try row(t, officers: officers, agencies: agencies))
                        batch.read += 1
                        batch.last = TicketCursor(requestedOn: try t.decode("requested_on", as: String.self), id: try t.decode("id", as: UUID.self))
                        if batch.rows.count == 1000 {
                            try emit(batch.rows)
                            batch.rows.removeAll(keepingCapacity: true)
                        }
                    } catch {
                        batch.failure = error
                    }
                }
                if let failure = batch.failure { throw failure }
                cursor = batch.last
            } while batch.read == chunk
            try emit(batch.rows)
        }
    }

    static func row(_ t: any DatabaseOutput, officers: [UUID: String], agencies: [UUID: String]) throws -> [Cell] {
        let group = TaskGroup(rawValue: try t.decode("task_group", as: String.self)) ?? .other
        let other = try t.decode("task_other", as: String.self)
        let officer = try t.decode("officer_id", as: UUID?.self)
        return [
            .integer(try t.decode("year", as: Int.self)), .optional(try t.decode("number", as: Int?.self)),
            .text(officer.flatMap { officers[$0] } ?? ""), .text(agencies[try t.decode("agency_id", as: UUID.self)] ?? ""),
            .text(group == .other && !other.isEmpty ? other : group.label), .text(try t.decode("details", as: String.self)),
            .text(try t.decode("requester_unit", as: String.self)), .text(try t.decode("requester_name", as: String.self)),
            .optional(LocalDate(iso: try t.decode("requested_on", as: String.self))),
            .optional((try t.decode("completed_on", as: String?.self)).flatMap(LocalDate.init(iso:))),
            .text((TicketStatus(rawValue: try t.decode("status", as: String.self)) ?? .requested).label),
            .optional(try t.decode("external_cost", as: Int?.self)),
        ]
    }
}
