@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11 §5: Vietnamese everywhere. Each demo account opens its pages and a few of each kind
/// linked from them, with the audit log holding an entry of every action; the text a person reads
/// holds no audit code, no JSON, no `Optional(`/`nil`/`true`/`false` and no English word or raw value.
@Suite("Every page reads in Vietnamese (issue 11 §5)")
struct VietnamesePagesTests {
    static let budget = ProcessInfo.processInfo.environment["QLCB_CRAWL_BUDGET"].flatMap(Int.init) ?? 90

    /// One entry of every action the application writes, on the records the demo accounts open.
    static func seedEveryAction(_ app: Application, _ province: DemoProvince.Built) async throws -> [String] {
        // The demo's logs, tickets, evidence, grades and results, as `qlcb demo` loads them.
        try await loadDemoYears(app, province)
        let officer = try #require(province.officerA.id), agency = try #require(province.agencyA.id)
        let head = try #require(try await UserModel.query(on: app.db).filter(\.$username == "thutruong").first())
        let ticket = try await WorkTicketModel.query(on: app.db).filter(\.$officer.$id == officer).first()
        let year = try await EvaluationYearModel.query(on: app.db).first()
        var edited = OfficerInput(), changedTicket = WorkTicketContent(taskGroup: .other, details: "Cài máy in", workKind: .operation,
                                                                        requesterUnit: "Văn phòng", requesterName: "Lý Văn Tài",
                                                                        requestedOn: LocalDate(year: 2026, month: 9, day: 2)!)
        let officerBefore = AuditLog.json(edited), ticketBefore = AuditLog.json(changedTicket)
        edited.phone = "0913 000 111"
        changedTicket.handling = "Thay hộp mực"
        var samples = AuditSentenceTests.samples
        samples["officer.update"] = (officerBefore, AuditLog.json(edited))
        samples["ticket.update"] = (ticketBefore, AuditLog.json(changedTicket))
        samples["ticket.correct"] = (ticketBefore, AuditLog.json(changedTicket, adding: ["correctionReason": "Ghi nhầm"]))
        var pages: [String] = []
        for code in AuditPhrases.codes.sorted() {
            let (before, after) = samples[code] ?? ("", "")
            let (type, id): (String, UUID?) = switch code.split(separator: ".").first ?? "" {
            case "agency", "inspection", "incident": ("agency", agency)
            case "ticket": ("ticket", ticket?.id)
            case "user", "login", "logout", "token": ("user", head.id)
            case "evaluation": ("evaluationYear", year?.id)
            case "permission": ("grade", officer)
            case "demo", "audit", "profile": ("system", nil)
            default: ("officer", officer)
            }
            try await AuditLog.append(AuditEvent(actorID: head.id, actorName: head.username, action: code, entityType: type,
                                                 entityID: id, before: before, after: after), on: app.db)
        }
        pages += ["/can-bo/\(officer)", "/co-quan/\(agency)", "/so-cong-tac/\(officer)/2026", "/danh-gia/2026/can-bo/\(officer)",
                  "/quan-tri/nhat-ky", "/quan-tri/nhat-ky?page=2"]
        if let id = ticket?.id { pages.append("/phieu/\(id)") }
        return pages
    }

    /// The pages an account reads, from its home page and the records above, and what leaks on them.
    static func leaks(_ app: Application, as username: String, starting pages: [String]) async throws -> (leaks: [String], read: Int) {
        var browser = try await Browser.signedIn(app, as: username)
        var queue = ["/"] + pages, seen = Set(queue), shapes: [String: Int] = [:], found: [String] = []
        var fetched = 0, read = 0
        while !queue.isEmpty, fetched < budget {
            let href = queue.removeFirst()
            let response = try await browser.get(href)
            fetched += 1
            guard response.status == .ok, response.headers.contentType?.subType == "html" else { continue }
            let html = response.body.string
            read += 1
            let leaks = VisibleText.leaks(in: VisibleText.of(html))
            if !leaks.isEmpty { found.append("\(username) \(href): \(leaks)") }
            for link in LinkCrawlTests.links(in: html) where !seen.contains(link) && !LinkCrawlTests.shape(link).contains(":file.") {
                seen.insert(link)
                let shape = LinkCrawlTests.shape(link)
                guard shapes[shape, default: 0] < 2 else { continue }
                shapes[shape, default: 0] += 1
                queue.append(link)
            }
        }
        return (found, read)
    }

    @Test(arguments: DemoLoader.accounts.map(\.username))
    func noPageShowsACodeJSONOrEnglish(_ username: String) async throws {
        try await withWorld { app, province in
            let pages = try await Self.seedEveryAction(app, province)
            let (found, read) = try await Self.leaks(app, as: username, starting: pages)
            #expect(read >= 10, "\(username): \(read) trang")
            #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
        }
    }

    @Test func theStripperKeepsOnlyWhatAPersonReads() {
        let html = #"<p title="inProgress">Đang thực hiện<script>var x = {"a": true}</script> &amp; xong</p>"#
        #expect(VisibleText.of(html).trimmingCharacters(in: .whitespaces) == "Đang thực hiện & xong")
        #expect(VisibleText.leaks(in: "Trạng thái: inProgress · worklog.signOff · {\"a\":1} · Optional(3) · nil")
                == ["Optional(", "inProgress", "mã worklog.signOff", "nil", "{\""])
    }
}
