import Domain
import Foundation
import Testing

@Suite("Who sees which agency (issue 2 §6, rules.md §13)")
struct AccessPolicyTests {
    let province = UUID(), department = UUID(), school = UUID(), other = UUID()
    var schoolPlace: AgencyPlace { AgencyPlace(chain: [school, department, province], district: "Thủ Dầu Một") }
    var otherPlace: AgencyPlace { AgencyPlace(chain: [other], district: "Dĩ An") }

    @Test func agencyScopedRolesSeeOnlyTheirAgency() {
        for role in [Role.itOfficer, .agencyStaff, .agencyFinance, .agencyPersonnel] {
            let policy = AccessPolicy(grants: [RoleGrant(role: role, agencyID: school)])
            #expect(policy.canSee(schoolPlace))
            #expect(!policy.canSee(otherPlace))
            #expect(!policy.canSee(AgencyPlace(chain: [department, province], district: nil)))
        }
    }

    @Test func headOfGoverningAgencySeesSubordinates() {
        let head = AccessPolicy(grants: [RoleGrant(role: .agencyHead, agencyID: department)])
        #expect(head.canSee(schoolPlace))
        #expect(!head.canSee(otherPlace))
        #expect(head.canManageOfficers(at: schoolPlace))
        #expect(!head.canManageOfficers(at: otherPlace))
    }

    @Test func provincialRolesSeeEverything() {
        for role in Role.allCases where role.readsWholeProvince {
            #expect(AccessPolicy(grants: [RoleGrant(role: role)]).canSee(otherPlace))
        }
        #expect(AccessPolicy(grants: [RoleGrant(role: .authorityStaff)]).managesRegistry)
        #expect(!AccessPolicy(grants: [RoleGrant(role: .administrator)]).managesRegistry)
        #expect(!AccessPolicy(grants: [RoleGrant(role: .homeAffairs)]).canManageOfficers(at: otherPlace))
    }

    @Test func districtBodySeesItsDistrict() {
        let body = UUID()
        let policy = AccessPolicy(grants: [RoleGrant(role: .districtITBody, agencyID: body)],
                                  districtsOfGrantAgencies: [body: "Dĩ An"])
        #expect(policy.canSee(otherPlace))
        #expect(!policy.canSee(schoolPlace))
    }

    @Test func D13_fullIdentityNumberOnlyForTheOfficerAndHR() {
        let officer = UUID()
        #expect(AccessPolicy(grants: [RoleGrant(role: .itOfficer, agencyID: school)], officerID: officer)
            .seesFullIdentityNumber(officerID: officer, at: schoolPlace))
        #expect(!AccessPolicy(grants: [RoleGrant(role: .itOfficer, agencyID: school)], officerID: UUID())
            .seesFullIdentityNumber(officerID: officer, at: schoolPlace))
        #expect(AccessPolicy(grants: [RoleGrant(role: .agencyPersonnel, agencyID: school)])
            .seesFullIdentityNumber(officerID: officer, at: schoolPlace))
        #expect(!AccessPolicy(grants: [RoleGrant(role: .agencyHead, agencyID: school)])
            .seesFullIdentityNumber(officerID: officer, at: schoolPlace))
        #expect(!AccessPolicy(grants: [RoleGrant(role: .authorityStaff)])
            .seesFullIdentityNumber(officerID: officer, at: schoolPlace))
    }
}
