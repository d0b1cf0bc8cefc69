import Documents
import Domain
import Fluent
import Foundation
import OpenAPIRuntime
import Vapor

/// The API's PDF documents (issue 5 §3): the same permissions as the records they print.
extension APIHandler {
    func pdf(_ paper: OfficialPapers.Paper, _ req: Request) async throws -> Components.Responses.Pdf {
        let bytes = try await OfficialPapers.render(paper.document, on: req)
        req.storage[DownloadName.self] = paper.fileName
        return .init(body: .pdf(HTTPBody(bytes)))
    }

    /// An unconfirmed, done ticket printed by its officer carries the QR code of a fresh link. A
    /// HEAD request (answered by this GET without its body) issues none: nobody could scan it.
    func getTicketForm(_ input: Operations.GetTicketForm.Input) async throws -> Operations.GetTicketForm.Output {
        let (req, viewer) = try context()
        let (ticket, access) = try await TicketAPI.load(try uuid(input.path.id), viewer, req)
        let issues = req.method != .HEAD && access.edit && ticket.ticketStatus == .done
        let link = issues ? try await OfficialPapers.confirmationURL(for: ticket, by: viewer, req: req) : nil
        return .ok(try await pdf(OfficialPapers.ticketForm(ticket, link: link, profile: try await req.profile()), req))
    }

    func getWorkLogBook(_ input: Operations.GetWorkLogBook.Input) async throws -> Operations.GetWorkLogBook.Output {
        let (req, viewer) = try context()
        let (officer, profile) = try await TicketAPI.officer(try uuid(input.path.id), req)
        let today = profile.date(of: req.now)
        let view = try await WorkLogService.view(officer: officer, year: try knownYear(input.path.year), profile: profile, today: today, on: req.db)
        let access = try await Permissions.workLog(viewer, officer: officer, submitted: view.log?.receivedAt != nil, on: req.db)
        guard access.read else { throw await req.denied("workLog", entityID: officer.id) }
        let paperProfile = try await req.profile(forYear: view.year)
        return .ok(try await pdf(try await OfficialPapers.workLogBook(officer, view: view, profile: paperProfile, today: today, on: req.db), req))
    }

    func getCommitmentLetter(_ input: Operations.GetCommitmentLetter.Input) async throws -> Operations.GetCommitmentLetter.Output {
        let (req, viewer) = try context()
        let (officer, place) = try await visibleOfficer(try uuid(input.path.id), req)
        guard let id = officer.id, viewer.policy.readsPersonnelFile(officerID: id, at: place) else {
            throw await req.denied("commitment", entityID: officer.id)
        }
        let profile = try await req.profile()
        return .ok(try await pdf(try await OfficialPapers.commitment(officer, place: place, viewer: viewer, profile: profile,
                                                                     today: profile.date(of: req.now), on: req.db), req))
    }

    func getFormSample(_ input: Operations.GetFormSample.Input) async throws -> Operations.GetFormSample.Output {
        let (req, _) = try context()
        guard let code = FormCode(rawValue: input.path.code.rawValue) else { throw NotFound() }
        return .ok(try await pdf(OfficialPapers.sample(code, profile: try await req.profile()), req))
    }
}

/// The file name of a download, set by a handler and written as Content-Disposition by
/// `APIContextMiddleware` (the generated code would percent-encode a header it writes itself).
enum DownloadName: StorageKey {
    typealias Value = String
}
