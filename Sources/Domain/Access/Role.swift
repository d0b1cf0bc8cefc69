import Foundation

/// The roles a user can be granted (issue 2 §6; rules.md §13).
public enum Role: String, CaseIterable, Codable, Sendable {
    case itOfficer, agencyHead, agencyStaff, agencyFinance, agencyPersonnel
    case authorityStaff, itDivisionHead, authorityLeadership
    case homeAffairs, financeDepartment, districtITBody, administrator

    public var label: String {
        switch self {
        case .itOfficer: "Cán bộ CNTT"
        case .agencyHead: "Thủ trưởng cơ quan"
        case .agencyStaff: "Cán bộ, nhân viên cơ quan (người yêu cầu)"
        case .agencyFinance: "Bộ phận tài chính cơ quan"
        case .agencyPersonnel: "Bộ phận tổ chức cán bộ"
        case .authorityStaff: "Chuyên viên cơ quan chuyên trách CNTT tỉnh"
        case .itDivisionHead: "Trưởng phòng CNTT"
        case .authorityLeadership: "Lãnh đạo cơ quan chuyên trách CNTT tỉnh"
        case .homeAffairs: "Sở Nội vụ"
        case .financeDepartment: "Sở Tài chính"
        case .districtITBody: "Cơ quan chuyên trách CNTT cấp huyện"
        case .administrator: "Quản trị hệ thống"
        }
    }

    /// A grant of this role names the agency it applies to.
    public var isAgencyScoped: Bool {
        [.itOfficer, .agencyHead, .agencyStaff, .agencyFinance, .agencyPersonnel, .districtITBody]
            .contains(self)
    }

    /// Roles whose holders edit the agencies' records or grade officers (`AccessPolicy.managesRegistry`,
    /// `AccessPolicy.grades`, so the list is the policy's): every grant of one is announced to the
    /// authority's leadership.
    public var editsRegistryOrGrades: Bool {
        let holder = AccessPolicy(grants: [RoleGrant(role: self, agencyID: nil)])
        return holder.grades || holder.managesRegistry
    }

    /// Roles that read the registry of the whole province.
    public var readsWholeProvince: Bool {
        [.authorityStaff, .itDivisionHead, .authorityLeadership, .homeAffairs, .financeDepartment,
         .administrator].contains(self)
    }
}

public struct RoleGrant: Hashable, Sendable, Codable {
    public var role: Role
    public var agencyID: UUID?
    public init(role: Role, agencyID: UUID? = nil) {
        self.role = role
        self.agencyID = agencyID
    }
}
