import Domain
import Fluent
import Foundation
import SQLKit

/// The warnings about people that staffing and the duties page show (warnings, never blocks):
/// an officer with no current assignment decision (Art. 13.1), a holder of a system secret without a
/// commitment at their agency (Art. 13.2), and an officer in an open handover (Art. 14; D6).
enum DutyFlags {
    struct Person: Sendable { var id: UUID; var name: String; var agencyID: UUID; var status: EmploymentStatus; var kind: ITOfficerKind }

    struct Facts: Sendable {
        var decided: Set<String> = [], committed: Set<String> = [], holding: Set<String> = []
        var handingOver: [UUID: Set<UUID>] = [:]
        static func key(_ officer: UUID, _ agency: UUID) -> String { officer.canonicalText + agency.canonicalText }
    }

    /// The facts for these agencies (nil: every agency).
    static func facts(agencies: Set<UUID>?, on db: any Database) async throws -> Facts {
        var facts = Facts()
        let ids = agencies.map(Array.init)
        var decisions = AssignmentDecisionModel.query(on: db)
        if let ids { decisions = decisions.filter(\.$agency.$id ~~ ids) }
        let decisionAgency = try await decisions.all().reduce(into: [UUID: UUID]()) { $0[$1.id!] = $1.$agency.id }
        if !decisionAgency.isEmpty {
            for a in try await DutyAssignmentModel.query(on: db).filter(\.$decision.$id ~~ Array(decisionAgency.keys)).all() {
                if let agency = decisionAgency[a.$decision.id] { facts.decided.insert(Facts.key(a.$officer.id, agency)) }
            }
        }
        var commitments = CommitmentModel.query(on: db)
        if let ids { commitments = commitments.filter(\.$agency.$id ~~ ids) }
        for c in try await commitments.all() { facts.committed.insert(Facts.key(c.$officer.id, c.$agency.id)) }
        var systems = InformationSystemModel.query(on: db)
        if let ids { systems = systems.filter(\.$agency.$id ~~ ids) }
        let systemAgency = try await systems.all().reduce(into: [UUID: UUID]()) { $0[$1.id!] = $1.$agency.id }
        if !systemAgency.isEmpty {
            for h in try await SecretHoldingModel.query(on: db).filter(\.$system.$id ~~ Array(systemAgency.keys)).all() {
                if let agency = systemAgency[h.$system.id] { facts.holding.insert(Facts.key(h.$officer.id, agency)) }
            }
        }
        for (agency, officer) in try await HandoverService.openOfficers(agencies: agencies, on: db) {
            facts.handingOver[agency, default: []].insert(officer)
        }
        return facts
    }

    /// The marks of one person holding a post at their agency, in a fixed order (`decision`: with
    /// the mark of no current decision, which staffing counts per agency instead).
    static func marks(_ p: Person, facts: Facts, decision: Bool = true) -> [String] {
        guard p.status.holdsPost else { return [] }
        var marks: [String] = []
        let key = Facts.key(p.id, p.agencyID)
        if decision && !facts.decided.contains(key) { marks.append("\(p.name): chưa có quyết định phân công nhiệm vụ (Điều 13.1)") }
        if facts.holding.contains(key) && !facts.committed.contains(key) {
            marks.append("\(p.name): nắm giữ bí mật hệ thống nhưng chưa có giấy cam kết (Điều 13.2)")
        }
        return marks
    }

    /// Staffing's line for an agency's officers with no current decision: one count, not a mark per
    /// officer (the names are on the agency's duties page).
    static func undecidedMark(_ count: Int) -> String {
        "\(count) cán bộ chưa có quyết định phân công nhiệm vụ (Điều 13.1)"
    }

    /// Staffing's marks by agency (Art. 11.1 with 13, 14), for the agencies in view, and how many
    /// officers of each have no current decision. A handover is marked at the agency it happens in,
    /// the one a transferred officer left.
    static func staffingMarks(agencies: Set<UUID>?, on db: any Database) async throws -> (marks: [UUID: [String]], undecided: [UUID: Int]) {
        let facts = try await facts(agencies: agencies, on: db)
        var result: [UUID: [String]] = [:]
        let leaving = Array(Set(facts.handingOver.values.joined()))
        if !leaving.isEmpty {
            let people = try await OfficerModel.query(on: db).filter(\.$id ~~ leaving).sort(\.$nameSortKey).sort(\.$id).all()
            // Agencies in the order of their ids as text, each printed once (not in every comparison, for every person).
            let handovers = facts.handingOver.map { (text: $0.key.canonicalText, agency: $0.key, officers: $0.value) }.sorted { $0.text < $1.text }
            for o in people {
                for (_, agency, officers) in handovers where officers.contains(o.id!) {
                    // D6: the flag of the staffing rule, from the open handover.
                    let member = StaffingMember(name: o.fullName, kind: o.officerKind, scope: .inScope, status: o.status, inOpenHandover: true)
                    if let mark = member.mark { result[agency, default: []].append(mark) }
                }
            }
        }
        var undecided: [UUID: Int] = [:]
        for person in try await holdingPosts(agencies: agencies, on: db) {
            if !facts.decided.contains(Facts.key(person.id, person.agencyID)) { undecided[person.agencyID, default: 0] += 1 }
            result[person.agencyID, default: []] += marks(person, facts: facts, decision: false)
        }
        for (agency, count) in undecided { result[agency, default: []].append(undecidedMark(count)) }
        return (result.filter { !$0.value.isEmpty }, undecided)
    }

    /// The officers holding a post in the agencies (nil: all), in name order, as plain rows: the
    /// province's staffing reads every officer (20,000 models took seconds on PostgreSQL, issue 14).
    static func holdingPosts(agencies: Set<UUID>?, on db: any Database) async throws -> [Person] {
        if let agencies, agencies.isEmpty { return [] }
        let holding = EmploymentStatus.holdingPostRawValues
        let only: SQLQueryString = agencies.map { " AND agency_id IN (\(binds: Array($0)))" } ?? ""
        return try await RawRows.all("""
            SELECT id, full_name, agency_id, employment_status, kind FROM \(name: OfficerModel.schema)
            WHERE employment_status IN (\(binds: holding))\(only) ORDER BY name_sort_key, id
            """, on: db) { c in
            Person(id: try c.required("id", c.uuid), name: try c.string("full_name", default: ""),
                   agencyID: try c.required("agency_id", c.uuid),
                   status: OfficerModel.status(try c.string("employment_status", default: "")),
                   kind: OfficerModel.officerKind(try c.string("kind", default: "")))
        }
    }
}
