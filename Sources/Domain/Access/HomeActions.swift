/// The first things a person does, put first on their home page ("Việc cần làm", issue 11 §3).
/// Each is offered only to those the policy lets do it, so the home page never leads to a refusal.
/// In the order of the cases: a person's first offered action is their main daily work.
public enum HomeAction: String, CaseIterable, Sendable {
    /// Form 3: the IT officer records a piece of work.
    case writeTicket
    /// Art. 13.3, 15.4: the head signs off the officers' work logs.
    case signOffWorkLogs
    /// Form 2, Art. 15.5: the finance section records the outsourced cost of the year.
    case enterOutsourcedCost
    /// Art. 15.2: grade the officers of the year.
    case gradeOfficers
    /// Art. 16: proposals and candidacies to sign or decide.
    case signProposals
    /// Art. 11: a new officer record (the personnel section, heads, the registry's keepers).
    case addOfficer
    /// Art. 5, Form 3: ask the agency's IT officers for support.
    case sendRequest
    /// Accounts and the regulation's profile: the administrator.
    case manageAccounts, manageProfile
    /// Art. 12.1: the agency's head asks for a candidate's pre-screening.
    case fileInterviewRequest
    /// Art. 14.2: the head follows the open handovers of their agencies until each closes.
    case followHandovers

    public var label: String {
        switch self {
        case .sendRequest: "Gửi yêu cầu hỗ trợ"
        case .writeTicket: "Ghi phiếu công tác"
        case .signOffWorkLogs: "Ký duyệt Sổ công tác"
        case .enterOutsourcedCost: "Nhập chi phí thuê ngoài"
        case .addOfficer: "Thêm cán bộ CNTT"
        case .gradeOfficers: "Xếp loại cán bộ"
        case .signProposals: "Đề xuất, khen thưởng cần xử lý"
        case .manageAccounts: "Quản lý người dùng"
        case .manageProfile: "Bộ quy định áp dụng"
        case .fileInterviewRequest: "Đề nghị phỏng vấn sơ tuyển"
        case .followHandovers: "Theo dõi bàn giao đang mở"
        }
    }
}

extension AccessPolicy {
    public func offers(_ action: HomeAction) -> Bool {
        switch action {
        case .sendRequest: sendsRequests
        case .writeTicket: officerID != nil
        case .signOffWorkLogs: !headedAgencies.isEmpty
        case .enterOutsourcedCost: !agencies(for: [.agencyFinance]).isEmpty
        case .addOfficer: createsOfficerRecords
        case .gradeOfficers: grades
        case .signProposals: signsForITAuthority || actsForHomeAffairs
        case .manageAccounts, .manageProfile: managesAccounts
        case .fileInterviewRequest: !filesInterviewRequests.isEmpty
        case .followHandovers: !headedAgencies.isEmpty
        }
    }
}
