import Domain
import Fluent
import Foundation
import SQLKit

/// What each person has to do about the work log, gathered for the dashboard (Art. 13.3, 15.6):
/// computed from the data each time, so a reminder disappears as soon as the work is done.
enum Reminders {
    struct Item: Encodable, Sendable {
        var text: String
        var href: String
        var urgent: Bool
    }

    static func items(for viewer: Viewer, profile: RegulationProfile, today: LocalDate, on db: any Database) async throws -> [Item] {
        var items: [Item] = []
        let year = profile.evaluationYear(of: today)
        let deadline = WorkLogDeadline(profile: profile)
        let left = deadline.daysLeft(today: today, year: year)
        let due = deadline.reminderDue(today: today, year: year) != nil
        let deadlineText = deadline.date(year: year).vietnamese
        if let officerID = viewer.officerID, let officer = try await OfficerModel.find(officerID, on: db) {
            let view = try await WorkLogService.view(officer: officer, year: year, profile: profile, today: today, on: db)
            let path = "/so-cong-tac/\(officerID.uuidString)/\(year)"
            if view.log?.receivedAt == nil, left <= 30 {
                items.append(Item(text: "Còn \(left) ngày đến hạn nộp Sổ công tác năm \(year) (trước \(deadlineText)).", href: path, urgent: due))
            }
            if !view.unsignedPeriods.isEmpty {
                items.append(Item(text: "Sổ công tác còn \(view.unsignedPeriods.count) kỳ chưa được thủ trưởng ký duyệt.", href: path, urgent: false))
            }
            let open = try await WorkTicketModel.query(on: db).filter(\.$officer.$id == officerID).filter(\.$year == year)
                .filter(\.$status == TicketStatus.inProgress.rawValue).count()
            if open > 0 {
                items.append(Item(text: "\(open) phiếu công tác đang thực hiện.", href: "/phieu?status=inProgress&officer=\(officerID.uuidString)", urgent: false))
            }
        }
        let scope = try await TicketQueries.scope(for: viewer, on: db)
        if !scope.requestAgencies.isEmpty {
            let waiting = try await WorkTicketModel.query(on: db).filter(\.$agency.$id ~~ scope.requestAgencies)
                .filter(\.$officer.$id == nil).count()
            if waiting > 0 {
                items.append(Item(text: "\(waiting) yêu cầu hỗ trợ đang chờ nhận xử lý.", href: "/phieu?status=requested", urgent: true))
            }
        }
        let heads = Array(viewer.policy.headedAgencies)
        let confirmCount = try await TicketQueries.awaitingConfirmationCount(viewer, scope: scope, on: db)
        if confirmCount > 0 {
            items.append(Item(text: "\(confirmCount) phiếu công tác đã xong, chờ bạn xác nhận.", href: "/phieu?status=done", urgent: false))
        }
        if !heads.isEmpty, let agencies = scope.agencies {
            let officers = try await OfficerModel.query(on: db).filter(.sql(agencies.contains(SQLColumn("agency_id", table: OfficerModel.schema))))
                .filter(\.$employmentStatus ~~ EmploymentStatus.allCases.filter(\.holdsPost).map(\.rawValue)).all(\.$id)
            let submitted = try await WorkLogModel.query(on: db).filter(\.$year == year).filter(\.$receivedAt != nil)
                .filter(\.$officer.$id ~~ officers).count()
            // Art. 13.3: the latest ended month, for the officers the head has not yet signed.
            let period = profile.evaluationPeriod(year: year)
            if let month = SignOffPeriod.ended(in: period, every: profile.signOffEvery, today: today).last, !officers.isEmpty {
                let signed = try await SignOffModel.query(on: db).filter(\.$officer.$id ~~ officers)
                    .filter(\.$periodStart == month.lowerBound.iso).count()
                if signed < officers.count {
                    items.append(Item(text: "\(officers.count - signed) cán bộ chưa được ký duyệt Sổ công tác \(SignOffPeriod.label(month)).",
                                      href: "/nop-so?year=\(year)", urgent: false))
                }
            }
            if left <= 30, submitted < officers.count {
                items.append(Item(text: "\(officers.count - submitted) Sổ công tác năm \(year) chưa nộp; hạn trước \(deadlineText).",
                                  href: "/nop-so?year=\(year)&filter=missing", urgent: due))
            }
        }
        if viewer.policy.isITAuthority {
            let submitted = try await WorkLogModel.query(on: db).filter(\.$year == year).filter(\.$receivedAt != nil).count()
            items.append(Item(text: "Đã nhận \(submitted) Sổ công tác năm \(year); còn \(max(0, left)) ngày đến hạn (\(deadlineText)).",
                              href: "/nop-so?year=\(year)", urgent: due))
        }
        return items
    }
}
