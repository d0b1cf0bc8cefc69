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

@Suite("Who may do what with a work ticket (issue 3)")
struct TicketAccessTests {
    let agency = UUID(), parent = UUID(), other = UUID(), officer = UUID(), requester = UUID(), me = UUID()
    var place: AgencyPlace { AgencyPlace(chain: [agency, parent], district: nil) }

    func facts(officer: UUID?, requester: UUID? = nil, submitted: Bool = false) -> TicketAccess.Facts {
        .init(officerID: officer, requesterUserID: requester, place: place, logSubmitted: submitted)
    }

    @Test func officerReadsAndEditsOwnTicketsButCannotConfirmThem() {
        let policy = AccessPolicy(grants: [RoleGrant(role: .itOfficer, agencyID: agency)], officerID: officer)
        let access = policy.ticketAccess(facts(officer: officer), viewerUserID: me)
        #expect(access.read && access.edit && !access.confirm)
        let colleague = policy.ticketAccess(facts(officer: UUID()), viewerUserID: me)
        #expect(!colleague.read && !colleague.edit)
        let request = policy.ticketAccess(facts(officer: nil), viewerUserID: me)
        #expect(request.read && request.take && !request.edit)
    }

    @Test func headOfTheAgencyOrOfItsGoverningAgencyReadsAndConfirms() {
        for agencyOfHead in [agency, parent] {
            let head = AccessPolicy(grants: [RoleGrant(role: .agencyHead, agencyID: agencyOfHead)])
            let access = head.ticketAccess(facts(officer: officer), viewerUserID: me)
            #expect(access.read && access.confirm && !access.edit)
        }
    }

    @Test func requesterSeesAndConfirmsWhatTheyRequested() {
        let staff = AccessPolicy(grants: [RoleGrant(role: .agencyStaff, agencyID: other)])
        #expect(staff.ticketAccess(facts(officer: officer, requester: me), viewerUserID: me) ==
                TicketAccess(read: true, edit: false, confirm: true, take: false))
        #expect(staff.ticketAccess(facts(officer: officer, requester: requester), viewerUserID: me) == .none)
    }

    /// Issue 11: a requester's part of the agency's work is what they requested, not every ticket.
    @Test func agencyStaffFinanceAndPersonnelReadOnlyWhatTheyRequested() {
        for role in [Role.agencyStaff, .agencyFinance, .agencyPersonnel] {
            let staff = AccessPolicy(grants: [RoleGrant(role: role, agencyID: agency)])
            #expect(staff.ticketAccess(facts(officer: officer), viewerUserID: me) == .none, "\(role)")
            #expect(staff.ticketAccess(facts(officer: officer, requester: me), viewerUserID: me).read, "\(role)")
        }
    }

    @Test func provincialAuthoritySeesOnlySubmittedLogs() {
        let authority = AccessPolicy(grants: [RoleGrant(role: .authorityStaff)])
        #expect(!authority.ticketAccess(facts(officer: officer), viewerUserID: me).read)
        #expect(authority.ticketAccess(facts(officer: officer, submitted: true), viewerUserID: me).read)
        let admin = AccessPolicy(grants: [RoleGrant(role: .administrator)])
        #expect(admin.ticketAccess(facts(officer: officer, submitted: true), viewerUserID: me) == .none)
    }

    @Test func nobodyFromAnotherAgencySeesTickets() {
        for role in [Role.itOfficer, .agencyHead, .agencyStaff, .agencyFinance, .agencyPersonnel] {
            let outsider = AccessPolicy(grants: [RoleGrant(role: role, agencyID: other)], officerID: UUID())
            #expect(outsider.ticketAccess(facts(officer: officer), viewerUserID: me) == .none)
            #expect(outsider.ticketAccess(facts(officer: nil), viewerUserID: me) == .none)
        }
    }
}
