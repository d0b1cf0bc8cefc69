import Domain
import Fluent
import Vapor

/// Who has submitted the work log of year Y and who has not, with the countdown (issue 3 §7).
/// The provincial IT authority sees every agency; a head sees their own agencies.
enum SubmissionOverview {
    struct Row: Hashable, Encodable, Sendable {
        var officerID, officerName, agencyName, kind, receivedAt, state: String
        var submitted: Bool
        /// The viewer may open this log (the policy's answer, so no row links to a refusal).
        var readable: Bool
    }

    struct Body: Hashable, Encodable, Sendable {
        var year: Int
        var deadline: String
        var daysLeft: Int
        var reminder: Int?
        var submitted: Int
        var total: Int
        var rows: [Row]
        var paging: Paging
        var filter: String
        var query: String
        var canExcept: Bool
        var chart: BarChart
    }

    /// The year's submission progress by district (issue 11 §4): submitted and not yet, of the
    /// officers the viewer follows ("Cấp tỉnh" for the province's own agencies).
    static func progress(year: Int, _ districts: [SubmissionList.District]) -> BarChart {
        var counts: [String: (done: Int, missing: Int)] = [:]
        for d in districts {
            let name = d.name.isEmpty ? "Cấp tỉnh" : d.name
            counts[name, default: (0, 0)].done += d.submitted
            counts[name, default: (0, 0)].missing += d.followed - d.submitted
        }
        let rows = VietnameseText.sorted(counts, byName: \.key)
            .map { (label: $0.key, values: [$0.value.done, $0.value.missing]) }
        return BarChart(title: "Tiến độ nộp Sổ công tác năm \(year)", caption: "Số cán bộ đã nộp và chưa nộp, theo huyện (cơ quan cấp tỉnh ghi “Cấp tỉnh”).",
                        rowHeading: "Huyện", keys: [("Đã nộp", "ok"), ("Chưa nộp", "pending")], rows: rows)
    }

    static func show(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let policy = viewer.policy
        let authority = policy.isITAuthority
        guard policy.followsSubmissions else { throw await req.denied("workLog") }
        let profile = try await req.profile()
        let today = profile.date(of: req.now)
        let year = try req.queryYear()
            ?? profile.evaluationYear(of: today)
        let word = try req.filterWord("filter", among: ["missing", "submitted"], label: "Tình trạng nộp") ?? ""
        let filter = SubmissionList.Filter(rawValue: word) ?? .all
        var paging = try req.paging(fixedPer: 50)
        // Nothing here reads a ticket: the counts, the page and the chart (forty-first part), a head's
        // reach, read out once as their lists read it, and the agencies' places (forty-second part) are
        // kept at the head without tickets, and a ticket recorded anywhere in the province does not
        // read them again (ADR 0020).
        let steady = try await req.keptReadsWithoutTickets()
        let reach = authority ? nil : try await VisibleAgencies(policy)?.measured(on: req.db, kept: steady.reads, at: steady.head)
        let districts = reach?.isEmpty == true ? [] : try await SubmissionList.byDistrict(year: year, reach: reach, kept: steady, on: req.db)
        let (total, submitted) = districts.reduce((0, 0)) { ($0.0 + $1.followed, $0.1 + $1.submitted) }
        paging.total = switch filter {
        case .all: total
        case .submitted: submitted
        case .missing: total - submitted
        }
        // A page past the end has no row to read (the counts, at the head, say so).
        let page = paging.isPastTheEnd
            ? [] : try await SubmissionList.page(year: year, reach: reach, filter, paging: paging, kept: steady, on: req.db)
        let deadline = WorkLogDeadline(profile: profile)
        let onTime = deadline.isOnTime(year: year)
        // The chart is kept with the counts: it is a function of the year and the counts alone.
        let places = try await Visibility.places(of: page.map(\.agencyID), kept: steady, on: req.db)
        let counts = districts.map { [$0.name, String($0.followed), String($0.submitted)] }  // its text quotes each name
        let chart = try await steady.value("submission chart \(year) \(counts)") { progress(year: year, districts) }
        let rows = page.map { officer -> Row in
            let received = officer.receivedAt
            let readable = places[officer.agencyID].map {
                policy.workLogAccess(.init(officerID: officer.id, place: $0, submitted: received != nil)).read
            } ?? false
            let state = received.map { onTime($0) ? "Đúng hạn" : "Sau hạn (ngoại lệ)" }
                ?? (officer.lateException.isEmpty ? "Chưa nộp" : "Được phép nộp sau hạn")
            return Row(officerID: officer.id.canonicalText, officerName: officer.fullName, agencyName: officer.agencyName,
                       kind: OfficerModel.officerKind(officer.kind).label, receivedAt: received.map { VietnameseTime.format($0) } ?? "",
                       state: state, submitted: received != nil, readable: readable)
        }
        return try await req.render("worklog/overview", title: "Nộp Sổ công tác năm \(year)", active: "/so-cong-tac", content: Body(
            year: year, deadline: deadline.date(year: year).vietnamese, daysLeft: deadline.daysLeft(today: today, year: year),
            reminder: deadline.reminderDue(today: today, year: year), submitted: submitted, total: total,
            rows: rows, paging: paging, filter: word, query: keptQuery([("year", String(year)), ("filter", word)]),
            canExcept: policy.grades, chart: chart))
    }
}
