import Documents
import Domain
import Fluent
import Foundation
import OpenAPIRuntime
import Vapor

/// The API's PDF documents (issue 5 §3): the same permissions as the records they print.
extension APIHandler {
    func pdf(_ document: OfficialDocument, _ fileName: String, _ req: Request) async throws -> Components.Responses.Pdf {
        let bytes = try await OfficialPapers.render(document, on: req)
        req.storage[DownloadName.self] = fileName
        return .init(body: .pdf(HTTPBody(bytes)))
    }

    func getTicketForm(_ input: Operations.GetTicketForm.Input) async throws -> Operations.GetTicketForm.Output {
        let (req, viewer) = try context()
        let (ticket, access) = try await TicketAPI.load(try uuid(input.path.id), viewer, req)
        let profile = try await req.profile()
        var link: String?
        if access.edit && ticket.ticketStatus == .done {
            let token = try await req.write { try await TicketService.issueLink(for: ticket, by: TicketController.actor(viewer), now: req.now, on: $0) }
            link = OfficialPapers.publicURL("/xac-nhan/\(token)", req: req)
        }
        let sheet = OfficialPapers.ticketSheet(ticket, profile: profile, link: link)
        let name = OfficialPapers.fileName(FormCode.workTicket.fileStem, String(ticket.year), String(format: "%03d", ticket.number ?? 0))
        return .ok(try await pdf(Forms.workTicket(sheet, year: ticket.year), name, req))
    }

    func getWorkLogBook(_ input: Operations.GetWorkLogBook.Input) async throws -> Operations.GetWorkLogBook.Output {
        let (req, viewer) = try context()
        let (officer, profile) = try await TicketAPI.officer(try uuid(input.path.id), req)
        let today = profile.date(of: req.now)
        let view = try await WorkLogService.view(officer: officer, year: input.path.year, profile: profile, today: today, on: req.db)
        let access = try await WorkLogController.access(viewer, officer: officer, submitted: view.log?.receivedAt != nil, on: req.db)
        guard access.read else { throw await req.denied("workLog", entityID: officer.id) }
        let document = try await OfficialPapers.workLogBook(officer, view: view, profile: profile, today: today, on: req.db)
        return .ok(try await pdf(document, OfficialPapers.fileName("so-cong-tac", String(view.year), officer.fullName), req))
    }

    func getCommitmentLetter(_ input: Operations.GetCommitmentLetter.Input) async throws -> Operations.GetCommitmentLetter.Output {
        let (req, viewer) = try context()
        let (officer, place) = try await visibleOfficer(try uuid(input.path.id), req)
        let profile = try await req.profile()
        guard let agency = try await AgencyModel.find(place.id, on: req.db) else { throw NotFound() }
        let governing = try await OfficialPapers.governingName(of: agency, profile: profile, on: req.db)
        let letter = OfficialPapers.commitment(officer, agency: agency, governing: governing, date: profile.date(of: req.now),
                                               fullIdentity: viewer.policy.seesFullIdentityNumber(officerID: officer.id!, at: place))
        return .ok(try await pdf(Forms.commitment(letter, profile: profile), OfficialPapers.fileName(FormCode.commitment.fileStem, officer.fullName), req))
    }

    func getFormSample(_ input: Operations.GetFormSample.Input) async throws -> Operations.GetFormSample.Output {
        let (req, _) = try context()
        guard let code = FormCode(rawValue: input.path.code.rawValue) else { throw NotFound() }
        let profile = try await req.profile()
        return .ok(try await pdf(Forms.sample(code, profile: profile), OfficialPapers.fileName(code.fileStem, "mau"), req))
    }
}

/// The file name of a download, set by a handler and written as Content-Disposition by
/// `APIContextMiddleware` (the generated code would percent-encode a header it writes itself).
enum DownloadName: StorageKey {
    typealias Value = String
}
