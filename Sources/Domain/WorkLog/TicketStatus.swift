/// The life of a work ticket (issue 3): requested → in progress → done → confirmed. A requester who
/// refuses sends it back to in progress with a reason; a confirmed ticket changes only through an
/// audited correction.
public enum TicketStatus: String, CaseIterable, Codable, Sendable {
    case requested, inProgress, done, confirmed

    public var label: String {
        switch self {
        case .requested: "Mới yêu cầu"
        case .inProgress: "Đang thực hiện"
        case .done: "Đã xong, chờ xác nhận"
        case .confirmed: "Đã xác nhận"
        }
    }

    public enum Action: String, Sendable, CaseIterable {
        case start, complete, confirm, refuse
    }

    /// The status after an action, or nil when the action is not allowed from this status.
    public func after(_ action: Action) -> TicketStatus? {
        switch (self, action) {
        case (.requested, .start): .inProgress
        case (.inProgress, .complete): .done
        case (.done, .confirm): .confirmed
        case (.done, .refuse): .inProgress
        default: nil
        }
    }

    /// A confirmed ticket is locked; only a correction with a reason changes it.
    public var isLocked: Bool { self == .confirmed }
}
