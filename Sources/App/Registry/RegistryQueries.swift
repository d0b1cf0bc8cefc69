import Domain
import Fluent
import Foundation
import SQLKit

/// Filters of the agency list; every one optional.
struct AgencyFilter: Sendable {
    var q: String?
    var kind: AgencyKind?
    var level: AdminLevel?
    var district: String?
    var includeInactive = false
}

/// Filters of the officer list.
struct OfficerFilter: Sendable {
    var q: String?
    var agencyID: UUID?
    var kind: ITOfficerKind?
    var status: EmploymentStatus?
    var scope: String?
}

/// Read-side queries of the registry, taking a `Database` so they are testable without HTTP.
enum RegistryQueries {
    static func agencies(_ filter: AgencyFilter, visible: Set<UUID>?, paging: inout Paging,
                         on db: any Database) async throws -> [AgencyModel] {
        let query = AgencyModel.query(on: db)
        if let q = filter.q.map(VietnameseText.fold), !q.isEmpty { query.filter(\.$nameFolded ~~ q) }
        if let kind = filter.kind { query.filter(\.$kind == kind.rawValue) }
        if let level = filter.level { query.filter(\.$level == level.rawValue) }
        if let district = filter.district, !district.isEmpty { query.filter(\.$district == district) }
        if !filter.includeInactive { query.filter(\.$isActive == true) }
        if let visible { query.filter(\.$id ~~ Array(visible)) }
        paging.total = try await query.count()
        return try await query.sort(\.$nameFolded).sort(\.$id).range(paging.offset..<(paging.offset + paging.per)).all()
    }

    static func officers(_ filter: OfficerFilter, visible: Set<UUID>?, paging: inout Paging,
                         on db: any Database) async throws -> [OfficerModel] {
        let query = OfficerModel.query(on: db).with(\.$agency)
        if let q = filter.q.map(VietnameseText.fold), !q.isEmpty { query.filter(\.$nameFolded ~~ q) }
        if let agency = filter.agencyID { query.filter(\.$agency.$id == agency) }
        if let kind = filter.kind { query.filter(\.$kind == kind.rawValue) }
        if let status = filter.status { query.filter(\.$employmentStatus == status.rawValue) }
        if let scope = filter.scope, !scope.isEmpty { query.filter(\.$scopeStatus == scope) }
        if let visible { query.filter(\.$agency.$id ~~ Array(visible)) }
        paging.total = try await query.count()
        return try await query.sort(\.$nameSortKey).sort(\.$id).range(paging.offset..<(paging.offset + paging.per)).all()
    }

    /// The districts named by agencies, for the filter (one DISTINCT query, not every agency).
    static func districts(on db: any Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable { var district: String }
        return try await sql.select().distinct().column("district").from(AgencyModel.schema)
            .where("district", .notEqual, SQLBind("")).all(decoding: Row.self).map(\.district)
            .sorted { VietnameseText.fold($0) < VietnameseText.fold($1) }
    }

    static func itLevels(agencyID: UUID, on db: any Database) async throws -> [AgencyITLevelModel] {
        try await AgencyITLevelModel.query(on: db).filter(\.$agency.$id == agencyID).sort(\.$year, .descending).all()
    }

    static func history(entityID: UUID, on db: any Database, limit: Int = 50) async throws -> [AuditEntryModel] {
        try await AuditEntryModel.query(on: db).filter(\.$entityID == entityID).sort(\.$seq, .descending)
            .limit(limit).all()
    }
}
