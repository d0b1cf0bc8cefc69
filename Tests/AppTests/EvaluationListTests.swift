@testable import App
import Domain
import Fluent
import Foundation
import Testing

/// Issue 14: the evaluation year's list (`/danh-gia/<year>`) read as plain rows, one statement a page.
/// Its order is said in full (name, then id), so namesakes keep their places across pages on every
/// plan — this suite runs again on PostgreSQL with sorted and index-ordered plans turned off.
@Suite("The evaluation year's list, page by page")
struct EvaluationListTests {
    @Test func R15_4_namesakesAreListedOnceEachInIdOrderAcrossPages() async throws {
        try await withWorld { app, _ in
            let profile = try await ProfileStore.active(on: app.db)
            let model = try #require(try await EvaluationService.evaluable(year: 2026, profile: profile, on: app.db).first)
            // Sixty namesakes: more than a page (50) of the same name and sort key.
            for _ in 0..<60 { try await model.copyForTest().create(on: app.db) }
            let namesakes = try await OfficerModel.query(on: app.db).filter(\.$nameFolded == model.nameFolded)
                .filter(\.$scopeStatus == model.scopeStatus).all().map { $0.id!.uuidString }
            #expect(namesakes.count >= 61)

            var authority = try await Browser.signedIn(app, as: "sotttt")
            let q = model.nameFolded.replacingOccurrences(of: " ", with: "+")
            var listed: [String] = []
            for page in 1...3 {
                let html = try await authority.get("/danh-gia/2026?q=\(q)&page=\(page)").body.string
                listed += html.matches(of: /\/danh-gia\/2026\/can-bo\/([0-9A-F-]{36})/).map { String($0.output.1) }
            }
            // Every namesake once, none twice, in the order of their ids (their names sort equal); the
            // search may find longer names too, which sort before or after them.
            #expect(listed.count > 50 && listed.count == Set(listed).count)
            let theirs = listed.filter(Set(namesakes).contains)
            #expect(Set(theirs) == Set(namesakes))
            #expect(theirs == theirs.sorted())
        }
    }
}
