import Foundation
import Domain
import Fluent
import SQLKit

/// The incentive history (ADR 0009), with one entry per existing officer from its current amount and
/// whether it receives the incentive, effective at its start date: the best the registry knows.
struct CreateOfficerIncentives: AsyncMigration {
    static let indexed = ["officer_id", "effective_on", "created_at", "id"]

    func prepare(on database: any Database) async throws {
        try await database.schema(OfficerIncentiveModel.schema)
            .id()
            .field("officer_id", .uuid, .required, .references(OfficerModel.schema, "id"))
            .field("monthly_amount", .int64)
            .field("receives", .bool, .required)
            .field("effective_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await Indexes.create(on: database, table: OfficerIncentiveModel.schema, columns: Self.indexed)
        try await database.transaction { try await Self.backfill(on: $0) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OfficerIncentiveModel.schema).delete()
    }

    struct Row: Decodable { var id: UUID; var monthly_incentive: Int?; var receives_incentive: Bool; var start_date: String }

    /// Reads the officers in id order and writes their first entries, 500 at a time.
    static func backfill(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let rows = try await sql.select().columns("id", "monthly_incentive", "receives_incentive", "start_date")
            .from(OfficerModel.schema).orderBy("id").all(decoding: Row.self)
        let entries = rows.compactMap { row in
            LocalDate(iso: row.start_date).map {
                OfficerIncentiveModel(officerID: row.id, monthlyAmount: row.monthly_incentive, receives: row.receives_incentive,
                                      effectiveOn: $0)
            }
        }
        for start in stride(from: 0, to: entries.count, by: 500) {
            try await Array(entries[start..<min(entries.count, start + 500)]).create(on: db)
        }
        let written = entries.count
        guard written > 0 else { return }
        try await AuditLog.append(AuditEvent(actorID: nil, actorName: "qlcb migrate", action: "officer.incentive.backfill",
                                             entityType: "officer", after: "\(written) mức ưu đãi từ hồ sơ hiện có"), on: db)
    }
}
