import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Grades and the evaluation year through the API (issue 4 §3, §10, §11). Before publication only
/// the provincial IT authority reads grades; afterwards the officer, their heads and Home Affairs too.
extension APIHandler {
    func listGrades(_ input: Operations.ListGrades.Input) async throws -> Operations.ListGrades.Output {
        let (req, viewer) = try context()
        let officerID = try uuid(input.path.id)
        guard let officer = try await OfficerModel.find(officerID, on: req.db),
              let place = try await Visibility.place(of: officer.$agency.id, on: req.db) else { throw NotFound() }
        let policy = viewer.policy
        let authority = policy.isITAuthority
        // Some year may be published: each grade is then filtered by its own year below.
        guard policy.readsGrade(officerID: officerID, at: place, published: true) else { throw await req.denied("grade", entityID: officerID) }
        let published = Set(try await EvaluationYearModel.query(on: req.db).filter(\.$state == "published").all(\.$year))
        let grades = try await GradeModel.query(on: req.db).filter(\.$officer.$id == officerID).sort(\.$year).all()
        return .ok(.init(body: .json(grades.filter { authority || published.contains($0.year) }.map(Components.Schemas.GradeEntry.init))))
    }

    func putGrade(_ input: Operations.PutGrade.Input) async throws -> Operations.PutGrade.Output {
        let (req, viewer) = try context()
        let officerID = try uuid(input.path.id)
        let year = try knownYear(input.path.year)
        guard GradeService.mayGrade(viewer) else { throw await req.denied("grade", entityID: officerID) }
        guard try await OfficerModel.find(officerID, on: req.db) != nil else { throw NotFound() }
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let entry = GradeService.Entry(grade: Grade(rawValue: body.grade.rawValue) ?? .d, comment: body.comment ?? "",
                                       correctionReason: body.correctionReason ?? "")
        let grade = try await req.write { try await GradeService.enter(entry, officerID: officerID, year: year, by: viewer, on: $0) }
        return .ok(.init(body: .json(.init(grade))))
    }

    func getEvaluationYear(_ input: Operations.GetEvaluationYear.Input) async throws -> Operations.GetEvaluationYear.Output {
        let (req, _) = try context()
        return .ok(.init(body: .json(try await EvaluationAccess.summary(year: try knownYear(input.path.year), req: req))))
    }
}

enum EvaluationAccess {
    /// Art. 15.3 a–đ as the starting criteria of a year; the authority edits them.
    static let defaultCriteria = """
        Hoạt động thường xuyên thể hiện trong Sổ công tác có xác nhận của cơ quan (Điều 15.3.a)
        Kết quả kiểm tra ứng dụng CNTT của các đoàn kiểm tra (Điều 15.3.b)
        Sự cố hệ thống thông tin của cơ quan (Điều 15.3.c)
        Kết quả học tập, tập huấn, kiểm tra (Điều 15.3.d)
        Ý kiến, sáng kiến, đóng góp và tham gia hoạt động chung (Điều 15.3.đ)
        """

    /// The year with its dates, state and countdown (D4), as the API shows it.
    static func summary(year: Int, req: Request) async throws -> Components.Schemas.EvaluationYear {
        let profile = try await req.profile()
        let stored = try await EvaluationYearModel.query(on: req.db).filter(\.$year == year).first()
        let deadline = WorkLogDeadline(profile: profile)
        let state = stored?.state ?? (req.now < deadline.instant(year: year) ? "open" : "deadlinePassed")
        let period = profile.evaluationPeriod(year: year)
        let results = profile.resultsDeadline.inYear(year) ?? period.upperBound
        let graded = try await GradeModel.query(on: req.db).filter(\.$year == year).count()
        return .init(year: year, state: .init(rawValue: state) ?? .open, periodStart: period.lowerBound.iso, periodEnd: period.upperBound.iso,
                     workLogDeadline: deadline.date(year: year).iso, resultsDeadline: results.iso,
                     daysToResultsDeadline: profile.date(of: req.now).days(until: results), graded: graded, publishedAt: stored?.publishedAt)
    }

    /// The criteria of a year: as stored, or the defaults for a year not started yet.
    static func criteria(of cycle: EvaluationYearModel?) -> [String] {
        cycle?.criteriaList ?? defaultCriteria.split(separator: "\n").map(String.init)
    }

    /// Locks the stored cycle of a year until the transaction ends (an UPDATE that changes nothing:
    /// PostgreSQL holds its row lock; SQLite writes one transaction at a time anyway).
    static func lockYear(_ year: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(EvaluationYearModel.schema).set("state", to: QuotedColumn("state")).where("year", .equal, year).run()
    }

    /// The stored cycle of a year, created on first use.
    static func year(_ year: Int, on db: any Database) async throws -> EvaluationYearModel {
        if let existing = try await EvaluationYearModel.query(on: db).filter(\.$year == year).first() { return existing }
        let created = EvaluationYearModel()
        created.year = year
        created.state = EvaluationStage.open.rawValue
        created.criteria = defaultCriteria
        created.steps = ""
        try await created.create(on: db)
        return created
    }
}

extension Components.Schemas.GradeEntry {
    init(_ g: GradeModel) {
        self.init(year: g.year, grade: Components.Schemas.GradeValue(rawValue: g.grade) ?? .d,
                  reason: g.isAutomatic ? .workLogNotSubmitted : .evaluated, comment: g.comment, automatic: g.isAutomatic)
    }
}
