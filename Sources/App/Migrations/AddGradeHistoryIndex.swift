import Fluent

/// The year-end run folds every officer's grades into one row (`YearEndRun.gradeHistories`,
/// grouped by officer). Through the unique (officer, year) index alone, each of the grades was then
/// fetched from the table: at 200,000 officers with ten years each, 3.5–4.2 s of PostgreSQL's time,
/// most of the run. This index holds what the fold reads, so both databases read it alone, in officer
/// order (0.8–0.9 s there; ADR 0018, sixteenth part of issue 14).
struct AddGradeHistoryIndex: IndexMigration {
    static let table = GradeModel.schema
    static let columns = ["officer_id", "year", "grade", "reason"]
}
