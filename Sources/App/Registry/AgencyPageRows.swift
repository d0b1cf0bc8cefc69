import Fluent
import Foundation
import SQLKit

/// What an agency's page shows of the registry, read as plain rows (ADR 0006): the record with its
/// governing agency's name, its subordinate agencies and its officers, each list in its list's order
/// with the ids last. Read as models (the agency, its parent, up to 100 subordinates, the officers
/// each with its agency again), an agency's page cost 12–21 ms of the server (issue 14), and a
/// district's 184 subordinates were cut at 100 without a word.
struct AgencyPageRows: Sendable {
    var agency: AgencyRecord
    /// The governing agency's name and district (nil: it has none).
    var governingName: String?, governingDistrict: String?
    /// Every agency it governs, by folded name: a district's committee governs about two hundred.
    var subordinates: [AgencyListItem]
    /// Every officer recorded at it, whatever their status, by Vietnamese name order.
    var officers: [OfficerListItem]

    /// The page's rows of agency `id`; nil when there is no such agency.
    static func read(_ id: UUID, on db: any Database) async throws -> AgencyPageRows? {
        let select = try db.sql().select().columns(AgencyRecord.columns.map { QuotedColumn($0, table: "a") })
            .column(SQLAlias(QuotedColumn("name", table: "p"), as: QuotedIdentifier("governing_name")))
            .column(SQLAlias(QuotedColumn("district", table: "p"), as: QuotedIdentifier("governing_district")))
            .from(SQLAlias(QuotedIdentifier(AgencyModel.schema), as: QuotedIdentifier("a")))
            .join(SQLAlias(QuotedIdentifier(AgencyModel.schema), as: QuotedIdentifier("p")), method: SQLJoinMethod.left,
                  on: QuotedColumn("id", table: "p"), .equal, QuotedColumn("governing_agency_id", table: "a"))
            .where(QuotedColumn("id", table: "a"), .equal, SQLBind(id))
        guard let (agency, governingName, governingDistrict) = try await RawRows.all(statement: select.select, on: db, {
            (try AgencyRecord(row: $0), try $0.string("governing_name"), try $0.string("governing_district"))
        }).first else { return nil }
        let subordinates = try await RawRows.all(statement: try db.sql().select().columns(AgencyListItem.columns.map { QuotedColumn($0) })
            .from(AgencyModel.schema).where(QuotedColumn("governing_agency_id"), .equal, SQLBind(id))
            .orderBy(QuotedColumn("name_folded")).orderBy(QuotedColumn("id")).select, on: db) { try AgencyListItem(row: $0) }
        let officers = try await RawRows.all(statement: try db.sql().select().columns(OfficerListItem.columns.map { QuotedColumn($0) })
            .from(OfficerModel.schema).where(QuotedColumn("agency_id"), .equal, SQLBind(id))
            .orderBy(QuotedColumn("name_sort_key")).orderBy(QuotedColumn("id")).select, on: db) { try OfficerListItem(row: $0) }
        return AgencyPageRows(agency: agency, governingName: governingName, governingDistrict: governingDistrict,
                              subordinates: subordinates, officers: officers)
    }
}
