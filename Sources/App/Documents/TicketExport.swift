import Documents
import Domain
import Fluent
import Foundation
import SQLiteKit
import SQLiteNIO

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
            // Keyed by the id's text, as SQLite stores it, so that rows need no UUID parsing.
            let officers = try await OfficerModel.query(on: db).field(\.$id).field(\.$fullName).all()
                .reduce(into: [String: String]()) { $0[$1.id!.uuidString] = $1.fullName }
            let agencies = try await AgencyModel.query(on: db).field(\.$id).field(\.$name).all()
                .reduce(into: [String: String]()) { $0[$1.id!.uuidString] = $1.name }
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
                let accept: @Sendable (any TicketFields) -> Void = { t in
                    guard batch.failure == nil else { return }
                    do {
                        batch.rows.append(try row(t, officers: officers, agencies: agencies))
                        batch.read += 1
                        batch.last = TicketCursor(requestedOn: try t.string("requested_on"), id: try t.uuid("id"))
                        if batch.rows.count == 1000 {
                            try emit(batch.rows)
                            batch.rows.removeAll(keepingCapacity: true)
                        }
                    } catch {
                        batch.failure = error
                    }
                }
                query.sort(\.$requestedOn, .descending).sort(\.$id, .descending).limit(chunk)
                if try await !SQLiteStream.run(query, on: db, { accept(SQLiteFields(row: $0)) }) {
                    try await query.run { accept(OutputFields(output: $0.schema(WorkTicketModel.schema))) }
                }
                if let failure = batch.failure { throw failure }
                cursor = batch.last
            } while batch.read == chunk
            try emit(batch.rows)
        }
    }

    static func row(_ t: any TicketFields, officers: [String: String], agencies: [String: String]) throws -> [Cell] {
        let group = TaskGroup(rawValue: try t.string("task_group")) ?? .other
        let other = try t.string("task_other")
        return [
            .integer(try t.int("year")), .optional(try t.optionalInt("number")),
            .text((try t.idText("officer_id")).flatMap { officers[$0] } ?? ""), .text((try t.idText("agency_id")).flatMap { agencies[$0] } ?? ""),
            .text(group == .other && !other.isEmpty ? other : group.label), .text(try t.string("details")),
            .text(try t.string("requester_unit")), .text(try t.string("requester_name")),
            .optional(LocalDate(iso: try t.string("requested_on"))),
            .optional((try t.optionalString("completed_on")).flatMap(LocalDate.init(iso:))),
            .text((TicketStatus(rawValue: try t.string("status")) ?? .requested).label),
            .optional(try t.optionalInt("external_cost")),
        ]
    }
}

/// The columns of an exported ticket row, read from Fluent's output or straight from SQLite.
protocol TicketFields {
    func optionalString(_ key: String) throws -> String?
    func optionalInt(_ key: String) throws -> Int?
    func optionalUUID(_ key: String) throws -> UUID?
    /// An id as the text `UUID.uuidString` gives (upper case), for dictionary lookups.
    func idText(_ key: String) throws -> String?
}

extension TicketFields {
    func string(_ key: String) throws -> String { try optionalString(key) ?? "" }
    func int(_ key: String) throws -> Int { try optionalInt(key) ?? 0 }
    func uuid(_ key: String) throws -> UUID {
        guard let id = try optionalUUID(key) else { throw SQLiteStreamError(column: key) }
        return id
    }
}

struct SQLiteStreamError: Error { var column: String }

struct OutputFields: TicketFields {
    let output: any DatabaseOutput
    func optionalString(_ key: String) throws -> String? { try output.decode(FieldKey(stringLiteral: key), as: String?.self) }
    func optionalInt(_ key: String) throws -> Int? { try output.decode(FieldKey(stringLiteral: key), as: Int?.self) }
    func optionalUUID(_ key: String) throws -> UUID? { try output.decode(FieldKey(stringLiteral: key), as: UUID?.self) }
    func idText(_ key: String) throws -> String? { try optionalUUID(key)?.uuidString }
}

/// A row as SQLite returns it; Fluent names the selected columns "work_tickets_<column>".
struct SQLiteFields: TicketFields {
    let row: SQLiteRow
    func data(_ key: String) -> SQLiteData? {
        guard let data = row.column("\(WorkTicketModel.schema)_\(key)"), data != .null else { return nil }
        return data
    }
    func optionalString(_ key: String) throws -> String? { data(key)?.string }
    func optionalInt(_ key: String) throws -> Int? { data(key)?.integer.map { Int($0) } }
    /// Fluent stores a UUID as its text on SQLite; anything else goes through the driver's decoder.
    func optionalUUID(_ key: String) throws -> UUID? {
        guard let data = data(key) else { return nil }
        if case .text(let text) = data, let id = UUID(uuidString: text) { return id }
        return try SQLiteDataDecoder().decode(UUID.self, from: data)
    }

    func idText(_ key: String) throws -> String? {
        if case .text(let text) = data(key), text == text.uppercased() { return text }
        return try optionalUUID(key)?.uuidString
    }
}
