import Domain
import Fluent
import Foundation
import SQLKit

/// The agencies a reader of part of the province sees (`AccessPolicy.agencyReach`, docs/access.md):
/// those they belong to, every agency of a district IT body's district, and each agency they head
/// with every agency below it (Art. 15.4), as a statement the database evaluates inside the list's
/// own statement — or, when they are few, as their ids (`Form`).
///
/// Sent as ids, a district head's 1,291 agencies were read out, sorted, written back as one bind
/// each and parsed again in every statement of every page (ADR 0017, thirteenth part).
struct VisibleAgencies: Sendable, Equatable {
    let own: [UUID], headed: [UUID], districts: [String]
    /// How `contains` names the agencies: chosen from the reach's size by `measured(on:)`; nil until
    /// then, which is `Form.statement`.
    var form: Form?
    /// The reach read out once (`measured(on:kept:at:)`), handed to each statement as one value in
    /// place of the walk down the governing links.
    private(set) var readOut: ReadOut?
    /// The head `readOut` was kept at, of the kind its store keeps (`KeptReads.Head`): a value read
    /// with this reach may be kept at it too, in a store of that kind.
    private(set) var readAt: Int?

    /// Whether a list names its agencies as a statement or as ids (ADR 0017, fifteenth part). The
    /// planner cannot know how many agencies a recursive statement yields (PostgreSQL guesses 4,171
    /// for every reach), so it chose one plan for all: the head of a single agency, at 200,000
    /// officers, waited 578 ms while 159,335 officers were walked in name order to find their 25.
    enum Form: Sendable, Equatable {
        /// `column IN (WITH RECURSIVE …)`: the reach evaluated inside the list's statement.
        case statement
        /// At most `listedAtMost` agencies, read first and sent as one bind each: the planner sees
        /// each agency and reads their rows by the agency's index (the lone head's page: 0.6 ms).
        case listed([UUID])
        /// More: a page walked in its order tests each row against a hash of the reach
        /// (`hashed(_:)`: a district head's first page of officers 59 → 5.7 ms at 200,000 officers);
        /// a count keeps the statement, which PostgreSQL joins (a hashed count took 47 ms, not 19).
        case hashedInPages
    }

    /// The most agencies named as ids (`Form.listed`). A district head's reach (1,291 agencies) stays
    /// a statement: as ids in every statement its lists were slower (thirteenth part), and at 200,000
    /// officers on PostgreSQL 5 times slower than `hashedInPages` (34–37 against 168–196 req/s).
    static let listedAtMost = 100

    /// How far below a headed agency the reach goes: as deep as the chain `Visibility.places` reads
    /// for `AccessPolicy.canSee` (the agency and 19 governing agencies above it), so that a list
    /// shows exactly the agencies a page lets the viewer open.
    static let levelsBelow = 19

    var isEmpty: Bool { own.isEmpty && headed.isEmpty && districts.isEmpty }

    /// A reach read out (`measured(on:kept:at:)`): its agencies' ids bound as one value, how many they
    /// are and how many agencies the province has.
    struct ReadOut: Sendable, Equatable {
        var ids: BoundIDs
        var count: Int
        var province: Int
        /// Read out of SQLite (a JSON text, `json_each`), else of PostgreSQL (a `uuid[]`, `unnest`).
        var sqlite: Bool

        /// A statement whose column `id` names each agency of the reach once. On PostgreSQL its text
        /// names the reach's size to the next power of two: a statement prepared once per connection
        /// (ADR 0027) may be run with one generic plan after its first five, and that plan cannot count
        /// the ids; reaches of different sizes thus never share a statement, nor its plan.
        var rows: SQLQueryString {
            sqlite ? "SELECT value AS id FROM json_each(\(bind: ids))"
                   : "SELECT unnest(\(bind: ids)) AS id /* reach up to \(unsafeRaw: String(Self.sizeClass(count))) */"
        }

        /// The least power of two at or above `count`.
        static func sizeClass(_ count: Int) -> Int { count <= 1 ? 1 : 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount) }

        /// Whether a page that stops after `rows` rows of the reach is read in the list's order, each
        /// row tested against the reach, rather than by each agency's index and sorted. The walk reads
        /// about rows × province ÷ count rows, the index count × (rows an agency has), sorted: the walk
        /// is the cheaper while rows ≤ count² ÷ province. A district head's 1,291 agencies of 10,000:
        /// the first 166 rows, 6 pages of 25 (first page of officers 3–5 → 1.0–1.5 ms in `sqlite3`,
        /// of agencies 2.1–2.5 → 1.0 ms; bench/results/speed-issue14.md).
        func walksInOrder(upTo rows: Int) -> Bool {
            province > 0 && rows * province <= count * count
        }

        /// Whether a page searched by a common text (one the trigram index does not narrow, more
        /// than `NameTrigrams.limit` names hold its end) is read in the list's order, each name
        /// tested and each match then against the reach, rather than by each agency's index: when
        /// the reach holds a tenth of the province's agencies or more. The walk reads names from a
        /// covering index, an eleventh of the cost of an officer read by its agency. A district
        /// head's officers searched for "nguyen van", in `sqlite3`, by the index against the walk:
        /// 0.1 against 4.3 ms with 1 % of the agencies, 4.0 against 3.5 with 10 %, 3.8 against 2.5
        /// with the head's 13 %, 10.6 against 1.6 with 30 % (bench/results/speed-issue14.md).
        var walksSearching: Bool { province > 0 && count * 10 >= province }
    }

    /// Common table expressions ending in `reach(id)`, every agency in view (some more than once),
    /// for a statement that asks about the reach more than once (`WITH RECURSIVE` before it). A
    /// chain that comes back to an agency already walked stops after `levelsBelow` steps.
    var definitions: SQLQueryString {
        let agencies = AgencyModel.schema
        if let readOut { return "reach(id) AS (\(readOut.rows))" }
        var parts: [SQLQueryString] = []
        if !headed.isEmpty { parts.append("SELECT id FROM below") }
        if !districts.isEmpty { parts.append("SELECT id FROM \(name: agencies) WHERE district IN (\(binds: districts))") }
        if !own.isEmpty { parts.append("SELECT id FROM \(name: agencies) WHERE id IN (\(binds: own))") }
        if parts.isEmpty { parts.append("SELECT id FROM \(name: agencies) WHERE 1 = 0") }
        let reach: SQLQueryString = "reach(id) AS (\(parts.joined(separator: " UNION ALL ")))"
        guard !headed.isEmpty else { return reach }
        let below: SQLQueryString = """
            below(id, depth) AS (
              SELECT id, 0 FROM \(name: agencies) WHERE id IN (\(binds: headed))
              UNION ALL SELECT a.id, b.depth + 1 FROM \(name: agencies) a JOIN below b ON a.governing_agency_id = b.id \
            WHERE b.depth < \(literal: Self.levelsBelow))
            """
        return below + ", " + reach
    }

    /// A statement whose column `id` names every agency in view (some more than once).
    var ids: SQLQueryString { readOut?.rows ?? "WITH RECURSIVE \(definitions) SELECT id FROM reach" }

    /// `column` names an agency in view. `walked`: in a page's statement, which reads its rows in the
    /// page's order (`Form.hashedInPages`), the rows it reads before it stops when nothing else filters
    /// them: on SQLite, a reach read out walks them in that order (`ReadOut.walksInOrder`, the `+`
    /// keeps SQLite from the column's index).
    func contains(_ column: any SQLExpression, walked: Walked? = nil) -> SQLQueryString {
        switch form {
        case .listed(let agencies) where agencies.isEmpty: "1 = 0"
        case .listed(let agencies): "\(column) IN (\(binds: agencies))"
        case .hashedInPages where walked != nil: Self.hashed("\(column) IN (\(ids))")
        case nil, .statement, .hashedInPages:
            if let readOut, readOut.sqlite, let walked, walked.few || (walked.alone.map(readOut.walksInOrder) ?? (walked.searched && readOut.walksSearching)) {
                walkTest(column)
            } else { "\(column) IN (\(ids))" }
        }
    }

    /// `column` names an agency in view, tested row by row in a walk of a list's order (SQLite).
    /// A reach read out is one bound array tested by `qlcb_id_in` (`CIDSet`): sorted once for the
    /// statement, then one binary search a row. `+column IN (ids)` first put the 1,291 ids of a
    /// district head in a temporary index, in every statement and every year's branch of it, where
    /// the walk then tested a few hundred rows (0.46 ms a statement; bench/results/speed-issue14.md).
    /// `reach`: the statement naming the agencies otherwise (default `ids`); the `+` keeps SQLite
    /// from the column's index.
    func walkTest(_ column: any SQLExpression, reach: SQLQueryString? = nil) -> SQLQueryString {
        if let readOut, readOut.sqlite { return "qlcb_id_in(\(bind: readOut.ids), \(column))" }
        return "+\(column) IN (\(reach ?? ids))"
    }

    /// A page's statement, which reads its rows in the page's order: `alone`, the rows it reads
    /// before it stops when the reach is its only filter (nil when others filter them too);
    /// `searched`, filtered by a common search text alone (`ReadOut.walksSearching`); `few`, a
    /// statement that reads few rows whatever the reach (`Walked.few`).
    struct Walked: Sendable {
        var alone: Int?
        var searched = false
        var few = false

        /// A statement over rows that stay few whatever the reach (the open handovers, walked by
        /// their partial index): each is tested against a reach read out, which is never put in a
        /// temporary index first.
        static let few = Walked(few: true)

        /// A page that ends after `rows` rows (nil: not a page's statement), the reach `alone` or not,
        /// or with a common search text its only other filter (`searched`).
        static func page(ending rows: Int?, alone: Bool, searched: Bool = false) -> Walked? {
            rows.map { Walked(alone: alone ? $0 : nil, searched: searched) }
        }
    }

    /// `membership` (a `column IN (subquery)`) as PostgreSQL tests it row by row against a hash of
    /// the subquery's rows, made once. The planner turns an `IN` into a join only when it stands
    /// among conditions joined by AND; a join that keeps a walk's order is a nested loop that reads
    /// the whole reach again for each row. Under `OR false` the `IN` stays a test (`hashed SubPlan`),
    /// and the constant is dropped after that choice: the rows are the same (ADR 0017).
    static func hashed(_ membership: SQLQueryString) -> SQLQueryString {
        "(\(membership) OR false)"
    }

    /// Every agency in view, read out of the statement. Plain rows: Fluent fills a whole model by
    /// reflection even for `.all(\.$id)`, and a district head's every request named 1,291 agencies
    /// that way (bench/results/speed-issue14.md).
    /// With `kept`, a reach that walks governing links is kept while the audit head stays (`kept(_:)`).
    func all(on db: any Database, kept: KeptReads? = nil, at head: Int? = nil) async throws -> Set<UUID> {
        if isEmpty { return [] }
        guard let kept, !headed.isEmpty else {
            return Set(try await RawRows.all("SELECT id FROM (\(ids)) v", on: db) { try $0.required("id", $0.uuid) })
        }
        return try await self.kept("reach set", in: kept, at: head, on: db) {
            let rows = try await RawRows.all("SELECT id, \(kept.headColumn) FROM (\(ids)) v", on: db) {
                (try $0.required("id", $0.uuid), try $0.int("list_head"))
            }
            return (value: Set(rows.map(\.0)), head: rows.first?.1)
        }
    }

    /// What `read` reads of this reach (with the head it was read at), kept while the audit head stays
    /// at `head` (read here when nil) and otherwise read again (ADR 0020). Used for a reach that walks
    /// governing links: reading the head first costs less than that walk, but more than asking a reach
    /// of one's own agencies or of a district.
    private func kept<T: Sendable>(_ what: String, in kept: KeptReads, at head: Int?, on db: any Database,
                                   read: @escaping @Sendable () async throws -> (value: T, head: Int?)) async throws -> T {
        var head = head
        if head == nil { head = try await kept.keptAt.read(on: db) }
        return try await kept.value("\(what) \(own) \(headed) \(districts)", at: head, read: read)
    }

    /// The reach's ids read out, each once, with the province's count of agencies and the audit head
    /// in the same statement, kept while the head stays (`kept(_:)`). Bound in their text's order
    /// (`BoundIDs`): a statement that puts them in a temporary index appends them in order (SQLite, a
    /// district head's 1,291: 0.81 → 0.46 ms in each statement, bench/results/speed-issue14.md). The
    /// order changes no answer.
    ///
    /// When the head has moved, the reach is taken again as it was read while the head without
    /// tickets stays (`AuditLog.withoutTicketsID`): agencies and grants change only by writes other
    /// than a ticket's. Read again after each ticket, a district head's reach cost 7.7 ms of
    /// PostgreSQL on every page that followed one, at ten times the demo (ADR 0020, forty-first part).
    private func readOut(kept: KeptReads, at head: Int?, sqlite: Bool, on db: any Database) async throws -> ReadOut {
        try await self.kept("reach", in: kept, at: head, on: db) {
            let steadyKey = kept.keptAt == .whole ? "reach without tickets \(own) \(headed) \(districts)" : nil
            if let steadyKey, let found: (value: ReadOut, head: Int) = kept.kept(steadyKey),
               found.head == (try await AuditLog.headWithoutTickets(on: db)) {
                return (value: found.value, head: head)
            }
            let rows = try await RawRows.all("""
                SELECT v.id, (SELECT COUNT(*) FROM \(name: AgencyModel.schema)) AS province, \(kept.headColumn), \
                \(AuditLog.headWithoutTicketsSeq) AS steady_head FROM (SELECT DISTINCT id FROM (\(ids)) r) v
                """, on: db) {
                (id: try $0.required("id", $0.uuid), province: try $0.int("province") ?? 0, head: try $0.int("list_head"),
                 steady: try $0.int("steady_head"))
            }
            let ids = BoundIDs(rows.map(\.id))
            let readOut = ReadOut(ids: ids, count: ids.ids.count, province: rows.first?.province ?? 0, sqlite: sqlite)
            if let steadyKey, let steady = rows.first?.steady { kept.keep(readOut, steadyKey, head: steady, counted: false) }
            return (value: readOut, head: rows.first?.head)
        }
    }

    /// This reach in the form its size calls for. A reach that walks governing links is read out once
    /// while the audit head stays when `kept` is given (`readOut`, ADR 0020; `head`: the audit head the
    /// page has read, else read here): walking a district head's 1,291 agencies down their governing
    /// links took 2.4 ms in each statement on SQLite, the larger part of the head's every list
    /// (bench/results/where.md), and on PostgreSQL each page walked it three times more to measure it.
    /// SQLite keeps the statement, whose plans were already those of the reach's size. PostgreSQL
    /// lists the agencies when they are at most `listedAtMost`, else tests rows against them
    /// (`hashedInPages`); without `kept` it reads at most `listedAtMost` + 1 rows of the statement to
    /// know which.
    func measured(on db: any Database, kept: KeptReads? = nil, at head: Int? = nil) async throws -> VisibleAgencies {
        guard form == nil, !isEmpty else { return self }
        var measured = self
        let sqlite = try db.sql().dialect.name == "sqlite"
        if let kept, !headed.isEmpty {
            var head = head
            if head == nil { head = try await kept.keptAt.read(on: db) }
            let readOut = try await readOut(kept: kept, at: head, sqlite: sqlite, on: db)
            measured.readOut = readOut
            measured.readAt = head
            measured.form = sqlite ? .statement : readOut.count <= Self.listedAtMost ? .listed(readOut.ids.ids) : .hashedInPages
            return measured
        }
        if sqlite {
            measured.form = .statement
            return measured
        }
        let read = try await RawRows.all("\(ids) LIMIT \(literal: Self.listedAtMost + 1)", on: db) { try $0.required("id", $0.uuid) }
        // Sorted, so that one reach makes one statement (`KeptReads` keeps totals by statement).
        measured.form = read.count <= Self.listedAtMost ? .listed(Set(read).sorted { $0.canonicalText < $1.canonicalText }) : .hashedInPages
        return measured
    }
}

extension VisibleAgencies {
    /// nil for a reader of the whole province. Sorted, so that one reach makes one statement
    /// (`KeptReads` keeps totals by statement).
    init?(_ policy: AccessPolicy) {
        if policy.readsWholeProvince { return nil }
        let reach = policy.agencyReach
        self.init(own: reach.own.sorted(), headed: reach.headed.sorted(), districts: reach.districts.sorted())
    }
}
