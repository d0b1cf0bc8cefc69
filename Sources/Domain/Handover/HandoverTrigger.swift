/// Which employment events open a handover (Art. 14.1; D9; rules.md; docs/duties-and-handover.md):
/// a work assignment, long study, leave of at least the profile's days, resignation, transfer,
/// retirement and reassignment after discipline. Return to work does not.
public enum HandoverTrigger {
    /// `leaveDays` is the announced length of a leave; an unknown length counts as long (the officer
    /// is away for an unknown time, so the secrets are handed over rather than left unattended).
    public static func opens(_ status: EmploymentStatus, leaveDays: Int?, profile: RegulationProfile) -> Bool {
        switch status {
        case .active: false
        case .leave: (leaveDays ?? Int.max) >= profile.longLeaveDays
        case .workAssignment, .study, .transferred, .resigned, .retired, .reassignedAfterDiscipline: true
        }
    }
}

/// The head's plan for the post (Art. 14.2; ).
public enum ReplacementPlan: String, CaseIterable, Codable, Sendable {
    case temporaryReplacement, recruitment

    public var label: String {
        switch self {
        case .temporaryReplacement: "Phân công người thay thế tạm thời"
        case .recruitment: "Tuyển dụng nhân sự mới"
        }
    }

    /// What the plan asks the head to do next (Art. 13.1, 13.2, 11.3).
    public var prompt: String {
        switch self {
        case .temporaryReplacement:
            "Ban hành quyết định phân công nhiệm vụ cho người thay thế (Điều 13.1) và lập giấy cam kết của người đó (Điều 13.2)."
        case .recruitment:
            "Lập giấy đề nghị phỏng vấn sơ tuyển cán bộ chuyên trách CNTT gửi cơ quan chuyên trách CNTT tỉnh (Điều 11.3, 12)."
        }
    }
}
