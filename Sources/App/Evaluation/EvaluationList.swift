import Fluent
import Foundation
import SQLKit

/// One officer of the evaluation year's list with what the list shows of the year: the agency's name,
/// the grade and its reason, when the work log was received. Read as a plain row (ADR 0006): as Fluent
/// models (officer, agency, grade, work log) a page of 50 spent most of its time being decoded.
struct EvaluationListItem: Sendable {
    var id: UUID, fullName: String, startDate: String, agencyName: String
    var grade: String?, reason: String?, receivedAt: Date?

    init(row: any ResultColumns) throws {
        id = try row.required("id", row.uuid)
        fullName = try row.string("full_name", default: ""); startDate = try row.string("start_date", default: "")
        agencyName = try row.string("agency_name", default: "")
        grade = try row.string("grade"); reason = try row.string("reason"); receivedAt = try row.date("received_at")
    }
}

/// The statements of the evaluation year's list (`/danh-gia/<year>`) beside its counts (`KeptReads.count`), from
/// the conditions that say whom the list holds (`EvaluationService.evaluableConditions` and the
/// viewer's scope), on the officers' table by its own name.
enum EvaluationList {
    /// Graded for `year`, as a subquery: a list of every graded id would not fit in one statement at scale.
    static func graded(year: Int) -> any SQLExpression {
        SQLQueryString("""
            \(name: OfficerModel.schema).\(name: "id") IN (SELECT \(name: "officer_id") FROM \(name: GradeModel.schema) \
            WHERE \(name: "year") = \(bind: year))
            """)
    }

    /// Not graded for `year`: an anti join by the grades' key, which a page walked in name order
    /// probes for each officer it meets. `NOT IN` cannot be one (a NULL in the list would change its
    /// meaning), and PostgreSQL hashed the year's 19,216 grades at every page (12 → 5.6 ms a page of
    /// the "not yet graded" filter in `psql`; issue 14).
    static func ungraded(year: Int) -> any SQLExpression {
        SQLQueryString("""
            NOT EXISTS (SELECT 1 FROM \(name: GradeModel.schema) g WHERE g.\(name: "officer_id") = \(name: OfficerModel.schema).\(name: "id") \
            AND g.\(name: "year") = \(bind: year))
            """)
    }

    /// The officers of a head's agencies (R-15.6b, D4): their reach asked inside the statement, for the
    /// counts; for a `page` not `narrowed` by a search or a filter, its first pages walked in name
    /// order (`VisibleAgencies.ReadOut.walksInOrder`). The year's own conditions hold most officers
    /// (in scope, started by the period's end), so the reach is what filters such a page. Bound one
    /// by one, a district head's 1,291 agencies made each page read their 2,600 officers and sort
    /// them (3.2 ms in `sqlite3`, bench/results/speed-issue14.md).
    static func inReach(_ reach: VisibleAgencies, page: Paging? = nil, narrowed: Bool = false) -> any SQLExpression {
        let agency = QuotedColumn("agency_id", table: OfficerModel.schema)
        return reach.contains(agency, walked: .page(ending: page.map { $0.offset + $0.per }, alone: !narrowed))
    }

    /// The page `paging` asks for, in the Vietnamese order of names then id. The page is cut from the
    /// officers alone; only its rows are joined to their agency, grade and work log of `year` (one
    /// each at most: both are unique by officer and year). Kept while the audit head stays at `kept`'s
    /// (ADR 0020: officers, grades and logs change only by audited writes): a district head's page
    /// tested each of 397 officers against the 1,291 agencies of the reach, 2 ms of PostgreSQL at
    /// every view (issue 14).
    static func page(year: Int, _ conditions: [any SQLExpression], paging: Paging, kept: KeptReads.At?,
                     on db: any Database) async throws -> [EvaluationListItem] {
        let officers = OfficerModel.schema
        // Read directly (`PageForm`): whom the year evaluates is told by columns the order's index
        // does not hold, so a page cut from that index would visit the table all the same.
        let inner = try RegistryQueries.page(of: officers, as: officers, ["id", "full_name", "start_date", "agency_id", "name_sort_key"],
                                             conditions, order: ["name_sort_key", "id"], paging, .direct, on: db)
        let ofYear = { (table: String) -> any SQLExpression in
            SQLBinaryExpression(SQLBinaryExpression(QuotedColumn("officer_id", table: table), .equal, QuotedColumn("id", table: "o")),
                                .and, SQLBinaryExpression(QuotedColumn("year", table: table), .equal, SQLBind(year)))
        }
        var select = try db.sql().select().columns(["id", "full_name", "start_date"].map { QuotedColumn($0, table: "o") })
            .column(SQLAlias(QuotedColumn("name", table: "a"), as: QuotedIdentifier("agency_name")))
            .column(QuotedColumn("grade", table: "g")).column(QuotedColumn("reason", table: "g")).column(QuotedColumn("received_at", table: "w"))
            .from(SQLAlias(SQLGroupExpression(inner.select), as: QuotedIdentifier("o")))
            .join(SQLAlias(QuotedIdentifier(AgencyModel.schema), as: QuotedIdentifier("a")), method: SQLJoinMethod.inner,
                  on: QuotedColumn("id", table: "a"), .equal, QuotedColumn("agency_id", table: "o"))
            .join(SQLAlias(QuotedIdentifier(GradeModel.schema), as: QuotedIdentifier("g")), method: SQLJoinMethod.left, on: ofYear("g"))
            .join(SQLAlias(QuotedIdentifier(WorkLogModel.schema), as: QuotedIdentifier("w")), method: SQLJoinMethod.left, on: ofYear("w"))
        for column in ["name_sort_key", "id"] { select = select.orderBy(QuotedColumn(column, table: "o")) }
        if let kept { select = select.column(kept.reads.headColumn) }
        return try await KeptReads.At.rows(select.select, kept: kept, on: db) { try EvaluationListItem(row: $0) }
    }
}
