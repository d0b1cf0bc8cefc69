import Domain
import Testing

@Suite("Art. 2 scope (D12)")
struct ScopeStatusTests {
    typealias Facts = ScopeStatus.Facts

    @Test func R2_1_civilServantReceivingIncentiveIsInScope() {
        for status in [CivilServiceStatus.cadre, .civilServant, .publicEmployee] {
            #expect(ScopeStatus.of(Facts(civilServiceStatus: status, agencyKind: .administrative,
                                         receivesIncentive: true)) == .inScope)
        }
        #expect(ScopeStatus.of(Facts(civilServiceStatus: .publicEmployee, agencyKind: .publicService,
                                     receivesIncentive: true)) == .inScope)
    }

    @Test func R2_2_notYetEligibleIsAnalogousOnlyWhenTheAgencyOptsIn() {
        let base = Facts(civilServiceStatus: .civilServant, agencyKind: .administrative, receivesIncentive: false)
        #expect(ScopeStatus.of(base) == .excluded(.notEligible))
        var optIn = base
        optIn.agencyAppliesByAnalogy = true
        #expect(ScopeStatus.of(optIn) == .analogous)
        let contract = Facts(civilServiceStatus: .contractWithinQuota, agencyKind: .administrative,
                             receivesIncentive: true, agencyAppliesByAnalogy: true)
        #expect(ScopeStatus.of(contract) == .analogous)
    }

    @Test func R2_3_exclusions() {
        #expect(ScopeStatus.of(Facts(civilServiceStatus: .civilServant, agencyKind: .administrative,
                                     receivesIncentive: true, isITLeadership: true)) == .excluded(.itLeadership))
        #expect(ScopeStatus.of(Facts(civilServiceStatus: .civilServant, agencyKind: .partyOrMassOrganisation,
                                     receivesIncentive: true)) == .excluded(.partyOrMassOrganisation))
        #expect(ScopeStatus.of(Facts(civilServiceStatus: .civilServant, agencyKind: .administrative,
                                     receivesIncentive: true, isTelecomOfficer: true)) == .excluded(.telecomOfficer))
    }

    @Test func scopeCodesRoundTrip() {
        let all: [ScopeStatus] = [.inScope, .analogous] + ScopeExclusion.allCases.map { .excluded($0) }
        for status in all { #expect(ScopeStatus(code: status.code) == status) }
        #expect(ScopeStatus(code: "excluded.nonsense") == nil)
    }
}
