@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// The text of a PDF answer, white space collapsed (poppler's pdftotext).
func pdfText(_ response: TestingHTTPResponse) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-app-\(UUID().uuidString).pdf")
    try Data(response.body.readableBytesView).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
    process.arguments = ["-layout", url.path, "-"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// Issue 10 §5 and ADR 0010: the papers of a published year print with the profile kept at its
/// publication (decisions.md: "a year already evaluated keeps the profile values it was evaluated
/// under"); other years with the active profile. The regulation is cited with its issuer.
@Suite("Papers and the profile of their year (ADR 0010)")
struct PaperProfileTests {
    let cycle = EvaluationCycleTests()

    /// The administrator activates the Ho Chi Minh City profile with a named signer.
    func switchToHoChiMinhCity(_ app: Application) async throws {
        var admin = try await Browser.signedIn(app, as: "admin")
        var form = AdminTests().fields(ProfileAdmin.Input(RegulationProfile.hoChiMinh2025))
        form["authoritySignerCapacity"] = "KT. Giám đốc"
        form["authoritySignerPosition"] = "Phó Giám đốc"
        form["authoritySignerName"] = "Lê Văn Hai"
        form["activate"] = "1"
        #expect(try await admin.post("/quan-tri/quy-dinh", form).status == .seeOther)
    }

    @Test func yearAlreadyEvaluatedKeepsItsProfile_papersPrintWithTheProfileOfItsPublication() async throws {
        try await cycle.world { app, province in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            try await cycle.publish(app, &authority)
            let kept = try #require(try await ProfileSnapshotModel.query(on: app.db).filter(\.$year == 2026).first())
            #expect(kept.code == "binh-duong-30-2013" && kept.takenAt == testNow)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "profile.snapshot").all()
            #expect(audit.count == 1 && audit.first?.after.hasPrefix("2026: {") == true)
            try await switchToHoChiMinhCity(app)
            let page = try await authority.get("/danh-gia/2026").body.string
            #expect(page.contains("Văn bản của năm 2026 in theo bộ quy định lưu khi công bố kết quả: Quyết định 30/2013/QĐ-UBND tỉnh Bình Dương."))

            let agency = province.officerB.$agency.id.uuidString
            let published = try pdfText(try await authority.get("/danh-gia/2026/thong-bao/\(agency).pdf"))
            let missing = firstMissingText(["UBND TỈNH BÌNH DƯƠNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Bình Dương, ngày 29 tháng 11 năm 2026",
                                            "của Ủy ban nhân dân tỉnh Bình Dương", "GIÁM ĐỐC", "……"], in: published)
            #expect(missing == nil, "\(missing ?? "") in \(published)")
            #expect(!published.contains("Hồ Chí Minh") && !published.contains("Lê Văn Hai"))
            let rewards = try pdfText(try await authority.get("/danh-gia/2026/khen-thuong.pdf"))
            #expect(rewards.contains("SỞ THÔNG TIN VÀ TRUYỀN THÔNG") && !rewards.contains("Hồ Chí Minh"))
            let book = try pdfText(try await authority.get("/so-cong-tac/\(province.officerA.id!.uuidString)/2026/so-cong-tac.pdf"))
            #expect(book.contains("Bình Dương, tháng") && !book.contains("Hồ Chí Minh"), "\(book)")

            let current = try pdfText(try await authority.get("/danh-gia/2027/thong-bao/\(agency).pdf"))
            let missingNow = firstMissingText(["UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                                               "Thành phố Hồ Chí Minh, ngày 29 tháng 11 năm 2026",
                                               "Quyết định số 30/2013/QĐ-UBND ngày 08/10/2013 của Ủy ban nhân dân tỉnh Bình Dương",
                                               "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Hai"], in: current)
            #expect(missingNow == nil, "\(missingNow ?? "") in \(current)")
            var officer = try await Browser.signedIn(app, as: "canbo")  // the log of 2027 is not submitted yet: its officer prints it
            let bookNow = try pdfText(try await officer.get("/so-cong-tac/\(province.officerA.id!.uuidString)/2027/so-cong-tac.pdf"))
            #expect(bookNow.contains("Thành phố Hồ Chí Minh"))
        }
    }

    /// The snapshot is written with the publication or not at all: a refused publication keeps none.
    @Test func yearNotPublishedKeepsNoProfile_papersPrintWithTheActiveOne() async throws {
        try await cycle.world { app, _ in
            var authority = try await Browser.signedIn(app, as: "truongphong")
            #expect(try await cycle.step(&authority, "closeDeadline").status == .seeOther)
            #expect(try await cycle.step(&authority, "startGrading").status == .seeOther)
            #expect(try await cycle.step(&authority, "publish").status == .unprocessableEntity)
            #expect(try await ProfileSnapshotModel.query(on: app.db).count() == 0)
            #expect(try await ProfileStore.snapshot(year: 2026, on: app.db) == nil)
        }
    }
}

/// The first of `needles` not found in `haystack` after the previous one.
func firstMissingText(_ needles: [String], in haystack: String) -> String? {
    var rest = haystack[...]
    for needle in needles {
        guard let range = rest.range(of: needle) else { return needle }
        rest = rest[range.upperBound...]
    }
    return nil
}
