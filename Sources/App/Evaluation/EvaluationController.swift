import Documents
import Domain
import Fluent
import FluentSQL
import SQLKit
import Vapor

/// The evaluation year pages (issue 4 §1, §3, §10): the cycle with its audited steps and countdown,
/// the officers and their grades (outside the authority only once published), the criteria.
enum EvaluationController {
    static func register(_ routes: any RoutesBuilder) {
        let years = routes.grouped("danh-gia")
        years.get(use: current)
        years.get(":year", use: show)
        years.post(":year", "buoc", use: step)
        years.post(":year", "tieu-chi", use: criteria)
        EvaluationOfficerPage.register(years)
        EvaluationResults.register(years)
        EfficiencyPage.register(years)
        EvaluationPapers.register(years)
    }

    static func current(req: Request) async throws -> Response {
        _ = try await req.requireSection(.evaluation)
        let profile = try await req.profile()
        let chosen = try req.queryYear()
        return req.redirect(to: "/danh-gia/\(chosen ?? profile.yearUnderEvaluation(today: profile.date(of: req.now)))")
    }

    static func year(_ req: Request) throws -> Int {
        guard let year = req.parameters.get("year", as: Int.self), QueryNumbers.years.contains(year) else { throw Abort(.notFound) }
        return year
    }

    /// `graded` and `automatic` as flags: a comparison in the template's loop is slower in Leaf per row.
    struct Row: Hashable, Encodable, Sendable {
        var id, name, agency, log, grade, gradeLabel, reason: String
        var graded, automatic: Bool
    }

    struct Body: Hashable, Encodable, Sendable {
        var year: Int, years: [Int], stage: String, stageLabel: String
        var periodStart, periodEnd, deadline, resultsDeadline: String
        var daysToResults: Int, overdueDays: Int, publishedAt: String?, publishedLate: Bool
        var steps: [EvaluationService.StepRecord]
        var nextStep: Choice?, stepError: String?
        var isAuthority, canGrade, canStep, published, showsResults: Bool
        var evaluable, graded, automaticD: Int
        var rows: [Row], paging: Paging, q: String, filter: String, query: String
        var criteria: String, criteriaList: [String], canEditCriteria: Bool
        /// The title of the profile kept at publication, which the year's papers print with (ADR 0010).
        var keptProfile: String?
        var chart: BarChart?
    }

    static func render(_ req: Request, stepError: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let viewer = try await req.requireSection(.evaluation)
        let year = try year(req)
        let profile = try await req.profile()
        // Read before the year's cycle and figures: a value kept at this head was read after it (ADR 0020).
        let head = try await req.auditHead()
        let cycle = try await EvaluationYearHeader.kept(year: year, profile: profile, at: head, in: req.application.keptReads, on: req.db)
        let stage = cycle.stage
        let authority = viewer.policy.isITAuthority
        let published = stage == .published
        let showsResults = viewer.policy.seesYearGrades(published: published)
        let period = profile.evaluationPeriod(year: year)
        let results = profile.resultsDeadline.inYear(year) ?? period.upperBound
        let today = profile.date(of: req.now)
        let q = try req.searchText()
        let filter = try req.filterWord("loc", among: ["chua"], label: "Lọc") ?? ""
        var paging = try req.paging(fixedPer: 50)
        var rows: [Row] = []
        var counts = (evaluable: 0, graded: 0, automatic: 0)
        if showsResults, let format = Exporter.format(req) {
            return try await Exporter.respond(gradeExport(req, viewer: viewer, year: year, profile: profile, q: q, filter: filter,
                                                          authority: authority, head: head), as: format, req: req)
        }
        if showsResults {
            (rows, counts) = try await officerRows(req, viewer: viewer, year: year, profile: profile, q: q, filter: filter,
                                                   authority: authority, head: head, paging: &paging)
        }
        let next = EvaluationStep.allCases.first { $0.from == stage }
        let stepAllowed = EvaluationService.mayTakeSteps(viewer) && next != nil
        return try await req.render("evaluation/year", title: "Đánh giá năm \(year)", active: "/danh-gia", content: Body(
            year: year, years: Array((year - 4)...(profile.yearUnderEvaluation(today: today) + 1)).reversed(),
            stage: stage.rawValue, stageLabel: stage.label,
            periodStart: period.lowerBound.vietnamese, periodEnd: period.upperBound.vietnamese,
            deadline: WorkLogDeadline(profile: profile).date(year: year).vietnamese, resultsDeadline: results.vietnamese,
            daysToResults: today.days(until: results), overdueDays: results.days(until: today), publishedAt: cycle.publishedAt.map { VietnameseTime.format($0) },
            publishedLate: cycle.publishedAt.map { EvaluationCycle.isLate(publishedOn: profile.date(of: $0), resultsDeadline: results) } ?? false,
            steps: cycle.steps,
            nextStep: stepAllowed ? next.map { Choice(value: $0.rawValue, label: $0.label, selected: false) } : nil,
            stepError: stepError, isAuthority: authority, canGrade: GradeService.mayGrade(viewer) && showsResults,
            canStep: stepAllowed, published: published, showsResults: showsResults,
            evaluable: counts.evaluable, graded: counts.graded, automaticD: counts.automatic,
            rows: rows, paging: paging, q: q, filter: filter, query: keptQuery([("q", q), ("loc", filter)]),
            criteria: cycle.criteria, criteriaList: cycle.criteriaList,
            canEditCriteria: GradeService.mayGrade(viewer) && !published,
            keptProfile: cycle.keptProfile,
            chart: viewer.policy.readsProvinceGrades(published: published)
                ? try await req.keptReadsWithoutTickets().value("grade chart \(year)") {
                    try await GradeChart.byDistrict(year: year, on: req.db)
                } : nil),
            status: status)
    }

    /// The officers the viewer may see with their grade of the year; `filter` "chua" keeps the ungraded.
    /// Who is not evaluated this year and every count are kept while the head without tickets stays
    /// (ADR 0020, fortieth part; read before them): at 20,000 officers they were most of the page, and
    /// at 200,000 a view after each ticket recorded cost 0.35–0.45 s. The page is read as plain rows
    /// (`EvaluationList`, ADR 0006), kept at the whole log's head `head`.
    static func officerRows(_ req: Request, viewer: Viewer, year: Int, profile: RegulationProfile, q: String, filter: String,
                            authority: Bool, head: Int, paging: inout Paging) async throws -> ([Row], (Int, Int, Int)) {
        let db = req.db
        let kept = req.application.keptReads
        let province = authority || viewer.policy.actsForHomeAffairs
        // Read from every leaver's record: kept at the head without tickets, since no ticket changes it.
        let records = try await req.keptReadsWithoutTickets()
        let excluded = try await records.value("not evaluated \(year) \(ProfileStore.keyPart(profile))") {
            try await ServiceRecords.notEvaluated(year: year, profile: profile, on: db)
        }
        var scope = EvaluationService.evaluableConditions(year: year, profile: profile, excluded: excluded)
        // Whose grades the list holds (D4): the province for the authority and Home Affairs, a head's
        // agencies (their reach, kept while the audit head stays and asked inside each statement),
        // an officer's own.
        var reach: VisibleAgencies?
        if !province {
            let heads = !viewer.policy.headedAgencies.isEmpty
            if heads, let visible = VisibleAgencies(viewer.policy) {
                reach = try await visible.measured(on: db, kept: kept, at: head)
            } else if !heads, let own = viewer.officerID {
                scope.append(SQLBinaryExpression(QuotedColumn("id", table: OfficerModel.schema), .equal, SQLBind(own)))
            } else {
                paging.total = 0
                return ([], (0, 0, 0))
            }
        }
        var inPage = scope
        if let reach {
            scope.append(EvaluationList.inReach(reach))
            inPage.append(EvaluationList.inReach(reach, page: paging, narrowed: !q.isEmpty || !filter.isEmpty))
        }
        let officers = QuotedIdentifier(OfficerModel.schema)
        let automatic = try KeptReads.count(from: QuotedIdentifier(GradeModel.schema), [
            SQLBinaryExpression(QuotedColumn("year"), .equal, SQLBind(year)),
            SQLBinaryExpression(QuotedColumn("reason"), .equal, SQLBind(GradeReason.workLogNotSubmitted.rawValue)),
        ], on: db)
        // The counts read officers and grades, never a ticket: kept at the head without tickets.
        let counts = (evaluable: try await records.total(KeptReads.count(from: officers, scope, on: db), on: db),
                      graded: try await records.total(KeptReads.count(from: officers, scope + [EvaluationList.graded(year: year)], on: db), on: db),
                      automatic: province ? try await records.total(automatic, on: db) : 0)
        var narrowed: [any SQLExpression] = []
        if let folded = Optional(VietnameseText.fold(q)), !folded.isEmpty {
            narrowed.append(FoldedContains(column: QuotedColumn("name_folded", table: OfficerModel.schema), text: folded))
        }
        if filter == "chua" { narrowed.append(EvaluationList.ungraded(year: year)) }
        paging.total = try await records.total(KeptReads.count(from: officers, scope + narrowed, on: db), on: db)
        // A page past the end (its total, at the head, says so) has no row to read: walking there
        // cost the authority's `?page=999` 41.7 ms of PostgreSQL at every request.
        let items = paging.isPastTheEnd
            ? [] : try await EvaluationList.page(year: year, inPage + narrowed, paging: paging,
                                                 kept: KeptReads.At(reads: kept, head: head), on: db)
        let onTime = WorkLogDeadline(profile: profile).isOnTime(year: year)
        // Only an officer whose log was not received needs their record, to say whether they left
        // before it was due: a page where every log came in reads none.
        let unreceived = items.filter { $0.receivedAt == nil }.map(\.id)
        let changes = try await records.value("service changes \(unreceived)") {
            try await ServiceRecords.changes(of: unreceived, on: db)
        }
        let rows = items.map { o in
            let grade = o.grade.flatMap(Grade.init(rawValue:))
            let service = ServiceRecord(startDate: LocalDate(iso: o.startDate) ?? LocalDate(dayNumber: 0), changes: changes[o.id] ?? [])
            let log: String = if let at = o.receivedAt {
                onTime(at) ? "Đã nộp đúng hạn" : "Nộp sau hạn"
            } else if let left = service.leftOn, !EvaluationDuty.owesWorkLog(service, year: year, profile: profile) {
                // ADR 0008: left before the log was due; graded by a person, never deemed D.
                "Thôi công tác từ \(left.vietnamese), không phải nộp sổ"
            } else { "Chưa nộp" }
            let automatic = o.reason == GradeReason.workLogNotSubmitted.rawValue
            return Row(id: o.id.canonicalText, name: o.fullName, agency: o.agencyName, log: log, grade: o.grade ?? "",
                       gradeLabel: grade?.label ?? "Chưa xếp loại", reason: automatic ? "Tự động (không nộp sổ đúng hạn)" : "",
                       graded: !(o.grade ?? "").isEmpty, automatic: automatic)
        }
        return (rows, (counts.evaluable, counts.graded, counts.automatic))
    }

    /// The officers and grades of the list, every page of it, as a spreadsheet.
    static func gradeExport(_ req: Request, viewer: Viewer, year: Int, profile: RegulationProfile, q: String, filter: String,
                            authority: Bool, head: Int) -> ListExport {
        ListExport(fileStem: "xep-loai-can-bo-cntt-\(year)", sheetName: "Xếp loại \(year)", columns: [
            SheetColumn("Họ và tên", width: 26), SheetColumn("Cơ quan", width: 40), SheetColumn("Sổ công tác", width: 16),
            SheetColumn("Xếp loại", width: 9), SheetColumn("Ghi chú", width: 32),
        ]) { emit in
            try await ListExports.pages { paging in
                let (rows, _) = try await officerRows(req, viewer: viewer, year: year, profile: profile, q: q, filter: filter,
                                                      authority: authority, head: head, paging: &paging)
                try emit(rows.map { [.text($0.name), .text($0.agency), .text($0.log), .text($0.grade), .text($0.reason)] })
            }
        }
    }

    static func show(req: Request) async throws -> Response { try await render(req) }

    struct StepForm: Content { var step: String }

    static func step(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try year(req)
        guard EvaluationService.mayTakeSteps(viewer) else { throw await req.denied("evaluationYear") }
        guard let step = EvaluationStep(rawValue: try req.content.decode(StepForm.self).step) else { throw Abort(.badRequest) }
        let profile = try await req.profile()
        let now = req.now
        do {
            let report = try await req.write { try await EvaluationService.take(step, year: year, now: now, profile: profile, by: viewer, on: $0) }
            var message = "Đã thực hiện: \(step.label)."
            if step == .closeDeadline, let report { message += " \(report.automaticD.count) cán bộ được xếp loại D tự động." }
            if step == .publish, let report {
                message += " \(report.disciplineTriggers.count) trường hợp rơi vào Điều 16.3.b, \(report.rewardCandidates.count) cán bộ được đề xuất khen thưởng."
            }
            req.flash(message)
        } catch let errors as FieldErrors {
            return try await render(req, stepError: errors["step"], status: .unprocessableEntity)
        }
        return req.redirect(to: "/danh-gia/\(year)")
    }

    struct CriteriaForm: Content { var criteria: String }

    static func criteria(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let year = try year(req)
        guard GradeService.mayGrade(viewer) else { throw await req.denied("evaluationYear") }
        // One criterion per line: each line normalised, empty lines dropped.
        let text = try req.content.decode(CriteriaForm.self).criteria.split(whereSeparator: \.isNewline)
            .map { VietnameseText.normalize(String($0)) }.filter { !$0.isEmpty }.joined(separator: "\n")
        try await req.write { db in
            let cycle = try await EvaluationAccess.year(year, on: db)
            guard cycle.stage != .published else { throw Abort(.conflict, reason: "Kết quả đã công bố; không sửa tiêu chí nữa.") }
            let before = cycle.criteria
            cycle.criteria = text
            try await cycle.save(on: db)
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username, action: "evaluation.criteria",
                                                 entityType: "evaluationYear", entityID: cycle.id, before: before, after: text), on: db)
        }
        req.flash("Đã lưu tiêu chí đánh giá năm \(year).")
        return req.redirect(to: "/danh-gia/\(year)")
    }
}
