@testable import App
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 10 §4: a single-use link is used once, even when answered several times at the same moment,
/// and never by the officer who did the work.
@Suite("Confirmation links (Art. 5 Form 3, issue 10 §4)")
struct ConfirmationLinkTests {
    let work = WorkLogWebTests()

    /// A finished ticket of canbo with a fresh link, and canbo's signed-in browser.
    func finishedTicketWithLink(_ app: Application) async throws -> (WorkTicketModel, String, Browser) {
        var officer = try await Browser.signedIn(app, as: "canbo")
        _ = try await officer.post("/phieu", work.ticketForm(["handling": "Thay mực", "outcomeDeviceFixed": "true",
                                                              "completedOn": "02/09/2026", "requesterName": "Trương Văn Khách"]))
        let ticket = try await work.newest(app)
        #expect(try await officer.post("/phieu/\(ticket.id!.uuidString)/lien-ket", [:]).status == .seeOther)
        let page = try await officer.get("/phieu/\(ticket.id!.uuidString)").body.string
        let start = try #require(page.range(of: "/xac-nhan/")).lowerBound
        let link = String(page[start...].prefix { (c: Character) in c != "<" && c != "\"" })
        return (ticket, link, officer)
    }

    @Test func linkAnsweredInParallelIsUsedOnceTheOthersSeeItAnswered() async throws {
        try await withWorld { app, _ in
            let (ticket, link, _) = try await finishedTicketWithLink(app)
            let answers = ["confirm", "refuse", "confirm", "refuse", "confirm", "confirm"]
            // Everyone has the form open (a guest who opened the link after it was answered would get
            // no form, and so no form token, and be refused for that: not what this test is about),
            // then all answer at the same moment.
            var guests: [Browser] = []
            for _ in answers {
                var guest = Browser(app)
                #expect(try await guest.get(link).body.string.contains("name=\"answer\""))
                guests.append(guest)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (guest, answer) in zip(guests, answers) {
                    group.addTask {
                        var guest = guest
                        return try await guest.post(link, ["answer": answer, "name": "Trương Văn Khách", "reason": "Chưa xong"]).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .gone }.count == answers.count - 1, "\(statuses)")
            let answered = try await AuditEntryModel.query(on: app.db).filter(\.$entityID == ticket.id)
                .filter(\.$action ~~ ["ticket.confirm", "ticket.refuse"]).count()
            #expect(answered == 1)
        }
    }

    @Test func theOfficerWhoDidTheWorkCannotConfirmItThroughTheLink() async throws {
        try await withWorld { app, _ in
            var (ticket, link, officer) = try await finishedTicketWithLink(app)
            let own = try await officer.post(link, ["answer": "confirm", "name": "Trần Minh Khoa"])
            #expect(own.status == .forbidden)
            #expect(own.body.string.contains("không tự xác nhận"))
            #expect(try await WorkTicketModel.find(ticket.id, on: app.db)?.ticketStatus != .confirmed)
            // The link is still there for the requester.
            var guest = Browser(app)
            _ = try await guest.get(link)
            #expect(try await guest.post(link, ["answer": "confirm", "name": "Trương Văn Khách"]).status == .ok)
            #expect(try await WorkTicketModel.find(ticket.id, on: app.db)?.ticketStatus == .confirmed)
        }
    }
}
