import Domain
import Fluent
import Vapor

enum StaffingController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("bien-che", use: index)
    }

    struct Row: Hashable, Encodable, Sendable {
        var agencyID: String, agencyName: String, level: String, status: String, statusCode: String
        var severity: String, reason: String, marks: [String]
        @Printed var fullTime: Int
        @Printed var partTime: Int
        /// Art. 13.1: how many officers have no current decision, linked to the agency's duties page
        /// when the viewer may open it (one line instead of a mark per officer).
        var undecided: String, hasUndecided: Bool, dutiesLink: Bool

        /// Every mark as a line (the agency page, the dashboard).
        init(_ row: StaffingRow) { self.init(row, dutiesLink: false, separate: false) }

        /// The staffing page: the count of officers without a decision apart, linked when `dutiesLink`.
        init(_ row: StaffingRow, dutiesLink: Bool, separate: Bool = true) {
            agencyID = row.agencyID.canonicalText
            agencyName = row.agencyName
            level = row.itLevel.map(String.init) ?? "Chưa có"
            status = row.assessment.status.label
            statusCode = row.assessment.status.rawValue
            severity = switch row.assessment.status.severity {
            case .ok: "ok"
            case .info: "info"
            case .minor: "minor"
            case .warning: "warning"
            case .serious: "serious"
            }
            reason = row.assessment.reason
            fullTime = row.assessment.fullTime
            partTime = row.assessment.partTime
            let counted = DutyFlags.undecidedMark(row.undecided)
            let apart = separate && row.undecided > 0
            marks = row.assessment.marks.filter { !apart || $0 != counted }
            undecided = apart ? counted : ""
            hasUndecided = apart
            self.dutiesLink = dutiesLink
        }

        static let empty = Row(StaffingRow(agencyID: UUID(), agencyName: "", agencyFolded: "", itLevel: nil, assessment: StaffingCompliance.assess(
            agencyKind: .administrative, itLevel: nil, members: [], threshold: 3)))
    }

    struct Count: Hashable, Encodable, Sendable { var code: String, label: String; @Printed var count: Int; var selected: Bool }

    /// Numbers only printed, choices and tests computed here (`Printed`).
    struct Body: Hashable, Encodable, Sendable {
        @Printed var year: Int
        var years: [Choice]
        var counts: [Count]
        var rows: [Row]
        var hasRows: Bool
        var paging: Paging
        var status: String
        var anyStatus: Bool
        var q: String
        @Printed var threshold: Int
        var query: String
        var chart: BarChart
    }

    /// Staffing by district (issue 11 §4): agencies in each state of Art. 11.1, by severity.
    static func byDistrict(_ summary: StaffingSummary, year: Int) -> BarChart {
        var counts: [String: [Int]] = [:]
        for (district, values) in summary.byDistrict {
            let name = district.isEmpty ? "Cấp tỉnh" : district
            counts[name] = zip(counts[name] ?? [0, 0, 0, 0, 0], values).map { $0 + $1 }
        }
        return BarChart(title: "Tình hình bố trí cán bộ CNTT năm \(year) theo huyện",
                        caption: "Số cơ quan theo mức độ: đạt yêu cầu, chưa có mức ứng dụng, lưu ý nhỏ, thiếu một loại cán bộ, chưa có cán bộ CNTT.",
                        rowHeading: "Huyện",
                        keys: [("Đạt", "ok"), ("Chưa rõ mức", "info"), ("Lưu ý", "minor"), ("Thiếu một loại", "warning"), ("Chưa có cán bộ", "serious")],
                        rows: VietnameseText.sorted(counts, byName: \.key).map { (label: $0.key, values: $0.value) })
    }

    /// The page's rows; the count of officers without a decision links to the duties page for those
    /// the policy lets open it.
    /// The places are kept while the audit head stays (`kept`): an agency is placed only by an audited
    /// write (ADR 0020).
    static func rows(_ page: [StaffingRow], viewer: Viewer, kept: KeptReads.At, on db: any Database) async throws -> [Row] {
        // Whoever receives every decision opens every page: no agency's place needs reading.
        if viewer.policy.readsEveryAssignmentDecision { return page.map { Row($0, dutiesLink: $0.undecided > 0) } }
        let places = try await Visibility.places(of: page.filter { $0.undecided > 0 }.map(\.agencyID), kept: kept, on: db)
        return page.map { row in Row(row, dutiesLink: places[row.agencyID].map { viewer.policy.opensDutiesPage(at: $0) } ?? false) }
    }

    static func index(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let profile = try await req.profile()
        let thisYear = profile.date(of: req.now).year
        let year = try req.queryYear() ?? thisYear
        let status = try req.filterChoice("status", StaffingStatus.self, label: "Tình trạng")?.rawValue ?? ""
        let q = try req.searchText()
        let kept = try await req.keptReadsAtHead()
        // A head's reach and the agencies' places change only by writes other than a ticket's; the
        // report follows every write (ADR 0020, forty-second part).
        let steady = try await req.keptReadsWithoutTickets()
        let visible = try await Visibility.agencyIDs(for: viewer, kept: steady, on: req.db)
        let (all, summary, filtered) = try await req.staffing(year: year, visible: visible, threshold: profile.staffingBothKindsFromLevel,
                                                              at: kept.head, status: status, q: q)
        if let format = Exporter.format(req) {
            return try await Exporter.respond(ListExports.staffing(filtered.map { all[$0] }, year: year), as: format, req: req)
        }
        var paging = try req.paging(defaultPer: 50)
        paging.total = filtered.count
        let page = filtered.dropFirst(paging.offset).prefix(paging.per).map { all[$0] }
        return try await req.render("staffing", title: "Bố trí cán bộ CNTT", active: "/bien-che", content: Body(
            year: year, years: ((thisYear - 5)...thisYear).reversed().map { Choice(value: String($0), label: String($0), selected: $0 == year) },
            counts: StaffingStatus.allCases.map { Count(code: $0.rawValue, label: $0.label, count: summary.byStatus[$0] ?? 0,
                                                        selected: $0.rawValue == status) },
            rows: try await rows(Array(page), viewer: viewer, kept: steady, on: req.db), hasRows: !page.isEmpty, paging: paging, status: status,
            anyStatus: status.isEmpty, q: q,
            threshold: profile.staffingBothKindsFromLevel, query: keptQuery([("year", String(year)), ("status", status), ("q", q)]),
            chart: byDistrict(summary, year: year)))
    }
}
