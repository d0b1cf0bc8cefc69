import Domain
import Fluent
import Foundation
import SQLKit

/// Writes to work tickets; each runs inside the caller's transaction with its audit entry.
enum TicketService {
    struct Actor: Sendable {
        var userID: UUID?
        var name: String
    }

    static func audit(_ action: String, _ ticket: WorkTicketModel, _ actor: Actor, before: String = "", after: String = "",
                      on db: any Database) async throws {
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.name, action: action,
                                             entityType: AuditLog.ticketEntity, entityID: ticket.id, before: before, after: after), on: db)
        // The event keeps a person's words (a reason, a confirmer), not the stored content.
        try await TicketEventModel(ticketID: ticket.id!, action: action, actorName: actor.name,
                                   note: after.hasPrefix("{") ? "" : after).create(on: db)
    }

    /// The next "Số phiếu" of an officer's year, in one statement: the counter row is created at 1 or
    /// moved on by one, and its new value returned. On PostgreSQL the row stays locked until the
    /// transaction ends, so concurrent writers queue on it; two first tickets of a year that arrive
    /// together (two instances) no longer both try to create the row (a 500 seen under load).
    static func nextNumber(officerID: UUID, year: Int, on db: any Database) async throws -> Int {
        struct Row: Decodable { var last_number: Int }
        let sql = try db.sql()
        guard let row = try await sql.raw("""
            INSERT INTO \(name: TicketCounterModel.schema) (id, officer_id, year, last_number)
            VALUES (\(bind: UUID()), \(bind: officerID), \(bind: year), 1)
            ON CONFLICT (officer_id, year) DO UPDATE SET last_number = \(name: TicketCounterModel.schema).last_number + 1
            RETURNING last_number
            """).first(decoding: Row.self) else {
            throw ConfigError(message: "Không cấp được số phiếu.")
        }
        return row.last_number
    }

    /// An officer records a job: numbered in their log; `done` when it is already complete.
    static func record(_ content: WorkTicketContent, officer: OfficerModel, year: Int, by actor: Actor,
                       on db: any Database) async throws -> WorkTicketModel {
        let ticket = WorkTicketModel()
        ticket.apply(content)
        ticket.$officer.id = officer.id
        ticket.$agency.id = officer.$agency.id
        ticket.year = year
        ticket.number = try await nextNumber(officerID: officer.id!, year: year, on: db)
        ticket.status = (content.completedOn != nil && !content.outcomes.isEmpty ? TicketStatus.done : .inProgress).rawValue
        ticket.confirmedBy = ""
        ticket.version = 1
        try await ticket.create(on: db)
        try await audit("ticket.create", ticket, actor, after: "Số \(ticket.number!)/\(year)", on: db)
        return ticket
    }

    /// A member of the agency's staff asks for help; the request waits for one of its IT officers.
    static func request(_ content: WorkTicketContent, agencyID: UUID, year: Int, requesterUserID: UUID, by actor: Actor,
                        on db: any Database) async throws -> WorkTicketModel {
        let ticket = WorkTicketModel()
        ticket.apply(content)
        ticket.$agency.id = agencyID
        ticket.year = year
        ticket.requesterUserID = requesterUserID
        ticket.status = TicketStatus.requested.rawValue
        ticket.confirmedBy = ""
        ticket.version = 1
        try await ticket.create(on: db)
        try await audit("ticket.request", ticket, actor, on: db)
        try await MailEvents.requestSent(ticket, on: db)
        return ticket
    }

    static func take(_ ticket: WorkTicketModel, officer: OfficerModel, by actor: Actor, on db: any Database) async throws {
        guard ticket.$officer.id == nil, let next = ticket.ticketStatus.after(.start) else { throw transitionError() }
        ticket.$officer.id = officer.id
        ticket.number = try await nextNumber(officerID: officer.id!, year: ticket.year, on: db)
        ticket.status = next.rawValue
        ticket.version += 1
        try await ticket.save(on: db)
        try await audit("ticket.take", ticket, actor, after: "Số \(ticket.number!)/\(ticket.year)", on: db)
    }

    /// Saves an edit. A confirmed ticket is locked: only a correction with a reason changes it.
    static func update(_ ticket: WorkTicketModel, _ content: WorkTicketContent, expectedVersion: Int?, correctionReason: String?,
                       by actor: Actor, on db: any Database) async throws {
        if let expectedVersion, expectedVersion != ticket.version { throw StaleVersion() }
        let reason = correctionReason.map(VietnameseText.normalize) ?? ""
        if ticket.ticketStatus.isLocked && reason.isEmpty {
            var errors = FieldErrors()
            errors.add("correctionReason", "Phiếu đã được xác nhận; muốn sửa phải ghi lý do điều chỉnh.")
            throw errors
        }
        let before = AuditLog.json(ticket.content)
        ticket.apply(content)
        ticket.version += 1
        try await ticket.save(on: db)
        try await audit(ticket.ticketStatus.isLocked ? "ticket.correct" : "ticket.update", ticket, actor, before: before,
                        after: AuditLog.json(content, adding: reason.isEmpty ? [:] : ["correctionReason": reason]), on: db)
    }

    static func complete(_ ticket: WorkTicketModel, today: LocalDate, by actor: Actor, on db: any Database) async throws {
        let problems = ticket.content.completionProblems(today: today)
        if !problems.isEmpty { throw FieldErrors(problems) }
        try await move(ticket, .complete, by: actor, on: db)
        try await MailEvents.ticketDone(ticket, on: db)
    }

    static func confirm(_ ticket: WorkTicketModel, confirmerName: String, by actor: Actor, on db: any Database) async throws {
        guard let next = ticket.ticketStatus.after(.confirm) else { throw transitionError() }
        ticket.status = next.rawValue
        ticket.confirmedBy = confirmerName
        ticket.confirmedAt = Date()
        ticket.version += 1
        try await ticket.save(on: db)
        try await audit("ticket.confirm", ticket, actor, after: confirmerName, on: db)
    }

    /// A refusal sends the ticket back to in progress; the reason stays in its history.
    static func refuse(_ ticket: WorkTicketModel, reason: String, by actor: Actor, on db: any Database) async throws {
        let text = VietnameseText.normalize(reason)
        guard !text.isEmpty else {
            var errors = FieldErrors()
            errors.add("reason", "Ghi lý do chưa xác nhận để cán bộ CNTT xử lý tiếp.")
            throw errors
        }
        guard let next = ticket.ticketStatus.after(.refuse) else { throw transitionError() }
        ticket.status = next.rawValue
        ticket.version += 1
        try await ticket.save(on: db)
        try await audit("ticket.refuse", ticket, actor, after: text, on: db)
    }

    static func move(_ ticket: WorkTicketModel, _ action: TicketStatus.Action, by actor: Actor, on db: any Database) async throws {
        guard let next = ticket.ticketStatus.after(action) else { throw transitionError() }
        ticket.status = next.rawValue
        ticket.version += 1
        try await ticket.save(on: db)
        try await audit("ticket." + action.rawValue, ticket, actor, on: db)
    }

    static func transitionError() -> FieldErrors {
        var errors = FieldErrors()
        errors.add("status", "Thao tác này không phù hợp với trạng thái hiện tại của phiếu; hãy tải lại trang.")
        return errors
    }

    // MARK: Single-use confirmation links

    static let linkLifetime: TimeInterval = 14 * 24 * 3600


    /// A link for a requester without an account; it shows only this ticket and works once.
    static func issueLink(for ticket: WorkTicketModel, by actor: Actor, now: Date = Date(), on db: any Database) async throws -> String {
        let token = Secrets.token(bytes: 24)
        let link = ConfirmationLinkModel()
        link.$ticket.id = ticket.id!
        link.tokenHash = Secrets.sha256(token)
        link.expiresAt = now.addingTimeInterval(linkLifetime)
        try await link.create(on: db)
        try await audit("ticket.link", ticket, actor, on: db)
        return token
    }

    /// The ticket of a valid (unused, unexpired) link.
    static func ticket(forLink token: String, now: Date = Date(), on db: any Database) async throws -> (ConfirmationLinkModel, WorkTicketModel)? {
        guard let link = try await ConfirmationLinkModel.query(on: db).filter(\.$tokenHash == Secrets.sha256(token)).first(),
              link.usedAt == nil, link.expiresAt > now,
              let ticket = try await WorkTicketModel.find(link.$ticket.id, on: db) else { return nil }
        return (link, ticket)
    }
}
