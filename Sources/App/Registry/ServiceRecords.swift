import Domain
import Fluent
import Foundation
import SQLKit

/// Each officer's service record (ADR 0008) from the dated employment changes, in the order they took
/// effect and then the order they were recorded — said by ORDER BY, never left to the plan.
enum ServiceRecords {
    /// The changes of every officer, or of `officers` only.
    static func changes(of officers: [UUID]? = nil, on db: any Database) async throws -> [UUID: [ServiceRecord.Change]] {
        if let officers, officers.isEmpty { return [:] }
        let only: SQLQueryString = officers.map { "WHERE officer_id IN (\(binds: $0))" } ?? ""
        let rows = try await RawRows.all("""
            SELECT officer_id, status, agency_id, effective_on FROM \(name: OfficerEventModel.schema) \(only)
            ORDER BY officer_id, effective_on, created_at, id
            """, on: db) { c -> (UUID, ServiceRecord.Change)? in
            guard let officer = try c.uuid("officer_id"), let on = LocalDate(iso: try c.string("effective_on", default: "")),
                  let status = EmploymentStatus(rawValue: try c.string("status", default: "")) else { return nil }
            return (officer, ServiceRecord.Change(on: on, status: status, agency: try c.uuid("agency_id")))
        }
        var result: [UUID: [ServiceRecord.Change]] = [:]
        for case let (officer, change)? in rows { result[officer, default: []].append(change) }
        return result
    }

    /// The officers who, by their record, are not evaluated for `year` although the registry lists them
    /// in scope: those who left before the period or served fewer than the exemption days of it. Only
    /// people with a change that ended service can be among them, so only their records are read.
    static func notEvaluated(year: Int, profile: RegulationProfile, on db: any Database) async throws -> Set<UUID> {
        let ending = EmploymentStatus.allCases.filter { !$0.holdsPost }.map(\.rawValue)
        let leavers = try await RawRows.all("""
            SELECT DISTINCT officer_id FROM \(name: OfficerEventModel.schema) WHERE status IN (\(binds: ending))
            ORDER BY officer_id
            """, on: db) { try $0.uuid("officer_id") }.compactMap { $0 }
        var excluded = Set<UUID>()
        let starts = try await OfficerModel.query(on: db).filter(\.$id ~~ leavers).all()
        let records = try await changes(of: leavers, on: db)
        for officer in starts {
            guard let id = officer.id, let start = LocalDate(iso: officer.startDate) else { continue }
            let service = ServiceRecord(startDate: start, changes: records[id] ?? [])
            if !EvaluationDuty.isEvaluated(service, year: year, profile: profile) { excluded.insert(id) }
        }
        return excluded
    }
}
