import Fluent
import Foundation
import SQLKit

/// One audit entry as people read it (issue 11 §5): who did it (full name and role), what they did
/// ("Đã ký duyệt sổ tháng 10/2026"), to which record, and for an edit the fields that changed
/// ("Đã sửa: Hướng xử lý, Ngày hoàn thành") — never the action's code or the stored JSON.
struct AuditSentence: Encodable, Sendable {
    var seq: Int
    var at: String
    var actor: String
    var text: String
    /// The record, named: "Cán bộ CNTT: Trần Minh Khoa", "Phiếu công tác: số 3/2026 của …".
    var object: String

    init(_ entry: AuditEntryModel, names: AuditNames) {
        seq = entry.seq
        at = Self.local(entry.at)
        actor = names.actor(of: entry)
        text = AuditDetails.text(of: entry, names: names)
        object = Self.object(of: entry, names: names)
    }

    /// Entries with their names looked up together (a few queries for the whole page).
    static func all(_ entries: [AuditEntryModel], on db: any Database) async throws -> [AuditSentence] {
        let names = try await AuditNames.load(for: entries, on: db)
        return entries.map { AuditSentence($0, names: names) }
    }

    /// The history of one record, newest first: only the actions the page is about.
    static func history(of entityID: UUID, actions: Set<String>, limit: Int = 50,
                        where keep: (AuditEntryModel) -> Bool = { _ in true }, on db: any Database) async throws -> [AuditSentence] {
        let entries = try await AuditEntryModel.newest(where: "entity_id = \(bind: entityID) AND action IN (\(binds: actions.sorted()))",
                                                       limit: limit, on: db).filter(keep)
        return try await all(entries, on: db)
    }

    static func object(of e: AuditEntryModel, names: AuditNames) -> String {
        let kind = AuditPhrases.kind(e.entityType) ?? "Bản ghi"
        guard let id = e.entityID else { return kind }
        let name = names.tickets[id] ?? names.officers[id] ?? names.agencies[id] ?? names.users[id]
            ?? names.trainings[id] ?? names.years[id] ?? names.profiles[id] ?? names.tokens[id]
        return name.map { "\(kind): \($0)" } ?? kind
    }

    /// The stored UTC instant shown in Asia/Ho_Chi_Minh as dd/MM/yyyy HH:mm.
    static func local(_ iso: String) -> String {
        guard let date = Instants.parse(iso) else { return iso }
        return VietnameseTime.format(date)
    }
}
