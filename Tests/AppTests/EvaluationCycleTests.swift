@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// The evaluation year in the web (issue 4 "Done means"): steps in order and audited, grading,
/// publication and what it produces, and who sees what before and after.
@Suite("Evaluation cycle in the web (issue 4 §1–§10)")
struct EvaluationCycleTests {
    /// The demo's logs and grades: canbo2 C, C and no 2026 log; canbo A every year; a few officers
    /// left ungraded for 2026.
    func world(_ body: @escaping (Application, DemoProvince.Built) async throws -> Void) async throws {
        try await withWorld { app, province in
            let profile = try await ProfileStore.active(on: app.db)
            try await DemoWorkLogLoader.load(officers: province.officers, agencies: province.agencies, ticketsPerOfficerYear: 2,
                                             seed: 7, profile: profile, today: LocalDate(year: 2026, month: 11, day: 29)!,
                                             on: app, console: app.console)
            try await body(app, province)
        }
    }

    func step(_ browser: inout Browser, _ step: String) async throws -> TestingHTTPResponse {
        try await browser.post("/danh-gia/2026/buoc", ["step": step])
    }

    func gradeEveryoneLeft(_ app: Application, _ browser: inout Browser) async throws {
        let graded = Set(try await GradeModel.query(on: app.db).filter(\.$year == 2026).all(\.$officer.$id))
        let profile = try await ProfileStore.active(on: app.db)
        for officer in try await EvaluationService.evaluable(year: 2026, profile: profile, on: app.db) where !graded.contains(officer.id!) {
            let response = try await browser.post("/danh-gia/2026/can-bo/\(officer.id!.uuidString)", ["grade": "B", "comment": "Hoàn thành"])
            #expect(response.status == .seeOther)
        }
    }

    /// Takes 2026 through every step to publication, grading whoever is left "B".
    func publish(_ app: Application, _ browser: inout Browser) async throws {
        #expect(try await step(&browser, "closeDeadline").status == .seeOther)
        #expect(try await step(&browser, "startGrading").status == .seeOther)
        try await gradeEveryoneLeft(app, &browser)
        #expect(try await step(&browser, "publish").status == .seeOther)
    }

    @Test func R15_6_stepsGoInOrderAreAuditedAndPublicationProducesProposalsTasksAndRewards() async throws {
        try await world { app, province in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let early = try await step(&authority, "publish")
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("không thể"))
            #expect(try await step(&authority, "closeDeadline").status == .seeOther)
            let d = try #require(try await GradeModel.query(on: app.db).filter(\.$officer.$id == province.officerB.id!).filter(\.$year == 2026).first())
            #expect(d.value == .d && d.isAutomatic)
            #expect(try await step(&authority, "startGrading").status == .seeOther)
            let blocked = try await step(&authority, "publish")
            #expect(blocked.status == .unprocessableEntity)
            #expect(blocked.body.string.contains("chưa được xếp loại"))
            #expect(!(try await authority.get("/danh-gia/2026?loc=chua").body.string.contains("Không có cán bộ nào.")))
            try await gradeEveryoneLeft(app, &authority)
            #expect(try await authority.get("/danh-gia/2026?loc=chua").body.string.contains("Không có cán bộ nào."))
            #expect(try await step(&authority, "publish").status == .seeOther)
            let cycle = try #require(try await EvaluationYearModel.query(on: app.db).filter(\.$year == 2026).first())
            #expect(cycle.stage == .published && cycle.publishedAt == testNow)
            for action in ["evaluation.closeDeadline", "evaluation.startGrading", "evaluation.publish"] {
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == action).count() == 1, "\(action)")
            }
            let proposal = try #require(try await CessationProposalModel.query(on: app.db).filter(\.$officer.$id == province.officerB.id!).first())
            #expect(proposal.pattern == DisciplinePattern.twoCOneD.rawValue && proposal.window == "2024,2025,2026")
            #expect(try await HeadTaskModel.query(on: app.db).filter(\.$officer.$id == province.officerB.id!).count() == 2)
            #expect(try await RewardCandidateModel.query(on: app.db).filter(\.$officer.$id == province.officerA.id!).count() == 2)
            #expect(try await step(&authority, "publish").status == .unprocessableEntity)
        }
    }

    /// Issue 14 (ADR 0020): the year's cycle on its page — stage, steps with their takers, criteria,
    /// the profile kept at publication — is read once while the audit head stays, and again after
    /// each step or change of criteria (audited writes), so the page never shows a stale cycle.
    @Test func R15_6_theYearsPageShowsEachStepAndCriteriaChangeAtOnceAndReadsTheCycleOnceBetween() async throws {
        try await world { app, _ in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            let taker = try #require(try await UserModel.query(on: app.db).filter(\.$username == "truongphong").first()).fullName
            let before = try await authority.get("/danh-gia/2026").body.string
            #expect(before.contains("Chưa có bước nào được thực hiện.") && before.contains(EvaluationStage.open.label))
            let reads = app.keptReads.counted
            _ = try await authority.get("/danh-gia/2026")
            #expect(app.keptReads.counted == reads, "nothing was written: the cycle and the figures are the kept ones")

            #expect(try await step(&authority, "closeDeadline").status == .seeOther)
            let closed = try await authority.get("/danh-gia/2026").body.string
            #expect(!closed.contains("Chưa có bước nào được thực hiện.") && closed.contains(EvaluationStage.deadlinePassed.label))
            #expect(closed.contains("<strong>\(EvaluationStep.closeDeadline.label)</strong>") && closed.contains(taker))

            #expect(try await authority.post("/danh-gia/2026/tieu-chi", ["criteria": "Sổ công tác có xác nhận\nSự cố hệ thống"]).status == .seeOther)
            let criteria = try await authority.get("/danh-gia/2026").body.string
            #expect(criteria.contains("<li>Sổ công tác có xác nhận</li><li>Sự cố hệ thống</li>"))
        }
    }

    @Test func D4_beforePublicationOnlyTheAuthoritySeesGrades_afterwardsTheOfficerAndTheirHeads() async throws {
        try await world { app, province in
            let b = province.officerB.id!.uuidString, a = province.officerA.id!.uuidString
            var authority = try await Browser.signedIn(app, as: "truongphong")
            var officer = try await Browser.signedIn(app, as: "canbo2")
            var head = try await Browser.signedIn(app, as: "thutruong2")
            var otherHead = try await Browser.signedIn(app, as: "thutruong")
            var homeAffairs = try await Browser.signedIn(app, as: "noivu")
            #expect(try await authority.get("/danh-gia/2026/can-bo/\(b)").status == .ok)
            #expect(try await officer.get("/danh-gia/2026/can-bo/\(b)").status == .forbidden)
            #expect(try await head.get("/danh-gia/2026/can-bo/\(b)").status == .forbidden)
            #expect(try await officer.get("/danh-gia/2026").body.string.contains("chưa được công bố"))
            #expect(try await head.get("/danh-gia/2026/ket-qua").status == .forbidden)
            try await publish(app, &authority)
            #expect(try await officer.get("/danh-gia/2026/can-bo/\(b)").status == .ok)
            #expect(try await officer.get("/danh-gia/2026/can-bo/\(a)").status == .forbidden)
            #expect(try await head.get("/danh-gia/2026/can-bo/\(b)").status == .ok)
            #expect(try await otherHead.get("/danh-gia/2026/can-bo/\(b)").status == .forbidden)
            let results = try await homeAffairs.get("/danh-gia/2026/ket-qua").body.string
            #expect(results.contains("Phạm Quốc Bảo") && results.contains("Ba năm liên tiếp có hai năm loại C"))
            // The head of the affected agency sees the tasks; another head does not.
            #expect(try await head.get("/danh-gia/2026/ket-qua").body.string.contains("Bố trí cán bộ làm công việc khác"))
            #expect(!(try await otherHead.get("/danh-gia/2026/ket-qua").body.string.contains("Phạm Quốc Bảo")))
            #expect(try await officer.get("/danh-gia/2026/ket-qua").status == .forbidden)
        }
    }

    @Test func R16_3b_proposalIsSignedJointlyTasksByTheirHeadRewardsDecidedByAPerson() async throws {
        try await world { app, province in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            try await publish(app, &authority)
            let proposal = try #require(try await CessationProposalModel.query(on: app.db).filter(\.$officer.$id == province.officerB.id!).first())
            var officer = try await Browser.signedIn(app, as: "canbo2")
            #expect(try await officer.post("/danh-gia/2026/de-xuat/\(proposal.id!.uuidString)/ky", [:]).status == .forbidden)
            var leadership = try await Browser.signedIn(app, as: "giamdoc")
            #expect(try await leadership.post("/danh-gia/2026/de-xuat/\(proposal.id!.uuidString)/ky", [:]).status == .seeOther)
            var homeAffairs = try await Browser.signedIn(app, as: "noivu")
            #expect(try await homeAffairs.post("/danh-gia/2026/de-xuat/\(proposal.id!.uuidString)/ky", [:]).status == .seeOther)
            try await proposal.$officer.load(on: app.db)
            let signed = try #require(try await CessationProposalModel.find(proposal.id, on: app.db))
            #expect(signed.isSigned)
            #expect(try await homeAffairs.post("/danh-gia/2026/de-xuat/\(proposal.id!.uuidString)/ky", [:]).status == .forbidden)

            let task = try #require(try await HeadTaskModel.query(on: app.db).filter(\.$officer.$id == province.officerB.id!).first())
            var otherHead = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await otherHead.post("/danh-gia/2026/nhiem-vu/\(task.id!.uuidString)", ["note": "x"]).status == .forbidden)
            var head = try await Browser.signedIn(app, as: "thutruong2")
            #expect(try await head.post("/danh-gia/2026/nhiem-vu/\(task.id!.uuidString)", ["note": "Đã bố trí làm văn thư"]).status == .seeOther)
            #expect(try await HeadTaskModel.find(task.id, on: app.db)?.doneAt != nil)

            let reward = try #require(try await RewardCandidateModel.query(on: app.db).filter(\.$officer.$id == province.officerA.id!).first())
            #expect(try await head.post("/danh-gia/2026/khen-thuong/\(reward.id!.uuidString)", ["decision": "approved"]).status == .forbidden)
            #expect(try await authority.post("/danh-gia/2026/khen-thuong/\(reward.id!.uuidString)",
                                             ["decision": "approved", "note": "Trình ký Giấy khen"]).status == .seeOther)
            #expect(try await RewardCandidateModel.find(reward.id, on: app.db)?.decision == "approved")
            // The results page shows what was done: both signatures, the task's note, the decision.
            let results = try await authority.get("/danh-gia/2026/ket-qua").body.string
            #expect(results.contains("— Đã bố trí làm văn thư") && results.contains("— Trình ký Giấy khen")
                        && results.contains("<span class=\"badge ok\">Đề nghị khen thưởng</span>"))
            #expect(results.components(separatedBy: "✔ ").count - 1 >= 3, "two signatures and a task done")
            for action in ["proposal.sign", "headTask.done", "reward.decide"] {
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == action).count() >= 1, "\(action)")
            }
        }
    }

    @Test func D2_correctionAfterPublicationNeedsAReasonAndKeepsWhatWasTyped() async throws {
        try await world { app, province in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            try await publish(app, &authority)
            let path = "/danh-gia/2026/can-bo/\(province.officerB.id!.uuidString)"
            let refused = try await authority.post(path, ["grade": "C", "comment": "Sổ gửi qua bưu điện trước hạn, có biên nhận"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("phải ghi lý do"))
            #expect(refused.body.string.contains("Sổ gửi qua bưu điện trước hạn, có biên nhận"))
            let noGrade = try await authority.post(path, ["comment": "x"])
            #expect(noGrade.body.string.contains("Chọn loại A, B, C hoặc D."))
            let done = try await authority.post(path, ["grade": "C", "comment": "Sổ gửi qua bưu điện trước hạn",
                                                       "correctionReason": "Biên nhận bưu điện ngày 28/9"])
            #expect(done.status == .seeOther)
            let grade = try #require(try await GradeModel.query(on: app.db).filter(\.$officer.$id == province.officerB.id!).filter(\.$year == 2026).first())
            #expect(grade.value == .c && !grade.isAutomatic)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "grade.correct").count() == 1)
        }
    }

    @Test func R15_3_criteriaAreConfigurableAndGradesCarryCommentsAgainstThem() async throws {
        try await world { app, province in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            #expect(try await authority.post("/danh-gia/2026/tieu-chi", ["criteria": "Sổ công tác\n\n  Sự cố  \nKiểm tra"]).status == .seeOther)
            let cycle = try #require(try await EvaluationYearModel.query(on: app.db).filter(\.$year == 2026).first())
            #expect(cycle.criteriaList == ["Sổ công tác", "Sự cố", "Kiểm tra"])
            let path = "/danh-gia/2026/can-bo/\(province.officerA.id!.uuidString)"
            #expect(try await authority.post(path, ["grade": "A", "criterion[]": "Ghi chép đầy đủ"]).status == .seeOther)
            let grade = try #require(try await GradeService.lines(officer: province.officerA.id!, on: app.db).first { $0.year == 2026 })
            #expect(grade.notes == ["Sổ công tác": "Ghi chép đầy đủ"])
            #expect(try await authority.get(path).body.string.contains("Ghi chép đầy đủ"))
            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.post("/danh-gia/2026/tieu-chi", ["criteria": "x"]).status == .forbidden)
        }
    }

    @Test func D4_R16_3b_dashboardCountsDownForTheAuthorityAndRemindsHeadsOfTheirTasks() async throws {
        try await world { app, _ in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            // 29/11/2026: the 15/11 results deadline of 2026 has passed and nothing is published.
            #expect(try await authority.get("/").body.string.contains("Đánh giá năm 2026 (Đang nhận Sổ công tác): đã quá hạn công bố kết quả 14 ngày"))
            try await publish(app, &authority)
            #expect(!(try await authority.get("/").body.string.contains("Đánh giá năm 2026 (")))
            var head = try await Browser.signedIn(app, as: "thutruong2")
            #expect(try await head.get("/").body.string.contains("2 nhiệm vụ sau kết quả đánh giá"))
            var homeAffairs = try await Browser.signedIn(app, as: "noivu")
            #expect(try await homeAffairs.get("/").body.string.contains("chờ Sở Nội vụ ký"))
        }
    }

    @Test func R15_6b_papersOfTheEvaluationFollowThePagesPermissions() async throws {
        try await world { app, province in
            let agencyB = province.officerB.$agency.id.uuidString
            var authority = try await Browser.signedIn(app, as: "truongphong")
            var head = try await Browser.signedIn(app, as: "thutruong2")
            #expect(try await head.get("/danh-gia/2026/thong-bao/\(agencyB).pdf").status == .forbidden)
            try await publish(app, &authority)
            let notice = try await head.get("/danh-gia/2026/thong-bao/\(agencyB).pdf")
            #expect(notice.status == .ok && notice.body.string.hasPrefix("%PDF-"))
            var otherHead = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await otherHead.get("/danh-gia/2026/thong-bao/\(agencyB).pdf").status == .forbidden)
            let proposal = try #require(try await CessationProposalModel.query(on: app.db).filter(\.$officer.$id == province.officerB.id!).first())
            var homeAffairs = try await Browser.signedIn(app, as: "noivu")
            #expect(try await homeAffairs.get("/danh-gia/2026/de-xuat/\(proposal.id!.uuidString)/van-ban.pdf").status == .ok)
            #expect(try await head.get("/danh-gia/2026/de-xuat/\(proposal.id!.uuidString)/van-ban.pdf").status == .forbidden)
            #expect(try await authority.get("/danh-gia/2026/khen-thuong.pdf").status == .ok)
            let grades = try await authority.get("/danh-gia/2026?format=csv").body.string
            #expect(grades.contains("Họ và tên,Cơ quan,Sổ công tác,Xếp loại") && grades.contains("Phạm Quốc Bảo"))
            var officer = try await Browser.signedIn(app, as: "canbo")
            let own = try await officer.get("/danh-gia/2026?format=csv").body.string
            #expect(own.contains("Trần Minh Khoa") && !own.contains("Phạm Quốc Bảo"))
            #expect(try await head.get("/danh-gia/2026/khen-thuong.pdf").status == .forbidden)
        }
    }
}
