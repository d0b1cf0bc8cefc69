/// The yearly grade of an IT officer (Art. 15.4).
public enum Grade: String, CaseIterable, Codable, Sendable, Comparable {
    case a = "A", b = "B", c = "C", d = "D"

    public var label: String {
        switch self {
        case .a: "Loại A (xuất sắc)"
        case .b: "Loại B (tốt)"
        case .c: "Loại C (trung bình)"
        case .d: "Loại D (kém)"
        }
    }

    public static func < (x: Grade, y: Grade) -> Bool { x.rawValue < y.rawValue }
}

/// Why an officer has a grade: evaluated by a person, or deemed D because no log arrived (D2).
public enum GradeReason: String, Codable, Sendable {
    case evaluated, workLogNotSubmitted
}
