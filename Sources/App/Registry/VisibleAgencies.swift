import Domain
import Foundation
import SQLKit

/// The agencies a reader of part of the province sees (`AccessPolicy.agencyReach`, docs/access.md):
/// those they belong to, every agency of a district IT body's district, and each agency they head
/// with every agency below it (Art. 15.4), as a statement the database evaluates inside the list's
/// own statement.
///
/// Sent as ids instead, a district head's 1,291 agencies were read out, sorted, written back as one
/// bind each and parsed again in every statement of every page (ADR 0017, thirteenth part).
struct VisibleAgencies: Sendable, Equatable {
    let own: [UUID], headed: [UUID], districts: [String]

    /// How far below a headed agency the reach goes: as deep as the chain `Visibility.places` reads
    /// for `AccessPolicy.canSee` (the agency and 19 governing agencies above it), so that a list
    /// shows exactly the agencies a page lets the viewer open.
    static let levelsBelow = 19

    var isEmpty: Bool { own.isEmpty && headed.isEmpty && districts.isEmpty }

    /// Common table expressions ending in `reach(id)`, every agency in view (some more than once),
    /// for a statement that asks about the reach more than once (`WITH RECURSIVE` before it). A
    /// chain that comes back to an agency already walked stops after `levelsBelow` steps.
    var definitions: SQLQueryString {
        let agencies = AgencyModel.schema
        var parts: [SQLQueryString] = []
        if !headed.isEmpty { parts.append("SELECT id FROM below") }
        if !districts.isEmpty { parts.append("SELECT id FROM \(ident: agencies) WHERE district IN (\(binds: districts))") }
        if !own.isEmpty { parts.append("SELECT id FROM \(ident: agencies) WHERE id IN (\(binds: own))") }
        if parts.isEmpty { parts.append("SELECT id FROM \(ident: agencies) WHERE 1 = 0") }
        let reach: SQLQueryString = "reach(id) AS (\(parts.joined(separator: " UNION ALL ")))"
        guard !headed.isEmpty else { return reach }
        let below: SQLQueryString = """
            below(id, depth) AS (
              SELECT id, 0 FROM \(ident: agencies) WHERE id IN (\(binds: headed))
              UNION ALL SELECT a.id, b.depth + 1 FROM \(ident: agencies) a JOIN below b ON a.governing_agency_id = b.id \
            WHERE b.depth < \(literal: Self.levelsBelow))
            """
        return below + ", " + reach
    }

    /// A statement whose column `id` names every agency in view (some more than once).
    var ids: SQLQueryString { "WITH RECURSIVE \(definitions) SELECT id FROM reach" }

    /// `column` names an agency in view.
    func contains(_ column: any SQLExpression) -> SQLQueryString {
        "\(column) IN (\(ids))"
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
