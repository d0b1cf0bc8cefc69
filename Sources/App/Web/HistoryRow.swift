import Domain
import Fluent
import Foundation
import SQLKit

/// One line of a record's history on its page: an audit entry as a sentence.
typealias HistoryRow = AuditSentence

extension AuditSentence {
    /// What the registry's pages tell of an officer or an agency: the record's own changes. Grades,
    /// work logs and evidence have their own pages and readers, and are told there.
    static let registryActions: Set<String> = [
        "officer.create", "officer.update", "officer.status", "officer.transfer", "officer.incentive",
        "agency.create", "agency.update", "agency.deactivate", "agency.reactivate", "agency.itLevel",
    ]

    /// The history of an officer's or an agency's record.
    static func load(entityID: UUID, on db: any Database) async throws -> [AuditSentence] {
        try await history(of: entityID, actions: registryActions, on: db)
    }

    /// A ticket's history: every step, from its writing or request to its confirmation.
    static func ticket(_ id: UUID, on db: any Database) async throws -> [AuditSentence] {
        try await history(of: id, actions: AuditPhrases.codes.filter { $0.hasPrefix("ticket.") }, limit: 200, on: db)
    }

    /// What happened to an officer's work log of one year: submission, exception, opinion,
    /// sign-offs, initiatives (their year is in the entry), and the agency's outsourced cost.
    static func workLog(officerID: UUID, agencyID: UUID, year: Int, period: ClosedRange<LocalDate>,
                        on db: any Database) async throws -> [AuditSentence] {
        let actions = AuditPhrases.codes.filter { $0.hasPrefix("worklog.") }
        let entries = try await AuditEntryModel.newest(
            where: "entity_id IN (\(bind: officerID), \(bind: agencyID)) AND action IN (\(binds: actions.sorted()))", limit: 500, on: db)
            .filter { ofYear($0, year: year, period: period) }
        return try await all(Array(entries.prefix(100)), on: db)
    }

    static func ofYear(_ e: AuditEntryModel, year: Int, period: ClosedRange<LocalDate>) -> Bool {
        if e.action == "worklog.signOff" {
            return e.after.components(separatedBy: "…").first.flatMap(LocalDate.init(iso:)).map(period.contains) ?? false
        }
        return AuditDetails.yearAndRest(e.after)?.0 == year
    }
}

/// An instant as Vietnamese pages show it: dd/MM/yyyy HH:mm where the regulation applies.
enum VietnameseTime {
    static func format(_ date: Date, zone: TimeZone = Instants.vietnam) -> String { Instants.shown(date, zone: zone) }
}
