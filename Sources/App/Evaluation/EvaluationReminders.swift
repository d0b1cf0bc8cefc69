import Domain
import Fluent
import Foundation

/// The evaluation side of the dashboard (issue 4 §1, D4): the authority sees the year under
/// evaluation with its stage and the countdown to the results deadline; heads see their open tasks;
/// Home Affairs the proposals waiting for its signature; everyone invited, their next events.
enum EvaluationReminders {
    static func items(for viewer: Viewer, profile: RegulationProfile, today: LocalDate, on db: any Database) async throws -> [Reminders.Item] {
        var items: [Reminders.Item] = []
        let year = profile.yearUnderEvaluation(today: today)
        // The year's stage is read only for the authority, who alone is reminded of it.
        if viewer.policy.isITAuthority,
           case let stage = try await EvaluationYearModel.query(on: db).filter(\.$year == year).first()?.stage ?? .open,
           stage != .published {
            let results = profile.resultsDeadline.inYear(year) ?? today
            let left = today.days(until: results)
            let when = left >= 0 ? "còn \(left) ngày đến hạn công bố kết quả (trước \(results.vietnamese))"
                : "đã quá hạn công bố kết quả \(-left) ngày (hạn trước \(results.vietnamese))"
            items.append(.init(text: "Đánh giá năm \(year) (\(stage.label)): \(when).", href: "/danh-gia/\(year)", urgent: left <= 7))
        }
        let heads = viewer.policy.headedAgencies
        if !heads.isEmpty {
            // Counted by the database, not read as models (issue 14).
            let open = try await RawRows.all("""
                SELECT COUNT(*) AS n, MAX(year) AS latest FROM \(name: HeadTaskModel.schema) \
                WHERE agency_id IN (\(binds: heads.sorted())) AND done_at IS NULL
                """, on: db) { (count: try $0.int("n") ?? 0, latest: try $0.int("latest")) }.first
            if let open, let latest = open.latest {
                items.append(.init(text: "\(open.count) nhiệm vụ sau kết quả đánh giá (Điều 16.3.b) chưa thực hiện.",
                                   href: "/danh-gia/\(latest)/ket-qua", urgent: true))
            }
        }
        if viewer.policy.actsForHomeAffairs {
            let waiting = try await CessationProposalModel.query(on: db).filter(\.$homeAffairsSignedAt == nil).all()
            if let latest = waiting.map(\.year).max() {
                items.append(.init(text: "\(waiting.count) đề xuất thôi hưởng ưu đãi chờ Sở Nội vụ ký.", href: "/danh-gia/\(latest)/ket-qua", urgent: false))
            }
        }
        if let officer = viewer.officerID {
            let upcoming = try await InvitationModel.query(on: db).join(TrainingEventModel.self, on: \InvitationModel.$event.$id == \TrainingEventModel.$id)
                .filter(\.$officer.$id == officer).filter(TrainingEventModel.self, \.$heldOn >= today.iso).count()
            if upcoming > 0 { items.append(.init(text: "Bạn có \(upcoming) lời mời kiểm tra, tập huấn sắp tới.", href: "/tap-huan", urgent: false)) }
        }
        return items
    }
}
