/// The evidence of a year other than the work log (Art. 15.3 b–đ, 5.7, 8.1, 17.2–3).

/// The events an IT officer must attend (Art. 5.7) and the annual meetings and tests (Art. 17.2–3).
public enum TrainingKind: String, CaseIterable, Codable, Sendable {
    case proficiencyTest, mandatoryTraining, thematicSession, annualReview

    public var label: String {
        switch self {
        case .proficiencyTest: "Kiểm tra sát hạch"
        case .mandatoryTraining: "Tập huấn bắt buộc"
        case .thematicSession: "Sinh hoạt chuyên đề"
        case .annualReview: "Họp giao ban hằng năm"
        }
    }

    /// Only a test has a score.
    public var isScored: Bool { self == .proficiencyTest }
}

/// Art. 5.7: attendance of an invited officer. An excused absence is recorded, not penalised by
/// itself (its effect goes through the year's criteria).
public enum Attendance: String, CaseIterable, Codable, Sendable {
    case invited, attended, excused, absent

    public var label: String {
        switch self {
        case .invited: "Đã mời"
        case .attended: "Có mặt"
        case .excused: "Vắng có lý do"
        case .absent: "Vắng không lý do"
        }
    }
}

/// Art. 15.3.b: the level of the inspection team.
public enum InspectionTeamLevel: String, CaseIterable, Codable, Sendable {
    case central, provincial, cluster

    public var label: String {
        switch self {
        case .central: "Đoàn kiểm tra Trung ương"
        case .provincial: "Đoàn kiểm tra của tỉnh"
        case .cluster: "Đoàn kiểm tra của cụm, khối cơ quan"
        }
    }
}

/// What became of an officer's earlier proposal of preventive measures (Art. 8.1.b).
public enum ProposalDecision: String, CaseIterable, Codable, Sendable {
    case none, pending, accepted, rejected

    public var label: String {
        switch self {
        case .none: "Không có đề xuất trước"
        case .pending: "Đã đề xuất, chưa được trả lời"
        case .accepted: "Đã đề xuất, được chấp nhận"
        case .rejected: "Đã đề xuất, không được chấp nhận"
        }
    }
}

public enum IncidentResponsibility {
    /// Art. 8.1.b: the officer is exempt when they foresaw the risk and proposed preventive measures
    /// that were not accepted. A proposal still unanswered after `silenceDays` counts as not accepted
    /// (R-8.1 edge; the decision stays with a person, this is the evidence shown).
    public static func exempt(_ decision: ProposalDecision, proposedOn: LocalDate?, incidentOn: LocalDate,
                              silenceDays: Int = 30) -> Bool {
        guard let proposedOn, proposedOn <= incidentOn else { return false }
        switch decision {
        case .rejected: return true
        case .pending: return proposedOn.days(until: incidentOn) >= silenceDays
        case .none, .accepted: return false
        }
    }
}
