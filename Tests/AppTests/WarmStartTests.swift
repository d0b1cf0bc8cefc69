@testable import App
import Domain
import Foundation
import Testing
import VaporTesting

/// Issue 14: no reader computes the whole province's staffing report (Art. 11.1) or efficiency table
/// (Art. 15.5). `qlcb serve` computes both as it starts (`WarmStart`); the pages and the API that read
/// them first find them computed. The real process is tested in e2e/test_warm_start.py.
@Suite("The province's tables computed as the server starts")
struct WarmStartTests {
    @Test func R11_1_theStaffingReportIsComputedAtStartSoNoPageOrAPIReadComputesTheProvince() async throws {
        try await withWorld { app, _ in
            let cache = app.staffingCache
            #expect(cache.computations == 0, "the tests' applications do not warm it: they count computations")
            #expect(try await WarmStart.staffing(app) == 2026)
            #expect(cache.computations == 1)

            let authority = try await Browser.signedIn(app, as: "sotttt")
            let head = try await Browser.signedIn(app, as: "thutruong2")
            var api = Browser(app)
            api.extraHeaders.bearerAuthorization = .init(token: try await PreScreeningFixture.token(app, "sotttt"))
            let pages = [(authority, "/bien-che"), (head, "/bien-che"), (head, "/"), (api, "/api/v1/staffing"),
                         (authority, "/bien-che?year=2026&q=uy+ban")]
            let bodies = try await KeptPagesTests.bodies(pages)
            for (body, page) in zip(bodies, pages) { #expect(!body.hasPrefix("\(page.1): "), "\(page.1) answered 200") }
            #expect(bodies[0].contains("Ủy ban nhân dân thành phố Dĩ An"))
            #expect(bodies[3].contains("\"agencyName\""))
            #expect(cache.computations == 1, "each read found this year's report computed, under the same threshold")

            // Another year is computed by its first reader, as before.
            _ = try await KeptPagesTests.bodies([(authority, "/bien-che?year=2025")])
            #expect(cache.computations == 2)
        }
    }

    @Test func R15_5_theEfficiencyTableIsComputedAtStartSoNoPageComputesTheProvince() async throws {
        try await withWorld { app, _ in
            let tables = app.efficiencyTables
            #expect(tables.computations == 0)
            let year = try await WarmStart.efficiency(app)
            #expect(year == 2026, "the year under evaluation on 29/11/2026, which /danh-gia opens on")
            #expect(tables.computations == 1)

            var authority = try await Browser.signedIn(app, as: "truongphong")
            #expect(try await authority.get("/danh-gia").headers.first(name: .location) == "/danh-gia/\(year)")
            let head = try await Browser.signedIn(app, as: "thutruong2")
            let pages = [(authority, "/danh-gia/2026/hieu-qua"), (authority, "/danh-gia/2026/hieu-qua?sort=cost&dir=desc"),
                         (head, "/danh-gia/2026/hieu-qua"), (authority, "/danh-gia/2026/hieu-qua?format=csv")]
            let bodies = try await KeptPagesTests.bodies(pages)
            for (body, page) in zip(bodies, pages) { #expect(!body.hasPrefix("\(page.1): "), "\(page.1) answered 200") }
            #expect(bodies[0].contains("<td data-label=\"Cơ quan\"><a"))
            #expect(tables.computations == 1 && tables.updates == 0, "each read found the table computed, under the same key")
        }
    }
}
