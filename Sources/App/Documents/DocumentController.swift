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
        return try await pdf(of: ticket, link: nil, req)
    }

    /// Printing with a QR code issues a fresh single-use link (audited), so it is a POST.
    static func ticketFormWithLink(req: Request) async throws -> Response {
        let (viewer, ticket, access) = try await TicketController.load(req)
        guard access.edit, ticket.ticketStatus == .done else { throw await req.denied("ticket", entityID: ticket.id) }
        let token = try await req.write { try await TicketService.issueLink(for: ticket, by: TicketController.actor(viewer), now: req.now, on: $0) }
        return try await pdf(of: ticket, link: OfficialPapers.publicURL("/xac-nhan/\(token)", req: req), req)
    }

    private static func pdf(of ticket: WorkTicketModel, link: String?, _ req: Request) async throws -> Response {
        let profile = try await req.profile()
        let sheet = OfficialPapers.ticketSheet(ticket, profile: profile, link: link)
        let bytes = try await OfficialPapers.render(Forms.workTicket(sheet, year: ticket.year), on: req)
        let name = OfficialPapers.fileName(FormCode.workTicket.fileStem, String(ticket.year), String(format: "%03d", ticket.number ?? 0))
        return OfficialPapers.response(bytes, fileName: name)
    }

    static func workLogBook(req: Request) async throws -> Response {
        let (_, officer, year, view, access, profile) = try await WorkLogController.load(req)
        guard access.read else { throw await req.denied("workLog", entityID: officer.id) }
        let document = try await OfficialPapers.workLogBook(officer, view: view, profile: profile, today: profile.date(of: req.now), on: req.db)
        return OfficialPapers.response(try await OfficialPapers.render(document, on: req),
                                       fileName: OfficialPapers.fileName("so-cong-tac", String(year), officer.fullName))
    }

    static func keyInformation(req: Request) async throws -> Response {
        let (_, officer, _) = try await OfficerController.visibleOfficer(req)
        let profile = try await req.profile()
        let sheet = OfficialPapers.keyInformation(officer, agencyName: officer.agency.name, signedOn: nil)
        return OfficialPapers.response(try await OfficialPapers.render(Forms.keyInformation(sheet, profile: profile), on: req),
                                       fileName: OfficialPapers.fileName(FormCode.keyInformation.fileStem, officer.fullName))
    }

    static func commitment(req: Request) async throws -> Response {
        let (viewer, officer, place) = try await OfficerController.visibleOfficer(req)
        let profile = try await req.profile()
        let governing = try await OfficialPapers.governingName(of: officer.agency, profile: profile, on: req.db)
        let letter = OfficialPapers.commitment(officer, agency: officer.agency, governing: governing, date: profile.date(of: req.now),
                                               fullIdentity: viewer.policy.seesFullIdentityNumber(officerID: officer.id!, at: place))
        return OfficialPapers.response(try await OfficialPapers.render(Forms.commitment(letter, profile: profile), on: req),
                                       fileName: OfficialPapers.fileName(FormCode.commitment.fileStem, officer.fullName))
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
        let profile = try await req.profile()
        return OfficialPapers.response(try await OfficialPapers.render(Forms.sample(code, profile: profile), on: req),
                                       fileName: OfficialPapers.fileName(code.fileStem, "mau"))
    }
}
