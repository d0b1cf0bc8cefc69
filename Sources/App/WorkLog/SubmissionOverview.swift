import Domain
import Fluent
import Vapor

/// Who has submitted the work log of year Y and who has not, with the countdown (issue 3 §7).
/// The provincial IT authority sees every agency; a head sees their own agencies.
enum SubmissionOverview {
    struct Row: Encodable, Sendable {
        var officerID, officerName, agencyName, kind, receivedAt, state: String
        var submitted: Bool
        /// The viewer may open this log (the policy's answer, so no row links to a refusal).
        var readable: Bool
    }

    struct Body: Encodable, Sendable {
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
    /// officers the viewer follows.
    static func progress(year: Int, officers: [(id: UUID, agencyID: UUID)], submitted: Set<UUID>, on db: any Database) async throws -> BarChart {
        let agencies = try await AgencyModel.query(on: db).filter(\.$id ~~ Array(Set(officers.map(\.agencyID)))).all()
        let district = Dictionary(agencies.compactMap { a in a.id.map { ($0, a.district.isEmpty ? "Cấp tỉnh" : a.district) } },
                                  uniquingKeysWith: { a, _ in a })
        var counts: [String: (done: Int, missing: Int)] = [:]
        for o in officers {
            let name = district[o.agencyID] ?? "Cấp tỉnh"
            if submitted.contains(o.id) { counts[name, default: (0, 0)].done += 1 } else { counts[name, default: (0, 0)].missing += 1 }
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
        let filter = try req.filterWord("filter", among: ["missing", "submitted"], label: "Tình trạng nộp") ?? ""
        let visible: Set<UUID>? = authority ? nil : try await Visibility.agencyIDs(for: viewer, on: req.db)
        let holding = EmploymentStatus.holdingPostRawValues
        let officers = OfficerModel.query(on: req.db).with(\.$agency).filter(\.$employmentStatus ~~ holding)
            .filter(\.$scopeStatus ~~ [ScopeStatus.inScope.code, ScopeStatus.analogous.code])
        if let visible { officers.filter(\.$agency.$id ~~ Array(visible)) }
        let logs = WorkLogModel.query(on: req.db).filter(\.$year == year).filter(\.$receivedAt != nil)
        if let visible { logs.filter(\.$agencyID ~~ Array(visible)) }
        let submittedIDs = try await logs.all(\.$officer.$id)
        let total = try await officers.copy().count()
        // Only the two columns the chart needs, not every officer's model and agency.
        let followed = try await officers.copy().field(\.$id).field(\.$agency.$id).all()
            .compactMap { o in o.id.map { (id: $0, agencyID: o.$agency.id) } }
        let chart = try await progress(year: year, officers: followed, submitted: Set(submittedIDs), on: req.db)
        switch filter {
        case "submitted": officers.filter(\.$id ~~ submittedIDs)
        case "missing": officers.filter(\.$id !~ submittedIDs)
        default: break
        }
        var paging = try req.paging(fixedPer: 50)
        paging.total = try await officers.copy().count()
        let page = try await officers.sort(\.$agency.$id).sort(\.$nameSortKey)
            .range(paging.offset..<(paging.offset + paging.per)).all()
        let pageLogs = try await WorkLogModel.query(on: req.db).filter(\.$year == year)
            .filter(\.$officer.$id ~~ page.compactMap(\.id)).all()
        let byOfficer = Dictionary(pageLogs.map { ($0.$officer.id, $0) }, uniquingKeysWith: { a, _ in a })
        let deadline = WorkLogDeadline(profile: profile)
        let onTime = deadline.isOnTime(year: year)
        let places = try await Visibility.places(of: page.map { $0.$agency.id }, on: req.db)
        let rows = page.map { officer -> Row in
            let log = byOfficer[officer.id!]
            let readable = places[officer.$agency.id].map {
                policy.workLogAccess(.init(officerID: officer.id!, place: $0, submitted: log?.receivedAt != nil)).read
            } ?? false
            let received = log?.receivedAt
            let state = received.map { onTime($0) ? "Đúng hạn" : "Sau hạn (ngoại lệ)" }
                ?? (log?.lateException.isEmpty == false ? "Được phép nộp sau hạn" : "Chưa nộp")
            return Row(officerID: officer.id!.canonicalText, officerName: officer.fullName, agencyName: officer.agency.name,
                       kind: officer.officerKind.label, receivedAt: received.map { VietnameseTime.format($0) } ?? "",
                       state: state, submitted: received != nil, readable: readable)
        }
        return try await req.render("worklog/overview", title: "Nộp Sổ công tác năm \(year)", active: "/so-cong-tac", Body(
            year: year, deadline: deadline.date(year: year).vietnamese, daysLeft: deadline.daysLeft(today: today, year: year),
            reminder: deadline.reminderDue(today: today, year: year), submitted: submittedIDs.count, total: total,
            rows: rows, paging: paging, filter: filter, query: keptQuery([("year", String(year)), ("filter", filter)]),
            canExcept: policy.grades, chart: chart))
    }
}
