import Domain
import Foundation
import Testing

@Suite("Duties, secrets and handovers as the regulation writes them (Art. 3.3, 5, 7, 13, 14; D9)")
struct DutyRulesTests {
    let a = UUID(), b = UUID()
    func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    @Test func R5_1_theCatalogueHasTheSevenDutiesOfArticle5() {
        #expect(ITDuty.allCases.map(\.clause) == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7"])
        #expect(ITDuty.parse(["all"]) == ITDuty.allCases)
        #expect(ITDuty.parse(["reporting", "regulationsAndPlans"]) == [.regulationsAndPlans, .reporting])
        #expect(ITDuty.parse(["all", "reporting"]) == nil)
        #expect(ITDuty.parse(["nothing"]) == nil)
    }

    @Test func R13_1a_theOnlyOfficerTakesEveryDuty() {
        let partial = DutyAssignmentRules.problems([DutyAssignment(officerID: a, duties: [.reporting])], agencyOfficers: [a])
        #expect(partial == [.soleOfficerMissesDuties(a, ITDuty.allCases.filter { $0 != .reporting })])
        #expect(DutyAssignmentRules.problems([DutyAssignment(officerID: a, duties: ITDuty.allCases)], agencyOfficers: [a]).isEmpty)
    }

    @Test func R13_1b_withTwoOfficersEachGetsTheirOwnDutiesAndGapsAreOnlyWarned() {
        let split = [DutyAssignment(officerID: a, duties: [.systemAdministration]), DutyAssignment(officerID: b, duties: [.reporting])]
        #expect(DutyAssignmentRules.problems(split, agencyOfficers: [a, b]).isEmpty)
        #expect(DutyAssignmentRules.uncovered(split).count == 5)
        #expect(DutyAssignmentRules.problems([DutyAssignment(officerID: UUID(), duties: [.reporting])], agencyOfficers: [a, b]).count == 1)
        #expect(DutyAssignmentRules.problems([], agencyOfficers: [a]) == [.empty])
    }

    /// Art. 13.1: the decision goes to the IT authority and Home Affairs. Whoever receives every
    /// decision opens every agency's duties page wherever it is placed (the staffing page then reads
    /// no agency's place); every other role opens only some.
    @Test func R13_1_whoReceivesEveryDecisionOpensEveryDutiesPageAndNoOtherRoleDoes() {
        let (home, other) = (UUID(), UUID())
        let places = [AgencyPlace(chain: [home], district: "Dĩ An"), AgencyPlace(chain: [other, home], district: nil),
                      AgencyPlace(chain: [UUID()], district: "Bến Cát")]
        for role in Role.allCases {
            let policy = AccessPolicy(grants: [RoleGrant(role: role, agencyID: home)], districtsOfGrantAgencies: [home: "Dĩ An"])
            let opensAll = places.allSatisfy(policy.opensDutiesPage(at:))
            #expect(policy.readsEveryAssignmentDecision == [.authorityStaff, .itDivisionHead, .authorityLeadership, .homeAffairs].contains(role),
                    "\(role)")
            if policy.readsEveryAssignmentDecision { #expect(opensAll, "\(role)") } else { #expect(!opensAll, "\(role)") }
        }
    }

    @Test func R13_1_aLaterDecisionSupersedesOnlyForTheOfficersItNames() {
        let first = IssuedDecision(id: UUID(), signedOn: day(2026, 1, 5), sequence: 0,
                                   assignments: [DutyAssignment(officerID: a, duties: [.reporting]), DutyAssignment(officerID: b, duties: [.selfDevelopment])])
        let second = IssuedDecision(id: UUID(), signedOn: day(2026, 6, 1), sequence: 1, assignments: [DutyAssignment(officerID: a, duties: ITDuty.allCases)])
        // Given in any order, the later one wins for a; b keeps the first.
        let current = IssuedDecision.current([second, first])
        #expect(current[a]?.decision == second.id && current[a]?.duties == ITDuty.allCases)
        #expect(current[b]?.decision == first.id)
    }

    @Test func R7_1_propertiesNamedLikeAValueAreSecret() {
        for name in ["password", "adminPassword", "secret", "privateKey", "apiKey", "token", "accessToken", "keyValue", "mật khẩu"] {
            #expect(SecretValueDetector.isSecretName(name), "\(name)")
        }
        for name in ["name", "kind", "secretCategories", "holders", "officerId", "note", "receiverId", "rotated", "replacement"] {
            #expect(!SecretValueDetector.isSecretName(name), "\(name)")
        }
    }

    @Test func R7_1_freeTextThatReadsLikeACredentialIsSecret() {
        for text in ["Mật khẩu: Abc@12345", "mat khau = 123456", "password=hunter2", "root pwd: x", "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
                     "token: ghp_abc", "khóa bí mật: 0x1f", "AKIA1234567890ABCDEFGH1234567890XYZ"] {
            #expect(SecretValueDetector.looksLikeSecret(text), "\(text)")
        }
        for text in ["Máy chủ thư điện tử của Sở", "Tài khoản quản trị, mật khẩu truy cập", "Cổng thông tin điện tử skhdt.binhduong.gov.vn",
                     "0c9a7f3e-2b1d-4c5e-9f8a-1234567890ab", "Đổi mật khẩu sau khi bàn giao"] {
            #expect(!SecretValueDetector.looksLikeSecret(text), "\(text)")
        }
        #expect(SecretValueDetector.offendingField([("name", "Cổng"), ("holders[0].note", "password=1")]) == "holders[0].note")
        #expect(SecretValueDetector.offendingField([("name", "Cổng"), ("password", "")]) == "password")
        #expect(SecretValueDetector.offendingField([("name", "Cổng"), ("secretCategories[0]", "passwords")]) == nil)
    }

    @Test func R3_3_credentialsArePointBAndAreRecommendedForRotation() {
        #expect(SecretCategory.allCases.filter(\.isCredential) == [.administratorAccount, .passwords, .keysAndCertificates])
        #expect(SecretCategory.networkDiagram.point == "a" && SecretCategory.confidentialData.point == "c")
    }

    @Test func D9_handoverTriggersIncludeRetirementDisciplineAndLongLeaveOnly() {
        let profile = RegulationProfile.binhDuong2013
        for status in [EmploymentStatus.workAssignment, .study, .transferred, .resigned, .retired, .reassignedAfterDiscipline] {
            #expect(HandoverTrigger.opens(status, leaveDays: nil, profile: profile), "\(status)")
        }
        #expect(!HandoverTrigger.opens(.active, leaveDays: nil, profile: profile))
        #expect(!HandoverTrigger.opens(.leave, leaveDays: profile.longLeaveDays - 1, profile: profile))
        #expect(HandoverTrigger.opens(.leave, leaveDays: profile.longLeaveDays, profile: profile))
        #expect(HandoverTrigger.opens(.leave, leaveDays: nil, profile: profile))
        #expect(!EmploymentStatus.reassignedAfterDiscipline.holdsPost)
    }

    @Test func R14_1_theChecklistListsEverySecretHeldThenEveryDuty() {
        let s1 = UUID(), s2 = UUID()
        let lines = HandoverChecklist.lines(holdings: [.init(systemID: s2, systemName: "Thư điện tử", category: .passwords),
                                                      .init(systemID: s1, systemName: "Cổng thông tin", category: .networkDiagram),
                                                      .init(systemID: s1, systemName: "Cổng thông tin", category: .administratorAccount)],
                                            duties: [.reporting, .systemAdministration])
        #expect(lines.map(\.code) == ["administratorAccount", "networkDiagram", "passwords", "systemAdministration", "reporting"])
        #expect(lines.map(\.rotationRecommended) == [true, false, true, false, false])
    }

    @Test func R14_2_closingNeedsEveryItemAcknowledgedAndAPlan() {
        #expect(HandoverClosure.refusal(unacknowledged: 0, plan: .recruitment) == nil)
        #expect(HandoverClosure.refusal(unacknowledged: 2, plan: .recruitment)?.contains("2 mục") == true)
        #expect(HandoverClosure.refusal(unacknowledged: 0, plan: nil)?.contains("phương án") == true)
        #expect(ReplacementPlan.temporaryReplacement.prompt.contains("Điều 13.1"))
        #expect(ReplacementPlan.recruitment.prompt.contains("phỏng vấn"))
    }
}
