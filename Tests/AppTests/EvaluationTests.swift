@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite("Year-end run: qlcb evaluate (issue 4)")
struct YearEndRunTests {
    func grade(_ officer: UUID, _ year: Int, _ grade: Grade, on db: any Database) async throws {
        let model = GradeModel()
        model.$officer.id = officer
        model.year = year
        model.grade = grade.rawValue
        model.reason = GradeReason.evaluated.rawValue
        model.comment = ""
        model.criteriaNotes = ""
        model.enteredBy = "truongphong"
        try await model.create(on: db)
    }

    @Test func D2_D1_D5_automaticDPatternsRewardsAndEfficiency() async throws {
        try await withWorld { app, province in
            let profile = try await ProfileStore.active(on: app.db)
            try await DemoWorkLogLoader.load(officers: province.officers, agencies: province.agencies, ticketsPerOfficerYear: 3,
                                             seed: 7, profile: profile, today: LocalDate(year: 2026, month: 11, day: 29)!,
                                             on: app, console: app.console)
            // The demo gives canbo2 C, C (2024, 2025) and no 2026 log; canbo A in 2024–2026.
            let b = province.officerB.id!, a = province.officerA.id!

            let dry = try await app.write { try await YearEndRun.run(year: 2026, dryRun: true, now: testNow, profile: profile, actor: "test", on: $0) }
            #expect(dry.automaticD.contains(b.uuidString))
            #expect(!dry.automaticD.contains(a.uuidString))
            #expect(try await GradeModel.query(on: app.db).filter(\.$officer.$id == b).filter(\.$year == 2026).count() == 0)
            #expect(dry.disciplineTriggers.contains { $0.officerId == b.uuidString && $0.pattern == "twoCOneD" && $0.years == [2024, 2025, 2026] })
            #expect(dry.rewardCandidates.contains { $0.officerId == a.uuidString && $0.candidacies == ["certificateOfMerit", "multiYearExcellence"] })
            #expect(dry.efficiency.contains { $0.agencyId == province.agencyA.id!.uuidString && $0.incentiveSpend > 0 })

            let real = try await app.write { try await YearEndRun.run(year: 2026, dryRun: false, now: testNow, profile: profile, actor: "test", on: $0) }
            #expect(real.automaticD == dry.automaticD)
            let written = try #require(try await GradeModel.query(on: app.db).filter(\.$officer.$id == b).filter(\.$year == 2026).first())
            #expect(written.value == .d && written.isAutomatic)
            #expect(written.enteredBy == "test" && written.comment.contains("Điều 15.6") && written.updatedAt != nil)
            let count = try await GradeModel.query(on: app.db).filter(\.$year == 2026).count()
            _ = try await app.write { try await YearEndRun.run(year: 2026, dryRun: false, now: testNow, profile: profile, actor: "test", on: $0) }
            #expect(try await GradeModel.query(on: app.db).filter(\.$year == 2026).count() == count)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "grade.automaticD").count() == real.automaticD.count)
            #expect(try await AuditVerifier.verify(on: app.db).firstBad == nil)
        }
    }

    @Test func D2_aGradeEnteredByAPersonIsNeverOverwritten() async throws {
        try await withWorld { app, province in
            let profile = try await ProfileStore.active(on: app.db)
            let b = province.officerB.id!
            try await grade(b, 2026, .b, on: app.db)
            let report = try await app.write { try await YearEndRun.run(year: 2026, dryRun: false, now: testNow, profile: profile, actor: "test", on: $0) }
            #expect(!report.automaticD.contains(b.uuidString))
            #expect(try await GradeModel.query(on: app.db).filter(\.$officer.$id == b).filter(\.$year == 2026).first()?.value == .b)
        }
    }

    /// D1 reads each officer's whole history: the database folds it into one row per officer, in no
    /// particular order; the fold must give exactly what the table holds, row by row.
    @Test func D1_eachOfficersWholeHistoryIsReadAsTheTableHoldsIt() async throws {
        try await withWorld { app, province in
            let a = province.officerA.id!, b = province.officerB.id!
            for (year, value) in [(2021, Grade.c), (2019, .a), (2020, .d)] { try await grade(a, year, value, on: app.db) }
            try await grade(b, 2020, .b, on: app.db)
            try await YearEndRun.writeAutomaticD([b], year: 2021, actor: "test", on: app.db)
            let odd = GradeModel()
            odd.$officer.id = b
            odd.year = 2022
            odd.grade = "E"  // not a grade: skipped, as it always was
            odd.reason = GradeReason.evaluated.rawValue
            odd.comment = ""
            odd.criteriaNotes = ""
            odd.enteredBy = "test"
            try await odd.create(on: app.db)

            var expected: [UUID: [Int: Grade]] = [:]
            for row in try await GradeModel.query(on: app.db).all() {
                if let value = Grade(rawValue: row.grade) { expected[row.$officer.id, default: [:]][row.year] = value }
            }
            for year in [2020, 2021, 2022] {
                let folded = try await YearEndRun.gradeHistories(year: year, on: app.db)
                #expect(Dictionary(folded.map { ($0.officer, $0.grades) }, uniquingKeysWith: { $1 }).filter { !$0.value.isEmpty } == expected)
                let evaluated = Set(folded.filter(\.evaluatedThisYear).map(\.officer))
                // 2021: b's grade is the automatic D, not an evaluation; 2022: b's "E" is no grade.
                #expect(evaluated.contains(a) == (year != 2022))
                #expect(evaluated.contains(b) == (year == 2020))
            }
            #expect(expected[a] == [2019: .a, 2020: .d, 2021: .c])
            #expect(YearEndRun.gradeHistory("2021:C,2019:A,2020:D") == YearEndRun.gradeHistory("2019:A,2020:D,2021:C"))
            #expect(YearEndRun.gradeHistory("2019:A,x:B,2020:,2021:E,:C") == [2019: .a])
            #expect(YearEndRun.gradeHistory("").isEmpty)
        }
    }

    @Test func D2_beforeTheDeadlineNobodyIsGradedD() async throws {
        try await withWorld { app, _ in
            let profile = try await ProfileStore.active(on: app.db)
            let report = try await app.write { try await YearEndRun.run(year: 2027, dryRun: false, now: testNow, profile: profile, actor: "test", on: $0) }
            #expect(report.automaticD.isEmpty)
        }
    }
}

@Suite("Grades API and publication (issue 4 §3, §10)")
struct GradeAPITests {
    let api = APITests()

    @Test func D4_gradesStayWithTheAuthorityUntilPublished_thenCorrectionsNeedAReason() async throws {
        try await withWorld { app, province in
            let a = province.officerA.id!.uuidString
            let authority = try await api.token(app, "truongphong")
            let put = try await api.call(app, .PUT, "/api/v1/officers/\(a)/grades/2026", token: authority,
                                         json: #"{"grade":"B","comment":"Hoàn thành tốt nhiệm vụ"}"#)
            #expect(put.status == .ok)
            let officer = try await api.token(app, "canbo")
            let head = try await api.token(app, "thutruong")
            let outsider = try await api.token(app, "canbo2")
            #expect(try await api.call(app, .PUT, "/api/v1/officers/\(a)/grades/2026", token: officer, json: #"{"grade":"A"}"#).status == .forbidden)
            #expect(try await api.call(app, .GET, "/api/v1/officers/\(a)/grades", token: outsider).status == .forbidden)
            func visible(_ token: String) async throws -> Int {
                let response = try await api.call(app, .GET, "/api/v1/officers/\(a)/grades", token: token)
                return (try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [Any])?.count ?? -1
            }
            #expect(try await visible(authority) == 1)
            #expect(try await visible(officer) == 0)
            #expect(try await visible(head) == 0)
            let year = try #require(try await EvaluationYearModel.query(on: app.db).filter(\.$year == 2026).first())
            #expect(year.state == "grading")
            year.state = "published"
            try await year.save(on: app.db)
            #expect(try await visible(officer) == 1)
            #expect(try await visible(head) == 1)
            let noReason = try await api.call(app, .PUT, "/api/v1/officers/\(a)/grades/2026", token: authority, json: #"{"grade":"A"}"#)
            #expect(noReason.status == .unprocessableEntity)
            let corrected = try await api.call(app, .PUT, "/api/v1/officers/\(a)/grades/2026", token: authority,
                                               json: #"{"grade":"A","correctionReason":"Bổ sung sáng kiến được công nhận"}"#)
            #expect(corrected.status == .ok)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "grade.correct").count() == 1)
        }
    }

    @Test func R15_6b_evaluationYearShowsItsDatesAndState() async throws {
        try await withWorld { app, _ in
            let token = try await api.token(app, "giamdoc")
            let past = try api.object(try await api.call(app, .GET, "/api/v1/evaluation-years/2026", token: token))
            #expect(past["state"] as? String == "deadlinePassed")
            #expect(past["workLogDeadline"] as? String == "2026-10-01")
            #expect(past["resultsDeadline"] as? String == "2026-11-15")
            let current = try api.object(try await api.call(app, .GET, "/api/v1/evaluation-years/2027", token: token))
            #expect(current["state"] as? String == "open")
            #expect(current["periodStart"] as? String == "2026-10-01")
        }
    }
}
