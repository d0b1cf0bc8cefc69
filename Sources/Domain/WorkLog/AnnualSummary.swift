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
        compute(year: year, period: period, countsInCaseOrder: TaskGroup.allCases.map { counts[$0] ?? (0, 0) },
                initiatives: initiatives, outsourcedCost: outsourcedCost)
    }

    /// The same from counts listed in the order of `TaskGroup.allCases` (the province-wide summary
    /// builds 20,000 of these and avoids a dictionary per officer).
    public static func compute(year: Int, period: ClosedRange<LocalDate>, countsInCaseOrder counts: [(total: Int, open: Int)],
                               initiatives: Int, outsourcedCost: Int?) -> AnnualSummary {
        var rows: [AnnualSummaryRow] = []
        rows.reserveCapacity(TaskGroup.allCases.count + 1)
        var tickets = 0
        var open = 0
        for (group, c) in zip(TaskGroup.allCases, counts) {
            tickets += c.total
            open += c.open
            rows.append(AnnualSummaryRow(row: group.form2Row, label: group.label, unit: "phiếu", quantity: c.total,
                                         note: c.open > 0 ? "\(c.open) phiếu đang thực hiện" : ""))
        }
        rows.append(AnnualSummaryRow(row: 7, label: "Sáng kiến về chuyên môn kỹ thuật", unit: "sáng kiến",
                                     quantity: initiatives, note: ""))
        rows.sort { $0.row < $1.row }
        return AnnualSummary(year: year, period: period, rows: rows, total: tickets + initiatives,
                             inProgress: open, outsourcedCost: outsourcedCost)
    }
}
