/// The job-description boxes of Form 3 (Appendix I), one per ticket (D10). Form 2 row 7
/// (initiatives) is not a ticket box: initiatives are their own records.
public enum TaskGroup: String, CaseIterable, Codable, Sendable {
    case equipmentMaintenance, networkMaintenance, networkAdministration, softwareAndDatabaseAdministration
    case websiteAdministration, itManagementAdvisory, other

    public var label: String {
        switch self {
        case .equipmentMaintenance: "Bảo trì thiết bị (trừ thiết bị mạng)"
        case .networkMaintenance: "Bảo trì hệ thống mạng"
        case .networkAdministration: "Quản trị mạng"
        case .softwareAndDatabaseAdministration: "Quản trị phần mềm, cơ sở dữ liệu"
        case .websiteAdministration: "Quản trị website"
        case .itManagementAdvisory: "Tham mưu quản lý về CNTT"
        case .other: "Loại khác"
        }
    }

    /// The row of Form 2 this group is counted in (row 7 is initiatives).
    public var form2Row: Int {
        switch self {
        case .equipmentMaintenance: 1
        case .networkMaintenance: 2
        case .networkAdministration: 3
        case .softwareAndDatabaseAdministration: 4
        case .websiteAdministration: 5
        case .itManagementAdvisory: 6
        case .other: 8
        }
    }
}

/// The results of Form 3 §III; a ticket may have several.
public enum TicketOutcome: String, CaseIterable, Codable, Sendable {
    case documentIssued, deviceFixed, networkOperational, softwareOperational, trainingCompleted, other

    public var label: String {
        switch self {
        case .documentIssued: "Văn bản (số hiệu và ngày ban hành)"
        case .deviceFixed: "Thiết bị đã được khắc phục lỗi"
        case .networkOperational: "Hệ thống mạng đã được vận hành tốt"
        case .softwareOperational: "Phần mềm, cơ sở dữ liệu, website đã hoạt động theo yêu cầu"
        case .trainingCompleted: "Hoàn thành tập huấn, hướng dẫn"
        case .other: "Kết quả khác"
        }
    }
}

/// The kinds of work on the information system (Art. 3.4).
public enum WorkKind: String, CaseIterable, Codable, Sendable {
    case initialSetup, operation, maintenance, incidentRemediation

    public var label: String {
        switch self {
        case .initialSetup: "Thiết lập ban đầu"
        case .operation: "Vận hành"
        case .maintenance: "Duy trì"
        case .incidentRemediation: "Khắc phục sự cố"
        }
    }
}
