/// Efficiency of an agency's use of IT officers for a year (Art. 15.5, D11).
public struct Efficiency: Sendable, Equatable, Codable {
    public var itLevel: Int?
    public var incentiveSpend: Int
    public var outsourcedCost: Int?
    /// Incentive spend ÷ outsourced cost; nil ("—") when the cost is zero or unknown.
    public var ratio: Double?

    /// Both figures and their ratio. `incentiveSpend` is the sum, over the agency's officers, of the months
    /// each held the post in the year at the amount in force that month (`IncentiveSpend`; ADR 0009).
    public static func compute(itLevel: Int?, incentiveSpend: Int, outsourcedCost: Int?) -> Efficiency {
        let spend = max(0, incentiveSpend)
        let ratio = outsourcedCost.flatMap { $0 > 0 ? Double(spend) / Double($0) : nil }
        return Efficiency(itLevel: itLevel, incentiveSpend: spend, outsourcedCost: outsourcedCost, ratio: ratio)
    }
}
