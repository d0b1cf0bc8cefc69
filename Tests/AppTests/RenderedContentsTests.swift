@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 14, ADR 0023: a page's content is rendered once for each distinct body, and is what a fresh
/// rendering of that body gives — a change of any value shows at once, each viewer's own values
/// (their links, their form token) stay theirs.
@Suite("Contents rendered once for each distinct body")
struct RenderedContentsTests {
    static let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Resources/Views").standardizedFileURL

    /// Every template that does not extend the frame is a content or a part of one: rendered with the
    /// body alone, it must read no value of the frame (a `#(layout.csrf)` there would print nothing).
    @Test func aContentTemplateReadsNoValueOfTheFrame() throws {
        let files = FileManager.default.enumerator(at: Self.views, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "leaf" } ?? []
        #expect(files.count > 20)
        var contents = 0
        for file in files where file.lastPathComponent != "base.leaf" {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard !text.contains("#extend(\"base\")") else { continue }
            contents += 1
            #expect(!text.contains("layout."), "\(file.lastPathComponent) đọc giá trị của khung trang")
        }
        #expect(contents >= 6)
    }

    @Test func aPageIsItsFrameWithTheContentAtItsPlaceAndTheTokenEscapedAtEachOfItsPlaces() {
        let (token, content) = (RenderedContents.tokenHole, RenderedContents.contentHole)
        let frame = ByteBuffer(string: "<form>\(token)</form><main>\(content)</main>")
        let body = ByteBuffer(string: "\(token)<a>\u{1}csrf \(content)Đánh giá\(token)")
        let cut = { (html: ByteBuffer, holes: [RenderedContents.Rendered.Part]) in
            RenderedContents.Rendered(parts: RenderedContents.cut(html, at: holes), byteCount: html.readableBytes)
        }
        let page = cut(frame, [.token, .content]).page(content: cut(body, [.token]), token: "a&b")
        #expect(String(buffer: page) == "<form>a&amp;b</form><main>a&amp;b<a>\u{1}csrf \(content)Đánh giá" + "a&amp;b</main>")
        let plain = ByteBuffer(string: "Không có chỗ nào")
        #expect(String(buffer: cut(plain, [.token]).page(content: cut(plain, [.token]), token: "t")) == "Không có chỗ nào")
    }

    @Test func R11_1_theStaffingPageIsRenderedOnceForItsDataAndAChangedNameShowsAtOnce() async throws {
        try await withWorld { app, province in
            let rendered = { app.renderedContents.renderings(of: "staffing") }
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let before = rendered()
            let query = "/bien-che?q=" + (VietnameseText.fold(province.agencyA.name).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let first = try await authority.get(query).body.string
            #expect(rendered() == before + 1)
            let again = try await authority.get(query).body.string
            #expect(rendered() == before + 1, "cùng dữ liệu thì không dựng lại")
            #expect(again == first)
            #expect(first.components(separatedBy: "<!doctype html>").count == 2, "một khung trang")
            #expect(first.contains(province.agencyA.name))

            // Another session of the same person: the same content, in a frame with its own token.
            var other = try await Browser.signedIn(app, as: "sotttt")
            let theirs = try await other.get(query).body.string
            #expect(rendered() == before + 1)
            #expect(other.csrf != authority.csrf && theirs.contains("value=\"\(other.csrf ?? "-")\""))
            #expect(!theirs.contains("value=\"\(authority.csrf ?? "-")\""))

            // A renamed agency is new data: rendered again, with its new name.
            let id = province.agencyA.id!.uuidString
            var form = AgencyTests().validForm(province.agencyA.name + " (đổi tên)")
            form["version"] = "1"
            form["kind"] = province.agencyA.input.kind
            #expect(try await authority.post("/co-quan/\(id)", form).status == .seeOther)
            let renamed = try await authority.get(query).body.string
            #expect(rendered() == before + 2)
            #expect(renamed.contains(province.agencyA.name + " (đổi tên)"))
        }
    }

    /// A write that changes nothing a page shows moves the audit head, and the rows are read again at
    /// the new head, but the page is the same: it is not rendered again.
    @Test func aWriteElsewhereDoesNotRenderTheSameListAgain() async throws {
        try await withWorld { app, _ in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let first = try await authority.get("/co-quan").body.string
            let before = app.renderedContents.renderings(of: "agencies/index")
            let head = try await AuditLog.head(on: app.db).seq
            #expect(try await authority.post("/tai-khoan/thu-dien-tu", ["email": "sotttt@binhduong.gov.vn"]).status == .seeOther)
            _ = try await authority.get("/tai-khoan")  // where its message is shown
            #expect(try await AuditLog.head(on: app.db).seq > head)
            #expect(try await authority.get("/co-quan").body.string == first)
            #expect(app.renderedContents.renderings(of: "agencies/index") == before)
        }
    }

    /// The finance department sees the same agencies as the authority, but without the links to the
    /// duties pages it may not open (Art. 13.1): a different body, so a content of its own.
    @Test func R13_1_aViewerWhoseLinksDifferGetsAContentOfTheirOwn() async throws {
        try await withWorld { app, province in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            var finance = try await Browser.signedIn(app, as: "taichinh")
            let link = "/co-quan/\(province.agencyA.id!.uuidString)/phan-cong"
            let query = "/bien-che?q=" + (VietnameseText.fold(province.agencyA.name).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let before = app.renderedContents.renderings(of: "staffing")
            #expect(try await authority.get(query).body.string.contains(link))
            #expect(try await !finance.get(query).body.string.contains(link))
            #expect(app.renderedContents.renderings(of: "staffing") == before + 2)
        }
    }

    /// The evaluation year's page holds the authority's forms (the criteria, the next step): each
    /// session's page carries that session's token in every form, and the content is rendered once.
    @Test func theFormTokenInAKeptContentIsTheSessionsOwn() async throws {
        try await withWorld { app, _ in
            var first = try await Browser.signedIn(app, as: "sotttt")
            var second = try await Browser.signedIn(app, as: "sotttt")
            let before = app.renderedContents.renderings(of: "evaluation/year")
            let frames = app.renderedFrames.renderings(of: "frame")
            let a = try await first.get("/danh-gia/2026").body.string
            let b = try await second.get("/danh-gia/2026").body.string
            #expect(app.renderedContents.renderings(of: "evaluation/year") == before + 1)
            #expect(app.renderedFrames.renderings(of: "frame") == frames + 1, "one person, one title: one frame")
            #expect(a.contains("action=\"/danh-gia/2026/tieu-chi\""))
            for (page, token) in [(a, first.csrf), (b, second.csrf)] {
                let tokens = Self.formTokens(page)
                #expect(tokens.count >= 2 && tokens.allSatisfy { $0 == token ?? "-" })
            }
            #expect(first.csrf != second.csrf)
            #expect(![RenderedContents.tokenHole, RenderedContents.contentHole].contains { a.contains($0) || b.contains($0) })
        }
    }

    /// The submission overview holds the authority's exception forms (D2): its content is kept for
    /// its data, each session's page carries that session's token in each form, and an exception
    /// recorded shows at once.
    @Test func D2_theSubmissionOverviewIsKeptForItsDataAndARecordedExceptionShowsAtOnce() async throws {
        try await withWorld { app, _ in
            var first = try await Browser.signedIn(app, as: "truongphong")
            var second = try await Browser.signedIn(app, as: "truongphong")
            let rendered = { app.renderedContents.renderings(of: "worklog/overview") }
            let before = rendered()
            let a = try await first.get("/nop-so?year=2026").body.string
            let b = try await second.get("/nop-so?year=2026").body.string
            #expect(rendered() == before + 1)
            let path = try #require(a.components(separatedBy: "action=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
                .first { $0.hasSuffix("/2026/ngoai-le") }, "the page offers an exception form")
            for (page, token) in [(a, first.csrf), (b, second.csrf)] {
                let tokens = Self.formTokens(page)
                #expect(tokens.count >= 2 && tokens.allSatisfy { $0 == token ?? "-" })
            }
            #expect(!a.contains("Được phép nộp sau hạn"))

            #expect(try await first.post(String(path), ["reason": "Sự cố đường truyền ngày 30/9"]).status == .seeOther)
            let after = try await second.get("/nop-so?year=2026").body.string
            #expect(rendered() == before + 2)
            #expect(after.contains("Được phép nộp sau hạn"))
        }
    }

    /// The form tokens a page's forms carry.
    static func formTokens(_ page: String) -> [Substring] {
        page.components(separatedBy: "name=\"_csrf\" value=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    }
}
