import Domain
import Fluent
import Foundation
import SQLKit

/// The statements of the submission overview (`/nop-so`, issue 3 §7, Art. 15.6): the officers it
/// follows (holding a post, in scope or by analogy, in the viewer's reach) with their work log of the
/// year, counted by district for the chart and the counts, and a page of them. The database counts
/// and joins: read as Fluent models, with every submitted id bound back for the filters, the
/// authority's overview took 2.5–4.1 s at 20,000 officers (bench/results/speed-issue14.md, thirty-third
/// part).
enum SubmissionList {
    /// One followed officer of a page, with their agency's name and their log of the year, if any.
    struct Item: Sendable {
        var id: UUID, fullName: String, kind: String, agencyID: UUID, agencyName: String
        var receivedAt: Date?, lateException: String

        init(row: any ResultColumns) throws {
            id = try row.required("id", row.uuid); agencyID = try row.required("agency_id", row.uuid)
            fullName = try row.string("full_name", default: ""); kind = try row.string("kind", default: "")
            agencyName = try row.string("agency_name", default: ""); receivedAt = try row.date("received_at")
            lateException = try row.string("late_exception", default: "")
        }
    }

    /// The followed officers of a district ("" for the province's own agencies) and how many of them
    /// had their log of the year received.
    struct District: Sendable, Equatable { var name: String; var followed: Int; var submitted: Int }

    /// Who is followed, and whose log came in: `all`, `submitted` (received) or `missing` (not yet).
    enum Filter: String, Sendable { case all = "", submitted, missing }

    /// The followed officers `o` in `reach` (nil: the province) whose log of `year` is as `filter`
    /// says. `page`: the page a statement reads in the list's order, which tests each officer's
    /// agency against the reach as it walks (`VisibleAgencies.contains(_:walked:)`): joined to the
    /// reach first, PostgreSQL read a district head's 2,487 officers and their logs to sort them for
    /// each page (16 ms).
    private static func followed(year: Int, reach: VisibleAgencies?, _ filter: Filter, page: Paging? = nil) -> SQLQueryString {
        var conditions: SQLQueryString = """
            o.employment_status IN (\(binds: EmploymentStatus.holdingPostRawValues)) \
            AND o.scope_status IN (\(binds: [ScopeStatus.inScope.code, ScopeStatus.analogous.code]))
            """
        if let reach {
            // "Alone" as the evaluation list says it: the post and scope conditions hold most officers,
            // so the reach is what filters a page that no log filter narrows.
            let walked = VisibleAgencies.Walked.page(ending: page.map { $0.offset + $0.per }, alone: filter == .all)
            conditions = conditions + " AND \(reach.contains(QuotedColumn("agency_id", table: "o"), walked: walked))"
        }
        let received: SQLQueryString = """
            EXISTS (SELECT 1 FROM \(name: WorkLogModel.schema) r \
            WHERE r.officer_id = o.id AND r.year = \(bind: year) AND r.received_at IS NOT NULL)
            """
        switch filter {
        case .all: break
        case .submitted: conditions = conditions + " AND " + received
        case .missing: conditions = conditions + " AND NOT " + received
        }
        return conditions
    }

    /// Each followed officer `o` joined to their agency `a` and to their log `w` of `year` (unique by
    /// officer and year: one row an officer).
    private static func joined(_ officers: SQLQueryString, year: Int) -> SQLQueryString {
        """
        \(officers) JOIN \(name: AgencyModel.schema) a ON a.id = o.agency_id \
        LEFT JOIN \(name: WorkLogModel.schema) w ON w.officer_id = o.id AND w.year = \(bind: year)
        """
    }

    /// The followed officers by district, in the order of the districts' names as stored (the chart
    /// sorts them in Vietnamese order); kept while `kept`'s head stays (the head without tickets,
    /// `keptReadsWithoutTickets`: officers and logs change only by audited writes, none a ticket's).
    static func byDistrict(year: Int, reach: VisibleAgencies?, kept: KeptReads.At?, on db: any Database) async throws -> [District] {
        let statement: SQLQueryString = """
            SELECT a.district AS district, COUNT(*) AS followed, COUNT(w.received_at) AS submitted \
            FROM \(joined("\(name: OfficerModel.schema) o", year: year)) WHERE \(followed(year: year, reach: reach, .all)) \
            GROUP BY a.district ORDER BY a.district
            """
        return try await KeptReads.At.rows(readAfter: statement, kept: kept, on: db) { row in
            District(name: try row.string("district", default: ""), followed: try row.int("followed") ?? 0,
                     submitted: try row.int("submitted") ?? 0)
        }
    }

    /// The page `paging` asks for, by agency then the Vietnamese order of names, then id: cut from
    /// the officers alone, and only its rows joined to their agency and their log. Kept while `kept`'s
    /// head stays, as `byDistrict` is (ADR 0020): a district head's page tested officers against the
    /// 1,291 agencies of the reach at every view (issue 14).
    static func page(year: Int, reach: VisibleAgencies?, _ filter: Filter, paging: Paging, kept: KeptReads.At?,
                     on db: any Database) async throws -> [Item] {
        let cut: SQLQueryString = """
            (SELECT o.id, o.full_name, o.kind, o.agency_id, o.name_sort_key FROM \(name: OfficerModel.schema) o \
            WHERE \(followed(year: year, reach: reach, filter, page: paging)) \
            ORDER BY o.agency_id, o.name_sort_key, o.id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)) o
            """
        let statement: SQLQueryString = """
            SELECT o.id AS id, o.full_name AS full_name, o.kind AS kind, o.agency_id AS agency_id, a.name AS agency_name, \
            w.received_at AS received_at, w.late_exception AS late_exception \
            FROM \(joined(cut, year: year)) ORDER BY o.agency_id, o.name_sort_key, o.id
            """
        return try await KeptReads.At.rows(readAfter: statement, kept: kept, on: db, Item.init(row:))
    }
}
