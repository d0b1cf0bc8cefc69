import Foundation

/// Where an agency sits: itself, then its governing agencies up to the root, and its district.
public struct AgencyPlace: Sendable, Equatable {
    public var chain: [UUID]
    public var district: String?
    public init(chain: [UUID], district: String?) {
        self.chain = chain
        self.district = district
    }
    public var id: UUID { chain[0] }
}

/// What a signed-in person may see and do in the registry. Agency-scoped roles see only their
/// agency; the head of a governing agency also sees its subordinate agencies (issue 2 §6).
/// The administrator manages accounts and settings, not the agencies' records.
public struct AccessPolicy: Sendable {
    public var grants: [RoleGrant]
    /// The district of each agency named by a district IT body grant.
    public var districtsOfGrantAgencies: [UUID: String]
    public var officerID: UUID?

    public init(grants: [RoleGrant], districtsOfGrantAgencies: [UUID: String] = [:], officerID: UUID? = nil) {
        self.grants = grants
        self.districtsOfGrantAgencies = districtsOfGrantAgencies
        self.officerID = officerID
    }

    public func has(_ role: Role) -> Bool { grants.contains { $0.role == role } }
    public var readsWholeProvince: Bool { grants.contains { $0.role.readsWholeProvince } }
    public var managesRegistry: Bool { grades }
    public var managesAccounts: Bool { has(.administrator) }
    public var managesProfile: Bool { has(.administrator) }

    /// The agencies named by grants of these roles.
    public func agencies(for roles: Set<Role>) -> Set<UUID> {
        Set(grants.filter { roles.contains($0.role) }.compactMap(\.agencyID))
    }

    /// The agencies a reader of part of the province reaches (issue 2 §6): those they belong to, those
    /// they head with every agency below them (Art. 15.4), and whole districts for a district IT body.
    /// `canSee` answers for one agency; a list query expands this to the agencies it names.
    public var agencyReach: (own: Set<UUID>, headed: Set<UUID>, districts: Set<String>) {
        let own = agencies(for: [.itOfficer, .agencyStaff, .agencyFinance, .agencyPersonnel])
        let districts = Set(agencies(for: [.districtITBody]).compactMap { districtsOfGrantAgencies[$0] }.filter { !$0.isEmpty })
        return (own, agencies(for: [.agencyHead]), districts)
    }

    public func canSee(_ place: AgencyPlace) -> Bool {
        if readsWholeProvince { return true }
        let own: Set<Role> = [.itOfficer, .agencyStaff, .agencyFinance, .agencyPersonnel]
        if agencies(for: own).contains(place.id) { return true }
        if !agencies(for: [.agencyHead]).isDisjoint(with: place.chain) { return true }
        if let district = place.district {
            let districts = agencies(for: [.districtITBody]).compactMap { districtsOfGrantAgencies[$0] }
            if districts.contains(district) { return true }
        }
        return false
    }

    /// Create or edit officers of an agency: the provincial IT authority anywhere; the head and the
    /// personnel section for their own agency (and the head for subordinate agencies).
    public func canManageOfficers(at place: AgencyPlace) -> Bool {
        if managesRegistry { return true }
        if agencies(for: [.agencyPersonnel]).contains(place.id) { return true }
        return headsAgency(at: place)
    }

    /// D13: the full identity number is shown to the officer and to HR roles.
    public func seesFullIdentityNumber(officerID: UUID, at place: AgencyPlace) -> Bool {
        seesFullIdentityNumber(officerID: officerID) ?? agencies(for: [.agencyPersonnel]).contains(place.id)
    }
}
