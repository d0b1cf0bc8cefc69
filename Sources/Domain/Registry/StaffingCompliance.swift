/// One IT officer as the staffing rule sees them.
public struct StaffingMember: Sendable, Equatable {
    public var name: String
    public var kind: ITOfficerKind
    public var scope: ScopeStatus
    public var status: EmploymentStatus
    public var inOpenHandover: Bool

    public init(name: String, kind: ITOfficerKind, scope: ScopeStatus, status: EmploymentStatus,
                inOpenHandover: Bool = false) {
        self.name = name
        self.kind = kind
        self.scope = scope
        self.status = status
        self.inOpenHandover = inOpenHandover
    }

    /// D6: an active in-scope IT officer counts; one on leave, study, assignment or in an open
    /// handover still counts, and is marked.
    var counts: Bool { scope == .inScope && status.holdsPost }
    public var mark: String? {
        if inOpenHandover { return "\(name): đang bàn giao" }
        if status.isAway { return "\(name): \(status.label.lowercased())" }
        return nil
    }
}

/// The outcome of the staffing rule for one agency (Art. 11.1, D6). A warning, never a block.
public enum StaffingStatus: String, CaseIterable, Codable, Sendable {
    case compliant, notApplicable, levelUnknown, backupIsFullTime
    case missingPartTime, missingFullTime, noITOfficer

    public enum Severity: Int, Comparable, Sendable {
        case ok, info, minor, warning, serious
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    public var severity: Severity {
        switch self {
        case .compliant, .notApplicable: .ok
        case .levelUnknown: .info
        case .backupIsFullTime: .minor
        case .missingPartTime, .missingFullTime: .warning
        case .noITOfficer: .serious
        }
    }

    public var label: String {
        switch self {
        case .compliant: "Đạt"
        case .notApplicable: "Không áp dụng"
        case .levelUnknown: "Chưa có mức ứng dụng CNTT"
        case .backupIsFullTime: "Thiếu bán chuyên trách (đã có dự phòng)"
        case .missingPartTime: "Thiếu cán bộ bán chuyên trách"
        case .missingFullTime: "Thiếu cán bộ chuyên trách"
        case .noITOfficer: "Chưa có cán bộ CNTT"
        }
    }
}

public struct StaffingAssessment: Sendable, Equatable {
    public var status: StaffingStatus
    public var reason: String
    public var fullTime: Int
    public var partTime: Int
    /// Officers counted although away or handing over (D6: they count, and are marked).
    public var marks: [String]
}

/// Art. 11.1 with D6: every agency needs at least one active in-scope IT officer; from IT
/// application level `threshold` (profile, default 3) it needs one full-time **and** one part-time.
/// Two full-time and no part-time is the lesser warning "backup exists, literal gap".
/// An unknown level is shown as such, never guessed (D7).
public enum StaffingCompliance {
    public static func assess(agencyKind: AgencyKind, itLevel: Int?, members: [StaffingMember],
                              threshold: Int) -> StaffingAssessment {
        let counted = members.filter(\.counts)
        let ft = counted.filter { $0.kind == .fullTime }.count
        return assess(agencyKind: agencyKind, itLevel: itLevel, fullTime: ft, partTime: counted.count - ft,
                      marks: counted.compactMap(\.mark), threshold: threshold)
    }

    /// The same rule from counts of officers that count (active in-scope, including those marked).
    public static func assess(agencyKind: AgencyKind, itLevel: Int?, fullTime ft: Int, partTime pt: Int,
                              marks: [String], threshold: Int) -> StaffingAssessment {
        let counted = ft + pt
        func result(_ status: StaffingStatus, _ reason: String) -> StaffingAssessment {
            StaffingAssessment(status: status, reason: reason, fullTime: ft, partTime: pt, marks: marks)
        }
        if agencyKind == .partyOrMassOrganisation {
            return result(.notApplicable, "Cơ quan khối Đảng, đoàn thể không thuộc phạm vi Quy chế (Điều 2.3.b).")
        }
        if counted == 0 {
            return result(.noITOfficer, "Cơ quan chưa có cán bộ CNTT đang công tác thuộc đối tượng áp dụng (Điều 11.1).")
        }
        guard let level = itLevel else {
            return result(.levelUnknown, "Đã có cán bộ CNTT; chưa có mức độ ứng dụng CNTT của năm nên chưa xét yêu cầu từ mức \(threshold).")
        }
        guard level >= threshold else {
            return result(.compliant, "Mức ứng dụng CNTT \(level): có ít nhất một cán bộ CNTT (Điều 11.1).")
        }
        switch (ft, pt) {
        case (1..., 1...):
            return result(.compliant, "Mức \(level): có cán bộ chuyên trách và bán chuyên trách (Điều 11.1).")
        case (2..., 0):
            return result(.backupIsFullTime, "Mức \(level): có \(ft) chuyên trách, chưa có bán chuyên trách; đã có người dự phòng nhưng chưa đúng văn bản (Điều 11.1).")
        case (1, 0):
            return result(.missingPartTime, "Mức \(level): cần thêm cán bộ bán chuyên trách làm hỗ trợ, dự phòng (Điều 11.1).")
        default:
            return result(.missingFullTime, "Mức \(level): cần cán bộ chuyên trách; ứng viên chuyên trách cần qua bước sơ tuyển (Điều 11.1, 11.3).")
        }
    }
}
