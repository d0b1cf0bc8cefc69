/// One row of Form 2.
public struct AnnualSummaryRow: Sendable, Equatable {
    public var row: Int
    public var label: String
    public var unit: String
    public var quantity: Int
    public var note: String
}

/// Form 2, "Tổng hợp kết quả công tác năm" (Appendix I; D10, D11): tickets counted per task group
/// (unit "phiếu"), initiatives in row 7 (unit "sáng kiến"), the total count, the period and the
/// agency's outsourced cost for the year.
public struct AnnualSummary: Sendable, Equatable {
    public var year: Int
    public var period: ClosedRange<LocalDate>
    public var rows: [AnnualSummaryRow]
    public var total: Int
    public var inProgress: Int
    public var outsourcedCost: Int?

    /// Tickets are counted in the evaluation year their request date falls in (D3); a ticket still
    /// open is counted and noted "in progress" (D10).
    public static func compute(year: Int, period: ClosedRange<LocalDate>,
                               tickets: [(group: TaskGroup, status: TicketStatus)], initiatives: Int,
                               outsourcedCost: Int?) -> AnnualSummary {
        var counts: [TaskGroup: (total: Int, open: Int)] = [:]
        for ticket in tickets {
            let finished = ticket.status == .done || ticket.status == .confirmed
            let c = counts[ticket.group] ?? (0, 0)
            counts[ticket.group] = (c.total + 1, c.open + (finished ? 0 : 1))
        }
        return compute(year: year, period: period, counts: counts, initiatives: initiatives, outsourcedCost: outsourcedCost)
    }

    /// The same from counts per group (total and still open), as an aggregate query gives them.
    public static func compute(year: Int, period: ClosedRange<LocalDate>, counts: [TaskGroup: (total: Int, open: Int)],
                               initiatives: Int, outsourcedCost: Int?) -> AnnualSummary {
        let open = counts.mapValues(\.open)
        var rows = TaskGroup.allCases.map { group in
            AnnualSummaryRow(row: group.form2Row, label: group.label, unit: "phiếu", quantity: counts[group]?.total ?? 0,
                             note: (open[group] ?? 0) > 0 ? "\(open[group]!) phiếu đang thực hiện" : "")
        }
        rows.append(AnnualSummaryRow(row: 7, label: "Sáng kiến về chuyên môn kỹ thuật", unit: "sáng kiến",
                                     quantity: initiatives, note: ""))
        rows.sort { $0.row < $1.row }
        let tickets = counts.values.reduce(0) { $0 + $1.total }
        return AnnualSummary(year: year, period: period, rows: rows, total: tickets + initiatives,
                             inProgress: open.values.reduce(0, +), outsourcedCost: outsourcedCost)
    }
}
