import Domain
import Fluent
import Foundation

/// An information system as the page and the API send it (Art. 3.3, 7.1; D9): its name, kind, the
/// secret categories it has and who holds which. Never a value: see `SecretValueDetector`.
struct SystemDraft: Sendable {
    struct Holder: Sendable { var officerID: UUID; var categories: [SecretCategory] }
    var name: String
    var kind: SystemKind
    var categories: [SecretCategory]
    var note: String
    var holders: [Holder]

    static let nameLimit = 200, noteLimit = 1000

    static func validate(name: String?, kind: String?, categories: [String], note: String?,
                         holders: [(officer: String?, categories: [String]?)], officers: Set<UUID>) -> Result<SystemDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = VietnameseText.normalize(name ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.add("name", "Nhập tên hệ thống.") }
        if name.count > nameLimit { errors.add("name", "Tên hệ thống tối đa \(nameLimit) ký tự.") }
        let kind = SystemKind(rawValue: kind ?? "")
        if kind == nil { errors.add("kind", "Chọn loại hệ thống.") }
        let note = VietnameseText.normalize(note ?? "")
        if note.count > noteLimit { errors.add("note", "Ghi chú tối đa \(noteLimit) ký tự.") }
        let parsed = categories.compactMap(SecretCategory.init)
        if parsed.count != categories.count { errors.add("secretCategories", "Loại bí mật không có trong danh mục (Điều 3.3).") }
        let set = Set(parsed)
        var result: [Holder] = []
        for (index, h) in holders.enumerated() {
            guard let id = h.officer.flatMap(UUID.init(uuidString:)), officers.contains(id) else {
                errors.add("holders[\(index)].officerId", "Người nắm giữ phải là cán bộ CNTT đang công tác tại cơ quan.")
                continue
            }
            let held = (h.categories ?? parsed.map(\.rawValue)).compactMap(SecretCategory.init)
            if held.isEmpty || !Set(held).isSubset(of: set) {
                errors.add("holders[\(index)].secretCategories", "Người nắm giữ chỉ giữ những loại bí mật của hệ thống này.")
                continue
            }
            result.append(Holder(officerID: id, categories: Array(Set(held)).sorted()))
        }
        guard let kind, errors.isEmpty else { return .failure(errors) }
        return .success(SystemDraft(name: name, kind: kind, categories: Array(set).sorted(), note: note, holders: result))
    }

    /// Art. 7.1: refuses the whole request when any of its properties carries something like a value.
    static func refuseSecretValues(_ fields: [(path: String, text: String)]) throws {
        guard let field = SecretValueDetector.offendingField(fields) else { return }
        var errors = FieldErrors()
        errors.add(field, SecretValueDetector.reason)
        throw errors
    }
}

enum SystemInventory {
    static func add(_ draft: SystemDraft, agencyID: UUID, by actor: Viewer, on db: any Database) async throws -> InformationSystemModel {
        let system = InformationSystemModel()
        system.$agency.id = agencyID
        system.name = draft.name
        system.kind = draft.kind.rawValue
        system.categories = draft.categories.map(\.rawValue).joined(separator: ",")
        system.note = draft.note
        try await system.create(on: db)
        for holder in draft.holders {
            for category in holder.categories {
                try await SecretHoldingModel(systemID: system.id!, officerID: holder.officerID, category: category).create(on: db)
            }
        }
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "system.create",
                                             entityType: "informationSystem", entityID: system.id,
                                             after: "\(draft.name) (\(draft.kind.rawValue)): \(system.categories); "
                                                + "\(draft.holders.count) người nắm giữ"), on: db)
        return system
    }

    /// Who holds what at the agency: officer id → (system, category), systems by name.
    static func holdings(agencyID: UUID, on db: any Database) async throws -> [(system: InformationSystemModel, holding: SecretHoldingModel)] {
        let systems = try await InformationSystemModel.query(on: db).filter(\.$agency.$id == agencyID).sort(\.$name).sort(\.$id).all()
        guard !systems.isEmpty else { return [] }
        let byID = Dictionary(uniqueKeysWithValues: systems.map { ($0.id!, $0) })
        let holdings = try await SecretHoldingModel.query(on: db).filter(\.$system.$id ~~ Array(byID.keys))
            .sort(\.$category).sort(\.$id).all()
        return holdings.compactMap { h in byID[h.$system.id].map { ($0, h) } }
            .sorted { ($0.system.name, $0.system.id!.canonicalText) < ($1.system.name, $1.system.id!.canonicalText) }
    }
}
