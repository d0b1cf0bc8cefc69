import Domain
import Foundation

/// The grade histories that let a new user see every case of Art. 16 in the last completed
/// evaluation year Y (issue 4 §12). Everyone else gets random grades.
struct DemoGradeStories {
    enum Story {
        /// A in Y−2, Y−1 and Y: Certificate of Merit and multi-year excellence (canbo).
        case excellent
        /// C, C, then no log in Y: the deadline step gives D → C, C, D (canbo2).
        case twoCThenNoLog
        case twoConsecutiveD
        case threeConsecutiveC
        /// D, C, D: no pattern, flagged for review (D1).
        case dcd
        /// Not graded for Y yet: left for the user to grade before publishing.
        case ungradedLastYear

        func grade(_ offset: Int) -> Grade? {
            // offset: 0 = Y, 1 = Y−1, 2 = Y−2
            switch self {
            case .excellent: .a
            case .twoCThenNoLog: offset == 0 ? nil : .c
            case .twoConsecutiveD: offset == 2 ? .b : .d
            case .threeConsecutiveC: .c
            case .dcd: offset == 1 ? .c : .d
            case .ungradedLastYear: offset == 0 ? nil : .b
            }
        }
    }

    var stories: [UUID: Story] = [:]

    init(officers: [OfficerModel]) {
        let candidates = officers.filter { $0.status.holdsPost && $0.scope == .inScope
            && !["Trần Minh Khoa", "Phạm Quốc Bảo"].contains($0.fullName) }
        for officer in officers {
            if officer.fullName == "Trần Minh Khoa" { stories[officer.id!] = .excellent }
            if officer.fullName == "Phạm Quốc Bảo" { stories[officer.id!] = .twoCThenNoLog }
        }
        let cast: [Story] = [.twoConsecutiveD, .threeConsecutiveC, .dcd, .ungradedLastYear, .ungradedLastYear]
        for (officer, story) in zip(candidates.suffix(cast.count), cast) { stories[officer.id!] = story }
        // An officer applied by analogy (commune level, R-2.2) meets a pattern: tasks, no cessation proposal.
        if let analogous = officers.first(where: { $0.scope == .analogous && $0.status.holdsPost }) {
            stories[analogous.id!] = .threeConsecutiveC
        }
    }

    /// The grade of `officer` in `year` (Y = `lastCompleted`); nil = no grade. `random` for everyone else.
    func grade(_ officer: OfficerModel, year: Int, lastCompleted: Int, random: () -> Grade) -> Grade? {
        guard let story = stories[officer.id!] else { return random() }
        let offset = lastCompleted - year
        return (0...2).contains(offset) ? story.grade(offset) : .b
    }

    /// Story officers always send their logs, except canbo2 in Y.
    func logNeverSent(_ officer: OfficerModel, year: Int, lastCompleted: Int) -> Bool? {
        guard let story = stories[officer.id!] else { return nil }
        return story == .twoCThenNoLog && year == lastCompleted
    }
}
