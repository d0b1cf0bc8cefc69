import Foundation
import SQLKit
import Fluent

/// Which agencies' staffing rows (Art. 11.1 with 11.3, 13, 14) a span of the audit log may have
/// changed. Every write appends its audit entries in its own transaction, on every instance
/// (docs/history-and-audit.md), so the log is a complete feed of changes: the staffing report is
/// brought up to date from it, agency by agency, instead of being recomputed for the whole
/// province (issue 14, ADR 0016). The efficiency table follows the same feed (`EfficiencyTables`,
/// which counts the officers named here again). When the feed cannot tell, it says `everything`.
enum StaffingFeed {
    enum Change: Sendable, Equatable {
        /// The agencies named by the entries, and the officers whose agency (now and before) must be
        /// recomputed too.
        case agencies(Set<UUID>, officers: Set<UUID>)
        case everything
    }

    /// Kinds of records whose writes never change a staffing row.
    static let neutral: Set<String> = ["user", "apiToken", "ticket", "trainingEvent", "evaluationYear", "auditLog"]
    /// Actions that change no record (a refusal) or nothing staffing reads (expired links removed).
    static let neutralActions: Set<String> = ["permission.denied", "housekeeping.links"]
    /// Kinds of records that belong to an agency: their table, and whether a row names an officer.
    static let owned: [String: (table: String, namesOfficer: Bool)] = [
        "commitment": ("commitments", true), "assignmentDecision": ("assignment_decisions", false),
        "handover": ("handovers", true), "interviewRequest": ("interview_requests", true),
        "informationSystem": ("information_systems", false),
    ]
    /// Beyond this many entries other than tickets' a whole computation is cheaper than following them.
    static let maxEntries = 5000
    /// Beyond this span of the log (tickets' entries included, which are skipped by the statement) too:
    /// a table read rarely (the efficiency of each agency) may follow a day of tickets.
    static let maxSpan = 500_000

    struct Entry: Decodable { var entity_type: String; var entity_id: UUID?; var action: String }
    struct Owner: Decodable { var id: UUID; var agency_id: UUID; var officer_id: UUID? }

    /// What the entries after `seq` up to `head` may have changed.
    static func changes(after seq: Int, upTo head: Int, on db: any Database) async throws -> Change {
        guard head > seq else { return .agencies([], officers: []) }
        guard head - seq <= maxSpan else { return .everything }
        // Tickets' entries never change a row (`neutral`): left out by the statement, so that a span of
        // tickets costs no rows; at most one more than `maxEntries` of the others.
        let entries = try await db.sql().select().columns("entity_type", "entity_id", "action").from(AuditEntryModel.schema)
            .where("seq", .greaterThan, SQLBind(seq)).where("seq", .lessThanOrEqual, SQLBind(head))
            .where("entity_type", .notEqual, SQLBind(AuditLog.ticketEntity))
            .orderBy("seq").limit(maxEntries + 1).all(decoding: Entry.self)
        guard entries.count <= maxEntries else { return .everything }
        var agencies = Set<UUID>(), officers = Set<UUID>(), records: [String: Set<UUID>] = [:]    // by kind
        for entry in entries where !neutral.contains(entry.entity_type) && !neutralActions.contains(entry.action) {
            guard let id = entry.entity_id else { return .everything }    // a load, a profile change, …
            switch entry.entity_type {
            case "agency": agencies.insert(id)
            case "officer": officers.insert(id)
            case let kind where owned[kind] != nil: records[kind, default: []].insert(id)
            default: return .everything
            }
        }
        for (kind, ids) in records.sorted(by: { $0.key < $1.key }) {
            let (table, namesOfficer) = owned[kind]!
            let found: [Owner] = try await chunked(ids) { chunk in
                try await db.sql().select().columns(namesOfficer ? ["id", "agency_id", "officer_id"] : ["id", "agency_id"]).from(table)
                    .where("id", .in, SQLBind.group(chunk)).all(decoding: Owner.self)
            }
            // A record deleted since: the agency it belonged to is no longer known.
            guard found.count == ids.count else { return .everything }
            for owner in found {
                agencies.insert(owner.agency_id)
                if let officer = owner.officer_id { officers.insert(officer) }
            }
        }
        return .agencies(agencies, officers: officers)
    }

    /// The agency each officer is in now (officers deleted since are absent).
    static func agencies(ofOfficers ids: Set<UUID>, on db: any Database) async throws -> [UUID: UUID] {
        let rows = try await chunked(ids) { chunk in
            try await RawRows.all(statement: db.sql().select().columns("id", "agency_id").from(OfficerModel.schema)
                .where("id", .in, SQLBind.group(chunk)).select, on: db, placed)
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Every officer's agency. As plain rows (ADR 0006): decoded through `Codable`, the 200,000 officers
    /// at 10x cost the first staffing view after a start about 0.6 s of CPU. No ORDER BY: the ids are
    /// unique, and the rows only fill a dictionary.
    static func everyOfficersAgency(on db: any Database) async throws -> [UUID: UUID] {
        Dictionary(try await RawRows.all("SELECT id, agency_id FROM \(name: OfficerModel.schema)", on: db, placed),
                   uniquingKeysWith: { first, _ in first })
    }

    /// An officer's row as (officer, agency).
    private static func placed(_ row: any ResultColumns) throws -> (UUID, UUID) {
        (try row.required("id", row.uuid), try row.required("agency_id", row.uuid))
    }

    /// IN lists of at most 500 values, for both databases' limits on bound parameters.
    static func chunked<T>(_ ids: Set<UUID>, _ body: ([UUID]) async throws -> [T]) async throws -> [T] {
        let all = ids.sorted { $0.canonicalText < $1.canonicalText }
        var result: [T] = []
        for start in stride(from: 0, to: all.count, by: 500) {
            result += try await body(Array(all[start..<min(start + 500, all.count)]))
        }
        return result
    }
}
