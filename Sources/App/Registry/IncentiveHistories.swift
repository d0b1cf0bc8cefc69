import Domain
import Fluent
import Foundation
import SQLKit

/// Each officer's incentive history (ADR 0009), in the order the entries took effect and then the order
/// they were recorded — said by ORDER BY, never left to the plan.
enum IncentiveHistories {
    /// The histories of every officer, or of `officers` only.
    static func all(of officers: [UUID]? = nil, on db: any Database) async throws -> [UUID: IncentiveHistory] {
        if let officers, officers.isEmpty { return [:] }
        let only: SQLQueryString = officers.map { "WHERE officer_id IN (\(binds: $0))" } ?? ""
        let rows = try await RawRows.all("""
            SELECT officer_id, monthly_amount, receives, effective_on FROM \(name: OfficerIncentiveModel.schema) \(only)
            ORDER BY officer_id, effective_on, created_at, id
            """, on: db) { c -> (UUID, IncentiveHistory.Entry)? in
            guard let officer = try c.uuid("officer_id"), let on = LocalDate(iso: try c.string("effective_on", default: "")) else {
                return nil
            }
            return (officer, IncentiveHistory.Entry(on: on, receives: try c.bool("receives") ?? false,
                                                    monthlyAmount: try c.int("monthly_amount")))
        }
        var entries: [UUID: [IncentiveHistory.Entry]] = [:]
        for case let (officer, entry)? in rows { entries[officer, default: []].append(entry) }
        return entries.mapValues(IncentiveHistory.init(entries:))
    }

    /// One officer's entries, latest first (the officer page).
    static func entries(of officer: UUID, on db: any Database) async throws -> [OfficerIncentiveModel] {
        try await OfficerIncentiveModel.query(on: db).filter(\.$officer.$id == officer)
            .sort(\.$effectiveOn, .descending).sort(\.$createdAt, .descending).sort(\.$id, .descending).all()
    }

    /// Records a change of the amount or of receiving, effective `on`, with its audit entry; the caller's
    /// transaction also holds the change to the officer. A change cannot take effect before the latest
    /// entry: the officer's current columns are always the entry in force now.
    static func append(officer: OfficerModel, before: (amount: Int?, receives: Bool), effectiveOn: LocalDate,
                       by actor: Viewer, on db: any Database) async throws {
        guard let id = officer.id else { return }
        if let latest = try await entries(of: id, on: db).first, let since = LocalDate(iso: latest.effectiveOn), effectiveOn < since {
            var errors = FieldErrors()
            errors.add("incentiveEffectiveOn", "Mức ưu đãi đã thay đổi từ ngày \(since.vietnamese); "
                + "ngày áp dụng thay đổi mới phải từ ngày đó trở đi.")
            throw errors
        }
        try await OfficerIncentiveModel(officerID: id, monthlyAmount: officer.monthlyIncentive, receives: officer.receivesIncentive,
                                        effectiveOn: effectiveOn).create(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "officer.incentive",
                                             entityType: "officer", entityID: id,
                                             before: describe(amount: before.amount, receives: before.receives),
                                             after: describe(amount: officer.monthlyIncentive, receives: officer.receivesIncentive)
                                                + " từ \(effectiveOn.vietnamese)"), on: db)
    }

    /// "1.500.000 đ/tháng", or that the officer does not receive it.
    static func describe(amount: Int?, receives: Bool) -> String {
        guard receives else { return "Không hưởng ưu đãi" + (amount.map { " (mức \(Money.format(dong: $0))/tháng)" } ?? "") }
        return amount.map { "\(Money.format(dong: $0))/tháng" } ?? "Hưởng ưu đãi, chưa có mức"
    }
}
