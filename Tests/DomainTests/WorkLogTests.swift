import Domain
import Foundation
import Testing

@Suite("Work log: Form 3 tickets, Form 2 summary, deadline, sign-off (Art. 13.3, 15.6, Appendix I)")
struct WorkLogTests {
    let today = LocalDate(year: 2025, month: 9, day: 15)!

    func ticket(_ group: TaskGroup = .equipmentMaintenance) -> WorkTicketContent {
        WorkTicketContent(taskGroup: group, details: "Thay ổ cứng máy chủ tệp", workKind: .maintenance,
                          requesterUnit: "Văn phòng Sở", requesterName: "Phan Thị Ngọc Ánh",
                          requestedOn: LocalDate(year: 2025, month: 9, day: 2)!)
    }

    @Test func F_I_3_otherGroupNeedsItsDescription() {
        var t = ticket(.other)
        #expect(t.problems(today: today)["taskOther"] != nil)
        t.taskOther = "Hỗ trợ họp trực tuyến"
        #expect(t.problems(today: today).isEmpty)
    }

    @Test func F_I_3_requesterAndDetailsAreRequired() {
        var t = ticket()
        t.requesterName = " "
        t.details = ""
        let problems = t.problems(today: today)
        #expect(problems["requesterName"] == "Nhập họ tên người yêu cầu.")
        #expect(problems["details"] == "Nhập chi tiết công việc.")
    }

    @Test func F_I_3_completionDateNotBeforeRequestDate() {
        var t = ticket()
        t.completedOn = LocalDate(year: 2025, month: 9, day: 1)
        #expect(t.problems(today: today)["completedOn"] == "Ngày hoàn thành không được trước ngày yêu cầu.")
        t.completedOn = t.requestedOn
        #expect(t.problems(today: today)["completedOn"] == nil)
    }

    @Test func F_I_3_documentIssuedNeedsNumberAndDate_otherResultNeedsText() {
        var t = ticket()
        t.outcomes = [.documentIssued, .other]
        let problems = t.problems(today: today)
        #expect(problems["documentNumber"] != nil)
        #expect(problems["documentDate"] != nil)
        #expect(problems["outcomeOther"] != nil)
        t.documentNumber = "12/TTr-SKHĐT"
        t.documentDate = LocalDate(year: 2025, month: 9, day: 10)
        t.outcomeOther = "Đã cập nhật danh mục"
        #expect(t.problems(today: today).isEmpty)
    }

    @Test func F_I_3_completingNeedsHandlingResultAndDate() {
        let problems = ticket().completionProblems(today: today)
        #expect(problems["handling"] != nil)
        #expect(problems["outcomes"] == "Chọn ít nhất một kết quả thực hiện.")
        #expect(problems["completedOn"] == "Nhập ngày hoàn thành.")
    }

    @Test func R5_2_externalCostNeedsTheContractor() {
        var t = ticket()
        t.externalCost = 3_500_000
        #expect(t.problems(today: today)["escalatedTo"] != nil)
        t.escalatedTo = "Công ty TNHH Tin học Sao Mai"
        #expect(t.problems(today: today).isEmpty)
    }

    @Test func ticketLifeRequestedInProgressDoneConfirmed_refusalGoesBack() {
        #expect(TicketStatus.requested.after(.start) == .inProgress)
        #expect(TicketStatus.inProgress.after(.complete) == .done)
        #expect(TicketStatus.done.after(.confirm) == .confirmed)
        #expect(TicketStatus.done.after(.refuse) == .inProgress)
        #expect(TicketStatus.requested.after(.confirm) == nil)
        #expect(TicketStatus.inProgress.after(.confirm) == nil)
        #expect(TicketStatus.confirmed.after(.refuse) == nil)
        #expect(TicketStatus.confirmed.isLocked)
    }

    @Test func D10_form2CountsTicketsPerGroupInitiativesInRow7AndTotals() {
        let period = RegulationProfile.binhDuong2013.evaluationPeriod(year: 2025)
        let tickets: [(group: TaskGroup, status: TicketStatus)] = [
            (.equipmentMaintenance, .confirmed), (.equipmentMaintenance, .done), (.networkAdministration, .inProgress),
            (.other, .confirmed), (.websiteAdministration, .requested),
        ]
        let summary = AnnualSummary.compute(year: 2025, period: period, tickets: tickets, initiatives: 2, outsourcedCost: 12_000_000)
        #expect(summary.rows.map(\.row) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(summary.rows[0].quantity == 2)
        #expect(summary.rows[0].unit == "phiếu")
        #expect(summary.rows[6].quantity == 2)
        #expect(summary.rows[6].unit == "sáng kiến")
        #expect(summary.rows[7].quantity == 1)
        #expect(summary.total == 7)
        #expect(summary.inProgress == 2)
        #expect(summary.rows[2].note == "1 phiếu đang thực hiện")
        #expect(summary.outsourcedCost == 12_000_000)
    }

    @Test func D2_deadlineIsOctoberFirstMidnightInHoChiMinh() {
        let deadline = WorkLogDeadline(profile: .binhDuong2013)
        let instant = deadline.instant(year: 2025)
        #expect(instant == Date(timeIntervalSince1970: 1_759_251_600))  // 2025-09-30T17:00:00Z
        #expect(deadline.isOnTime(receivedAt: instant.addingTimeInterval(-1), year: 2025))
        #expect(!deadline.isOnTime(receivedAt: instant, year: 2025))
        #expect(!deadline.isOnTime(receivedAt: instant.addingTimeInterval(1), year: 2025))
    }

    @Test func D2_deadlineFollowsTheProfileSetting() {
        var profile = RegulationProfile.binhDuong2013
        profile.workLogDeadline = MonthDay(month: 10, day: 2)
        #expect(WorkLogDeadline(profile: profile).date(year: 2025) == LocalDate(year: 2025, month: 10, day: 2))
    }

    @Test func R15_6a_remindersThirtySevenAndOneDayBefore() {
        let deadline = WorkLogDeadline(profile: .binhDuong2013)
        #expect(deadline.reminderDue(today: LocalDate(year: 2025, month: 9, day: 1)!, year: 2025) == 30)
        #expect(deadline.reminderDue(today: LocalDate(year: 2025, month: 9, day: 24)!, year: 2025) == 7)
        #expect(deadline.reminderDue(today: LocalDate(year: 2025, month: 9, day: 30)!, year: 2025) == 1)
        #expect(deadline.reminderDue(today: LocalDate(year: 2025, month: 9, day: 29)!, year: 2025) == nil)
    }

    @Test func R13_3_monthlySignOffPeriodsThatHaveEnded() {
        let period = RegulationProfile.binhDuong2013.evaluationPeriod(year: 2025)
        let months = SignOffPeriod.ended(in: period, today: LocalDate(year: 2025, month: 1, day: 10)!)
        #expect(months.count == 3)  // October, November, December 2024
        #expect(months.first?.lowerBound == LocalDate(year: 2024, month: 10, day: 1))
        #expect(months.last?.upperBound == LocalDate(year: 2024, month: 12, day: 31))
        #expect(SignOffPeriod.label(months[0]) == "tháng 10/2024")
        #expect(SignOffPeriod.ended(in: period, today: LocalDate(year: 2026, month: 1, day: 1)!).count == 12)
    }

    @Test func R13_3_quarterlySignOffWhenTheProfileSaysSo() {
        let period = RegulationProfile.binhDuong2013.evaluationPeriod(year: 2025)
        let quarters = SignOffPeriod.ended(in: period, every: .quarterly, today: LocalDate(year: 2025, month: 4, day: 2)!)
        #expect(quarters.map { SignOffPeriod.label($0) } == ["quý IV/2024", "quý I/2025"])
        #expect(quarters[1] == LocalDate(year: 2025, month: 1, day: 1)!...LocalDate(year: 2025, month: 3, day: 31)!)
        // A quarter still running is not yet due.
        #expect(SignOffPeriod.ended(in: period, every: .quarterly, today: LocalDate(year: 2025, month: 3, day: 31)!).count == 1)
        #expect(SignOffPeriod.ended(in: period, every: .quarterly, today: LocalDate(year: 2026, month: 1, day: 1)!).count == 4)
    }

    @Test func R13_3_aProfileStoredBeforeTheSettingExistedSignsMonthly() throws {
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RegulationProfile.binhDuong2013)) as! [String: Any]
        json.removeValue(forKey: "signOffInterval")
        let old = try JSONDecoder().decode(RegulationProfile.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.signOffInterval == nil && old.signOffEvery == .monthly)
    }
}
