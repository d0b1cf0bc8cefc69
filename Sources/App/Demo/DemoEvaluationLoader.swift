import Domain
import Fluent
import Foundation
import Vapor

/// The evaluation side of the demo (issue 4 §12): earlier years published with their proposals,
/// tasks and reward decisions; the last completed year open, for a new user to take through its
/// steps; inspections, incidents, and tests and meetings with attendance and scores.
enum DemoEvaluationLoader {
    static func load(officers: [OfficerModel], agencies: [AgencyModel], profile: RegulationProfile, today: LocalDate,
                     seed: UInt64, on app: Application) async throws {
        let current = profile.evaluationYear(of: today)
        let zone = TimeZone(identifier: profile.timeZoneIdentifier)!
        let now = today.start(in: zone)
        try await app.write { db in
            var rng = SeededRandom(seed: seed &+ 29)
            for year in [current - 3, current - 2] {
                let cycle = try await EvaluationAccess.year(year, on: db)
                let deadline = WorkLogDeadline(profile: profile).instant(year: year)
                let published = (LocalDate(year: year, month: 11, day: 10) ?? today).start(in: zone).addingTimeInterval(9 * 3600)
                cycle.state = EvaluationStage.published.rawValue
                cycle.publishedAt = published
                let format = ISO8601DateFormatter()
                cycle.steps = [("closeDeadline", deadline.addingTimeInterval(8 * 3600)), ("startGrading", deadline.addingTimeInterval(30 * 3600)),
                               ("publish", published)].map { "\($0.0)|\(format.string(from: $0.1))|truongphong\n" }.joined()
                try await cycle.save(on: db)
                let report = try await YearEndRun.run(year: year, dryRun: true, now: now, profile: profile, actor: "qlcb demo", on: db)
                try await EvaluationService.record(report, on: db)
                for proposal in try await CessationProposalModel.query(on: db).filter(\.$year == year).all() {
                    proposal.authoritySignedBy = "Trần Văn Hùng"
                    proposal.authoritySignedAt = published.addingTimeInterval(7 * 86_400)
                    proposal.homeAffairsSignedBy = "Lê Thị Thu Hà"
                    proposal.homeAffairsSignedAt = published.addingTimeInterval(12 * 86_400)
                    try await proposal.save(on: db)
                }
                for task in try await HeadTaskModel.query(on: db).filter(\.$year == year).all() {
                    task.doneAt = published.addingTimeInterval(30 * 86_400)
                    task.doneBy = "Thủ trưởng cơ quan"
                    task.note = task.task == .reassignDuties ? "Đã bố trí làm công tác văn thư" : "Đã tuyển dụng cán bộ thay thế"
                    try await task.save(on: db)
                }
                for candidate in try await RewardCandidateModel.query(on: db).filter(\.$year == year).all() {
                    candidate.decision = rng.chance(0.8) ? "approved" : "declined"
                    candidate.decisionNote = candidate.decision == "approved" ? "Trình Giám đốc Sở ký Giấy khen" : "Chưa đủ thành tích nổi bật"
                    candidate.decidedBy = "Nguyễn Văn Tâm"
                    candidate.decidedAt = published.addingTimeInterval(3 * 86_400)
                    try await candidate.save(on: db)
                }
            }
            try await DemoEvidence.load(officers: officers, agencies: agencies, years: Array((current - 3)...current),
                                        today: today, rng: &rng, on: db)
            try await AuditLog.append(AuditEvent(actorID: nil, actorName: "qlcb demo", action: "demo.evaluation", entityType: "system",
                                                 after: "Năm \(current - 3), \(current - 2) đã công bố; năm \(current - 1) chờ đánh giá"), on: db)
        }
    }
}
