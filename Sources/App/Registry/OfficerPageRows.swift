import Fluent
import Foundation
import SQLKit

/// What an officer's page shows of the registry, read as plain rows (ADR 0006): the record with its
/// agency's name, the officer's events (each with the agency it took place at) and the changes of
/// their incentive, each list newest first with the ids last. Read as models (the officer and its
/// agency, each event with its agency loaded again, each incentive), the page spent a tenth of the
/// server's time reflecting models' properties (`Mirror`, issue 14).
struct OfficerPageRows: Sendable {
    var officer: OfficerRecord
    var events: [Event]
    var incentives: [Incentive]

    struct Event: Sendable { var effectiveOn, status, agencyName, note: String }
    struct Incentive: Sendable { var effectiveOn: String, receives: Bool, monthlyAmount: Int? }

    /// The record of officer `id` with its agency's name; nil when there is no such officer.
    static func record(_ id: UUID, on db: any Database) async throws -> OfficerRecord? {
        let select = try db.sql().select().columns(OfficerRecord.columns.map { QuotedColumn($0, table: "o") })
            .column(SQLAlias(QuotedColumn("name", table: "a"), as: QuotedIdentifier("agency_name")))
            .from(SQLAlias(QuotedIdentifier(OfficerModel.schema), as: QuotedIdentifier("o")))
            .join(SQLAlias(QuotedIdentifier(AgencyModel.schema), as: QuotedIdentifier("a")), method: SQLJoinMethod.inner,
                  on: QuotedColumn("id", table: "a"), .equal, QuotedColumn("agency_id", table: "o"))
            .where(QuotedColumn("id", table: "o"), .equal, SQLBind(id))
        return try await RawRows.all(statement: select.select, on: db) { try OfficerRecord(row: $0) }.first
    }

    /// The page's rows of `officer`.
    static func read(_ officer: OfficerRecord, on db: any Database) async throws -> OfficerPageRows {
        let events = try await RawRows.all(statement: try db.sql().select()
            .columns(["effective_on", "status", "note"].map { QuotedColumn($0, table: "e") })
            .column(SQLAlias(QuotedColumn("name", table: "a"), as: QuotedIdentifier("agency_name")))
            .from(SQLAlias(QuotedIdentifier(OfficerEventModel.schema), as: QuotedIdentifier("e")))
            .join(SQLAlias(QuotedIdentifier(AgencyModel.schema), as: QuotedIdentifier("a")), method: SQLJoinMethod.left,
                  on: QuotedColumn("id", table: "a"), .equal, QuotedColumn("agency_id", table: "e"))
            .where(QuotedColumn("officer_id", table: "e"), .equal, SQLBind(officer.id))
            .orderBy(QuotedColumn("effective_on", table: "e"), SQLDirection.descending)
            .orderBy(QuotedColumn("created_at", table: "e"), SQLDirection.descending)
            .orderBy(QuotedColumn("id", table: "e"), SQLDirection.descending).select, on: db) { row in
            Event(effectiveOn: try row.string("effective_on", default: ""), status: try row.string("status", default: ""),
                  agencyName: try row.string("agency_name", default: ""), note: try row.string("note", default: ""))
        }
        let incentives = try await RawRows.all(statement: try db.sql().select()
            .columns(["effective_on", "receives", "monthly_amount"].map { QuotedColumn($0) })
            .from(QuotedIdentifier(OfficerIncentiveModel.schema))
            .where(QuotedColumn("officer_id"), .equal, SQLBind(officer.id))
            .orderBy(QuotedColumn("effective_on"), SQLDirection.descending)
            .orderBy(QuotedColumn("created_at"), SQLDirection.descending)
            .orderBy(QuotedColumn("id"), SQLDirection.descending).select, on: db) { row in
            Incentive(effectiveOn: try row.string("effective_on", default: ""), receives: try row.bool("receives") ?? false,
                      monthlyAmount: try row.int("monthly_amount"))
        }
        return OfficerPageRows(officer: officer, events: events, incentives: incentives)
    }
}
