import Documents
import Domain
import Fluent
import Vapor

/// PDF downloads on the pages that have a form (issue 5 §3); each checks the permissions of the
/// record it prints, through the same loaders as the record's page.
enum DocumentController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("phieu", ":id", "mau-3.pdf", use: ticketForm)
        routes.post("phieu", ":id", "in-ma-qr", use: ticketFormWithLink)
        routes.get("so-cong-tac", ":officer", ":year", "so-cong-tac.pdf", use: workLogBook)
        routes.get("can-bo", ":id", "mau-1.pdf", use: keyInformation)
        routes.get("can-bo", ":id", "cam-ket.pdf", use: commitment)
        routes.get("bieu-mau", use: catalogue)
        routes.get("bieu-mau", ":code", use: sample)
    }

    static func ticketForm(req: Request) async throws -> Response {
        let (_, ticket, _) = try await TicketController.load(req)
        return try await OfficialPapers.response(OfficialPapers.ticketForm(ticket, link: nil, profile: try await req.profile()), on: req)
    }

    /// Printing with a QR code issues a fresh single-use link (audited), so it is a POST.
    static func ticketFormWithLink(req: Request) async throws -> Response {
        let (viewer, ticket, access) = try await TicketController.load(req)
        guard access.edit else { throw await req.denied("ticket", entityID: ticket.id) }
        try TicketController.requireDoneForLink(ticket)
        let link = try await OfficialPapers.confirmationURL(for: ticket, by: viewer, req: req)
        return try await OfficialPapers.response(OfficialPapers.ticketForm(ticket, link: link, profile: try await req.profile()), on: req)
    }

    static func workLogBook(req: Request) async throws -> Response {
        let loaded = try await WorkLogController.load(req)
        guard let officer = try await OfficerModel.find(loaded.officer.id, on: req.db) else { throw Abort(.notFound) }
        let paper = try await OfficialPapers.workLogBook(officer, view: loaded.view, profile: try await req.profile(forYear: loaded.year),
                                                         today: loaded.profile.date(of: req.now), on: req.db)
        return try await OfficialPapers.response(paper, on: req)
    }

    static func keyInformation(req: Request) async throws -> Response {
        let (_, officer, _) = try await OfficerController.visibleOfficer(req)
        let profile = try await req.profile()
        let sheet = OfficialPapers.keyInformation(officer, agencyName: officer.agency.name, signedOn: nil)
        return try await OfficialPapers.response(.init(document: Forms.keyInformation(sheet, profile: profile),
                                                       fileName: OfficialPapers.fileName(FormCode.keyInformation.fileStem, officer.fullName)), on: req)
    }

    static func commitment(req: Request) async throws -> Response {
        let (viewer, officer, place) = try await OfficerController.visibleOfficer(req)
        guard let id = officer.id, viewer.policy.readsPersonnelFile(officerID: id, at: place) else {
            throw await req.denied("commitment", entityID: officer.id)
        }
        let profile = try await req.profile()
        return try await OfficialPapers.response(try await OfficialPapers.commitment(officer, place: place, viewer: viewer, profile: profile,
                                                                                     today: profile.date(of: req.now), on: req.db), on: req)
    }

    struct FormRow: Encodable, Sendable { var code, title: String }

    /// Every form of the appendices, downloadable with sample data.
    static func catalogue(req: Request) async throws -> Response {
        _ = try req.requireViewer()
        let rows = FormCode.allCases.map { FormRow(code: $0.rawValue, title: $0.title) }
        return try await req.render("forms", title: "Biểu mẫu", active: "/bieu-mau", rows)
    }

    static func sample(req: Request) async throws -> Response {
        _ = try req.requireViewer()
        guard let text = req.parameters.get("code"), text.hasSuffix(".pdf"),
              let code = FormCode(rawValue: String(text.dropLast(4))) else { throw Abort(.notFound) }
        return try await OfficialPapers.response(OfficialPapers.sample(code, profile: try await req.profile()), on: req)
    }
}
