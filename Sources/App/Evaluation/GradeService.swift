import Domain
import Fluent
import Foundation

/// Entering a grade (Art. 15.4, issue 4 §3): by authority staff or the IT division head; before
/// publication freely, afterwards only as an audited correction with a reason. Entering the first
/// grade moves the year to "grading".
enum GradeService {
    struct Entry: Sendable {
        var grade: Grade
        var comment: String
        var criteriaNotes: [String: String] = [:]
        var correctionReason: String = ""
    }

    static func mayGrade(_ viewer: Viewer) -> Bool { viewer.policy.grades }

    static func enter(_ entry: Entry, officerID: UUID, year: Int, by viewer: Viewer, on db: any Database) async throws -> GradeModel {
        let cycle = try await EvaluationAccess.year(year, on: db)
        let reason = VietnameseText.normalize(entry.correctionReason)
        if cycle.stage == .published && reason.isEmpty {
            var errors = FieldErrors()
            errors.add("correctionReason", "Kết quả năm \(year) đã công bố; điều chỉnh phải ghi lý do.")
            throw errors
        }
        let existing = try await GradeModel.query(on: db).filter(\.$officer.$id == officerID).filter(\.$year == year).first()
        let model = existing ?? GradeModel()
        let before = existing.map { "\($0.grade) (\($0.reason))" } ?? ""
        model.$officer.id = officerID
        model.year = year
        model.grade = entry.grade.rawValue
        model.reason = GradeReason.evaluated.rawValue
        model.comment = VietnameseText.normalize(entry.comment)
        let notes = entry.criteriaNotes.mapValues(VietnameseText.normalize).filter { !$0.value.isEmpty }
        model.criteriaNotes = notes.isEmpty ? "" : String(decoding: try JSONEncoder.sorted.encode(notes), as: UTF8.self)
        model.enteredBy = viewer.username
        try await model.save(on: db)
        if cycle.stage == .open || cycle.stage == .deadlinePassed {
            cycle.state = EvaluationStage.grading.rawValue
            try await cycle.save(on: db)
        }
        try await AuditLog.append(AuditEvent(actorID: viewer.userID, actorName: viewer.username,
                                             action: cycle.stage == .published ? "grade.correct" : "grade.set",
                                             entityType: "officer", entityID: officerID, before: before,
                                             after: "\(year): \(model.grade)" + (reason.isEmpty ? "" : " — \(reason)")), on: db)
        return model
    }

    /// One of an officer's grades as their evaluation page shows it.
    struct Line: Sendable {
        var year: Int, grade, reason, comment, criteriaNotes: String
        var isAutomatic: Bool { reason == GradeReason.workLogNotSubmitted.rawValue }
        /// The comments against the year's criteria, by criterion.
        var notes: [String: String] {
            guard !criteriaNotes.isEmpty else { return [:] }
            return (try? JSONDecoder().decode([String: String].self, from: Data(criteriaNotes.utf8))) ?? [:]
        }
    }

    /// Every grade of the officer, newest year first (one a year: a unique key), as plain rows.
    static func lines(officer: UUID, on db: any Database) async throws -> [Line] {
        try await RawRows.all("""
            SELECT year, grade, reason, comment, criteria_notes FROM \(name: GradeModel.schema)
            WHERE officer_id = \(bind: officer) ORDER BY year DESC
            """, on: db) { row in
            Line(year: try row.required("year", row.int), grade: try row.string("grade", default: ""),
                 reason: try row.string("reason", default: ""), comment: try row.string("comment", default: ""),
                 criteriaNotes: try row.string("criteria_notes", default: ""))
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
