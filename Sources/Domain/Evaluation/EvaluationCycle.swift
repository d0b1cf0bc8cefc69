import Foundation

/// The stages of an evaluation year (Art. 15.6; D2, D4): open → the log deadline has passed (the
/// automatic D has run) → grading → published to the managing agencies.
public enum EvaluationStage: String, CaseIterable, Codable, Sendable {
    case open, deadlinePassed, grading, published

    public var label: String {
        switch self {
        case .open: "Đang nhận Sổ công tác"
        case .deadlinePassed: "Đã hết hạn nộp sổ (đã xếp loại D tự động)"
        case .grading: "Đang đánh giá, xếp loại"
        case .published: "Đã công bố kết quả"
        }
    }
}

/// The explicit, audited steps an authority user takes through a year (issue 4 §1).
public enum EvaluationStep: String, CaseIterable, Codable, Sendable {
    /// Art. 15.6, D2: close the log deadline and grade D every in-scope officer whose log did not arrive.
    case closeDeadline
    case startGrading
    /// Art. 15.6b: send the results to the managing agencies.
    case publish

    public var label: String {
        switch self {
        case .closeDeadline: "Chốt hạn nộp sổ và xếp loại D tự động"
        case .startGrading: "Bắt đầu đánh giá, xếp loại"
        case .publish: "Công bố kết quả cho cơ quan quản lý"
        }
    }

    public var from: EvaluationStage {
        switch self {
        case .closeDeadline: .open
        case .startGrading: .deadlinePassed
        case .publish: .grading
        }
    }

    public var to: EvaluationStage {
        switch self {
        case .closeDeadline: .deadlinePassed
        case .startGrading: .grading
        case .publish: .published
        }
    }
}

public enum EvaluationCycle {
    /// Why `step` cannot be taken now, in Vietnamese; nil when it can.
    /// - The deadline step only once the deadline instant (00:00 Asia/Ho_Chi_Minh, D2) has come.
    /// - Publication only when every officer to be evaluated has a grade (Art. 15.4).
    public static func problem(_ step: EvaluationStep, stage: EvaluationStage, now: Date, deadline: Date,
                               ungraded: Int) -> String? {
        guard stage == step.from else {
            return "Năm đánh giá đang ở bước “\(stage.label)”; không thể “\(step.label.lowercased())”."
        }
        switch step {
        case .closeDeadline where now < deadline:
            return "Chưa đến hạn nộp Sổ công tác; chỉ chốt được từ 00:00 ngày hết hạn."
        case .publish where ungraded > 0:
            return "Còn \(ungraded) cán bộ chưa được xếp loại; xếp loại đủ rồi mới công bố."
        default:
            return nil
        }
    }

    /// Art. 15.6b: results go out before the results deadline (15 November); later is allowed, and shown.
    public static func isLate(publishedOn: LocalDate, resultsDeadline: LocalDate) -> Bool { publishedOn >= resultsDeadline }
}

/// What a discipline trigger leads to (Art. 16.3.b, R-16.3b outputs): a written proposal to stop the
/// incentive for the authority and Home Affairs to sign jointly, and two tasks for the head. An officer
/// applied by analogy receives no incentive, so gets the tasks but no proposal.
public enum DisciplineOutcome {
    public enum HeadTask: String, CaseIterable, Codable, Sendable {
        case reassignDuties, recruitReplacement

        public var label: String {
            switch self {
            case .reassignDuties: "Bố trí cán bộ làm công việc khác"
            case .recruitReplacement: "Tuyển dụng hoặc phân công cán bộ CNTT khác phù hợp"
            }
        }
    }

    public static func needsCessationProposal(analogy: Bool) -> Bool { !analogy }

    public static let headTasks = HeadTask.allCases
}
