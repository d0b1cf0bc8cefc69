/// The parts of the application a person opens from the menu (issue 11 §2). Each section is shown
/// to, and opens for, exactly the people this policy names; the menu, the home page's links and each
/// section's front page all ask `opens(_:)`, so nobody is shown a way into a refusal.
public enum Section: String, CaseIterable, Sendable {
    case home, tickets, workLogs, evaluation, training, agencies, officers, staffing, forms
    case accounts, profile, auditLog
    /// Pre-screening of full-time candidates (Art. 12).
    case preScreening
    /// The letters the system wrote to this person (issue 13 §3).
    case myMail

    public var path: String {
        switch self {
        case .home: "/"
        case .tickets: "/phieu"
        case .workLogs: "/so-cong-tac"
        case .evaluation: "/danh-gia"
        case .training: "/tap-huan"
        case .agencies: "/co-quan"
        case .officers: "/can-bo"
        case .staffing: "/bien-che"
        case .forms: "/bieu-mau"
        case .accounts: "/quan-tri/nguoi-dung"
        case .profile: "/quan-tri/quy-dinh"
        case .auditLog: "/quan-tri/nhat-ky"
        case .preScreening: "/so-tuyen"
        case .myMail: "/thu-cua-toi"
        }
    }

    public var label: String {
        switch self {
        case .home: "Việc cần làm"
        case .tickets: "Phiếu công tác"
        case .workLogs: "Sổ công tác"
        case .evaluation: "Đánh giá"
        case .training: "Tập huấn"
        case .agencies: "Cơ quan"
        case .officers: "Cán bộ CNTT"
        case .staffing: "Bố trí cán bộ CNTT"
        case .forms: "Biểu mẫu"
        case .accounts: "Người dùng"
        case .profile: "Bộ quy định"
        case .auditLog: "Nhật ký"
        case .preScreening: "Sơ tuyển"
        case .myMail: "Thư đã gửi cho tôi"
        }
    }
}

extension AccessPolicy {
    /// Who opens each section, and why.
    public func opens(_ section: Section) -> Bool {
        switch section {
        case .home, .forms: true
        // Form 3: the officer's own tickets and requests to take, what a requester sent, a head's
        // agencies' work, the authority's submitted logs (Art. 15.6).
        case .tickets: !administersOnly && (has(.itOfficer) || sendsRequests || isITAuthority)
        // The officer's own book; those who follow its submission (Art. 15.6) or record its cost.
        case .workLogs: !administersOnly && (officerID != nil || followsSubmissions)
        // The year's cycle: who grades and decides (Art. 15–16), who reads published grades (D4),
        // and the efficiency table's readers (Art. 15.5).
        case .evaluation: !administersOnly && (takesEvaluationSteps || actsForHomeAffairs || has(.agencyHead)
                                               || officerID != nil || readsEfficiency || has(.agencyPersonnel))
        // Tests and meetings (Art. 15.3): the invited officer, and those who convene or fund them.
        case .training: !administersOnly && (officerID != nil || readsTrainingEvents)
        case .agencies, .officers, .staffing: true
        case .accounts, .profile, .auditLog: managesAccounts
        // Art. 12, D8: those who file, agree to and conduct interviews; nobody else.
        case .preScreening: followsPreScreening
        // Each person reads what was sent to them, and only that.
        case .myMail: true
        }
    }

    /// The province's training events with their attendance (Art. 15.3, 18): the IT authority, Home
    /// Affairs and the Department of Finance.
    public var readsTrainingEvents: Bool { isITAuthority || actsForHomeAffairs || has(.financeDepartment) }
}
