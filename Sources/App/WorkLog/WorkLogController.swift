import Domain
import Fluent
import Vapor

/// The officer's annual work log (Form 2) and its submission (Art. 13.3, 15.6).
enum WorkLogController {
    static func register(_ routes: any RoutesBuilder) {
        let logs = routes.grouped("so-cong-tac")
        logs.get(use: mine)
        logs.get(":officer", ":year", use: show)
        logs.post(":officer", ":year", "ky-duyet", use: signOff)
        logs.post(":officer", ":year", "y-kien", use: opinion)
        logs.post(":officer", ":year", "sang-kien", use: initiative)
        logs.post(":officer", ":year", "chi-phi", use: cost)
        logs.post(":officer", ":year", "nop", use: submit)
        logs.post(":officer", ":year", "ngoai-le", use: exception)
        routes.get("nop-so", use: SubmissionOverview.show)
    }

    /// What the viewer may do with one officer's log.
    static func mine(req: Request) async throws -> Response {
        let viewer = try await req.requireSection(.workLogs)
        let profile = try await req.profile()
        let year = profile.evaluationYear(of: profile.date(of: req.now))
        if let officer = viewer.officerID { return req.redirect(to: "/so-cong-tac/\(officer.canonicalText)/\(year)") }
        return req.redirect(to: "/nop-so?year=\(year)")
    }

    /// The log and what the viewer may do. `requireRead: false` is for the authority's exception, which
    /// it records without reading a log that has not been submitted. The officer is read with their
    /// agency's name as a plain row (ADR 0006), and their agency placed once for every question asked.
    struct Loaded: Sendable {
        var viewer: Viewer, officer: OfficerRecord, place: AgencyPlace?, year: Int
        var view: WorkLogService.View, access: WorkLogAccess, profile: RegulationProfile
    }

    static func load(_ req: Request, requireRead: Bool = true) async throws -> Loaded {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("officer", as: UUID.self), let year = req.parameters.get("year", as: Int.self),
              QueryNumbers.years.contains(year),
              let officer = try await OfficerPageRows.record(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let profile = try await req.profile()
        let view = try await WorkLogService.view(officer: id, agency: officer.agencyID, year: year, profile: profile,
                                                 today: profile.date(of: req.now), on: req.db)
        let place = try await Visibility.place(of: officer.agencyID, on: req.db)
        let access = place.map { Permissions.workLog(viewer, officer: id, at: $0, submitted: view.log?.receivedAt != nil) } ?? WorkLogAccess()
        guard access.read || !requireRead else { throw await req.denied("workLog", entityID: id) }
        return Loaded(viewer: viewer, officer: officer, place: place, year: year, view: view, access: access, profile: profile)
    }

    struct Body: Encodable, Sendable {
        struct Row: Encodable, Sendable { var row: Int, label: String, unit: String, quantity: Int, note: String }
        struct Item: Encodable, Sendable { var title, date, outcome: String }
        struct Month: Encodable, Sendable { var start, end, label: String }
        struct Signed: Encodable, Sendable { var label, by, note: String }
        var officerID, officerName, kind, agencyName, path: String
        var year: Int
        var periodStart, periodEnd: String
        /// The evaluation period has not ended yet: submitting now warns (issue 11 §6).
        var periodOpen: Bool
        /// The officer's other years, to switch between logs.
        var years: [Int]
        var rows: [Row]
        var total: Int
        var inProgress: Int
        var outsourcedCost: String
        var headOpinion: String
        var headConfirmedBy: String
        var initiatives: [Item]
        var unsigned: [Month]
        var signed: [Signed]
        var receivedAt: String?
        var onTime: Bool
        var lateException: String
        var deadline: String
        var daysLeft: Int
        var access: WorkLogAccess
        /// The viewer opens the ticket list (the policy's `opens(.tickets)`): the log links to its tickets.
        var listsTickets: Bool
        var errors: FieldErrors
        var errorList: [String]
        var changed: [TicketController.Row]
        /// Submission, exception, opinion, sign-offs, initiatives and the cost of this year, as sentences.
        var history: [AuditSentence]
    }

    static func render(_ req: Request, errors: FieldErrors = .init(), status: HTTPStatus = .ok) async throws -> Response {
        let loaded = try await load(req)
        let (viewer, officer, year, view, access, profile) = (loaded.viewer, loaded.officer, loaded.year, loaded.view, loaded.access, loaded.profile)
        let today = profile.date(of: req.now)
        let s = view.summary
        let history = try await HistoryRow.workLog(officerID: officer.id, agencyID: officer.agencyID, year: year,
                                                   period: s.period, on: req.db)
        return try await req.render("worklog/show", title: "Sổ công tác \(year) — \(officer.fullName)", active: "/so-cong-tac", Body(
            officerID: officer.id.canonicalText, officerName: officer.fullName, kind: officer.officerKind.label,
            agencyName: officer.agencyName, path: "/so-cong-tac/\(officer.id.canonicalText)/\(year)", year: year,
            periodStart: s.period.lowerBound.vietnamese, periodEnd: s.period.upperBound.vietnamese,
            periodOpen: today < s.period.upperBound,
            years: try await logYears(officer, at: loaded.place, current: year, viewer: viewer, today: today, profile: profile, on: req.db),
            rows: s.rows.map { .init(row: $0.row, label: $0.label, unit: $0.unit, quantity: $0.quantity, note: $0.note) },
            total: s.total, inProgress: s.inProgress, outsourcedCost: s.outsourcedCost.map { Money.format(dong: $0) } ?? "Chưa nhập",
            headOpinion: view.log?.headOpinion ?? "", headConfirmedBy: view.log?.headConfirmedBy ?? "",
            initiatives: view.initiatives.map { .init(title: $0.title, date: LocalDate(iso: $0.madeOn)?.vietnamese ?? "", outcome: $0.outcome) },
            unsigned: view.unsignedPeriods.map { .init(start: $0.lowerBound.iso, end: $0.upperBound.iso, label: SignOffPeriod.label($0)) },
            signed: view.signOffs.compactMap { s in
                guard let start = LocalDate(iso: s.periodStart), let end = LocalDate(iso: s.periodEnd) else { return nil }
                return .init(label: SignOffPeriod.label(start...end), by: s.signedBy, note: s.note)
            },
            receivedAt: view.log?.receivedAt.map { VietnameseTime.format($0) }, onTime: view.onTime ?? false,
            lateException: view.log?.lateException ?? "", deadline: view.deadline.vietnamese,
            daysLeft: WorkLogDeadline(profile: profile).daysLeft(today: today, year: year), access: access, listsTickets: viewer.policy.opens(.tickets), errors: errors,
            errorList: errors.messages.values.sorted(),
            changed: try await WorkLogService.changedSinceSignOff(officer: officer.id, year: year, on: req.db).map(TicketController.Row.init),
            history: history),
            status: status)
    }

    static func show(req: Request) async throws -> Response { try await render(req) }

    /// Runs a write the viewer is allowed to do; validation errors come back next to their fields.
    static func act(_ req: Request, allowed: (WorkLogAccess) -> Bool, flash: String, requireRead: Bool = true,
                    _ body: @escaping @Sendable (Viewer, OfficerRecord, Int, RegulationProfile, any Database) async throws -> Void) async throws -> Response {
        let loaded = try await load(req, requireRead: requireRead)
        let (viewer, officer, year, access, profile) = (loaded.viewer, loaded.officer, loaded.year, loaded.access, loaded.profile)
        guard allowed(access) else { throw await req.denied("workLog", entityID: officer.id) }
        do {
            try await req.write { try await body(viewer, officer, year, profile, $0) }
        } catch let errors as FieldErrors {
            guard access.read else {
                req.flash(errors.messages.values.sorted().joined(separator: " "))
                return req.redirect(to: "/nop-so?year=\(year)")
            }
            return try await render(req, errors: errors, status: .unprocessableEntity)
        }
        req.flash(flash)
        return req.redirect(to: access.read ? "/so-cong-tac/\(officer.id.canonicalText)/\(year)" : "/nop-so?year=\(year)")
    }

    struct Form: Content {
        var start: String?, end: String?, note: String?, opinion: String?, title: String?, description: String?
        var madeOn: String?, outcome: String?, amount: String?, reason: String?
    }

    static func signOff(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let today = try await req.profile().date(of: req.now)
        return try await act(req, allowed: \.sign, flash: "Đã ký duyệt sổ công tác cho kỳ đã chọn.") { viewer, officer, year, profile, db in
            // Only a review period of the profile's interval that has ended can be signed.
            let periods = SignOffPeriod.ended(in: profile.evaluationPeriod(year: year), every: profile.signOffEvery, today: today)
            guard let start = LocalDate(iso: form.start ?? ""), let end = LocalDate(iso: form.end ?? ""), periods.contains(start...end) else {
                var errors = FieldErrors()
                errors.add("period", "Kỳ ký duyệt không hợp lệ.")
                throw errors
            }
            try await WorkLogService.signOff(officer: officer.id, period: start...end, note: form.note ?? "", by: viewer, on: db)
        }
    }

    static func opinion(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        return try await act(req, allowed: \.sign, flash: "Đã lưu ý kiến của thủ trưởng.") { viewer, officer, year, _, db in
            try await WorkLogService.headOpinion(officer: officer.id, agency: officer.agencyID, year: year, text: form.opinion ?? "", by: viewer, on: db)
        }
    }

    static func initiative(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        return try await act(req, allowed: \.initiative, flash: "Đã thêm sáng kiến.") { viewer, officer, year, profile, db in
            var errors = FieldErrors()
            let title = VietnameseText.normalize(form.title ?? "")
            if title.isEmpty { errors.add("title", "Nhập tên sáng kiến.") }
            let date = LocalDate(userInput: form.madeOn ?? "")
            if date == nil { errors.add("madeOn", "Nhập ngày (dd/mm/yyyy).") }
            if let date, !profile.evaluationPeriod(year: year).contains(date) {
                errors.add("madeOn", "Ngày phải nằm trong năm đánh giá \(year).")
            }
            guard errors.isEmpty, let date else { throw errors }
            try await WorkLogService.addInitiative(officer: officer.id, year: year, title: title, description: form.description ?? "",
                                                   madeOn: date, outcome: form.outcome ?? "", by: viewer, on: db)
        }
    }

    static func cost(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        return try await act(req, allowed: \.cost, flash: "Đã lưu chi phí thuê dịch vụ bên ngoài của cơ quan.") { viewer, officer, year, _, db in
            guard let amount = Money.parse(form.amount ?? "") else {
                var errors = FieldErrors()
                errors.add("amount", "Nhập số tiền đồng, ví dụ 12.500.000 (nhập 0 nếu không thuê).")
                throw errors
            }
            try await WorkLogService.setOutsourcedCost(agencyID: officer.agencyID, year: year, amount: amount, by: viewer, on: db)
        }
    }

    static func submit(req: Request) async throws -> Response {
        try await act(req, allowed: \.submit, flash: "Đã nộp Sổ công tác; thời điểm nhận đã được ghi lại.") { viewer, officer, year, profile, db in
            _ = try await WorkLogService.submit(officer: officer.id, agency: officer.agencyID, year: year, now: req.now, profile: profile, by: viewer, on: db)
        }
    }

    static func exception(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        return try await act(req, allowed: \.exception, flash: "Đã ghi nhận ngoại lệ cho phép nộp sau hạn.",
                             requireRead: false) { viewer, officer, year, _, db in
            try await WorkLogService.recordException(officer: officer.id, agency: officer.agencyID, year: year, reason: form.reason ?? "", by: viewer, on: db)
        }
    }

    /// The years of this officer's log the viewer may open: from the year they started (at most 15
    /// back) to the year open today, each as the policy allows it (the authority: submitted ones).
    static func logYears(_ officer: OfficerRecord, at place: AgencyPlace?, current: Int, viewer: Viewer, today: LocalDate, profile: RegulationProfile,
                         on db: any Database) async throws -> [Int] {
        let logs = try await RawRows.all("""
            SELECT year, received_at FROM \(name: WorkLogModel.schema) WHERE officer_id = \(bind: officer.id)
            """, on: db) { (year: try $0.required("year", $0.int), submitted: try $0.date("received_at") != nil) }
        let submitted = Set(logs.filter(\.submitted).map(\.year))
        let first = LocalDate(iso: officer.startDate).map { profile.evaluationYear(of: $0) } ?? current
        let last = profile.evaluationYear(of: today)
        let range = first <= last ? Array(max(first, last - 15)...last) : []
        guard let place else { return [current] }
        return Set(range + logs.map(\.year) + [current]).sorted(by: >).filter {
            $0 == current || Permissions.workLog(viewer, officer: officer.id, at: place, submitted: submitted.contains($0)).read
        }
    }
}
