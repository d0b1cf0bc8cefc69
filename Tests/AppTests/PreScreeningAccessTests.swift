@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// D8, R-12.2: who sees an interview request and its result. Every role D8 does not name meets a
/// refusal on the page, the API, the report and the dossier's files, and never finds the request in a list.
@Suite("Pre-screening confidentiality (D8, R-12.2)")
struct PreScreeningAccessTests {
    typealias F = PreScreeningFixture

    /// Everyone in the demo but the agency's head, the IT division's head and the director.
    static let outsiders = ["canbo", "nhanvien", "ketoan", "tochuc", "sotttt", "noivu", "taichinh", "admin", "thutruong2", "canbo2"]

    @Test func D8_R12_2_nobodyElseSeesTheRequestOrItsResult_onPageAPIPDFDossierOrList() async throws {
        try await withWorld { app, province in
            let r = try await F.request(app, province, format: .divisionReportOnly, to: .reported)
            let id = r.id!.uuidString
            let file = try #require(try await InterviewFileModel.query(on: app.db).filter(\.$request.$id == r.id!).first())
            let refused: Set<UInt> = [403, 404]
            for username in Self.outsiders {
                var browser = try await Browser.signedIn(app, as: username)
                for path in ["/so-tuyen/\(id)", "/so-tuyen/\(id)/mau-1.pdf", "/so-tuyen/\(id)/mau-2.pdf", "/so-tuyen/\(id)/ho-so/\(file.id!.uuidString)"] {
                    let status = try await browser.get(path).status.code
                    #expect(refused.contains(status), "\(username) \(path) → \(status)")
                }
                let list = try await browser.get("/so-tuyen")
                #expect(refused.contains(list.status.code) || !list.body.string.contains("Lê Hoàng Phúc"), "\(username) thấy trong danh sách")
                #expect(!(try await browser.get("/").body.string.contains("Lê Hoàng Phúc")))
                let token = try await F.token(app, username)
                for path in ["/api/v1/interview-requests/\(id)", "/api/v1/interview-requests/\(id)/report.pdf", "/api/v1/interview-requests/\(id)/request.pdf"] {
                    let status = try await F.call(app, .GET, path, token: token).status.code
                    #expect(refused.contains(status), "\(username) \(path) → \(status)")
                }
            }
        }
    }

    @Test func D8_theDirectorSeesTheRequestButTheHighConfidentialityResultOnlyWithTheConfirmedFormat() async throws {
        try await withWorld { app, province in
            let quiet = try await F.request(app, province, format: .divisionReportOnly, to: .reported)
            let open = try await F.request(app, province, format: .confirmed, to: .reported, name: "Nguyễn Thị Mai")
            var director = try await Browser.signedIn(app, as: "giamdoc")
            let page = try await director.get("/so-tuyen/\(quiet.id!.uuidString)")
            #expect(page.status == .ok && page.body.string.contains("Lê Hoàng Phúc"))
            #expect(!page.body.string.contains("7,5/10") && !page.body.string.contains("Nắm vững mạng máy tính") && !page.body.string.contains("mau-2.pdf"))
            #expect(try await director.get("/so-tuyen/\(quiet.id!.uuidString)/mau-2.pdf").status == .forbidden)
            let token = try await F.token(app, "giamdoc")
            let api = try await F.call(app, .GET, "/api/v1/interview-requests/\(quiet.id!.uuidString)", token: token)
            #expect(api.status == .ok && !api.body.string.contains("\"scores\"") && !api.body.string.contains("\"recommendation\""))
            #expect(try await F.call(app, .GET, "/api/v1/interview-requests/\(quiet.id!.uuidString)/report.pdf", token: token).status == .forbidden)
            let confirmed = try await director.get("/so-tuyen/\(open.id!.uuidString)")
            #expect(confirmed.body.string.contains("7,5/10"))
            #expect(try await director.get("/so-tuyen/\(open.id!.uuidString)/mau-2.pdf").status == .ok)
            for username in ["thutruong", "truongphong"] {
                var reader = try await Browser.signedIn(app, as: username)
                #expect(try await reader.get("/so-tuyen/\(quiet.id!.uuidString)").body.string.contains("7,5/10"), "\(username)")
                #expect(try await reader.get("/so-tuyen").body.string.contains("Lê Hoàng Phúc"), "\(username)")
            }
        }
    }

    @Test func D8_thePolicyNamesTheSameReadersForOneRequestAndForTheList() {
        let agency = UUID(), other = UUID()
        for role in Role.allCases {
            for place in [agency, other] {
                let policy = AccessPolicy(grants: [RoleGrant(role: role, agencyID: role.isAgencyScoped ? agency : nil)])
                let one = policy.interviewAccess(.init(agencyID: place, format: .divisionReportOnly, stage: .reported, assigneeUserID: nil),
                                                 viewerUserID: UUID()).read
                let listed = policy.interviewListAgencies.map { $0.contains(place) } ?? true
                #expect(one == listed, "\(role) \(place == agency ? "cơ quan mình" : "cơ quan khác")")
                #expect(policy.opens(.preScreening) || !one, "\(role)")
            }
        }
    }

    @Test func D8_onlyTheAssignedDivisionHeadScoresAndOnlyTheRequestingHeadDecides() {
        let agency = UUID(), me = UUID()
        let division = AccessPolicy(grants: [RoleGrant(role: .itDivisionHead)])
        let facts = InterviewAccess.Facts(agencyID: agency, format: .confirmed, stage: .scheduled, assigneeUserID: me)
        #expect(division.interviewAccess(facts, viewerUserID: me).score)
        #expect(!division.interviewAccess(facts, viewerUserID: UUID()).score)
        let governing = AccessPolicy(grants: [RoleGrant(role: .agencyHead, agencyID: UUID())])
        let reported = InterviewAccess.Facts(agencyID: agency, format: .confirmed, stage: .reported, assigneeUserID: me)
        #expect(!governing.interviewAccess(reported, viewerUserID: me).read)
        #expect(AccessPolicy(grants: [RoleGrant(role: .agencyHead, agencyID: agency)]).interviewAccess(reported, viewerUserID: me).decide)
    }
}
