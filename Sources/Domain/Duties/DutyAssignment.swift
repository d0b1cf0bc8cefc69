import Foundation

/// One officer's share of a duty assignment decision (Art. 13.1).
public struct DutyAssignment: Sendable, Equatable {
    public var officerID: UUID
    public var duties: [ITDuty]
    public init(officerID: UUID, duties: [ITDuty]) {
        self.officerID = officerID
        self.duties = duties
    }
}

/// The rules of the decision on the assignment of duties (Art. 13.1 a–b; rules.md; see
/// docs/duties-and-handover.md).
public enum DutyAssignmentRules {
    public enum Problem: Equatable, Sendable {
        /// The decision names nobody.
        case empty
        /// An officer named twice.
        case repeated(UUID)
        /// An officer who is not (or no longer) an IT officer of the agency.
        case notOfTheAgency(UUID)
        /// An officer given no duty.
        case noDuty(UUID)
        /// Art. 13.1.a: the agency's only IT officer must be given every duty of Art. 5.
        case soleOfficerMissesDuties(UUID, [ITDuty])
    }

    /// What makes a decision invalid. `agencyOfficers` are the IT officers holding a post at the agency.
    public static func problems(_ assignments: [DutyAssignment], agencyOfficers: Set<UUID>) -> [Problem] {
        guard !assignments.isEmpty else { return [.empty] }
        var found: [Problem] = []
        var seen: Set<UUID> = []
        for a in assignments {
            if !seen.insert(a.officerID).inserted { found.append(.repeated(a.officerID)); continue }
            if !agencyOfficers.contains(a.officerID) { found.append(.notOfTheAgency(a.officerID)) }
            if a.duties.isEmpty { found.append(.noDuty(a.officerID)) }
        }
        // Art. 13.1.a: with one IT officer, that officer takes every duty.
        if agencyOfficers.count == 1, let only = agencyOfficers.first, let a = assignments.first(where: { $0.officerID == only }) {
            let missing = ITDuty.allCases.filter { !a.duties.contains($0) }
            if !missing.isEmpty { found.append(.soleOfficerMissesDuties(only, missing)) }
        }
        return found
    }

    /// Art. 13.1.b names no duty that may go unassigned; with two or more officers the product warns
    /// (never refuses) about duties nobody holds in the current assignments.
    public static func uncovered(_ current: [DutyAssignment]) -> [ITDuty] {
        let held = Set(current.flatMap(\.duties))
        return ITDuty.allCases.filter { !held.contains($0) }
    }
}

/// A decision as the supersession rule sees it: a later decision replaces an earlier one for the
/// officers it names, and only for them.
public struct IssuedDecision: Sendable {
    public var id: UUID
    public var signedOn: LocalDate
    /// Orders decisions signed on the same day: the one recorded later wins.
    public var sequence: Int
    public var assignments: [DutyAssignment]
    public init(id: UUID, signedOn: LocalDate, sequence: Int, assignments: [DutyAssignment]) {
        self.id = id
        self.signedOn = signedOn
        self.sequence = sequence
        self.assignments = assignments
    }

    /// Each officer's current assignment with the decision it comes from.
    public static func current(_ decisions: [IssuedDecision]) -> [UUID: (decision: UUID, duties: [ITDuty])] {
        var result: [UUID: (decision: UUID, duties: [ITDuty])] = [:]
        for d in decisions.sorted(by: { ($0.signedOn, $0.sequence) < ($1.signedOn, $1.sequence) }) {
            for a in d.assignments { result[a.officerID] = (d.id, a.duties) }
        }
        return result
    }
}
