import Domain
import Foundation
import Testing

/// The named capabilities of the one policy (Domain/Access), each against the rule it states.
@Suite("Capabilities of the access policy (D4, D13, Art. 15–16)")
struct CapabilityTests {
    let agency = UUID(), parent = UUID(), other = UUID(), officer = UUID()
    var place: AgencyPlace { AgencyPlace(chain: [agency, parent], district: nil) }
    func policy(_ role: Role, at id: UUID? = nil, officer: UUID? = nil) -> AccessPolicy {
        AccessPolicy(grants: [RoleGrant(role: role, agencyID: id)], officerID: officer)
    }

    @Test func D4_gradesAreReadByTheAuthorityAlwaysAndByOthersOnlyOncePublished() {
        for role in [Role.authorityStaff, .itDivisionHead, .authorityLeadership] {
            #expect(policy(role).readsGrade(officerID: officer, at: place, published: false))
        }
        let readersAfterPublication = [policy(.itOfficer, at: agency, officer: officer), policy(.homeAffairs),
                                       policy(.agencyHead, at: agency), policy(.agencyHead, at: parent)]
        for reader in readersAfterPublication {
            #expect(!reader.readsGrade(officerID: officer, at: place, published: false))
            #expect(reader.readsGrade(officerID: officer, at: place, published: true))
        }
        for outsider in [policy(.agencyHead, at: other), policy(.financeDepartment), policy(.administrator),
                         policy(.agencyStaff, at: agency), policy(.itOfficer, at: agency, officer: UUID())] {
            #expect(!outsider.readsGrade(officerID: officer, at: place, published: true))
        }
    }

    @Test func D13_fullIdentityNumberIsKnownWithoutThePlaceExceptForPersonnel() {
        #expect(policy(.itOfficer, at: agency, officer: officer).seesFullIdentityNumber(officerID: officer) == true)
        #expect(policy(.homeAffairs).seesFullIdentityNumber(officerID: officer) == true)
        #expect(policy(.authorityStaff).seesFullIdentityNumber(officerID: officer) == false)
        #expect(policy(.agencyPersonnel, at: agency).seesFullIdentityNumber(officerID: officer) == nil)
        #expect(policy(.agencyPersonnel, at: agency).seesFullIdentityNumber(officerID: officer, at: place))
        #expect(!policy(.agencyPersonnel, at: other).seesFullIdentityNumber(officerID: officer, at: place))
    }

    @Test func R15_2_R16_3b_gradingStepsAndSignaturesBelongToTheirPeople() {
        #expect(policy(.authorityStaff).grades && !policy(.authorityLeadership).grades)
        #expect(policy(.authorityLeadership).takesEvaluationSteps && !policy(.homeAffairs).takesEvaluationSteps)
        #expect(policy(.authorityLeadership).signsForITAuthority && !policy(.authorityStaff).signsForITAuthority)
        #expect(policy(.homeAffairs).readsCessationProposals && !policy(.financeDepartment).readsCessationProposals)
        #expect(policy(.homeAffairs).readsYearResults(published: true) && !policy(.homeAffairs).readsYearResults(published: false))
        #expect(policy(.administrator).administersOnly && !AccessPolicy(grants: [RoleGrant(role: .administrator),
                                                                               RoleGrant(role: .authorityStaff)]).administersOnly)
    }
}
