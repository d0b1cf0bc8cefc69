/// The grade patterns of Art. 16.3.b with the product decisions of D1.
public enum DisciplinePattern: String, Codable, Sendable, CaseIterable {
    /// P1: D in two consecutive years.
    case twoConsecutiveD
    /// P2: C in three consecutive years.
    case threeConsecutiveC
    /// P3: C twice and D once in three consecutive years, in any order.
    case twoCOneD

    public var label: String {
        switch self {
        case .twoConsecutiveD: "Hai năm liên tiếp loại D"
        case .threeConsecutiveC: "Ba năm liên tiếp loại C"
        case .twoCOneD: "Ba năm liên tiếp có hai năm loại C và một năm loại D"
        }
    }
}

public struct DisciplineTrigger: Equatable, Sendable, Codable {
    public var pattern: DisciplinePattern
    /// The years of the window, oldest first; the trigger belongs to the last.
    public var years: [Int]

    public init(pattern: DisciplinePattern, years: [Int]) {
        self.pattern = pattern
        self.years = years
    }
}

public struct ReviewFlag: Equatable, Sendable, Codable {
    /// D, C, D: no pattern matches, yet it is worse than C, C, D (D1: flagged for review).
    public var years: [Int]

    public init(years: [Int]) { self.years = years }
}

/// Art. 16.3.b, D1: sliding windows ending in each year; consecutive calendar years (a year with no
/// grade breaks the run) unless the profile says to skip missing years; a trigger fires once, at the
/// earliest window end, and counting restarts the year after it; automatic D counts like any D.
public enum DisciplineRules {
    public static func evaluate(grades: [Int: Grade], missingYearBreaksRun: Bool, flagDCD: Bool,
                                firstYear: Int = 2013) -> (triggers: [DisciplineTrigger], flags: [ReviewFlag]) {
        let years = grades.keys.filter { $0 >= firstYear }.sorted()
        var triggers: [DisciplineTrigger] = []
        var flags: [ReviewFlag] = []
        var restart = Int.min
        for (index, year) in years.enumerated() {
            /// The `length` years ending at `year`, if they form a run and start after the last trigger.
            func window(_ length: Int) -> [Int]? {
                guard index >= length - 1 else { return nil }
                let run = Array(years[(index - length + 1)...index])
                if missingYearBreaksRun, run.last! - run.first! != length - 1 { return nil }
                return run.first! >= restart ? run : nil
            }
            if let pair = window(2), pair.allSatisfy({ grades[$0] == .d }) {
                triggers.append(DisciplineTrigger(pattern: .twoConsecutiveD, years: pair))
                restart = year + 1
                continue
            }
            guard let three = window(3) else { continue }
            let g = three.map { grades[$0]! }
            if g.allSatisfy({ $0 == .c }) {
                triggers.append(DisciplineTrigger(pattern: .threeConsecutiveC, years: three))
                restart = year + 1
            } else if g.filter({ $0 == .c }).count == 2 && g.filter({ $0 == .d }).count == 1 {
                triggers.append(DisciplineTrigger(pattern: .twoCOneD, years: three))
                restart = year + 1
            } else if flagDCD, g == [.d, .c, .d] {
                flags.append(ReviewFlag(years: three))
            }
        }
        return (triggers, flags)
    }
}
