@testable import App
import Domain
import Fluent
import Foundation
import Testing

/// The year's results page (Art. 16): the cessation proposals, the heads' tasks and the reward
/// candidacies, each list shown a page at a time in the order of its officers' names; a decision
/// returns to the pages it was made on.
@Suite("The results page of an evaluation year")
struct EvaluationResultsPageTests {
    @Test func R16_2_rewardCandidaciesArePagedInTheOrderOfTheirOfficersNames() async throws {
        try await withWorld { app, province in
            let officers = province.officers
            #expect(officers.count >= 2)
            let count = EvaluationResults.perPage + 7
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
            #expect(shown(first) == Array(expected.prefix(EvaluationResults.perPage)))
            #expect(shown(second) == Array(expected.dropFirst(EvaluationResults.perPage)))
            #expect(first.contains("Trang 1/2 · \(count) bản ghi") && first.contains("href=\"/danh-gia/2025/ket-qua?page=2#khen-thuong\""))
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

    /// Issue 14: the results lists read no ticket, so they are kept at the head without tickets (ADR
    /// 0020): with the candidacies taken away and a ticket recorded, the page is the one kept; a
    /// decision moves the head and shows at once.
    @Test func R16_2_theResultsListsAreNotReadAgainAfterATicketButAreAfterADecision() async throws {
        try await withWorld { app, province in
            var ids: [UUID] = []
            for (index, officer) in province.officers.prefix(3).enumerated() {
                let candidate = RewardCandidateModel()
                (candidate.$officer.id, candidate.year, candidate.candidacy) = (officer.id!, 2025, "thử \(index)")
                (candidate.decision, candidate.decisionNote) = ("", "")
                try await candidate.create(on: app.db)
                ids.append(candidate.id!)
            }
            let authority = try await Browser.signedIn(app, as: "truongphong")
            let path = "/danh-gia/2025/ket-qua"
            let first = try await KeptPagesTests.bodies([(authority, path)])
            #expect(first[0].contains("thử 2") && !first[0].contains("Đồng ý khen thưởng ·"))
            _ = try await KeptPagesTests.recordTicket(app)
            #expect(try await KeptPagesTests.readWithout(RewardCandidateModel.schema, [(authority, path)], on: app) == first,
                    "a ticket does not read the lists again")
            var deciding = authority
            let decided = try await deciding.post("/danh-gia/2025/khen-thuong/\(ids[0].canonicalText)", ["decision": "approved", "note": ""])
            #expect(decided.status == .seeOther)
            #expect(try await KeptPagesTests.bodies([(authority, path)]) != first, "a decision shows at once")
        }
    }

    @Test func R16_3b_proposalsAndHeadTasksArePagedEachOnItsOwnInTheOrderOfTheirOfficersNames() async throws {
        try await withWorld { app, province in
            let officers = province.officers
            let headsAgency = province.officerB.$agency.id
            let count = EvaluationResults.perPage + 7
            for index in 0..<count {
                let officer = officers[(index * 7) % officers.count]
                let proposal = CessationProposalModel()
                proposal.$officer.id = officer.id!
                (proposal.agencyID, proposal.year, proposal.pattern, proposal.window) = (officer.$agency.id, 2025, "thử \(index)", "2023,2024,2025")
                try await proposal.create(on: app.db)
                let task = HeadTaskModel()
                task.$officer.id = officer.id!
                (task.agencyID, task.year, task.kind, task.note) = (headsAgency, 2025, DisciplineOutcome.HeadTask.reassignDuties.rawValue, "")
                try await task.create(on: app.db)
            }
            // The head reads the year's results once they are published.
            let cycle = try await EvaluationYearModel.query(on: app.db).filter(\.$year == 2025).first() ?? EvaluationYearModel()
            (cycle.year, cycle.state, cycle.publishedAt) = (2025, EvaluationStage.published.rawValue, testNow)
            if cycle.id == nil { (cycle.criteria, cycle.steps) = ("", "") }
            try await cycle.save(on: app.db)

            let names = Dictionary(uniqueKeysWithValues: officers.map { ($0.id!, $0.nameSortKey) })
            func inOrder(_ rows: [(officer: UUID, id: UUID)]) -> [String] {
                rows.sorted { (names[$0.officer]!, $0.id.uuidString) < (names[$1.officer]!, $1.id.uuidString) }.map { $0.id.canonicalText }
            }
            let proposals = inOrder(try await CessationProposalModel.query(on: app.db).filter(\.$year == 2025).all().map { ($0.$officer.id, $0.id!) })
            let tasks = inOrder(try await HeadTaskModel.query(on: app.db).filter(\.$year == 2025).all().map { ($0.$officer.id, $0.id!) })
            #expect(proposals.count == count && tasks.count == count)
            let per = EvaluationResults.perPage
            let shownProposals = { (html: String) in html.matches(of: /\/danh-gia\/2025\/de-xuat\/([0-9A-Fa-f-]{36})\/van-ban\.pdf/).map { String($0.output.1) } }
            let shownTasks = { (html: String) in html.matches(of: /action="\/danh-gia\/2025\/nhiem-vu\/([0-9A-Fa-f-]{36})"/).map { String($0.output.1) } }

            var authority = try await Browser.signedIn(app, as: "truongphong")
            let first = try await authority.get("/danh-gia/2025/ket-qua").body.string
            let second = try await authority.get("/danh-gia/2025/ket-qua?de-xuat=2").body.string
            #expect(shownProposals(first) == Array(proposals.prefix(per)))
            #expect(shownProposals(second) == Array(proposals.dropFirst(per)))
            #expect(first.contains("Trang 1/2 · \(count) bản ghi"))
            // Each pager moves its own list and keeps the others where they are.
            #expect(second.contains("href=\"/danh-gia/2025/ket-qua#de-xuat\">‹ Trang trước"))
            #expect(second.contains("href=\"/danh-gia/2025/ket-qua?de-xuat=2&amp;nhiem-vu=2#nhiem-vu\">Trang sau"))
            let past = try await authority.get("/danh-gia/2025/ket-qua?de-xuat=9&nhiem-vu=3")
            #expect(past.status == .seeOther && past.headers.first(name: .location) == "/danh-gia/2025/ket-qua?de-xuat=2&nhiem-vu=2")
            for wrong in ["de-xuat=abc", "nhiem-vu=0", "nhiem-vu=99999999999999999999"] {
                #expect(try await authority.get("/danh-gia/2025/ket-qua?\(wrong)").status == .badRequest, "\(wrong)")
            }

            var head = try await Browser.signedIn(app, as: "thutruong2")
            let headFirst = try await head.get("/danh-gia/2025/ket-qua").body.string
            let headSecond = try await head.get("/danh-gia/2025/ket-qua?nhiem-vu=2&de-xuat=2&page=2").body.string
            #expect(shownTasks(headFirst) == Array(tasks.prefix(per)))
            #expect(shownTasks(headSecond) == Array(tasks.dropFirst(per)), "a head's other page numbers are not pages of theirs")
            #expect(shownProposals(headFirst).isEmpty && !headFirst.contains("id=\"khen-thuong\""))
            let returns = "<input type=\"hidden\" name=\"de-xuat\" value=\"1\"><input type=\"hidden\" name=\"nhiem-vu\" value=\"2\"><input type=\"hidden\" name=\"page\" value=\"1\">"
            #expect(headSecond.components(separatedBy: returns).count - 1 == shownTasks(headSecond).count, "each form returns to its pages")
            let done = try await head.post("/danh-gia/2025/nhiem-vu/\(tasks.last!)", ["note": "Đã bố trí", "de-xuat": "1", "nhiem-vu": "2", "page": "1"])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/danh-gia/2025/ket-qua?nhiem-vu=2")
            #expect(try await head.get("/danh-gia/2025/ket-qua?nhiem-vu=2").body.string.contains("✔ "), "the task done is shown on its page")

            // Another head's reach holds none of these tasks: no row and no pager.
            var otherHead = try await Browser.signedIn(app, as: "thutruong")
            let other = try await otherHead.get("/danh-gia/2025/ket-qua").body.string
            #expect(other.contains("Không có nhiệm vụ nào.") && !other.contains("class=\"pager\""))
        }
    }
}
