import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
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

/// One agency of the list page, read as a plain row (ADR 0006): the page shows seven columns.
struct AgencyListItem: PlainRow {
    var id: UUID, name: String, short_name: String, kind: String, level: String, district: String, is_active: Bool
    static let columns = ["id", "name", "short_name", "kind", "level", "district", "is_active"]

    init(row: any ResultColumns) throws {
        id = try row.required("id", row.uuid)
        name = try row.string("name", default: ""); short_name = try row.string("short_name", default: "")
        kind = try row.string("kind", default: ""); level = try row.string("level", default: "")
        district = try row.string("district", default: ""); is_active = try row.bool("is_active") ?? true
    }
}

/// One officer of the list page, with the agency's name joined, read as a plain row (ADR 0006).
struct OfficerListItem: PlainRow {
    var id: UUID, full_name: String, agency_id: UUID, agency_name: String, kind: String, position: String
    var employment_status: String, scope_status: String
    static let columns = ["id", "full_name", "agency_id", "kind", "position", "employment_status", "scope_status"]

    init(row: any ResultColumns) throws {
        id = try row.required("id", row.uuid); agency_id = try row.required("agency_id", row.uuid)
        full_name = try row.string("full_name", default: ""); agency_name = try row.string("agency_name", default: "")
        kind = try row.string("kind", default: ""); position = try row.string("position", default: "")
        employment_status = try row.string("employment_status", default: "")
        scope_status = try row.string("scope_status", default: "")
    }
}

/// How a list's page is read (ADR 0017, ninth part): `direct`, its rows in order with `LIMIT` and
/// `OFFSET`; or `cut` first from the order's columns alone, then only its rows read by id.
///
/// The order's index holds the order's columns and the folded name (agencies: active, name, id;
/// officers: sort key, id, name), so PostgreSQL cuts a page there without visiting the rows it
/// skips or rejects (an index-only scan). That pays for a deep page (the agencies' page 200, 5,000
/// rows skipped: 5.6 → 1.6 ms; the officers' page 100: 3.9 → 1.1 ms) and for a search by name,
/// whose rejected rows the index tests (officers holding "tran thi": 5.0 → 0.9 ms; agencies holding
/// a long name: 7.7 → 3.5 ms). A near page without a search is read directly: joined back, the
/// first page of agencies cost 0.3 ms more. SQLite takes either form about as fast.
enum PageForm: Sendable {
    case direct, cut

    /// From this many rows skipped, a page is cut first.
    static let deepOffset = 500

    init(_ paging: Paging, searching text: String?) {
        let searching = !(text.map(VietnameseText.fold) ?? "").isEmpty
        self = searching || paging.offset >= Self.deepOffset ? .cut : .direct
    }
}

/// Read-side queries of the registry, taking a `Database` so they are testable without HTTP. Each list
/// has one definition of its filter (`agencyConditions`, `officerConditions`), of its order and of its
/// page (`agencies`, `officers`), read as plain rows of the page's columns (the web lists) or of every
/// field (`AgencyRecord`, `OfficerRecord`: the API and the exports).
enum RegistryQueries {
    /// `candidates`: the only agencies the search by name may find (`NameTrigrams`), when known.
    /// `walked`: for a page's statement, the rows it reads before it stops (`VisibleAgencies.contains`).
    static func agencyConditions(_ filter: AgencyFilter, visible: VisibleAgencies?, candidates: NameTrigrams.Candidates? = nil,
                                 walked: Int? = nil) -> [any SQLExpression] {
        var conditions: [any SQLExpression] = []
        var searched = false
        if let q = filter.q.map(VietnameseText.fold), !q.isEmpty {
            if let candidates { conditions.append(candidates.condition(QuotedColumn("id"))) }
            conditions.append(FoldedContains(column: QuotedColumn("name_folded"), text: q))
            searched = candidates == nil
        }
        if let kind = filter.kind { conditions.append(equal("kind", kind.rawValue)) }
        if let level = filter.level { conditions.append(equal("level", level.rawValue)) }
        // Typed texts are normalised as stored ones are (a NUL typed into the address cannot reach
        // PostgreSQL, which refuses it in a text value).
        if let district = filter.district.map(VietnameseText.normalize), !district.isEmpty { conditions.append(equal("district", district)) }
        // The name order's index begins with `is_active`: that filter leaves the walk in order.
        let (alone, searchedAlone) = (conditions.isEmpty, searched && conditions.count == 1)
        if !filter.includeInactive { conditions.append(SQLBinaryExpression(QuotedColumn("is_active"), .equal, SQLBind(true))) }
        if let visible {
            let page = VisibleAgencies.Walked.page(ending: walked, alone: alone, searched: searchedAlone)
            conditions.append(visible.contains(QuotedColumn("id"), walked: reachWalk(candidates, page)))
        }
        return conditions
    }

    /// `candidates`: the only officers the search by name may find (`NameTrigrams`), when known.
    /// `walked` as for agencies.
    static func officerConditions(_ filter: OfficerFilter, visible: VisibleAgencies?, candidates: NameTrigrams.Candidates? = nil,
                                  walked: Int? = nil) -> [any SQLExpression] {
        var conditions: [any SQLExpression] = []
        var searched = false
        if let q = filter.q.map(VietnameseText.fold), !q.isEmpty {
            if let candidates { conditions.append(candidates.condition(QuotedColumn("id", table: "o"))) }
            conditions.append(FoldedContains(column: QuotedColumn("name_folded", table: "o"), text: q))
            searched = candidates == nil
        }
        if let agency = filter.agencyID { conditions.append(SQLBinaryExpression(QuotedColumn("agency_id", table: "o"), .equal, SQLBind(agency))) }
        if let kind = filter.kind { conditions.append(equal("kind", kind.rawValue, table: "o")) }
        if let status = filter.status { conditions.append(equal("employment_status", status.rawValue, table: "o")) }
        if let scope = filter.scope.map(VietnameseText.normalize), !scope.isEmpty { conditions.append(equal("scope_status", scope, table: "o")) }
        if let visible {
            let page = VisibleAgencies.Walked.page(ending: walked, alone: conditions.isEmpty, searched: searched && conditions.count == 1)
            conditions.append(visible.contains(QuotedColumn("agency_id", table: "o"), walked: reachWalk(candidates, page)))
        }
        return conditions
    }

    /// How a list's statement tests the reach: `page`, unless a search's candidates are read by id.
    /// They are few (`NameTrigrams.limit(for:)`), and each is tested against the reach read out
    /// rather than the reach put first in a temporary index (`Walked.few`): a district head's officers
    /// holding "nguyen van", 257 candidates, 1,291 agencies (ADR 0017, twenty-sixth part).
    private static func reachWalk(_ candidates: NameTrigrams.Candidates?, _ page: VisibleAgencies.Walked?) -> VisibleAgencies.Walked? {
        candidates == nil ? page : .few
    }

    /// A page of the agency list, by folded name, as `Row`s (the page's seven columns, or every field
    /// for the API's bodies and the exports); the total into `paging`, kept in `kept` while its head
    /// stays (the web and API lists: `Request.keptReadsWithoutTicketsAtStart`, as no ticket's write
    /// touches an agency or an officer, ADR 0020, forty-second part; nil counts every time). A head's
    /// reach is taken at `kept`'s head, the one the request read with its session or its token (nil:
    /// read for it). `form`: how the page is read (nil: as `PageForm` decides for the page and its
    /// search).
    static func agencies<Row: PlainRow>(_ filter: AgencyFilter, visible: VisibleAgencies?, paging: inout Paging, as _: Row.Type,
                                        kept: KeptReads.At? = nil, form: PageForm? = nil,
                                        on db: any Database) async throws -> [Row] {
        if let visible, visible.isEmpty { paging.total = 0; return [] }
        let totals = kept?.reads
        let visible = try await visible?.measured(on: db, kept: totals, at: kept?.head)
        let form = form ?? PageForm(paging, searching: filter.q)
        let table = QuotedIdentifier(AgencyModel.schema)
        let read: (rows: Counted<Row>, head: Int?, candidates: NameTrigrams.Candidates?)? = try await NameTrigrams.narrowed(
            filter.q, in: AddNameTrigramSearchSQLite.agencies, limit: NameTrigrams.limit(for: visible?.readOut), kept: totals,
            at: kept?.head, on: db) { [paging] candidates in
            let count = try counting(from: table, agencyConditions(filter, visible: visible, candidates: candidates), kept: kept, on: db)
            if let head = pastTheEnd(paging, count, kept) { return (Counted(rows: [], count: count), head) }
            let select = try page(of: AgencyModel.schema, as: AgencyModel.schema, Row.columns,
                                  agencyConditions(filter, visible: visible, candidates: candidates, walked: paging.offset + paging.per),
                                  order: ["name_folded", "id"], paging, form, on: db)
            let (rows, head): ([Row], Int?) = try await rowsAndHead(select, kept: kept, on: db)
            return (Counted(rows: rows, count: count), head)
        }
        guard let read else { (paging.total, paging.head) = (0, kept?.head); return [] }
        paging.head = read.head
        paging.total = try await total(read.rows.count, at: read.head, kept: kept, on: db) {
            try KeptReads.count(from: table, agencyConditions(filter, visible: visible, candidates: read.candidates), on: db)
        }
        return read.rows.rows
    }

    /// A page of the officer list, by Vietnamese name order, as `Row`s with their agency's name
    /// (`agency_name`); the total into `paging`. The page is cut from the officers alone and only its
    /// rows are joined to their agency's name (joined first, a late page looked up the agency of every
    /// officer it skipped: 12 ms on PostgreSQL). `kept` and `form` as for `agencies`.
    static func officers<Row: PlainRow>(_ filter: OfficerFilter, visible: VisibleAgencies?, paging: inout Paging, as _: Row.Type,
                                        kept: KeptReads.At? = nil, form: PageForm? = nil,
                                        on db: any Database) async throws -> [Row] {
        if let visible, visible.isEmpty { paging.total = 0; return [] }
        let totals = kept?.reads
        let visible = try await visible?.measured(on: db, kept: totals, at: kept?.head)
        let form = form ?? PageForm(paging, searching: filter.q)
        let columns = Row.columns
        let order = ["name_sort_key", "id"]
        let table = SQLAlias(QuotedIdentifier(OfficerModel.schema), as: QuotedIdentifier("o"))
        let read: (rows: Counted<Row>, head: Int?, candidates: NameTrigrams.Candidates?)? = try await NameTrigrams.narrowed(
            filter.q, in: AddNameTrigramSearchSQLite.officers, limit: NameTrigrams.limit(for: visible?.readOut), kept: totals,
            at: kept?.head, on: db) { [paging] candidates in
            let count = try counting(from: table, officerConditions(filter, visible: visible, candidates: candidates), kept: kept, on: db)
            if let head = pastTheEnd(paging, count, kept) { return (Counted(rows: [], count: count), head) }
            let inner = try page(of: OfficerModel.schema, as: "o", columns + ["name_sort_key"],
                                 officerConditions(filter, visible: visible, candidates: candidates, walked: paging.offset + paging.per),
                                 order: order, paging, form, on: db)
            var select = try db.sql().select().columns(columns.map { QuotedColumn($0, table: "o") })
                .column(SQLAlias(QuotedColumn("name", table: "a"), as: QuotedIdentifier("agency_name")))
                .from(SQLAlias(SQLGroupExpression(inner.select), as: QuotedIdentifier("o")))
                .join(SQLAlias(QuotedIdentifier(AgencyModel.schema), as: QuotedIdentifier("a")), method: SQLJoinMethod.inner,
                      on: QuotedColumn("id", table: "a"), .equal, QuotedColumn("agency_id", table: "o"))
            for column in order { select = select.orderBy(QuotedColumn(column, table: "o")) }
            let (rows, head): ([Row], Int?) = try await rowsAndHead(select, kept: kept, on: db)
            return (Counted(rows: rows, count: count), head)
        }
        guard let read else { (paging.total, paging.head) = (0, kept?.head); return [] }
        paging.head = read.head
        paging.total = try await total(read.rows.count, at: read.head, kept: kept, on: db) {
            try KeptReads.count(from: table, officerConditions(filter, visible: visible, candidates: read.candidates), on: db)
        }
        return read.rows.rows
    }

    /// How many officers hold a post (`EmploymentStatus.holdsPost`) in the agencies in view, by kind
    /// (`ITOfficerKind` raw values), for the dashboard: counted by the database, where reading each
    /// officer as a model cost a district head's dashboard 2,581 models on every view. Kept while
    /// `kept`'s head stays when given: the head without tickets (`keptReadsWithoutTickets`), as no
    /// ticket moves an officer; the reach is walked inside the count, so that its statement names it
    /// without a read of its own.
    static func officerKinds(visible: VisibleAgencies?, kept: KeptReads.At? = nil, on db: any Database) async throws -> [String: Int] {
        let scope: SQLQueryString = visible.map { " AND \($0.contains(QuotedColumn("agency_id", table: "o")))" } ?? ""
        let count: SQLQueryString = """
            SELECT o.kind AS kind, COUNT(*) AS n FROM \(name: OfficerModel.schema) o \
            WHERE o.employment_status IN (\(binds: EmploymentStatus.holdingPostRawValues))\(scope) GROUP BY o.kind ORDER BY o.kind
            """
        let rows = try await KeptReads.At.rows(readAfter: count, kept: kept, on: db) { (try $0.string("kind", default: ""), try $0.int("n") ?? 0) }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    /// A page's rows, and the audit head they were read at when values are kept. A page without a row
    /// reads no head: it is taken at the head the request read before it (`kept`'s, nil when unknown),
    /// as a small reach's empty walk is (`KeptReads.rows`). Without it, an empty search — a head
    /// looking for a name outside their reach, a typo — counted its total again at every request:
    /// 4.7 ms of PostgreSQL for a district head's agencies holding "truong tieu hoc phu cuong".
    ///
    /// The rows themselves are kept by their statement while the head stays (ADR 0020, thirty-ninth
    /// part), when the request read the head before the page (with its session or its token): a page
    /// read again at that head is taken as it was read, each row with the head it was read at. Read at
    /// every view, a district head's page of officers tested their 1,291 agencies each time.
    private static func rowsAndHead<Row: PlainRow>(_ select: SQLSelectBuilder, kept: KeptReads.At?,
                                                   on db: any Database) async throws -> ([Row], Int?) {
        guard let kept else { return (try await RawRows.all(statement: select.select, on: db) { try Row(row: $0) }, nil) }
        let statement = select.column(kept.reads.headColumn).select
        let make: @Sendable (any ResultColumns) throws -> (Row, Int?) = { (try Row(row: $0), try $0.int("list_head")) }
        let read = kept.head == nil ? try await RawRows.all(statement: statement, on: db, make)
                                    : try await kept.reads.rows(statement, at: kept.head, on: db, make)
        return (read.map(\.0), read.first?.1 ?? kept.head)
    }

    /// A page's rows and the count of its list, made for the candidates the page was read with.
    private struct Counted<Row> { var rows: [Row]; var count: KeptReads.Total? }

    /// The count of the rows `conditions` select from `from`, to be kept by `kept` (nil when nothing is kept).
    private static func counting(from: any SQLExpression, _ conditions: [any SQLExpression], kept: KeptReads.At?,
                                 on db: any Database) throws -> KeptReads.Total? {
        guard let kept else { return nil }
        return try kept.reads.counting(KeptReads.count(from: from, conditions, on: db), on: db)
    }

    /// The head the request read before its page, when the total kept at that head says the page
    /// starts past the list's end: it has no row to read there. A search that finds nothing (a head's
    /// name outside their reach) walked a district head's 1,291 agencies in name order at every request
    /// to find none: 1.6–1.9 ms of PostgreSQL.
    private static func pastTheEnd(_ paging: Paging, _ count: KeptReads.Total?, _ kept: KeptReads.At?) -> Int? {
        guard let count, let kept, let head = kept.head, let total = kept.reads.keptTotal(count, at: head),
              total <= paging.offset else { return nil }
        return head
    }

    /// The list's total: kept while the head stays (`count`, made by `counting`), else counted by
    /// the statement `fresh` makes.
    private static func total(_ count: KeptReads.Total?, at head: Int?, kept: KeptReads.At?, on db: any Database,
                              fresh: () throws -> SQLSelectBuilder) async throws -> Int {
        if let count, let kept { return try await kept.reads.total(count, at: head, on: db) }
        return try await RawRows.all(statement: fresh().select, on: db) { try $0.int("n") }.first.flatMap { $0 } ?? 0
    }

    static func equal(_ column: String, _ value: String, table: String? = nil) -> any SQLExpression {
        SQLBinaryExpression(QuotedColumn(column, table: table), .equal, SQLBind(value))
    }

    /// The page `paging` asks for of the rows of `table` (named `alias`) that `conditions` select,
    /// with their `columns`, in `order` (columns of the table, the last its unique `id`), read in
    /// `form`.
    static func page(of table: String, as alias: String, _ columns: [String], _ conditions: [any SQLExpression],
                     order: [String], _ paging: Paging, _ form: PageForm, on db: any Database) throws -> SQLSelectBuilder {
        let sql = try db.sql()
        let named = SQLAlias(QuotedIdentifier(table), as: QuotedIdentifier(alias))
        let ordered = order.map { QuotedColumn($0, table: alias) }
        guard form == .cut else {
            return page(sql.select().columns(columns.map { QuotedColumn($0, table: alias) }).from(named), conditions, order: ordered, paging)
        }
        let cut = page(sql.select().columns(ordered).from(named), conditions, order: ordered, paging)
        var rows = sql.select().columns(columns.map { QuotedColumn($0, table: alias) })
            .from(SQLAlias(SQLGroupExpression(cut.select), as: QuotedIdentifier("cut")))
            .join(named, method: SQLJoinMethod.inner, on: QuotedColumn("id", table: alias), .equal, QuotedColumn("id", table: "cut"))
        for column in order { rows = rows.orderBy(QuotedColumn(column, table: "cut")) }
        return rows
    }

    private static func page(_ select: SQLSelectBuilder, _ conditions: [any SQLExpression], order: [QuotedColumn], _ paging: Paging) -> SQLSelectBuilder {
        var select = select
        for condition in conditions { select = select.where(condition) }
        for column in order { select = select.orderBy(column) }
        return select.limit(paging.per).offset(paging.offset)
    }

    /// The districts named by agencies, for the filter: a skip over the district index, one probe per
    /// district (a DISTINCT read all ten thousand entries of it, 3 ms per view on PostgreSQL). Taken
    /// from `kept` when read at `head` (the head the page was read at, `Paging.head`, of `kept`'s
    /// kind): only a write to an agency changes them, and every such write moves the head (ADR 0020).
    static func districts(at head: Int? = nil, kept: KeptReads? = nil, on db: any Database) async throws -> [String] {
        let read: @Sendable () async throws -> (value: [String], head: Int?) = {
            let rows = try await RawRows.all("""
                WITH RECURSIVE d(name) AS (
                  SELECT MIN(district) FROM \(name: AgencyModel.schema) WHERE district > ''
                  UNION ALL
                  SELECT (SELECT MIN(district) FROM \(name: AgencyModel.schema) WHERE district > d.name) FROM d WHERE d.name IS NOT NULL)
                SELECT name, \(kept?.keptAt.seq ?? AuditLog.headSeq) AS head FROM d WHERE name IS NOT NULL
                """, on: db) { (name: try $0.string("name"), head: try $0.int("head")) }
            return (VietnameseText.sorted(rows.compactMap(\.name), byName: { $0 }), rows.first?.head)
        }
        guard let kept else { return try await read().value }
        return try await kept.value("districts", at: head, read: read)
    }

    /// The IT-application levels of several agencies, each agency's latest year first; kept while the
    /// head stays when `kept` is given (a page of the API's agencies read them at every request).
    static func itLevels(of agencyIDs: [UUID], kept: KeptReads.At? = nil, on db: any Database) async throws -> [UUID: [ITLevelRecord]] {
        guard !agencyIDs.isEmpty else { return [:] }
        let select = try db.sql().select()
            .columns(["agency_id", "year", "level", "source_document"].map { QuotedColumn($0) })
            .from(QuotedIdentifier(AgencyITLevelModel.schema))
            .where(QuotedColumn("agency_id"), .in, SQLBind.group(agencyIDs)).orderBy(QuotedColumn("agency_id"), SQLDirection.ascending)
            .orderBy(QuotedColumn("year"), SQLDirection.descending)
        let rows = try await KeptReads.At.rows((kept.map { select.column($0.reads.headColumn) } ?? select).select, kept: kept, on: db) {
            try ITLevelRecord(row: $0)
        }
        return Dictionary(grouping: rows, by: \.agencyID)
    }

    static func history(entityID: UUID, on db: any Database, limit: Int = 50) async throws -> [AuditEntryModel] {
        try await AuditEntryModel.query(on: db).filter(\.$entityID == entityID).sort(\.$seq, .descending)
            .limit(limit).all()
    }
}
