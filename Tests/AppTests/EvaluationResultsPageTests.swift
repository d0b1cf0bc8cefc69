@testable import App
import Domain
import Fluent
import Foundation
import Testing

/// The year's results page (Art. 16): the reward candidacies, thousands in a province, shown a page
/// at a time in the order of their officers' names; a decision returns to the page it was made on.
@Suite("The results page of an evaluation year")
struct EvaluationResultsPageTests {
    @Test func R16_2_rewardCandidaciesArePagedInTheOrderOfTheirOfficersNames() async throws {
        try await withWorld { app, province in
            let officers = province.officers
            #expect(officers.count >= 2)
            let count = EvaluationResults.rewardsPerPage + 7
            for index in 0..<count {
                let candidate = RewardCandidateModel()
                candidate.$officer.id = officers[index % officers.count].id!
                candidate.year = 2025
                candidate.candidacy = "thử \(index)"
                candidate.decision = ""
                candidate.decisionNote = ""
                try await candidate.create(on: app.db)
            }
            let names = Dictionary(uniqueKeysWithValues: officers.map { ($0.id!, $0.nameSortKey) })
            let expected = try await RewardCandidateModel.query(on: app.db).filter(\.$year == 2025).all()
                .sorted { (names[$0.$officer.id]!, $0.id!.uuidString) < (names[$1.$officer.id]!, $1.id!.uuidString) }
                .map { $0.id!.canonicalText }
            #expect(expected.count == count)

            var authority = try await Browser.signedIn(app, as: "truongphong")
            let shown = { (html: String) in html.matches(of: /action="\/danh-gia\/2025\/khen-thuong\/([0-9A-Fa-f-]{36})"/).map { String($0.output.1) } }
            let first = try await authority.get("/danh-gia/2025/ket-qua").body.string
            let second = try await authority.get("/danh-gia/2025/ket-qua?page=2").body.string
            #expect(shown(first) == Array(expected.prefix(EvaluationResults.rewardsPerPage)))
            #expect(shown(second) == Array(expected.dropFirst(EvaluationResults.rewardsPerPage)))
            #expect(first.contains("Trang 1/2 · \(count) bản ghi") && first.contains("href=\"?page=2\""))
            #expect(second.contains("<input type=\"hidden\" name=\"page\" value=\"2\">"))
            #expect(first.contains("name=\"_csrf\" value=\"\(authority.csrf ?? "-")\""), "each form carries the reader's own token")
            let past = try await authority.get("/danh-gia/2025/ket-qua?page=9")
            #expect(past.status == .seeOther && past.headers.first(name: .location) == "/danh-gia/2025/ket-qua?page=2", "the last page")

            let decided = try await authority.post("/danh-gia/2025/khen-thuong/\(expected.last!)",
                                                   ["decision": "approved", "note": "", "page": "2"])
            #expect(decided.status == .seeOther && decided.headers.first(name: .location) == "/danh-gia/2025/ket-qua?page=2")
            let strange = try await authority.post("/danh-gia/2025/khen-thuong/\(expected.first!)",
                                                   ["decision": "declined", "note": "", "page": "99999999999999999999"])
            #expect(strange.status == .seeOther && strange.headers.first(name: .location) == "/danh-gia/2025/ket-qua")
            // The other forms of the page return to it too.
            #expect(second.components(separatedBy: "<input type=\"hidden\" name=\"page\" value=\"2\">").count - 1 == shown(second).count)
        }
    }
}
