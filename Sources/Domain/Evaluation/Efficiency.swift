/// Efficiency of an agency's use of IT officers for a year (Art. 15.5, D11).
public struct Efficiency: Sendable, Equatable, Codable {
    public var itLevel: Int?
    public var incentiveSpend: Int
    public var outsourcedCost: Int?
    /// Incentive spend ÷ outsourced cost; nil ("—") when the cost is zero or unknown.
    public var ratio: Double?

    /// Incentive spend is each officer's monthly incentive × months in role during the year.
    public static func compute(itLevel: Int?, incentives: [(monthly: Int, months: Int)], outsourcedCost: Int?) -> Efficiency {
        let spend = incentives.reduce(0) { $0 + $1.monthly * max(0, min(12, $1.months)) }
        let ratio = outsourcedCost.flatMap { $0 > 0 ? Double(spend) / Double($0) : nil }
        return Efficiency(itLevel: itLevel, incentiveSpend: spend, outsourcedCost: outsourcedCost, ratio: ratio)
    }
}
