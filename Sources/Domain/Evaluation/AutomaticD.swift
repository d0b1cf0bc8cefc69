import Foundation

/// Art. 15.6, D2, D12: who is deemed grade D for year Y because no work log was received in time.
public enum AutomaticD {
    public struct Officer: Sendable {
        public var id: UUID
        public var scope: ScopeStatus
        /// IT officers of the provincial IT authority are graded manually (Art. 15.2).
        public var worksAtITAuthority: Bool
        /// When the person held an IT post (ADR 0008: leavers are not deemed D).
        public var service: ServiceRecord
        public var receivedAt: Date?
        /// A grade a person entered is never overwritten.
        public var hasManualGrade: Bool

        public init(id: UUID, scope: ScopeStatus, worksAtITAuthority: Bool, service: ServiceRecord, receivedAt: Date?,
                    hasManualGrade: Bool) {
            self.id = id
            self.scope = scope
            self.worksAtITAuthority = worksAtITAuthority
            self.service = service
            self.receivedAt = receivedAt
            self.hasManualGrade = hasManualGrade
        }
    }

    /// The officers to grade D automatically. Applies only once the deadline has passed; in-scope and
    /// analogous officers (D12: analogy officers are evaluated), not the authority's own, not years
    /// before the regulation, and only those who owe the year's log (`EvaluationDuty.owesWorkLog`):
    /// they served at least the exemption days of the period and still held the post when it was due.
    public static func officers(_ officers: [Officer], year: Int, profile: RegulationProfile, now: Date) -> [UUID] {
        let deadline = WorkLogDeadline(profile: profile)
        guard now >= deadline.instant(year: year), year > profile.effectiveDate.year else { return [] }
        let onTime = deadline.isOnTime(year: year)
        return officers.filter { o in
            guard !o.hasManualGrade, !o.worksAtITAuthority else { return false }
            guard o.scope == .inScope || o.scope == .analogous else { return false }
            guard EvaluationDuty.owesWorkLog(o.service, year: year, profile: profile) else { return false }
            if let received = o.receivedAt { return !onTime(received) }
            return true
        }.map(\.id)
    }
}
