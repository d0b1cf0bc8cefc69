/// Reward candidates (Art. 16.2, D5): a person decides; the software only proposes.
public enum RewardCandidacy: String, Codable, Sendable {
    /// A in the year: Certificate of Merit of the authority's director (Art. 16.2.a).
    case certificateOfMerit
    /// A in `streak` consecutive years: a raised incentive level or a higher commendation (Art. 16.2.b).
    case multiYearExcellence

    public var label: String {
        switch self {
        case .certificateOfMerit: "Đề nghị Giấy khen của Giám đốc cơ quan chuyên trách CNTT (loại A trong năm)"
        case .multiYearExcellence: "Nhiều năm liền loại A: đề nghị nâng mức ưu đãi hoặc khen thưởng cấp cao hơn"
        }
    }
}

public enum RewardRules {
    /// The candidacies of an officer for year `year`. Consecutive years follow D1's setting.
    public static func candidacies(grades: [Int: Grade], year: Int, streak: Int, missingYearBreaksRun: Bool) -> [RewardCandidacy] {
        guard grades[year] == .a else { return [] }
        var result: [RewardCandidacy] = [.certificateOfMerit]
        let earlier = grades.keys.filter { $0 <= year }.sorted(by: >)
        var run = 0
        var expected = year
        for y in earlier {
            if missingYearBreaksRun && y != expected { break }
            guard grades[y] == .a else { break }
            run += 1
            expected = y - 1
        }
        if run >= streak { result.append(.multiYearExcellence) }
        return result
    }
}
