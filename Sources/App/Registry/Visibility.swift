import Domain
import Fluent
import Foundation
import SQLKit

/// Which agencies a viewer may see, for filtering lists (nil: the whole province).
enum Visibility {
    static func agencyIDs(for viewer: Viewer, kept: KeptReads.At? = nil, on db: any Database) async throws -> Set<UUID>? {
        try await agencyIDs(for: viewer.policy, kept: kept, on: db)
    }

    /// The policy's `agencyReach`, expanded to agency ids (nil: the whole province), for the views
    /// that sort or count agencies in memory; lists ask `VisibleAgencies` inside their statement.
    /// With `kept`, a head's reach is kept while the audit head stays (`VisibleAgencies.all`).
    static func agencyIDs(for policy: AccessPolicy, kept: KeptReads.At? = nil, on db: any Database) async throws -> Set<UUID>? {
        guard let visible = VisibleAgencies(policy) else { return nil }
        return try await visible.all(on: db, kept: kept?.reads, at: kept?.head)
    }

    /// The agency and its governing agencies up to the root, for `AccessPolicy`.
    static func place(of agencyID: UUID, on db: any Database) async throws -> AgencyPlace? {
        try await places(of: [agencyID], on: db)[agencyID]
    }

    /// The places of several agencies (`places(of:on:)`), kept while the audit head stays at `kept`'s
    /// head: an agency is placed only by an audited write (ADR 0020). Keyed by the ids, each once, in
    /// order.
    static func places(of agencyIDs: some Collection<UUID>, kept: KeptReads.At, on db: any Database) async throws -> [UUID: AgencyPlace] {
        let ids = Set(agencyIDs).sorted()
        return try await kept.value("places \(ids)") { try await places(of: ids, on: db) }
    }

    /// The places of several agencies in one recursive statement (a page's rows ask together, not
    /// one statement per row): at most 20 levels each, and a chain that came back to an agency
    /// already in it stops there. Agencies that do not exist are left out.
    static func places(of agencyIDs: some Collection<UUID>, on db: any Database) async throws -> [UUID: AgencyPlace] {
        let ids = Array(Set(agencyIDs))
        guard !ids.isEmpty else { return [:] }
        // Each step looks the parents up by key. PostgreSQL, left to join the chain to the agencies,
        // hashed all ten thousand of them at every view (ADR 0017); a LATERAL lookup it cannot flatten
        // (LIMIT 1 on the key) makes it an index probe per link. SQLite probes by key as it is.
        let parents: SQLQueryString = try db.sql().dialect.name == "postgresql"
            ? "chain c CROSS JOIN LATERAL (SELECT id, governing_agency_id, district FROM \(name: AgencyModel.schema) WHERE id = c.parent LIMIT 1) a"
            : "\(name: AgencyModel.schema) a JOIN chain c ON a.id = c.parent"
        let links = try await RawRows.all("""
            WITH RECURSIVE chain(start, id, parent, district, depth) AS (
              SELECT id, id, governing_agency_id, district, 0 FROM \(name: AgencyModel.schema) WHERE id IN (\(binds: ids))
              UNION ALL
              SELECT c.start, a.id, a.governing_agency_id, a.district, c.depth + 1 FROM \(parents) WHERE c.depth < 19)
            SELECT start, id, district, depth FROM chain ORDER BY start, depth
            """, on: db) { c in
            (start: try c.required("start", c.uuid), id: try c.required("id", c.uuid), district: try c.string("district", default: ""))
        }
        var chains: [UUID: [UUID]] = [:], districts: [UUID: String] = [:], ended = Set<UUID>()
        for link in links where !ended.contains(link.start) {
            if chains[link.start] == nil { districts[link.start] = link.district }
            if chains[link.start, default: []].contains(link.id) {    // a cycle in the data: the chain ends where it repeats
                ended.insert(link.start)
                continue
            }
            chains[link.start, default: []].append(link.id)
        }
        return chains.reduce(into: [:]) { result, entry in
            let district = districts[entry.key] ?? ""
            result[entry.key] = AgencyPlace(chain: entry.value, district: district.isEmpty ? nil : district)
        }
    }
}

/// Page number and size of a list, from `page` and `per` query parameters.
struct Paging: Hashable, Sendable, Encodable {
    var page: Int
    var per: Int
    var total: Int = 0
    /// The audit head the page's rows were read at, when the list keeps what it reads (`KeptReads`).
    var head: Int?

    /// Out-of-range values answer 400 (`QueryNumbers`), so `offset` cannot overflow.
    init(page: Int?, per: Int?, defaultPer: Int = 25) throws {
        self.page = try QueryNumbers.page(page) ?? 1
        self.per = try QueryNumbers.per(per) ?? defaultPer
    }

    var offset: Int { (page - 1) * per }
    var pages: Int { max(1, (total + per - 1) / per) }
    var hasPrevious: Bool { page > 1 }
    var hasNext: Bool { page < pages }
    /// The page starts at or past the list's end (`total`): it has no row to read.
    var isPastTheEnd: Bool { offset >= total }

    /// A page's rendering is kept by its values (`RenderedContents`): equal when what the pager prints
    /// is equal, whatever audit head the rows were read at, so that a write elsewhere does not make
    /// the same page render again.
    static func == (a: Paging, b: Paging) -> Bool { (a.page, a.per, a.total) == (b.page, b.per, b.total) }
    func hash(into hasher: inout Hasher) {
        hasher.combine(page)
        hasher.combine(per)
        hasher.combine(total)
    }

    /// For the pager (`pager.leaf`), which only prints the numbers: given as their text, as `Printed`
    /// gives a number (LeafKit converts a number to text at a cost, issue 14).
    enum CodingKeys: String, CodingKey { case page, per, total, pages, hasPrevious, hasNext, previous, next }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(String(page), forKey: .page)
        try c.encode(String(per), forKey: .per)
        try c.encode(String(total), forKey: .total)
        try c.encode(String(pages), forKey: .pages)
        try c.encode(hasPrevious, forKey: .hasPrevious)
        try c.encode(hasNext, forKey: .hasNext)
        try c.encode(String(page - 1), forKey: .previous)
        try c.encode(String(page + 1), forKey: .next)
    }
}
