import Domain
import Fluent
import Foundation
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
        let authority = EvaluationAccess.isAuthority(policy)
        let afterPublication = viewer.officerID == officerID || policy.has(.homeAffairs)
            || (policy.has(.agencyHead) && !policy.agencies(for: [.agencyHead]).isDisjoint(with: place.chain))
        guard authority || afterPublication else { throw await req.denied("grade", entityID: officerID) }
        let published = Set(try await EvaluationYearModel.query(on: req.db).filter(\.$state == "published").all(\.$year))
        let grades = try await GradeModel.query(on: req.db).filter(\.$officer.$id == officerID).sort(\.$year).all()
        return .ok(.init(body: .json(grades.filter { authority || published.contains($0.year) }.map(Components.Schemas.GradeEntry.init))))
    }

    func putGrade(_ input: Operations.PutGrade.Input) async throws -> Operations.PutGrade.Output {
        let (req, viewer) = try context()
        let officerID = try uuid(input.path.id)
        let year = input.path.year
        guard (2000...2100).contains(year) else { throw NotFound() }
        guard viewer.policy.has(.authorityStaff) || viewer.policy.has(.itDivisionHead) else {
            throw await req.denied("grade", entityID: officerID)
        }
        guard try await OfficerModel.find(officerID, on: req.db) != nil else { throw NotFound() }
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let grade = try await req.write { db -> GradeModel in
            let cycle = try await EvaluationAccess.year(year, on: db)
            let reason = VietnameseText.normalize(body.correctionReason ?? "")
            if cycle.state == "published" && reason.isEmpty {
                var errors = FieldErrors()
                errors.add("correctionReason", "Kết quả năm \(year) đã công bố; điều chỉnh phải ghi lý do.")
                throw errors
            }
            let existing = try await GradeModel.query(on: db).filter(\.$officer.$id == officerID).filter(\.$year == year).first()
            let model = existing ?? GradeModel()
            let before = existing.map { "\($0.grade) (\($0.reason))" } ?? ""
            model.$officer.id = officerID
            model.year = year
            model.grade = body.grade.rawValue
            model.reason = GradeReason.evaluated.rawValue
            model.comment = VietnameseText.normalize(body.comment ?? "")
            model.enteredBy = viewer.username
            try await model.save(on: db)
            if cycle.state != "published" && cycle.state != "grading" {
                cycle.state = "grading"
                try await cycle.save(on: db)
            }
            try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username,
                                                 action: cycle.state == "published" ? "grade.correct" : "grade.set",
                                                 entityType: "officer", entityID: officerID, before: before,
                                                 after: "\(year): \(model.grade)" + (reason.isEmpty ? "" : " — \(reason)")), on: db)
            return model
        }
        return .ok(.init(body: .json(.init(grade))))
    }

    func getEvaluationYear(_ input: Operations.GetEvaluationYear.Input) async throws -> Operations.GetEvaluationYear.Output {
        let (req, _) = try context()
        let profile = try await req.profile()
        let year = input.path.year
        guard (2000...2100).contains(year) else { throw NotFound() }
        let stored = try await EvaluationYearModel.query(on: req.db).filter(\.$year == year).first()
        let deadline = WorkLogDeadline(profile: profile)
        let state = stored?.state ?? (req.now < deadline.instant(year: year) ? "open" : "deadlinePassed")
        let period = profile.evaluationPeriod(year: year)
        let results = profile.resultsDeadline.inYear(year) ?? period.upperBound
        let graded = try await GradeModel.query(on: req.db).filter(\.$year == year).count()
        return .ok(.init(body: .json(.init(
            year: year, state: .init(rawValue: state) ?? .open, periodStart: period.lowerBound.iso, periodEnd: period.upperBound.iso,
            workLogDeadline: deadline.date(year: year).iso, resultsDeadline: results.iso,
            daysToResultsDeadline: profile.date(of: req.now).days(until: results), graded: graded, publishedAt: stored?.publishedAt))))
    }
}

enum EvaluationAccess {
    static func isAuthority(_ policy: AccessPolicy) -> Bool {
        policy.has(.authorityStaff) || policy.has(.itDivisionHead) || policy.has(.authorityLeadership)
    }

    /// The stored cycle of a year, created on first use.
    static func year(_ year: Int, on db: any Database) async throws -> EvaluationYearModel {
        if let existing = try await EvaluationYearModel.query(on: db).filter(\.$year == year).first() { return existing }
        let created = EvaluationYearModel()
        created.year = year
        created.state = "open"
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
