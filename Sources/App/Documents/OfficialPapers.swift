import Documents
import Domain
import Fluent
import Foundation
import Vapor

/// Records → the sheets the Documents target prints (issue 5). Permissions are checked by the
/// callers exactly as for the record itself.
enum OfficialPapers {
    /// The governing body printed above the agency: its governing agency, else the People's Committee.
    static func governingName(of agency: AgencyModel, profile: RegulationProfile, on db: any Database) async throws -> String {
        if let parentID = agency.$governingAgency.id, let parent = try await AgencyModel.find(parentID, on: db) { return parent.name }
        return profile.peoplesCommitteeName
    }

    static func keyInformation(_ officer: OfficerModel, agencyName: String, signedOn: LocalDate?) -> OfficerKeyInformation {
        OfficerKeyInformation(agencyName: agencyName, division: officer.division, fullName: officer.fullName,
                              dateOfBirth: LocalDate(iso: officer.dateOfBirth), gender: Gender(rawValue: officer.gender),
                              position: officer.position, kind: officer.officerKind, monthlyIncentive: officer.monthlyIncentive,
                              signedOn: signedOn)
    }

    static func ticketSheet(_ ticket: WorkTicketModel, profile: RegulationProfile, link: String?) -> WorkTicketSheet {
        WorkTicketSheet(number: ticket.number, content: ticket.content,
                        confirmedBy: ticket.ticketStatus == .confirmed ? ticket.confirmedBy : nil,
                        confirmedOn: ticket.confirmedAt.map { profile.date(of: $0) }, confirmationLink: link)
    }

    /// A document with the ASCII name it downloads as.
    struct Paper: Sendable {
        var document: OfficialDocument
        var fileName: String
    }

    /// Form 3; `link` is printed as a QR code.
    static func ticketForm(_ ticket: WorkTicketModel, link: String?, profile: RegulationProfile) -> Paper {
        Paper(document: Forms.workTicket(ticketSheet(ticket, profile: profile, link: link), year: ticket.year),
              fileName: fileName(FormCode.workTicket.fileStem, String(ticket.year), String(format: "%03d", ticket.number ?? 0)))
    }

    /// A fresh single-use confirmation link for the printed ticket (audited `ticket.link`), as a full address.
    static func confirmationURL(for ticket: WorkTicketModel, by viewer: Viewer, req: Request) async throws -> String {
        let token = try await req.write { try await TicketService.issueLink(for: ticket, by: viewer.ticketActor, now: req.now, on: $0) }
        return publicURL("/xac-nhan/\(token)", req: req)
    }

    /// Appendix III. D13: the identity number in full only for the officer and HR roles, masked for anyone else.
    static func commitment(_ officer: OfficerModel, place: AgencyPlace, viewer: Viewer, profile: RegulationProfile,
                           today: LocalDate, on db: any Database) async throws -> Paper {
        guard let agency = try await AgencyModel.find(place.id, on: db) else { throw Abort(.notFound) }
        let governing = try await governingName(of: agency, profile: profile, on: db)
        let full = viewer.policy.seesFullIdentityNumber(officerID: officer.id!, at: place)
        // Art. 13.2: printed from the recorded letter when there is one (its signing date), else blank to sign.
        let recorded = try await DutyService.commitments(agencyID: place.id, on: db)[officer.id!]
        let letter = CommitmentLetter(governingName: governing, agencyName: agency.name, number: nil,
                                      date: recorded.flatMap { LocalDate(iso: $0.signedOn) } ?? today,
                                      officerName: officer.fullName,
                                      idNumber: full ? officer.idNumber : IdentityNumber.masked(officer.idNumber))
        return Paper(document: Forms.commitment(letter, profile: profile), fileName: fileName(FormCode.commitment.fileStem, officer.fullName))
    }

    static func sample(_ code: FormCode, profile: RegulationProfile) -> Paper {
        Paper(document: Forms.sample(code, profile: profile), fileName: fileName(code.fileStem, "mau"))
    }

    /// Forms 1, 2 and every Form 3 of an officer's year, tickets in the order of their numbers;
    /// `profile` is the year's (`Request.profile(forYear:)`): names and place as they were that year.
    static func workLogBook(_ officer: OfficerModel, view: WorkLogService.View, profile: RegulationProfile,
                            today: LocalDate, on db: any Database) async throws -> Paper {
        let agency = try await officer.$agency.get(on: db)
        let governing = try await governingName(of: agency, profile: profile, on: db)
        let tickets = try await WorkTicketModel.query(on: db).filter(\.$officer.$id == officer.id!).filter(\.$year == view.year)
            .sort(\.$number).sort(\.$requestedOn).all()
        let summary = AnnualSummarySheet(governingName: governing, agencyName: agency.name, officerName: officer.fullName,
                                         summary: view.summary, headOpinion: view.log?.headOpinion ?? "",
                                         preparedOn: view.log?.receivedAt.map { profile.date(of: $0) })
        let key = keyInformation(officer, agencyName: agency.name, signedOn: view.summary.period.upperBound > today ? nil : view.summary.period.upperBound)
        return Paper(document: Forms.workLogBook(key, summary, tickets: tickets.map { ticketSheet($0, profile: profile, link: nil) }, profile: profile),
                     fileName: fileName("so-cong-tac", String(view.year), officer.fullName))
    }

    /// Renders on the application's thread pool: Pango and Cairo work is CPU-bound and must not
    /// hold an event loop.
    static func render(_ document: OfficialDocument, on req: Request) async throws -> [UInt8] {
        try await req.application.threadPool.runIfActive { try PDF.render(document) }
    }

    /// An ASCII file name: "so-cong-tac-2026-tran-minh-khoa.pdf".
    static func fileName(_ parts: String...) -> String {
        let joined = parts.map { VietnameseText.fold($0) }.joined(separator: "-")
        let ascii = joined.unicodeScalars.map { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) ? Character($0) : "-" }
        return String(ascii).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-") + ".pdf"
    }

    static func contentDisposition(_ fileName: String) -> String { "attachment; filename=\"\(fileName)\"" }

    /// A web download of a paper, rendered off the event loop.
    static func response(_ paper: Paper, on req: Request) async throws -> Response {
        response(try await render(paper.document, on: req), fileName: paper.fileName)
    }

    /// A web download.
    static func response(_ bytes: [UInt8], fileName: String) -> Response {
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(fileName))
        return response
    }

    /// The public address of a confirmation link (PUBLIC_URL, else the request's host).
    static func publicURL(_ path: String, req: Request) -> String {
        if let base = Environment.get("PUBLIC_URL"), !base.isEmpty { return base.trimmingSuffix("/") + path }
        let host = req.headers.first(name: .host) ?? "127.0.0.1:8080"
        return "http://\(host)\(path)"
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
