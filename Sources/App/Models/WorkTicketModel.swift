import Domain
import Fluent
import Foundation

/// A work ticket (Appendix I Form 3). `number` is the "Số phiếu", sequential per officer and
/// evaluation year, assigned when an officer holds the ticket and never reused.
final class WorkTicketModel: Model, @unchecked Sendable {
    static let schema = "work_tickets"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "officer_id") var officer: OfficerModel?
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "year") var year: Int
    @OptionalField(key: "number") var number: Int?
    @Field(key: "task_group") var taskGroup: String
    @Field(key: "task_other") var taskOther: String
    @Field(key: "details") var details: String
    @Field(key: "search_folded") var searchFolded: String
    @Field(key: "work_kind") var workKind: String
    @Field(key: "requester_unit") var requesterUnit: String
    @Field(key: "requester_name") var requesterName: String
    @OptionalField(key: "requester_user_id") var requesterUserID: UUID?
    @Field(key: "related_records") var relatedRecords: String
    @Field(key: "requested_on") var requestedOn: String
    @Field(key: "handling") var handling: String
    @Field(key: "outcomes") var outcomes: String
    @Field(key: "document_number") var documentNumber: String
    @OptionalField(key: "document_date") var documentDate: String?
    @Field(key: "outcome_other") var outcomeOther: String
    @OptionalField(key: "completed_on") var completedOn: String?
    @Field(key: "out_of_hours") var outOfHours: Bool
    @Field(key: "escalated_to") var escalatedTo: String
    @OptionalField(key: "external_cost") var externalCost: Int?
    @OptionalField(key: "external_handover_on") var externalHandoverOn: String?
    @Field(key: "status") var status: String
    @Field(key: "confirmed_by") var confirmedBy: String
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var ticketStatus: TicketStatus { TicketStatus(rawValue: status) ?? .requested }
    var group: TaskGroup { TaskGroup(rawValue: taskGroup) ?? .other }
    var outcomeSet: Set<TicketOutcome> { TicketOutcome.set(stored: outcomes) }

    var content: WorkTicketContent {
        WorkTicketContent(
            taskGroup: group, taskOther: taskOther, details: details, workKind: WorkKind(rawValue: workKind) ?? .operation,
            requesterUnit: requesterUnit, requesterName: requesterName, relatedRecords: relatedRecords,
            requestedOn: LocalDate(iso: requestedOn) ?? LocalDate(year: 2000, month: 1, day: 1)!, handling: handling,
            outcomes: outcomeSet, documentNumber: documentNumber, documentDate: documentDate.flatMap(LocalDate.init(iso:)),
            outcomeOther: outcomeOther, completedOn: completedOn.flatMap(LocalDate.init(iso:)), outOfHours: outOfHours,
            escalatedTo: escalatedTo, externalCost: externalCost,
            externalHandoverOn: externalHandoverOn.flatMap(LocalDate.init(iso:)))
    }

    func apply(_ c: WorkTicketContent) {
        taskGroup = c.taskGroup.rawValue
        taskOther = c.taskGroup == .other ? c.taskOther : ""
        details = c.details
        workKind = c.workKind.rawValue
        requesterUnit = c.requesterUnit
        requesterName = c.requesterName
        relatedRecords = c.relatedRecords
        requestedOn = c.requestedOn.iso
        handling = c.handling
        outcomes = TicketOutcome.stored(c.outcomes)
        documentNumber = c.outcomes.contains(.documentIssued) ? c.documentNumber : ""
        documentDate = c.outcomes.contains(.documentIssued) ? c.documentDate?.iso : nil
        outcomeOther = c.outcomes.contains(.other) ? c.outcomeOther : ""
        completedOn = c.completedOn?.iso
        outOfHours = c.outOfHours
        escalatedTo = c.escalatedTo
        externalCost = c.externalCost
        externalHandoverOn = c.externalHandoverOn?.iso
        searchFolded = VietnameseText.fold([c.details, c.taskOther, c.requesterName, c.requesterUnit, c.handling].joined(separator: " "))
    }
}

extension TicketOutcome {
    /// The outcomes as a ticket row stores them: raw values in the order of the form, joined by commas.
    static func stored(_ outcomes: Set<TicketOutcome>) -> String {
        allCases.filter(outcomes.contains).map(\.rawValue).joined(separator: ",")
    }

    static func set(stored: String) -> Set<TicketOutcome> {
        Set(stored.split(separator: ",").compactMap { TicketOutcome(rawValue: String($0)) })
    }
}

/// What happened to a ticket and who did it; a refusal keeps its reason here.
final class TicketEventModel: Model, @unchecked Sendable {
    static let schema = "ticket_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "ticket_id") var ticket: WorkTicketModel
    @Field(key: "action") var action: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "note") var note: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(ticketID: UUID, action: String, actorName: String, note: String = "") {
        self.$ticket.id = ticketID
        self.action = action
        self.actorName = actorName
        self.note = note
    }
}
