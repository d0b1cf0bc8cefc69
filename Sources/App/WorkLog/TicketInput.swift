import Domain
import Foundation

/// A ticket form as typed (Form 3). Each result is its own checkbox.
struct TicketInput: Codable, Sendable {
    var taskGroup = ""
    var taskOther = ""
    var details = ""
    var workKind = WorkKind.operation.rawValue
    var requesterUnit = ""
    var requesterName = ""
    var relatedRecords = ""
    var requestedOn = ""
    var handling = ""
    var outcomeDocumentIssued = false
    var outcomeDeviceFixed = false
    var outcomeNetworkOperational = false
    var outcomeSoftwareOperational = false
    var outcomeTrainingCompleted = false
    var outcomeOther = false
    var documentNumber = ""
    var documentDate = ""
    var outcomeOtherText = ""
    var completedOn = ""
    var outOfHours = false
    var escalatedTo = ""
    var externalCost = ""
    var externalHandoverOn = ""
    var version: Int?
    var correctionReason = ""

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        taskGroup = c.text(.taskGroup); taskOther = c.text(.taskOther); details = c.text(.details)
        workKind = c.text(.workKind); requesterUnit = c.text(.requesterUnit); requesterName = c.text(.requesterName)
        relatedRecords = c.text(.relatedRecords); requestedOn = c.text(.requestedOn); handling = c.text(.handling)
        outcomeDocumentIssued = c.flag(.outcomeDocumentIssued); outcomeDeviceFixed = c.flag(.outcomeDeviceFixed)
        outcomeNetworkOperational = c.flag(.outcomeNetworkOperational)
        outcomeSoftwareOperational = c.flag(.outcomeSoftwareOperational)
        outcomeTrainingCompleted = c.flag(.outcomeTrainingCompleted); outcomeOther = c.flag(.outcomeOther)
        documentNumber = c.text(.documentNumber); documentDate = c.text(.documentDate)
        outcomeOtherText = c.text(.outcomeOtherText); completedOn = c.text(.completedOn); outOfHours = c.flag(.outOfHours)
        escalatedTo = c.text(.escalatedTo); externalCost = c.text(.externalCost)
        externalHandoverOn = c.text(.externalHandoverOn); version = c.number(.version)
        correctionReason = c.text(.correctionReason)
    }

    init(_ t: WorkTicketContent, version: Int?) {
        taskGroup = t.taskGroup.rawValue; taskOther = t.taskOther; details = t.details; workKind = t.workKind.rawValue
        requesterUnit = t.requesterUnit; requesterName = t.requesterName; relatedRecords = t.relatedRecords
        requestedOn = t.requestedOn.vietnamese; handling = t.handling
        outcomeDocumentIssued = t.outcomes.contains(.documentIssued); outcomeDeviceFixed = t.outcomes.contains(.deviceFixed)
        outcomeNetworkOperational = t.outcomes.contains(.networkOperational)
        outcomeSoftwareOperational = t.outcomes.contains(.softwareOperational)
        outcomeTrainingCompleted = t.outcomes.contains(.trainingCompleted); outcomeOther = t.outcomes.contains(.other)
        documentNumber = t.documentNumber; documentDate = t.documentDate?.vietnamese ?? ""
        outcomeOtherText = t.outcomeOther; completedOn = t.completedOn?.vietnamese ?? ""; outOfHours = t.outOfHours
        escalatedTo = t.escalatedTo; externalCost = t.externalCost.map { Money.format(dong: $0) } ?? ""
        externalHandoverOn = t.externalHandoverOn?.vietnamese ?? ""
        self.version = version
    }

    var outcomes: Set<TicketOutcome> {
        var set = Set<TicketOutcome>()
        if outcomeDocumentIssued { set.insert(.documentIssued) }
        if outcomeDeviceFixed { set.insert(.deviceFixed) }
        if outcomeNetworkOperational { set.insert(.networkOperational) }
        if outcomeSoftwareOperational { set.insert(.softwareOperational) }
        if outcomeTrainingCompleted { set.insert(.trainingCompleted) }
        if outcomeOther { set.insert(.other) }
        return set
    }

    /// Checks the form: dates dd/mm/yyyy, money in đồng, then the rules of Form 3.
    func content(today: LocalDate) -> Result<WorkTicketContent, FieldErrors> {
        var errors = FieldErrors()
        func date(_ text: String, _ field: String, required: Bool, _ missing: String) -> LocalDate? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if required { errors.add(field, missing) }
                return nil
            }
            guard let value = LocalDate(userInput: trimmed) else {
                errors.add(field, "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy.")
                return nil
            }
            return value
        }
        let group = TaskGroup(rawValue: taskGroup)
        if group == nil { errors.add("taskGroup", "Chọn một nhóm công việc.") }
        let kind = WorkKind(rawValue: workKind)
        if kind == nil { errors.add("workKind", "Chọn loại công việc (Điều 3.4).") }
        let requested = date(requestedOn, "requestedOn", required: true, "Nhập ngày yêu cầu.")
        let completed = date(completedOn, "completedOn", required: false, "")
        let documentOn = date(documentDate, "documentDate", required: false, "")
        let handover = date(externalHandoverOn, "externalHandoverOn", required: false, "")
        var cost: Int?
        if !externalCost.trimmingCharacters(in: .whitespaces).isEmpty {
            cost = Money.parse(externalCost)
            if cost == nil { errors.add("externalCost", "Chi phí là số tiền đồng, ví dụ 3.500.000.") }
        }
        let n = VietnameseText.normalize
        guard let group, let kind, let requested else { return .failure(errors) }
        let content = WorkTicketContent(
            taskGroup: group, taskOther: n(taskOther), details: n(details), workKind: kind,
            requesterUnit: n(requesterUnit), requesterName: n(requesterName), relatedRecords: n(relatedRecords),
            requestedOn: requested, handling: n(handling), outcomes: outcomes, documentNumber: n(documentNumber),
            documentDate: documentOn, outcomeOther: n(outcomeOtherText), completedOn: completed, outOfHours: outOfHours,
            escalatedTo: n(escalatedTo), externalCost: cost, externalHandoverOn: handover)
        for (field, message) in content.problems(today: today) { errors.add(field, message) }
        return errors.isEmpty ? .success(content) : .failure(errors)
    }
}
