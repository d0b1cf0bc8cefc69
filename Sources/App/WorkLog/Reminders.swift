import Domain
import Fluent
import Foundation
import SQLKit

/// What each person has to do about the work log, gathered for the dashboard (Art. 13.3, 15.6):
/// computed from the data each time, so a reminder disappears as soon as the work is done.
enum Reminders {
    struct Item: Hashable, Encodable, Sendable {
        var text: String
        var href: String
        var urgent: Bool
    }

    /// `scope`: the viewer's ticket scope when the caller has read it already (the dashboard);
    /// `kept`: where the dashboard keeps the count that walks a head's tickets, at the audit head;
    /// `steady`: where it keeps the counts of their officers' logs, at the head without tickets.
    static func items(for viewer: Viewer, profile: RegulationProfile, today: LocalDate, scope known: TicketQueries.Scope? = nil,
                      kept: KeptReads.At? = nil, steady: KeptReads.At? = nil, on db: any Database) async throws -> [Item] {
        var items: [Item] = []
        let year = profile.evaluationYear(of: today)
        let deadline = WorkLogDeadline(profile: profile)
        let left = deadline.daysLeft(today: today, year: year)
        let due = deadline.reminderDue(today: today, year: year) != nil
        let deadlineText = deadline.date(year: year).vietnamese
        if let officerID = viewer.officerID, let officer = try await OfficerModel.find(officerID, on: db) {
            let view = try await WorkLogService.view(officer: officer, year: year, profile: profile, today: today, on: db)
            let path = "/so-cong-tac/\(officerID.canonicalText)/\(year)"
            if view.log?.receivedAt == nil, left <= 30 {
                items.append(Item(text: "Còn \(left) ngày đến hạn nộp Sổ công tác năm \(year) (trước \(deadlineText)).", href: path, urgent: due))
            }
            if !view.unsignedPeriods.isEmpty {
                items.append(Item(text: "Sổ công tác còn \(view.unsignedPeriods.count) kỳ chưa được thủ trưởng ký duyệt.", href: path, urgent: false))
            }
            let open = try await WorkTicketModel.query(on: db).filter(\.$officer.$id == officerID).filter(\.$year == year)
                .filter(\.$status == TicketStatus.inProgress.rawValue).count()
            if open > 0 {
                items.append(Item(text: "\(open) phiếu công tác đang thực hiện.", href: "/phieu?status=inProgress&officer=\(officerID.canonicalText)", urgent: false))
            }
        }
        let scope: TicketQueries.Scope
        if let known { scope = known } else { scope = try await TicketQueries.scope(for: viewer, on: db) }
        if !scope.requestAgencies.isEmpty {
            let waiting = try await WorkTicketModel.query(on: db).filter(\.$agency.$id ~~ scope.requestAgencies)
                .filter(\.$officer.$id == nil).count()
            if waiting > 0 {
                items.append(Item(text: "\(waiting) yêu cầu hỗ trợ đang chờ nhận xử lý.", href: "/phieu?status=requested", urgent: true))
            }
        }
        let confirmCount = try await TicketQueries.awaitingConfirmationCount(viewer, scope: scope, kept: kept, on: db)
        if confirmCount > 0 {
            items.append(Item(text: "\(TicketQueries.countedText(confirmCount)) phiếu công tác đã xong, chờ bạn xác nhận.",
                              href: "/phieu?status=done", urgent: false))
        }
        if let agencies = scope.agencies {
            // Art. 13.3: the latest ended month, for the officers the head has not yet signed.
            let period = profile.evaluationPeriod(year: year)
            let month = SignOffPeriod.ended(in: period, every: profile.signOffEvery, today: today).last
            let logs = try await headedLogs(agencies, year: year, signedFrom: month?.lowerBound, kept: steady, on: db)
            if let month, logs.officers > 0, logs.signed < logs.officers {
                items.append(Item(text: "\(logs.officers - logs.signed) cán bộ chưa được ký duyệt Sổ công tác \(SignOffPeriod.label(month)).",
                                  href: "/nop-so?year=\(year)", urgent: false))
            }
            if left <= 30, logs.submitted < logs.officers {
                items.append(Item(text: "\(logs.officers - logs.submitted) Sổ công tác năm \(year) chưa nộp; hạn trước \(deadlineText).",
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

    /// For a head: the officers holding a post in the agencies they head (`VisibleAgencies`), how
    /// many of them submitted the year's log, and how many were signed for the month starting on
    /// `signedFrom` (0 without one). One statement: read as models and sent back as binds, a district
    /// head's 2,581 officers cost most of the dashboard (ADR 0017). The month's sign-offs are read by
    /// their period (`AddSignOffPeriodIndex`), each tested against the officers; on PostgreSQL through
    /// a hash of them (`VisibleAgencies.hashed`), where as a join it probed the month once per officer.
    /// Kept while `kept`'s head stays when given: the head without tickets, as no ticket moves an
    /// officer, a log's submission or a sign-off.
    static func headedLogs(_ agencies: VisibleAgencies, year: Int, signedFrom: LocalDate?, kept: KeptReads.At? = nil,
                           on db: any Database) async throws -> (officers: Int, submitted: Int, signed: Int) {
        let held: SQLQueryString = "s.officer_id IN (SELECT id FROM held)"
        let test = try db.sql().dialect.name == "sqlite" ? held : VisibleAgencies.hashed(held)
        let signed: SQLQueryString = signedFrom.map {
            "(SELECT COUNT(*) FROM \(name: SignOffModel.schema) s WHERE s.period_start = \(bind: $0.iso) AND \(test))"
        } ?? "0"
        let counts: SQLQueryString = """
            WITH RECURSIVE \(agencies.definitions), held(id) AS (SELECT o.id FROM \(name: OfficerModel.schema) o \
            WHERE o.agency_id IN (SELECT id FROM reach) AND o.employment_status IN (\(binds: EmploymentStatus.holdingPostRawValues)))
            SELECT (SELECT COUNT(*) FROM held) AS officers,
              (SELECT COUNT(*) FROM \(name: WorkLogModel.schema) wl WHERE wl.year = \(bind: year) AND wl.received_at IS NOT NULL \
            AND wl.officer_id IN (SELECT id FROM held)) AS submitted,
              \(signed) AS signed
            """
        let rows = try await KeptReads.At.rows(readAfter: counts, kept: kept, on: db) {
            (officers: try $0.int("officers") ?? 0, submitted: try $0.int("submitted") ?? 0, signed: try $0.int("signed") ?? 0)
        }
        return rows.first ?? (0, 0, 0)
    }
}
