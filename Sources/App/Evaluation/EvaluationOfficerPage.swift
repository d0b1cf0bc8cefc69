import Domain
import Fluent
import Vapor

/// One officer's evidence for a year on one page (issue 4 §2) and the grading form (§3).
enum EvaluationOfficerPage {
    static func register(_ years: any RoutesBuilder) {
        years.get(":year", "can-bo", ":officer", use: show)
        years.post(":year", "can-bo", ":officer", use: grade)
    }

    struct Line: Encodable, Sendable { var title: String, detail: String, note: String }
    struct Criterion: Encodable, Sendable { var index: Int, text: String, note: String }
    struct HistoryItem: Encodable, Sendable { var year: Int, grade: String, automatic: Bool }

    struct Body: Encodable, Sendable {
        var year: Int, officerID, officerName, agencyID, agencyName, kind: String
        var manualOnly: Bool
        var logPath: String
        /// The agency's results notice, when the policy lets the viewer read it ("" otherwise).
        var noticePath: String
        var logStatus: String, logOnTime: Bool, headConfirmedBy: String
        var summary: [WorkLogController.Body.Row], total: Int, inProgress: Int, outsourcedCost: String
        var initiatives, inspections, incidents, trainings: [Line]
        var history: [HistoryItem]
        var grade, comment: String, automatic: Bool, criteria: [Criterion]
        var canGrade, published: Bool
        var grades: [Choice], errors: FieldErrors, correctionReason: String
        /// Who graded the year and who corrected it, as sentences from the audit log.
        var changes: [AuditSentence]
    }

    /// The officer (with their agency's name), the place of their agency and the year's cycle, when
    /// the viewer may read the grade: the authority always; after publication the officer, the heads
    /// above their agency and Home Affairs.
    static func load(_ req: Request) async throws -> (Viewer, OfficerRecord, AgencyPlace, Int, EvaluationYearModel?) {
        let viewer = try req.requireViewer()
        let year = try EvaluationController.year(req)
        guard let id = req.parameters.get("officer", as: UUID.self),
              let officer = try await OfficerPageRows.record(id, on: req.db),
              let place = try await Visibility.place(of: officer.agencyID, on: req.db) else { throw Abort(.notFound) }
        let cycle = try await EvaluationYearModel.query(on: req.db).filter(\.$year == year).first()
        guard viewer.policy.readsGrade(officerID: id, at: place, published: cycle?.stage == .published) else {
            throw await req.denied("grade", entityID: id)
        }
        return (viewer, officer, place, year, cycle)
    }

    static func render(_ req: Request, errors: FieldErrors = .init(), typed: Form? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let (viewer, officer, place, year, cycle) = try await load(req)
        let profile = try await req.profile()
        let db = req.db
        let id = officer.id
        let view = try await WorkLogService.view(officer: id, agency: officer.agencyID, year: year, profile: profile,
                                                 today: profile.date(of: req.now), on: db)
        let authority = viewer.policy.isITAuthority
        let published = cycle?.stage == .published
        let publishedYears = authority ? [] : Set(try await RawRows.all("""
            SELECT year FROM \(name: EvaluationYearModel.schema) WHERE state = \(bind: EvaluationStage.published.rawValue)
            """, on: db) { try $0.required("year", $0.int) })
        let grades = try await GradeService.lines(officer: id, on: db)
        let grade = grades.first { $0.year == year }
        let history = grades.filter { authority || publishedYears.contains($0.year) }
        let evidence = try await EvidenceQueries.lines(officer: id, agency: officer.agencyID, year: year, on: db)
        let stored = grade?.notes ?? [:]
        let received = view.log?.receivedAt
        let s = view.summary
        let changes = try await AuditSentence.history(of: id, actions: ["grade.set", "grade.correct", "grade.automaticD"],
                                                      where: { AuditDetails.yearAndRest($0.after)?.0 == year }, on: db)
        return try await req.render("evaluation/officer", title: "Đánh giá \(year) — \(officer.fullName)", active: "/danh-gia", Body(
            year: year, officerID: id.canonicalText, officerName: officer.fullName, agencyID: officer.agencyID.canonicalText,
            agencyName: officer.agencyName,
            kind: officer.officerKind.label, manualOnly: officer.agencyName == profile.itAuthorityName,
            logPath: Permissions.workLog(viewer, officer: id, at: place, submitted: received != nil).read
                ? "/so-cong-tac/\(id.canonicalText)/\(year)" : "",
            noticePath: viewer.policy.readsResultsNotice(at: place, published: published)
                ? "/danh-gia/\(year)/thong-bao/\(officer.agencyID.canonicalText).pdf" : "",
            logStatus: received.map { "Đã nộp \(VietnameseTime.format($0))" } ?? "Chưa nộp",
            logOnTime: view.onTime ?? false, headConfirmedBy: view.log?.headConfirmedBy ?? "",
            summary: s.rows.map { .init(row: $0.row, label: $0.label, unit: $0.unit, quantity: $0.quantity, note: $0.note) },
            total: s.total, inProgress: s.inProgress, outsourcedCost: s.outsourcedCost.map { Money.format(dong: $0) } ?? "Chưa nhập",
            initiatives: view.initiatives.map { Line(title: $0.title, detail: LocalDate(iso: $0.madeOn)?.vietnamese ?? "", note: $0.outcome) },
            inspections: evidence.inspections, incidents: evidence.incidents, trainings: evidence.trainings,
            history: history.map { HistoryItem(year: $0.year, grade: $0.grade, automatic: $0.isAutomatic) },
            grade: typed?.grade ?? grade?.grade ?? "", comment: typed?.comment ?? grade?.comment ?? "",
            automatic: grade?.isAutomatic ?? false,
            // What the user typed comes back after an error; otherwise the stored comments.
            criteria: EvaluationAccess.criteria(of: cycle).enumerated().map { index, text in
                Criterion(index: index, text: text, note: typed?.criterion.flatMap { index < $0.count ? $0[index] : nil } ?? stored[text] ?? "")
            },
            canGrade: GradeService.mayGrade(viewer), published: published,
            grades: Grade.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (typed?.grade ?? grade?.grade)) },
            errors: errors, correctionReason: typed?.correctionReason ?? "",
            changes: changes),
            status: status)
    }

    static func show(req: Request) async throws -> Response { try await render(req) }

    struct Form: Content {
        var grade: String?
        var comment: String?
        var correctionReason: String?
        /// The comment against each criterion, by its position in the year's list.
        var criterion: [String]?
    }

    static func grade(req: Request) async throws -> Response {
        let (viewer, officer, _, year, cycle) = try await load(req)
        guard GradeService.mayGrade(viewer) else { throw await req.denied("grade", entityID: officer.id) }
        let form = try req.content.decode(Form.self)
        let criteria = EvaluationAccess.criteria(of: cycle)
        var notes: [String: String] = [:]
        for (index, text) in (form.criterion ?? []).enumerated() where index < criteria.count { notes[criteria[index]] = text }
        guard let value = Grade(rawValue: form.grade ?? "") else {
            var errors = FieldErrors()
            errors.add("grade", "Chọn loại A, B, C hoặc D.")
            return try await render(req, errors: errors, typed: form, status: .unprocessableEntity)
        }
        let entry = GradeService.Entry(grade: value, comment: form.comment ?? "", criteriaNotes: notes,
                                       correctionReason: form.correctionReason ?? "")
        do {
            _ = try await req.write { try await GradeService.enter(entry, officerID: officer.id, year: year, by: viewer, on: $0) }
        } catch let errors as FieldErrors {
            return try await render(req, errors: errors, typed: form, status: .unprocessableEntity)
        }
        req.flash("Đã lưu xếp loại \(value.rawValue) năm \(year) cho \(officer.fullName).")
        return req.redirect(to: "/danh-gia/\(year)/can-bo/\(officer.id.canonicalText)")
    }
}
