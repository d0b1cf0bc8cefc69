import Documents
import Domain
import Fluent
import SQLKit
import Vapor

/// The efficiency of each agency for a year (Art. 15.5, D11): IT-application level, incentive spend,
/// outsourced cost and their ratio, sortable by each column, exportable.
enum EfficiencyPage {
    static func register(_ years: any RoutesBuilder) {
        years.get(":year", "hieu-qua", use: show)
    }

    struct Row: Hashable, Encodable, Sendable {
        var agencyID, agency: String, level: Int?, incentive: String, incentiveValue: Int
        var cost: String, costValue: Int?, ratio: String, ratioValue: Double?
    }

    struct Body: Hashable, Encodable, Sendable {
        var year: Int, period: String, rows: [Row], sort: String, dir: String, query: String
        var chart: BarChart
        var paging: Paging
    }

    /// The agencies spending most, their incentive spend beside their outsourced cost (issue 11 §4), in
    /// millions of đồng; the ratio is the first over the second. `top`: the viewer's 15 largest.
    static func chart(_ top: [Row], year: Int) -> BarChart {
        BarChart(title: "Chi ưu đãi và chi thuê ngoài năm \(year)",
                        caption: "15 cơ quan chi nhiều nhất, đơn vị triệu đồng. Tỷ lệ ở bảng dưới = chi ưu đãi cán bộ CNTT ÷ chi thuê dịch vụ bên ngoài: lớn hơn 1 là cơ quan dựa vào cán bộ của mình nhiều hơn thuê ngoài (Điều 15.5).",
                        rowHeading: "Cơ quan", keys: [("Chi ưu đãi", "grade-b"), ("Chi thuê ngoài", "warning")],
                        rows: top.map { (label: $0.agency, values: [$0.incentiveValue / 1_000_000, ($0.costValue ?? 0) / 1_000_000]) })
    }

    static let columns = ["agency", "level", "incentive", "cost", "ratio"]

    /// An agency's row with what it is found and sorted by.
    struct Ranked: Sendable { var id: UUID; var folded: String; var row: Row }

    /// The key of the province's table of `year` under `profile`, in what is kept and in `EfficiencyTables`.
    static func key(year: Int, profile: RegulationProfile) -> String { "efficiency \(year) \(ProfileStore.keyPart(profile))" }

    /// The province's rows of `year`, from every officer's service and incentive history
    /// (`EfficiencyTables`: computed whole once, then officer by officer after each write), as current
    /// as the head of the entries other than tickets' (ADR 0020): only a write changes them, never a
    /// ticket's (it reads no ticket). The table keeps them at that head itself.
    static func province(year: Int, profile: RegulationProfile, req: Request) async throws -> [Ranked] {
        let head = try await req.auditHeadWithoutTickets()
        return try await req.application.efficiencyTables.table(year: year, profile: profile, at: head, on: req.db).shown
    }

    /// An agency's row as the page shows it, with what it is found and sorted by (nil: an id that is not
    /// one). `EfficiencyTables` makes it once for each row that changed.
    static func shown(_ e: YearEndRun.AgencyEfficiency, name: String) -> Ranked? {
        guard let id = UUID(uuidString: e.agencyId) else { return nil }
        return Ranked(id: id, folded: VietnameseText.fold(name), row: Row(
            agencyID: e.agencyId, agency: name, level: e.itLevel, incentive: Money.format(dong: e.incentiveSpend),
            incentiveValue: e.incentiveSpend, cost: e.outsourcedCost.map { Money.format(dong: $0) } ?? "Chưa nhập",
            costValue: e.outsourcedCost,
            ratio: e.ratio.map { String(format: "%.2f", $0).replacingOccurrences(of: ".", with: ",") } ?? "—", ratioValue: e.ratio))
    }

    /// The rows of the agencies in `visible` (nil: the province), in the report's order.
    static func rows(year: Int, visible: Set<UUID>?, profile: RegulationProfile, req: Request) async throws -> [Row] {
        try await ranked(year: year, visible: visible, profile: profile, req: req).map(\.row)
    }

    static func ranked(year: Int, visible: Set<UUID>?, profile: RegulationProfile, req: Request) async throws -> [Ranked] {
        let all = try await province(year: year, profile: profile, req: req)
        guard let visible else { return all }
        return all.filter { visible.contains($0.id) }
    }

    /// The province's rows in the order `column` and `descending` ask, kept at the head as the table
    /// is: sorting the 10,000 rows again at every view held the authority's page to 82 requests a
    /// second (bench/results/registry-pg-c8.md).
    static func sortedProvince(year: Int, profile: RegulationProfile, by column: String, descending: Bool,
                               req: Request) async throws -> [Ranked] {
        let key = "\(Self.key(year: year, profile: profile)) \(column) \(descending ? "desc" : "asc")"
        return try await req.keptReadsWithoutTickets().value(key) {
            sorted(try await province(year: year, profile: profile, req: req), by: column, descending: descending)
        }
    }

    /// `ranked` (kept under `key`) narrowed to the agencies `visible` (nil: all of them), kept for the
    /// policy's reach while `kept`'s head stays, as the table is: a district head's every view tested
    /// the province's 10,000 rows against their 1,291 agencies (at 64 connections, p99 91–98 ms at ten
    /// times the demo with ten tickets a second; ADR 0020, forty-second part).
    static func inReach(_ ranked: [Ranked], visible: Set<UUID>?, of policy: AccessPolicy, key: String,
                        kept: KeptReads.At) async throws -> [Ranked] {
        guard let visible else { return ranked }
        let narrowed = { @Sendable in ranked.filter { visible.contains($0.id) } }
        guard let reach = VisibleAgencies(policy) else { return narrowed() }
        return try await kept.value("\(key) in \(reach.own) \(reach.headed) \(reach.districts)", read: narrowed)
    }

    /// The places are sorted, not the rows: moving 10,000 rows of a dozen strings each, and copying two
    /// at each comparison, was half of a view after a write (bench/results/speed-issue14.md, forty-third
    /// part). The sort is stable, as before.
    static func sorted(_ rows: [Ranked], by column: String, descending: Bool) -> [Ranked] {
        let places = rows.indices.sorted { i, j in
            let (a, b) = (rows[i], rows[j])
            let (x, y) = (a.row, b.row)
            return switch column {
            case "level": (x.level ?? -1, a.folded) < (y.level ?? -1, b.folded)
            case "incentive": (x.incentiveValue, a.folded) < (y.incentiveValue, b.folded)
            case "cost": (x.costValue ?? -1, a.folded) < (y.costValue ?? -1, b.folded)
            case "ratio": (x.ratioValue ?? -1, a.folded) < (y.ratioValue ?? -1, b.folded)
            case "spend": (x.incentiveValue + (x.costValue ?? 0), a.folded) < (y.incentiveValue + (y.costValue ?? 0), b.folded)
            // The id's text as the row holds it (lower case): the same order as `uuidString`'s, without
            // making 280,000 strings to sort 10,000 rows.
            default: (a.folded, x.agencyID) < (b.folded, y.agencyID)
            }
        }
        let ordered = places.map { rows[$0] }
        return descending ? ordered.reversed() : ordered
    }

    static func show(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        guard viewer.policy.readsEfficiency else {
            throw await req.denied("efficiency")
        }
        let profile = try await req.profile()
        // The reach, like the table, changes only by writes other than a ticket's.
        let steady = try await req.keptReadsWithoutTickets()
        let visible = try await Visibility.agencyIDs(for: viewer, kept: steady, on: req.db)
        let sort = req.queryText("sort").flatMap { columns.contains($0) ? $0 : nil } ?? "agency"
        let dir = req.queryText("dir") == "desc" ? "desc" : "asc"
        var paging = try req.paging(fixedPer: 100)
        let ranked = try await sortedProvince(year: year, profile: profile, by: sort, descending: dir == "desc", req: req)
        let mine = try await inReach(ranked, visible: visible, of: viewer.policy,
                                     key: "\(Self.key(year: year, profile: profile)) \(sort) \(dir)", kept: steady)
        if let format = Exporter.format(req) {
            return try await Exporter.respond(export(mine.map(\.row), year: year), as: format, req: req)
        }
        // The province's 10,000 agencies in one table made a page of megabytes: a hundred a page,
        // sorted over all of them; the export holds every row. Only the page's rows and the chart's
        // are copied out (copying all 10,000 rows was most of the page's time).
        paging.total = mine.count
        let shown = paging.isPastTheEnd ? [] : mine[paging.offset..<min(mine.count, paging.offset + paging.per)].map(\.row)
        let largest = try await sortedProvince(year: year, profile: profile, by: "spend", descending: true, req: req)
        let top = largest.lazy.filter { visible?.contains($0.id) ?? true }.prefix(15).map(\.row)
        return try await req.render("evaluation/efficiency", title: "Hiệu quả sử dụng cán bộ CNTT năm \(year)", active: "/danh-gia",
                                    content: Body(year: year, period: period(year: year, profile: profile), rows: shown, sort: sort, dir: dir,
                                         query: keptQuery([("sort", sort), ("dir", dir)]), chart: chart(Array(top), year: year), paging: paging))
    }

    /// "01/10/2025 đến 30/09/2026": the evaluation period whose months are counted.
    static func period(year: Int, profile: RegulationProfile) -> String {
        let days = profile.evaluationPeriod(year: year)
        return "\(days.lowerBound.vietnamese) đến \(days.upperBound.vietnamese)"
    }

    static func export(_ rows: [Row], year: Int) -> ListExport {
        ListExport(fileStem: "hieu-qua-su-dung-can-bo-cntt-\(year)", sheetName: "Hiệu quả \(year)", columns: [
            SheetColumn("Cơ quan", width: 45), SheetColumn("Mức ứng dụng CNTT", width: 10, .integer),
            SheetColumn("Chi ưu đãi cán bộ CNTT", width: 20, .money), SheetColumn("Chi thuê dịch vụ bên ngoài", width: 20, .money),
            SheetColumn("Tỷ lệ ưu đãi / thuê ngoài", width: 14),
        ]) { emit in
            try emit(rows.map { [.text($0.agency), .optional($0.level), .integer($0.incentiveValue), .optional($0.costValue), .text($0.ratio)] })
        }
    }
}
