import Domain
import Fluent
import Foundation
import Vapor

/// The deadline reminders by mail, 30, 7 and 1 days before (issue 13 §3; `WorkLogDeadline.reminderDays`):
/// the work log's submission deadline (Art. 13.3, 1 October) to the officers who have not submitted
/// and the heads of their agencies; the results' deadline (Art. 15–16) to those who grade and
/// publish, while the year is not published. `qlcb serve` runs this every hour; the dedupe key
/// (`reminder:2026:worklog:30:user-…`) writes each reminder once per person, however many instances
/// or runs that day.
enum MailReminders {
    @discardableResult
    static func write(now: Date, on app: Application) async throws -> Int {
        let profile = try await ProfileStore.active(on: app.db)
        let today = profile.date(of: now)
        let workLog = try await workLogDue(profile: profile, today: today, on: app.db)
        let results = try await resultsDue(profile: profile, today: today, on: app.db)
        guard workLog != nil || results != nil else { return 0 }
        return try await app.write { db in
            var written = 0
            let members = try await MailAudience.members(on: db)
            if let due = workLog {
                for member in members {
                    let policy = member.policy
                    let own = policy.receivesWorkLogReminders && policy.officerID.map(due.missingOfficers.contains) == true
                    let headed = !policy.headedAgencies.isDisjoint(with: due.missingAgencies)
                    guard own || headed else { continue }
                    let text = own ? "Sổ công tác năm \(due.year) của bạn chưa nộp." :
                        "Cơ quan của bạn còn cán bộ CNTT chưa nộp Sổ công tác năm \(due.year)."
                    let letter = Letters.make(kind: "reminder.worklog", subject: "Còn \(due.days) ngày đến hạn nộp Sổ công tác năm \(due.year)",
                                              to: member.recipient.name, [
                        "Hạn nộp Sổ công tác năm \(due.year) là trước ngày \(due.deadline.vietnamese) (Điều 13.3); còn \(due.days) ngày.", text,
                    ], link: ("Mở Sổ công tác", own ? "/so-cong-tac" : "/nop-so?year=\(due.year)&filter=missing"))
                    if try await Outbox.enqueue(on: db, to: member.recipient, letter,
                                                dedupeKey: "reminder:\(due.year):worklog:\(due.days):\(MailEvents.key(member.recipient))") { written += 1 }
                }
            }
            if let (year, days, deadline) = results {
                for member in members where member.policy.receivesResultsDeadlineReminders {
                    let letter = Letters.make(kind: "reminder.results", subject: "Còn \(days) ngày đến hạn công bố kết quả đánh giá năm \(year)",
                                              to: member.recipient.name, [
                        "Kết quả đánh giá, xếp loại cán bộ CNTT năm \(year) phải được chấm và công bố trước ngày \(deadline.vietnamese); còn \(days) ngày.",
                    ], link: ("Mở đánh giá năm \(year)", "/danh-gia/\(year)"))
                    if try await Outbox.enqueue(on: db, to: member.recipient, letter,
                                                dedupeKey: "reminder:\(year):results:\(days):\(MailEvents.key(member.recipient))") { written += 1 }
                }
            }
            return written
        }
    }

    struct WorkLogDue: Sendable {
        var year: Int, days: Int, deadline: LocalDate
        var missingOfficers: Set<UUID>
        var missingAgencies: Set<UUID>
    }

    /// Today is 30, 7 or 1 days before the work log's deadline: who has not submitted, and where.
    static func workLogDue(profile: RegulationProfile, today: LocalDate, on db: any Database) async throws -> WorkLogDue? {
        let year = profile.evaluationYear(of: today)
        let deadline = WorkLogDeadline(profile: profile)
        guard let days = deadline.reminderDue(today: today, year: year) else { return nil }
        let holding = EmploymentStatus.holdingPostRawValues
        let officers = try await OfficerModel.query(on: db).filter(\.$employmentStatus ~~ holding).all()
        let submitted = Set(try await WorkLogModel.query(on: db).filter(\.$year == year).filter(\.$receivedAt != nil).all(\.$officer.$id))
        let missing = officers.filter { !submitted.contains($0.id!) }
        return WorkLogDue(year: year, days: days, deadline: deadline.date(year: year), missingOfficers: Set(missing.map { $0.id! }),
                          missingAgencies: Set(missing.map { $0.$agency.id }))
    }

    /// Today is 30, 7 or 1 days before the results' deadline of the year under evaluation, not yet published.
    static func resultsDue(profile: RegulationProfile, today: LocalDate, on db: any Database) async throws -> (Int, Int, LocalDate)? {
        let year = profile.yearUnderEvaluation(today: today)
        guard let deadline = profile.resultsDeadline.inYear(year) else { return nil }
        let days = today.days(until: deadline)
        guard WorkLogDeadline.reminderDays.contains(days) else { return nil }
        let stage = try await EvaluationYearModel.query(on: db).filter(\.$year == year).first()?.stage ?? .open
        return stage == .published ? nil : (year, days, deadline)
    }
}
