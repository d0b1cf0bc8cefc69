import Documents
import Domain
import Fluent
import Vapor

/// The efficiency of each agency for a year (Art. 15.5, D11): IT-application level, incentive spend,
/// outsourced cost and their ratio, sortable by each column, exportable.
enum EfficiencyPage {
    static func register(_ years: any RoutesBuilder) {
        years.get(":year", "hieu-qua", use: show)
    }

    struct Row: Encodable, Sendable {
        var agencyID, agency: String, level: Int?, incentive: String, incentiveValue: Int
        var cost: String, costValue: Int?, ratio: String, ratioValue: Double?
    }

    struct Body: Encodable, Sendable {
        var year: Int, period: String, rows: [Row], sort: String, dir: String, query: String
        var chart: BarChart
    }

    /// The agencies spending most, their incentive spend beside their outsourced cost (issue 11 §4), in
    /// millions of đồng; the ratio is the first over the second.
    static func chart(_ rows: [Row], year: Int) -> BarChart {
        let top = rows.sorted { ($0.incentiveValue + ($0.costValue ?? 0), $0.agency) > ($1.incentiveValue + ($1.costValue ?? 0), $1.agency) }.prefix(15)
        return BarChart(title: "Chi ưu đãi và chi thuê ngoài năm \(year)",
                        caption: "15 cơ quan chi nhiều nhất, đơn vị triệu đồng. Tỷ lệ ở bảng dưới = chi ưu đãi cán bộ CNTT ÷ chi thuê dịch vụ bên ngoài: lớn hơn 1 là cơ quan dựa vào cán bộ của mình nhiều hơn thuê ngoài (Điều 15.5).",
                        rowHeading: "Cơ quan", keys: [("Chi ưu đãi", "grade-b"), ("Chi thuê ngoài", "warning")],
                        rows: top.map { (label: $0.agency, values: [$0.incentiveValue / 1_000_000, ($0.costValue ?? 0) / 1_000_000]) })
    }

    static let columns = ["agency", "level", "incentive", "cost", "ratio"]

    static func rows(year: Int, visible: Set<UUID>?, profile: RegulationProfile, req: Request) async throws -> [Row] {
        let report = try await YearEndRun.efficiencyOnly(year: year, profile: profile, on: req.db)
        let names = try await AgencyModel.query(on: req.db).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        return report.compactMap { e in
            guard let id = UUID(uuidString: e.agencyId), visible?.contains(id) ?? true else { return nil }
            return Row(agencyID: e.agencyId, agency: names[id] ?? "", level: e.itLevel, incentive: Money.format(dong: e.incentiveSpend),
                       incentiveValue: e.incentiveSpend, cost: e.outsourcedCost.map { Money.format(dong: $0) } ?? "Chưa nhập",
                       costValue: e.outsourcedCost,
                       ratio: e.ratio.map { String(format: "%.2f", $0).replacingOccurrences(of: ".", with: ",") } ?? "—", ratioValue: e.ratio)
        }
    }

    static func sorted(_ rows: [Row], by column: String, descending: Bool) -> [Row] {
        let ordered = rows.sorted { a, b in
            switch column {
            case "level": (a.level ?? -1, a.agency) < (b.level ?? -1, b.agency)
            case "incentive": (a.incentiveValue, a.agency) < (b.incentiveValue, b.agency)
            case "cost": (a.costValue ?? -1, a.agency) < (b.costValue ?? -1, b.agency)
            case "ratio": (a.ratioValue ?? -1, a.agency) < (b.ratioValue ?? -1, b.agency)
            default: VietnameseText.fold(a.agency) < VietnameseText.fold(b.agency)
            }
        }
        return descending ? ordered.reversed() : ordered
    }

    static func show(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        guard viewer.policy.readsEfficiency else {
            throw await req.denied("efficiency")
        }
        let profile = try await req.profile()
        let visible = try await Visibility.agencyIDs(for: viewer, on: req.db)
        let sort = req.queryText("sort").flatMap { columns.contains($0) ? $0 : nil } ?? "agency"
        let dir = req.queryText("dir") == "desc" ? "desc" : "asc"
        let rows = sorted(try await rows(year: year, visible: visible, profile: profile, req: req), by: sort, descending: dir == "desc")
        if let format = Exporter.format(req) {
            return try await Exporter.respond(export(rows, year: year), as: format, req: req)
        }
        return try await req.render("evaluation/efficiency", title: "Hiệu quả sử dụng cán bộ CNTT năm \(year)", active: "/danh-gia",
                                    Body(year: year, period: period(year: year, profile: profile), rows: rows, sort: sort, dir: dir,
                                         query: keptQuery([("sort", sort), ("dir", dir)]), chart: chart(rows, year: year)))
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
