import Domain
import Testing

@Suite("Art. 11.1 staffing (D6)")
struct StaffingComplianceTests {
    func member(_ kind: ITOfficerKind, _ status: EmploymentStatus = .active,
                scope: ScopeStatus = .inScope, handover: Bool = false) -> StaffingMember {
        StaffingMember(name: "Lê Văn Tâm", kind: kind, scope: scope, status: status, inOpenHandover: handover)
    }

    func assess(level: Int?, _ members: [StaffingMember], kind: AgencyKind = .administrative) -> StaffingAssessment {
        StaffingCompliance.assess(agencyKind: kind, itLevel: level, members: members, threshold: 3)
    }

    @Test func R11_1_everyAgencyNeedsAtLeastOneOfficer() {
        #expect(assess(level: 1, []).status == .noITOfficer)
        #expect(assess(level: nil, []).status == .noITOfficer)
        #expect(assess(level: 2, [member(.partTime)]).status == .compliant)
    }

    @Test func R11_1_levelThreeNeedsFullTimeAndPartTime() {
        let both = assess(level: 3, [member(.fullTime), member(.partTime)])
        #expect(both.status == .compliant)
        #expect(both.fullTime == 1 && both.partTime == 1)
        #expect(assess(level: 4, [member(.fullTime)]).status == .missingPartTime)
    }

    @Test func R11_1_singlePartTimeOfficerAtLevelThreeMissesFullTime() {
        #expect(assess(level: 3, [member(.partTime)]).status == .missingFullTime)
        #expect(assess(level: 3, [member(.partTime), member(.partTime)]).status == .missingFullTime)
    }

    @Test func R11_1_D6_twoFullTimeNoPartTimeIsTheLesserWarning() {
        let result = assess(level: 3, [member(.fullTime), member(.fullTime)])
        #expect(result.status == .backupIsFullTime)
        #expect(result.status.severity < StaffingStatus.missingPartTime.severity)
        #expect(result.status.severity > StaffingStatus.compliant.severity)
    }

    @Test func R11_1_D7_unknownLevelIsShownNotGuessed() {
        let result = assess(level: nil, [member(.fullTime)])
        #expect(result.status == .levelUnknown)
        #expect(result.reason.contains("chưa có mức"))
    }

    @Test func R11_1_D6_officersAwayStillCountAndAreMarked() {
        let result = assess(level: 3, [member(.fullTime, .leave), member(.partTime, handover: true)])
        #expect(result.status == .compliant)
        #expect(result.marks.count == 2)
    }

    @Test func R11_1_D6_officersWhoLeftOrAreOutOfScopeDoNotCount() {
        #expect(assess(level: 1, [member(.fullTime, .resigned)]).status == .noITOfficer)
        #expect(assess(level: 1, [member(.fullTime, .transferred)]).status == .noITOfficer)
        #expect(assess(level: 1, [member(.fullTime, scope: .excluded(.itLeadership))]).status == .noITOfficer)
        #expect(assess(level: 1, [member(.fullTime, scope: .analogous)]).status == .noITOfficer)
    }

    @Test func R2_3b_partyBlocAgenciesAreNotAssessed() {
        #expect(assess(level: 3, [], kind: .partyOrMassOrganisation).status == .notApplicable)
    }

    @Test func R11_1_D6_thresholdComesFromTheProfile() {
        let result = StaffingCompliance.assess(agencyKind: .publicService, itLevel: 2,
                                               members: [member(.fullTime)], threshold: 2)
        #expect(result.status == .missingPartTime)
    }
}
