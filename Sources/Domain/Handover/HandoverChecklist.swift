import Foundation

/// One line of a handover: a secret category of a system the officer holds, or a duty assigned to them.
public struct HandoverLine: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case secret, duty }
    public var kind: Kind
    public var systemID: UUID?
    public var systemName: String
    /// The secret category's or the duty's code.
    public var code: String
    /// D9: changing the credential after its handover is recommended.
    public var rotationRecommended: Bool

    public init(kind: Kind, systemID: UUID?, systemName: String, code: String, rotationRecommended: Bool) {
        self.kind = kind
        self.systemID = systemID
        self.systemName = systemName
        self.code = code
        self.rotationRecommended = rotationRecommended
    }

    public var label: String {
        switch kind {
        case .secret: "\(systemName): \(SecretCategory(rawValue: code)?.label ?? code)"
        case .duty: ITDuty(rawValue: code)?.label ?? code
        }
    }
}

/// Art. 14.1 (D9; ): the checklist lists every secret category the officer holds in the
/// inventory, system by system, then every duty of their current assignment.
public enum HandoverChecklist {
    public struct Holding: Sendable {
        public var systemID: UUID
        public var systemName: String
        public var category: SecretCategory
        public init(systemID: UUID, systemName: String, category: SecretCategory) {
            self.systemID = systemID
            self.systemName = systemName
            self.category = category
        }
    }

    public static func lines(holdings: [Holding], duties: [ITDuty]) -> [HandoverLine] {
        let secrets = holdings.sorted { ($0.systemName, $0.category) < ($1.systemName, $1.category) }.map {
            HandoverLine(kind: .secret, systemID: $0.systemID, systemName: $0.systemName, code: $0.category.rawValue,
                         rotationRecommended: $0.category.isCredential)
        }
        let work = Set(duties).sorted().map {
            HandoverLine(kind: .duty, systemID: nil, systemName: "", code: $0.rawValue, rotationRecommended: false)
        }
        return secrets + work
    }
}

/// Art. 14.2: the head closes a handover only when every item has been acknowledged by its
/// receiver and a replacement plan exists. Returns the Vietnamese reason it cannot close, or nil.
public enum HandoverClosure {
    public static func refusal(unacknowledged: Int, plan: ReplacementPlan?) -> String? {
        var reasons: [String] = []
        if unacknowledged > 0 { reasons.append("còn \(unacknowledged) mục chưa được người nhận xác nhận") }
        if plan == nil { reasons.append("chưa có phương án thay thế (phân công người thay thế tạm thời hoặc tuyển dụng mới)") }
        guard !reasons.isEmpty else { return nil }
        return "Chưa thể kết thúc bàn giao: " + reasons.joined(separator: "; ") + " (Điều 14.2)."
    }
}
