import Domain
import Foundation
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// The staffing report of the whole province for a year (Art. 11.1), kept current from the audit
/// log (`StaffingFeed`): a read costs one look at the log's head; when writes were made — on this
/// instance or another — only the agencies they touched are assessed again. The province is
/// computed whole only the first time, after a load or a change the feed cannot follow. Requests
/// that arrive while it is being brought up to date wait for that one computation (issue 14).
final class StaffingCache: Sendable {
    struct Province: Sendable {
        /// The audit head the rows reflect.
        var seq: Int
        /// Every active agency, in report order.
        var rows: [StaffingRow]
        /// The agency each officer was counted at, to assess again the one an officer leaves.
        var officerAgency: [UUID: UUID]
        /// The counts over every row.
        var summary: StaffingSummary

        init(seq: Int, rows: [StaffingRow], officerAgency: [UUID: UUID]) {
            self.seq = seq
            self.rows = rows
            self.officerAgency = officerAgency
            summary = StaffingSummary(rows)
        }
    }

    /// The rows of the agencies a reader sees (`visible`), cut from the province of `key` at `seq`,
    /// whose rows were `source` (held, so that `sameRows` can tell them).
    struct View: Sendable {
        var key: String, seq: Int, visible: Set<UUID>
        var rows: [StaffingRow], summary: StaffingSummary
        var source: [StaffingRow]
    }

    /// Whether two arrays of rows are one: the same storage. An array held by what is kept keeps its
    /// storage alive, so no other rows can have it; a province brought to a later head by a write
    /// that touched no agency (a ticket's) keeps its rows' storage (`bring`).
    static func sameRows(_ a: [StaffingRow], _ b: [StaffingRow]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { $0.baseAddress == a.baseAddress } }
    }

    /// What is kept, behind one lock held only to look up or store (never across an `await`): a
    /// read that finds its rows current takes no turn on any executor, so it goes on on the thread
    /// that read its request (ADR 0028).
    private struct Kept {
        /// The rows of part of the province, as the readers who see only part of it last read them.
        var views: [View] = []
        /// The rows a filter found in a view (`staffing(…status:q:…)`), newest last.
        var matches: [Matches] = []
        var cuts = 0, searches = 0
    }

    /// The places in `rows` (a view, cut from the province of `key` at `seq`) of the rows that a status
    /// and a folded search text found. Taken again only for the very same rows (`sameRows`): two
    /// reports read at one head may differ by a write committed while they were read, and a place is
    /// only meant for the rows it was found in.
    struct Matches: Sendable {
        var key: String, seq: Int, status: String, q: String
        var rows: [StaffingRow], places: [Int]
    }

    private let kept = NIOLockedValueBox(Kept())
    private let provinces = FollowedTables<Province>(name: "staffing", capacity: keptYears)
    static let keptYears = 6
    /// How many parts are kept: each reader of a part (a head, a district's IT body) has one.
    static let keptViews = 64
    /// Whole-province computations and incremental updates (tests count them).
    var computations: Int { provinces.computations }
    var updates: Int { provinces.updates }
    /// Parts cut out of a province (`keep`; tests count them).
    var cuts: Int { kept.withLockedValue { $0.cuts } }
    /// Filters run over a view's rows (`staffing(…status:q:…)`; tests count them).
    var searches: Int { kept.withLockedValue { $0.searches } }

    /// The view of `visible` cut from `province` (of `key`), if one is kept: cut at its head, or from
    /// its very rows at an earlier head (a ticket since, which left them as they were). A reach kept
    /// by `KeptReads` is the same set from one request to the next, and sets that share their
    /// storage compare equal at once.
    func view(_ key: String, of province: Province, visible: Set<UUID>) -> View? {
        kept.withLockedValue { kept in
            kept.views.last { $0.key == key && $0.visible == visible && ($0.seq == province.seq || Self.sameRows($0.source, province.rows)) }
        }
    }

    /// Keeps `view`, dropping those cut from an older head of its province (never read again); the
    /// oldest goes past `keptViews`.
    func keep(_ view: View) {
        kept.withLockedValue { kept in
            kept.cuts += 1
            kept.views.removeAll { $0.key == view.key && $0.seq < view.seq && !Self.sameRows($0.source, view.source) }
            kept.views.append(view)
            if kept.views.count > Self.keptViews { kept.views.removeFirst(kept.views.count - Self.keptViews) }
        }
    }

    /// The province's key: a year's report under a staffing threshold.
    static func key(year: Int, threshold: Int) -> String { "\(year)|\(threshold)" }

    /// The province's report at least as current as the audit head `head` (read here when nil: a page
    /// that read it for its other reads passes it on).
    func province(year: Int, threshold: Int, at head: Int? = nil, on db: any Database) async throws -> Province {
        let key = Self.key(year: year, threshold: threshold)
        // The head is read before anything is computed: a write committed meanwhile is followed next time.
        let head = if let head { head } else { try await AuditLog.head(on: db).seq }
        return try await provinces.table(key, at: head) { previous in
            try await Self.bring(previous?.table, year: year, threshold: threshold, upTo: head, on: db)
        }
    }

    /// The province at `head`: `previous` with the touched agencies assessed again, or computed whole.
    static func bring(_ previous: Province?, year: Int, threshold: Int, upTo head: Int,
                      on db: any Database) async throws -> FollowedTables<Province>.Update {
        if let previous, case .agencies(var touched, let officers) = try await StaffingFeed.changes(after: previous.seq, upTo: head, on: db) {
            var officerAgency = previous.officerAgency
            let now = try await StaffingFeed.agencies(ofOfficers: officers, on: db)
            for officer in officers {
                if let before = officerAgency[officer] { touched.insert(before) }
                officerAgency[officer] = now[officer]
                if let after = now[officer] { touched.insert(after) }
            }
            guard !touched.isEmpty else { return .init(table: Province(seq: head, rows: previous.rows, officerAgency: officerAgency), seq: head, whole: false) }
            let fresh = try await StaffingQueries.rows(year: year, visible: touched, threshold: threshold, on: db)
            let rows = (previous.rows.filter { !touched.contains($0.agencyID) } + fresh).sorted(by: StaffingQueries.reportOrder)
            return .init(table: Province(seq: head, rows: rows, officerAgency: officerAgency), seq: head, whole: false)
        }
        let rows = try await StaffingQueries.rows(year: year, visible: nil, threshold: threshold, on: db)
        return .init(table: Province(seq: head, rows: rows, officerAgency: try await StaffingFeed.everyOfficersAgency(on: db)), seq: head, whole: true)
    }
}

extension Application {
    private struct StaffingCacheKey: StorageKey { typealias Value = StaffingCache }
    var staffingCache: StaffingCache { store(StaffingCacheKey.self) { StaffingCache() } }
}

extension Request {
    /// The staffing rows of the agencies in view (nil: every agency), in report order, with their
    /// counts; at least as current as the audit head `head` the page read (read here when nil).
    func staffing(year: Int, visible: Set<UUID>?, threshold: Int,
                  at head: Int? = nil) async throws -> (rows: [StaffingRow], summary: StaffingSummary) {
        try await application.staffingCache.staffing(year: year, visible: visible, threshold: threshold, at: head, on: db)
    }

    /// `staffing(year:visible:threshold:at:)` with the places of the rows a status and a search text
    /// find, kept for those rows (`StaffingCache.staffing(…status:q:…)`).
    func staffing(year: Int, visible: Set<UUID>?, threshold: Int, at head: Int? = nil, status: String,
                  q: String) async throws -> (rows: [StaffingRow], summary: StaffingSummary, shown: [Int]) {
        try await application.staffingCache.staffing(year: year, visible: visible, threshold: threshold, at: head, status: status, q: q, on: db)
    }
}

extension StaffingCache {
    /// One agency's row in the province's report (nil: not an active agency), as current as the
    /// staffing page's: an agency's page assessed its agency alone with a dozen statements of its own
    /// at every view (issue 14).
    func row(of agency: UUID, year: Int, threshold: Int, at head: Int? = nil, on db: any Database) async throws -> StaffingRow? {
        try await province(year: year, threshold: threshold, at: head, on: db).rows.first { $0.agencyID == agency }
    }

    /// The rows of the agencies in `visible` (nil: every agency) in the province's report, in its
    /// order, with their counts. A part is cut out of the province once for each head of it and
    /// kept (`View`): a district head's every page cut the same 1,291 rows out of 10,000 again
    /// (bench/results/speed-issue14.md).
    func staffing(year: Int, visible: Set<UUID>?, threshold: Int, at head: Int? = nil,
                  on db: any Database) async throws -> (rows: [StaffingRow], summary: StaffingSummary) {
        let cut = try await cut(year: year, visible: visible, threshold: threshold, at: head, on: db)
        return (cut.rows, cut.summary)
    }

    /// The rows in view and the head of the province they were cut from.
    private func cut(year: Int, visible: Set<UUID>?, threshold: Int, at head: Int?,
                     on db: any Database) async throws -> (rows: [StaffingRow], summary: StaffingSummary, seq: Int) {
        let province = try await province(year: year, threshold: threshold, at: head, on: db)
        guard let visible else { return (province.rows, province.summary, province.seq) }
        let key = Self.key(year: year, threshold: threshold)
        if let view = view(key, of: province, visible: visible) { return (view.rows, view.summary, view.seq) }
        // By place, so only the rows in view are copied (`StaffingQueries.matching`: the report is shared).
        let all = province.rows
        let rows = all.indices.filter { visible.contains(all[$0].agencyID) }.map { all[$0] }
        let view = View(key: key, seq: province.seq, visible: visible, rows: rows, summary: StaffingSummary(rows), source: all)
        keep(view)
        return (view.rows, view.summary, view.seq)
    }

    /// `staffing(year:visible:threshold:at:on:)` with the places of the rows a status (empty: any) and
    /// a search text find (`StaffingQueries.matching`), kept with the rows they were found in and taken
    /// again for those very rows (`Matches`). Each search tested every agency's name, 10,000 of them, at every request: the API's
    /// search answered 1,500 times a second at 64 connections, p99 92–105 ms (ADR 0020, forty-second part).
    func staffing(year: Int, visible: Set<UUID>?, threshold: Int, at head: Int? = nil, status: String, q: String,
                  on db: any Database) async throws -> (rows: [StaffingRow], summary: StaffingSummary, shown: [Int]) {
        let (rows, summary, seq) = try await cut(year: year, visible: visible, threshold: threshold, at: head, on: db)
        let folded = VietnameseText.fold(q)
        guard !status.isEmpty || !folded.isEmpty else { return (rows, summary, Array(rows.indices)) }
        let key = Self.key(year: year, threshold: threshold)
        func same(_ m: Matches) -> Bool { m.status == status && m.q == folded && Self.sameRows(m.rows, rows) }
        if let found = kept.withLockedValue({ $0.matches.last(where: same) }) { return (rows, summary, found.places) }
        let places = StaffingQueries.matching(rows, status: status, q: folded)
        let years = provinces.keys
        kept.withLockedValue { kept in
            kept.searches += 1
            // Rows of an older head are not asked again unless they are these; those of a year no
            // longer kept, never.
            kept.matches.removeAll { ($0.key == key && $0.seq < seq && !Self.sameRows($0.rows, rows)) || !years.contains($0.key) }
            kept.matches.append(Matches(key: key, seq: seq, status: status, q: folded, rows: rows, places: places))
            if kept.matches.count > Self.keptViews { kept.matches.removeFirst(kept.matches.count - Self.keptViews) }
        }
        return (rows, summary, places)
    }
}
