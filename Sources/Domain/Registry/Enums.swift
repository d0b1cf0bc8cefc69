/// Kinds of agency (Art. 2.1, 2.3.b).
public enum AgencyKind: String, CaseIterable, Codable, Sendable {
    case administrative, publicService, partyOrMassOrganisation

    public var label: String {
        switch self {
        case .administrative: "Cơ quan hành chính"
        case .publicService: "Đơn vị sự nghiệp công lập"
        case .partyOrMassOrganisation: "Khối Đảng, đoàn thể"
        }
    }
}

/// Administrative level of an agency (Art. 3.5).
public enum AdminLevel: String, CaseIterable, Codable, Sendable {
    case province, district, commune

    public var label: String {
        switch self {
        case .province: "Cấp tỉnh"
        case .district: "Cấp huyện"
        case .commune: "Cấp xã"
        }
    }
}

/// Full-time or part-time IT officer (Art. 3.6; Appendix I Form 1 "Chức danh").
public enum ITOfficerKind: String, CaseIterable, Codable, Sendable {
    case fullTime, partTime

    public var label: String {
        switch self {
        case .fullTime: "Chuyên trách CNTT"
        case .partTime: "Bán chuyên trách CNTT"
        }
    }
}

/// Gender as Appendix I Form 1 defines it.
public enum Gender: String, CaseIterable, Codable, Sendable {
    case male, female
    public var label: String { self == .male ? "Nam" : "Nữ" }
}

/// Civil-service status (Art. 2.1.a) and the contract within quota of Art. 11.2.
public enum CivilServiceStatus: String, CaseIterable, Codable, Sendable {
    case cadre, civilServant, publicEmployee, contractWithinQuota

    public var label: String {
        switch self {
        case .cadre: "Cán bộ"
        case .civilServant: "Công chức"
        case .publicEmployee: "Viên chức"
        case .contractWithinQuota: "Hợp đồng trong chỉ tiêu biên chế"
        }
    }
}

/// Employment status of an officer, kept with dated history. A transfer is an event that
/// moves the officer to another agency; the person keeps one record.
public enum EmploymentStatus: String, CaseIterable, Codable, Sendable {
    case active, workAssignment, study, leave, transferred, resigned, retired
    /// Moved to other work after discipline (Art. 16.3.b): no longer an IT officer; opens a handover (D9).
    case reassignedAfterDiscipline

    public var label: String {
        switch self {
        case .active: "Đang công tác"
        case .workAssignment: "Được cử đi công tác"
        case .study: "Đi học tập trung"
        case .leave: "Nghỉ phép dài hạn"
        case .transferred: "Đã chuyển công tác"
        case .resigned: "Đã thôi việc"
        case .retired: "Đã nghỉ hưu"
        case .reassignedAfterDiscipline: "Bố trí công việc khác sau kỷ luật"
        }
    }

    /// Still holds the post at the agency (D6: officers away on leave or study still count,
    /// and are marked).
    public var holdsPost: Bool { [.active, .workAssignment, .study, .leave].contains(self) }
    /// The stored values of the statuses that hold a post, for queries that filter by them.
    public static let holdingPostRawValues = allCases.filter(\.holdsPost).map(\.rawValue)
    /// Away from the post for a while: counted for staffing, but marked.
    public var isAway: Bool { [.workAssignment, .study, .leave].contains(self) }
}
