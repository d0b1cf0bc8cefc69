import Domain
import Foundation
import SQLKit

/// A ticket as lists and the API show it: every Form 3 field, its life, and the names of its officer
/// and agency. Lists read it straight from the result row; a single ticket comes from its model.
struct TicketRow: Sendable {
    var id: UUID
    var officerID: UUID?
    var agencyID: UUID
    var year: Int
    var number: Int?
    var content: WorkTicketContent
    var status: TicketStatus
    var confirmedBy: String
    var version: Int
    var officerName: String?
    var agencyName: String?

    /// The key the next page starts after.
    var cursor: TicketCursor { TicketCursor(requestedOn: content.requestedOn.iso, id: id) }

    /// What `init(columns:)` reads, for `TicketQueries.page`.
    static let columns: SQLQueryString = """
        t.id, t.officer_id, t.agency_id, t.year, t.number, t.task_group, t.task_other, t.details, t.work_kind, \
        t.requester_unit, t.requester_name, t.related_records, t.requested_on, t.handling, t.outcomes, t.document_number, \
        t.document_date, t.outcome_other, t.completed_on, t.out_of_hours, t.escalated_to, t.external_cost, \
        t.external_handover_on, t.status, t.confirmed_by, t.version, o.full_name AS officer_name, a.name AS agency_name
        """

    init(columns c: any ResultColumns) throws {
        let date = { (column: String) in try c.string(column).flatMap(LocalDate.init(iso:)) }
        id = try c.required("id", c.uuid)
        officerID = try c.uuid("officer_id")
        agencyID = try c.required("agency_id", c.uuid)
        year = try c.required("year", c.int)
        number = try c.int("number")
        content = WorkTicketContent(
            taskGroup: TaskGroup(rawValue: try c.string("task_group", default: "")) ?? .other,
            taskOther: try c.string("task_other", default: ""), details: try c.string("details", default: ""),
            workKind: WorkKind(rawValue: try c.string("work_kind", default: "")) ?? .operation,
            requesterUnit: try c.string("requester_unit", default: ""), requesterName: try c.string("requester_name", default: ""),
            relatedRecords: try c.string("related_records", default: ""),
            requestedOn: try c.required("requested_on", date), handling: try c.string("handling", default: ""),
            outcomes: TicketOutcome.set(stored: try c.string("outcomes", default: "")),
            documentNumber: try c.string("document_number", default: ""), documentDate: try date("document_date"),
            outcomeOther: try c.string("outcome_other", default: ""), completedOn: try date("completed_on"),
            outOfHours: try c.bool("out_of_hours") ?? false, escalatedTo: try c.string("escalated_to", default: ""),
            externalCost: try c.int("external_cost"), externalHandoverOn: try date("external_handover_on"))
        status = TicketStatus(rawValue: try c.string("status", default: "")) ?? .requested
        confirmedBy = try c.string("confirmed_by", default: "")
        version = try c.required("version", c.int)
        officerName = try c.string("officer_name")
        agencyName = try c.string("agency_name")
    }

    init(_ t: WorkTicketModel) {
        id = t.id!
        officerID = t.$officer.id
        agencyID = t.$agency.id
        year = t.year
        number = t.number
        content = t.content
        status = t.ticketStatus
        confirmedBy = t.confirmedBy
        version = t.version
        officerName = t.$officer.value??.fullName
        agencyName = t.$agency.value?.name
    }
}
