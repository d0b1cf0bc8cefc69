import Domain
import Fluent
import Foundation

/// The pre-screening's reminders on the home page: to the director, the requests
/// waiting for an answer; to the assigned division head, interviews to schedule and results to record
/// (urgent once the agency's reply-by date is near); to the head, reports waiting for a decision.
enum InterviewReminders {
    static func items(for viewer: Viewer, today: LocalDate, on db: any Database) async throws -> [Reminders.Item] {
        let policy = viewer.policy
        guard policy.followsPreScreening else { return [] }
        var items: [Reminders.Item] = []
        let soon = today.adding(days: 7).iso
        if policy.directsITAuthority {
            let waiting = try await InterviewRequestModel.query(on: db).filter(\.$stage == PreScreening.Stage.filed.rawValue).count()
            if waiting > 0 { items.append(.init(text: "\(waiting) đề nghị phỏng vấn sơ tuyển chờ Giám đốc đồng ý.", href: "/so-tuyen", urgent: false)) }
        }
        if policy.isITDivision {
            let mine = try await InterviewRequestModel.query(on: db).filter(\.$assigneeUserID == viewer.userID)
                .filter(\.$stage ~~ [PreScreening.Stage.agreed.rawValue, PreScreening.Stage.scheduled.rawValue]).all()
            let toSchedule = mine.filter { $0.currentStage == .agreed }
            let toReport = mine.filter { $0.currentStage == .scheduled }
            let urgent = mine.contains { ($0.replyBy ?? "9999") <= soon }
            if !toSchedule.isEmpty {
                items.append(.init(text: "\(toSchedule.count) cuộc phỏng vấn sơ tuyển được giao, chưa xếp lịch.", href: "/so-tuyen", urgent: urgent))
            }
            if !toReport.isEmpty {
                items.append(.init(text: "\(toReport.count) cuộc phỏng vấn sơ tuyển đã xếp lịch, chưa có báo cáo kết quả.", href: "/so-tuyen", urgent: urgent))
            }
        }
        let headed = policy.filesInterviewRequests
        if !headed.isEmpty {
            let reported = try await InterviewRequestModel.query(on: db).filter(\.$agency.$id ~~ Array(headed))
                .filter(\.$stage == PreScreening.Stage.reported.rawValue).count()
            if reported > 0 {
                items.append(.init(text: "\(reported) báo cáo kết quả sơ tuyển chờ thủ trưởng quyết định tuyển dụng.", href: "/so-tuyen", urgent: false))
            }
        }
        return items
    }
}
