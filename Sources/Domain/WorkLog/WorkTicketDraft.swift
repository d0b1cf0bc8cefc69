import Foundation

/// The content of a work ticket (Appendix I Form 3), checked by the rules of F-I.3 and D10.
public struct WorkTicketContent: Sendable, Equatable, Codable {
    public var taskGroup: TaskGroup
    public var taskOther: String
    public var details: String
    public var workKind: WorkKind
    public var requesterUnit: String
    public var requesterName: String
    public var relatedRecords: String
    public var requestedOn: LocalDate
    public var handling: String
    public var outcomes: Set<TicketOutcome>
    public var documentNumber: String
    public var documentDate: LocalDate?
    public var outcomeOther: String
    public var completedOn: LocalDate?
    public var outOfHours: Bool
    public var escalatedTo: String
    public var externalCost: Int?
    public var externalHandoverOn: LocalDate?

    public init(taskGroup: TaskGroup, taskOther: String = "", details: String, workKind: WorkKind,
                requesterUnit: String, requesterName: String, relatedRecords: String = "", requestedOn: LocalDate,
                handling: String = "", outcomes: Set<TicketOutcome> = [], documentNumber: String = "",
                documentDate: LocalDate? = nil, outcomeOther: String = "", completedOn: LocalDate? = nil,
                outOfHours: Bool = false, escalatedTo: String = "", externalCost: Int? = nil,
                externalHandoverOn: LocalDate? = nil) {
        self.taskGroup = taskGroup
        self.taskOther = taskOther
        self.details = details
        self.workKind = workKind
        self.requesterUnit = requesterUnit
        self.requesterName = requesterName
        self.relatedRecords = relatedRecords
        self.requestedOn = requestedOn
        self.handling = handling
        self.outcomes = outcomes
        self.documentNumber = documentNumber
        self.documentDate = documentDate
        self.outcomeOther = outcomeOther
        self.completedOn = completedOn
        self.outOfHours = outOfHours
        self.escalatedTo = escalatedTo
        self.externalCost = externalCost
        self.externalHandoverOn = externalHandoverOn
    }

    /// F-I.3 §I–II: what every ticket needs. Returns messages keyed by field.
    public func problems(today: LocalDate) -> [String: String] {
        var found: [String: String] = [:]
        if taskGroup == .other && taskOther.trimmingCharacters(in: .whitespaces).isEmpty {
            found["taskOther"] = "Ghi rõ loại công việc khác."
        }
        if details.trimmingCharacters(in: .whitespaces).isEmpty { found["details"] = "Nhập chi tiết công việc." }
        if requesterName.trimmingCharacters(in: .whitespaces).isEmpty { found["requesterName"] = "Nhập họ tên người yêu cầu." }
        if requesterUnit.trimmingCharacters(in: .whitespaces).isEmpty { found["requesterUnit"] = "Nhập cơ quan, đơn vị, phòng ban yêu cầu." }
        if requestedOn > today { found["requestedOn"] = "Ngày yêu cầu không được sau hôm nay." }
        if requestedOn.year < 2000 { found["requestedOn"] = "Ngày yêu cầu không hợp lệ (trước năm 2000)." }
        if let completedOn {
            if completedOn < requestedOn { found["completedOn"] = "Ngày hoàn thành không được trước ngày yêu cầu." }
            if completedOn > today { found["completedOn"] = "Ngày hoàn thành không được sau hôm nay." }
        }
        if outcomes.contains(.documentIssued) {
            if documentNumber.trimmingCharacters(in: .whitespaces).isEmpty { found["documentNumber"] = "Nhập số hiệu văn bản." }
            if documentDate == nil { found["documentDate"] = "Nhập ngày ban hành văn bản." }
        }
        if outcomes.contains(.other) && outcomeOther.trimmingCharacters(in: .whitespaces).isEmpty {
            found["outcomeOther"] = "Ghi rõ kết quả khác."
        }
        if let cost = externalCost, cost < 0 { found["externalCost"] = "Chi phí không được âm." }
        if externalCost != nil || externalHandoverOn != nil, escalatedTo.trimmingCharacters(in: .whitespaces).isEmpty {
            found["escalatedTo"] = "Nhập tên đơn vị bên ngoài đã thuê (Điều 5.2)."
        }
        if let handover = externalHandoverOn, handover < requestedOn {
            found["externalHandoverOn"] = "Ngày nhận bàn giao không được trước ngày yêu cầu."
        }
        return found
    }

    /// F-I.3 §III: completing needs the handling approach, at least one result and the completion date.
    public func completionProblems(today: LocalDate) -> [String: String] {
        var found = problems(today: today)
        if handling.trimmingCharacters(in: .whitespaces).isEmpty { found["handling"] = "Nhập hướng xử lý." }
        if outcomes.isEmpty { found["outcomes"] = "Chọn ít nhất một kết quả thực hiện." }
        if completedOn == nil { found["completedOn"] = found["completedOn"] ?? "Nhập ngày hoàn thành." }
        return found
    }
}
