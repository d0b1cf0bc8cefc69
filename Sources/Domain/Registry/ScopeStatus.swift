/// Why a person is outside the regulation (Art. 2.3).
public enum ScopeExclusion: String, CaseIterable, Codable, Sendable {
    case itLeadership, partyOrMassOrganisation, telecomOfficer, notEligible

    public var label: String {
        switch self {
        case .itLeadership: "Lãnh đạo phụ trách CNTT (Điều 2.3.a)"
        case .partyOrMassOrganisation: "Cơ quan khối Đảng, đoàn thể (Điều 2.3.b)"
        case .telecomOfficer: "Cán bộ chuyên trách viễn thông (Điều 2.3.c)"
        case .notEligible: "Chưa hưởng ưu đãi, cơ quan không vận dụng (Điều 2.1)"
        }
    }
}

/// Whether the regulation applies to an officer (D12).
public enum ScopeStatus: Hashable, Sendable {
    case inScope, analogous, excluded(ScopeExclusion)

    public var code: String {
        switch self {
        case .inScope: "inScope"
        case .analogous: "analogous"
        case .excluded(let reason): "excluded." + reason.rawValue
        }
    }

    public init?(code: String) {
        switch code {
        case "inScope": self = .inScope
        case "analogous": self = .analogous
        default:
            guard code.hasPrefix("excluded."),
                  let reason = ScopeExclusion(rawValue: String(code.dropFirst(9))) else { return nil }
            self = .excluded(reason)
        }
    }

    public var label: String {
        switch self {
        case .inScope: "Thuộc đối tượng áp dụng"
        case .analogous: "Vận dụng (chưa hưởng ưu đãi)"
        case .excluded(let reason): "Không áp dụng: " + reason.label
        }
    }

    /// The facts about a person that decide the scope.
    public struct Facts: Sendable {
        public var civilServiceStatus: CivilServiceStatus
        public var agencyKind: AgencyKind
        public var receivesIncentive: Bool
        public var isITLeadership: Bool
        public var isTelecomOfficer: Bool
        public var agencyAppliesByAnalogy: Bool

        public init(civilServiceStatus: CivilServiceStatus, agencyKind: AgencyKind,
                    receivesIncentive: Bool, isITLeadership: Bool = false,
                    isTelecomOfficer: Bool = false, agencyAppliesByAnalogy: Bool = false) {
            self.civilServiceStatus = civilServiceStatus
            self.agencyKind = agencyKind
            self.receivesIncentive = receivesIncentive
            self.isITLeadership = isITLeadership
            self.isTelecomOfficer = isTelecomOfficer
            self.agencyAppliesByAnalogy = agencyAppliesByAnalogy
        }
    }

    /// Art. 2.1–2.3: in scope when a cadre, civil servant or public employee of an administrative
    /// agency or public-service unit receives the incentive of Decision 36/2009 and no exclusion
    /// applies; applied by analogy when the agency opts in for those not yet eligible (Art. 2.2).
    public static func of(_ facts: Facts) -> ScopeStatus {
        if facts.agencyKind == .partyOrMassOrganisation { return .excluded(.partyOrMassOrganisation) }
        if facts.isITLeadership { return .excluded(.itLeadership) }
        if facts.isTelecomOfficer { return .excluded(.telecomOfficer) }
        let civilService: Set<CivilServiceStatus> = [.cadre, .civilServant, .publicEmployee]
        if facts.receivesIncentive, civilService.contains(facts.civilServiceStatus) { return .inScope }
        if facts.agencyAppliesByAnalogy { return .analogous }
        return .excluded(.notEligible)
    }
}
