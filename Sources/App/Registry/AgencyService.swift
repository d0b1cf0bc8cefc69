import Domain
import Fluent
import Foundation

/// Writes to the agency registry; each in one transaction with its audit entry.
enum AgencyService {
    static func create(_ draft: AgencyDraft, by actor: Viewer, on db: any Database) async throws -> AgencyModel {
        try await checkParent(draft.governingAgencyID, of: nil, on: db)
        let agency = AgencyModel()
        agency.apply(draft)
        agency.isActive = true
        agency.version = 1
        try await agency.create(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "agency.create",
                                             entityType: "agency", entityID: agency.id,
                                             after: AuditLog.json(agency.input)), on: db)
        return agency
    }

    static func update(_ id: UUID, _ draft: AgencyDraft, expectedVersion: Int?, by actor: Viewer,
                       on db: any Database) async throws -> AgencyModel {
        guard let agency = try await AgencyModel.find(id, on: db) else { throw NotFound() }
        if let expectedVersion, expectedVersion != agency.version { throw StaleVersion() }
        try await checkParent(draft.governingAgencyID, of: id, on: db)
        let before = AuditLog.json(agency.input)
        agency.apply(draft)
        agency.version += 1
        try await agency.save(on: db)
        try await OfficerService.refreshScopes(agency: agency, on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "agency.update",
                                             entityType: "agency", entityID: id, before: before,
                                             after: AuditLog.json(agency.input)), on: db)
        return agency
    }

    /// Never a hard delete: officers, levels and the log point to the agency (issue 2 §3).
    static func setActive(_ id: UUID, _ active: Bool, by actor: Viewer, on db: any Database) async throws {
        guard let agency = try await AgencyModel.find(id, on: db) else { throw NotFound() }
        guard agency.isActive != active else { return }
        if !active {
            let holders = try await OfficerModel.query(on: db).filter(\.$agency.$id == id)
                .filter(\.$employmentStatus ~~ EmploymentStatus.holdingPostRawValues).count()
            if holders > 0 {
                var errors = FieldErrors()
                errors.add("isActive", "Cơ quan còn \(holders) cán bộ CNTT đang công tác; hãy chuyển công tác hoặc cập nhật trạng thái trước khi ngừng hoạt động.")
                throw errors
            }
        }
        agency.isActive = active
        agency.version += 1
        try await agency.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username,
                                             action: active ? "agency.reactivate" : "agency.deactivate",
                                             entityType: "agency", entityID: id), on: db)
    }

    /// D7: the level of a year, entered by the provincial IT authority with its source document.
    static func setITLevel(_ id: UUID, year: Int, level: Int, source: String, by actor: Viewer,
                           on db: any Database) async throws {
        var errors = FieldErrors()
        if !(2000...2100).contains(year) { errors.add("year", "Năm không hợp lệ.") }
        if !(1...4).contains(level) { errors.add("level", "Mức ứng dụng CNTT từ 1 đến 4.") }
        let document = VietnameseText.normalize(source)
        if document.isEmpty { errors.add("sourceDocument", "Nhập văn bản làm căn cứ (số, ngày).") }
        guard errors.isEmpty else { throw errors }
        guard try await AgencyModel.find(id, on: db) != nil else { throw NotFound() }
        let existing = try await AgencyITLevelModel.query(on: db).filter(\.$agency.$id == id)
            .filter(\.$year == year).first()
        let before = existing.map { "\($0.level) (\($0.sourceDocument))" } ?? ""
        let record = existing ?? AgencyITLevelModel(agencyID: id, year: year, level: level, sourceDocument: document)
        record.level = level
        record.sourceDocument = document
        try await record.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "agency.itLevel",
                                             entityType: "agency", entityID: id, before: before,
                                             after: "\(year): \(level) (\(document))"), on: db)
    }

    /// The governing agency must exist, be active, and not be the agency or one below it.
    static func checkParent(_ parentID: UUID?, of id: UUID?, on db: any Database) async throws {
        guard let parentID else { return }
        var errors = FieldErrors()
        var cursor: UUID? = parentID
        var depth = 0
        while let current = cursor, depth < 50 {
            if current == id {
                errors.add("governingAgencyID", "Cơ quan chủ quản không thể là chính cơ quan này hoặc cơ quan trực thuộc nó.")
                throw errors
            }
            guard let agency = try await AgencyModel.find(current, on: db) else {
                errors.add("governingAgencyID", "Không tìm thấy cơ quan chủ quản.")
                throw errors
            }
            if depth == 0 && !agency.isActive {
                errors.add("governingAgencyID", "Cơ quan chủ quản đã ngừng hoạt động.")
                throw errors
            }
            cursor = agency.$governingAgency.id
            depth += 1
        }
    }
}

struct NotFound: Error {}
