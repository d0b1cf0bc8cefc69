@testable import App
import Domain
import Foundation
import Testing
import VaporTesting

/// Issue 14: no reader computes the whole province's staffing report (Art. 11.1). `qlcb serve`
/// computes this year's as it starts (`StaffingWarmup`); the pages and the API that read it first
/// find it computed. The real process is tested in e2e/test_warm_start.py.
@Suite("The staffing report computed as the server starts")
struct StaffingWarmupTests {
    @Test func R11_1_theStaffingReportIsComputedAtStartSoNoPageOrAPIReadComputesTheProvince() async throws {
        try await withWorld { app, _ in
            let cache = app.staffingCache
            #expect(cache.computations == 0, "the tests' applications do not warm it: they count computations")
            let year = try await StaffingWarmup.warm(app)
            #expect(year == 2026)
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
}
