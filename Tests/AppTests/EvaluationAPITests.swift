@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite("Evaluation API (issue 4 §11)")
struct EvaluationAPITests {
    let api = APITests()
    let cycle = EvaluationCycleTests()

    @Test func stepsResultsEfficiencyAndEvidenceWithThePagesPermissions() async throws {
        try await cycle.world { app, province in
            let authority = try await api.token(app, "truongphong")
            let officer = try await api.token(app, "canbo2")
            let head = try await api.token(app, "thutruong2")
            let b = province.officerB.id!.uuidString
            #expect(try await api.call(app, .POST, "/api/v1/evaluation-years/2026/steps", token: officer, json: #"{"step":"closeDeadline"}"#).status == .forbidden)
            let early = try await api.call(app, .POST, "/api/v1/evaluation-years/2026/steps", token: authority, json: #"{"step":"publish"}"#)
            #expect(early.status == .unprocessableEntity)
            #expect((try api.object(early)["errors"] as? [String: String])?["step"]?.contains("không thể") == true)
            #expect(try await api.call(app, .GET, "/api/v1/officers/\(b)/evidence/2026", token: officer).status == .forbidden)
            #expect(try await api.call(app, .GET, "/api/v1/evaluation-years/2026/results", token: head).status == .forbidden)
            let closed = try await api.call(app, .POST, "/api/v1/evaluation-years/2026/steps", token: authority, json: #"{"step":"closeDeadline"}"#)
            #expect(try api.object(closed)["state"] as? String == "deadlinePassed")
            _ = try await api.call(app, .POST, "/api/v1/evaluation-years/2026/steps", token: authority, json: #"{"step":"startGrading"}"#)
            let graded = Set(try await GradeModel.query(on: app.db).filter(\.$year == 2026).all(\.$officer.$id))
            let profile = try await ProfileStore.active(on: app.db)
            for o in try await EvaluationService.evaluable(year: 2026, profile: profile, on: app.db) where !graded.contains(o.id!) {
                #expect(try await api.call(app, .PUT, "/api/v1/officers/\(o.id!.uuidString)/grades/2026", token: authority,
                                           json: #"{"grade":"B"}"#).status == .ok)
            }
            let published = try await api.call(app, .POST, "/api/v1/evaluation-years/2026/steps", token: authority, json: #"{"step":"publish"}"#)
            #expect(try api.object(published)["state"] as? String == "published")

            let results = try api.object(try await api.call(app, .GET, "/api/v1/evaluation-years/2026/results", token: authority))
            let proposals = try #require(results["proposals"] as? [[String: Any]])
            #expect(proposals.contains { $0["officerId"] as? String == b && $0["pattern"] as? String == "twoCOneD" && $0["years"] as? [Int] == [2024, 2025, 2026] })
            #expect((results["rewardCandidates"] as? [[String: Any]])?.contains { $0["officerId"] as? String == province.officerA.id!.uuidString } == true)
            let forHead = try api.object(try await api.call(app, .GET, "/api/v1/evaluation-years/2026/results", token: head))
            #expect((forHead["proposals"] as? [Any])?.isEmpty == true)
            #expect((forHead["rewardCandidates"] as? [Any])?.isEmpty == true)
            let tasks = try #require(forHead["headTasks"] as? [[String: Any]])
            #expect(tasks.filter { $0["officerId"] as? String == b }.count == 2)
            #expect(!tasks.contains { $0["agencyId"] as? String == province.agencyA.id!.uuidString })

            let proposalID = try #require(proposals.first { $0["officerId"] as? String == b }?["id"] as? String)
            let sign = "/api/v1/evaluation-years/2026/proposals/\(proposalID)/signature"
            #expect(try await api.call(app, .POST, sign, token: head).status == .forbidden)
            let signed = try api.object(try await api.call(app, .POST, sign, token: try await api.token(app, "noivu")))
            #expect(signed["signedByHomeAffairs"] as? Bool == true && signed["signedByAuthority"] as? Bool == false)
            let taskID = try #require(tasks.first { $0["officerId"] as? String == b }?["id"] as? String)
            let done = try await api.call(app, .POST, "/api/v1/evaluation-years/2026/head-tasks/\(taskID)/completion", token: head,
                                          json: #"{"note":"Đã bố trí làm văn thư"}"#)
            #expect(try api.object(done)["done"] as? Bool == true)
            let rewardID = try #require((results["rewardCandidates"] as? [[String: Any]])?.first?["id"] as? String)
            let decision = "/api/v1/evaluation-years/2026/reward-candidates/\(rewardID)/decision"
            #expect(try await api.call(app, .POST, decision, token: head, json: #"{"decision":"approved"}"#).status == .forbidden)
            let decided = try await api.call(app, .POST, decision, token: authority, json: #"{"decision":"declined","note":"Chưa đủ thành tích"}"#)
            #expect(try api.object(decided)["decision"] as? String == "declined")

            let efficiency = try await api.call(app, .GET, "/api/v1/evaluation-years/2026/efficiency", token: authority)
            #expect((try JSONSerialization.jsonObject(with: Data(efficiency.body.string.utf8)) as? [Any])?.isEmpty == false)
            #expect(try await api.call(app, .GET, "/api/v1/evaluation-years/2026/efficiency", token: officer).status == .forbidden)
            #expect(try await api.call(app, .GET, "/api/v1/officers/\(b)/evidence/2026", token: officer).status == .ok)
            #expect(try await api.call(app, .GET, "/api/v1/officers/\(province.officerA.id!.uuidString)/evidence/2026", token: officer).status == .forbidden)
        }
    }
}
