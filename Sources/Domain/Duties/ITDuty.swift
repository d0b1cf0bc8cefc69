/// The seven duties of an IT officer (Art. 5.1–5.7; rules.md ): the items a duty assignment
/// decision hands out (Art. 13.1). See docs/duties-and-handover.md.
public enum ITDuty: String, CaseIterable, Codable, Sendable, Comparable {
    case regulationsAndPlans, systemAdministration, dissemination, humanResources, reporting
    case selfDevelopment, mandatoryAttendance

    /// The clause of Art. 5 the duty comes from.
    public var clause: String {
        switch self {
        case .regulationsAndPlans: "5.1"
        case .systemAdministration: "5.2"
        case .dissemination: "5.3"
        case .humanResources: "5.4"
        case .reporting: "5.5"
        case .selfDevelopment: "5.6"
        case .mandatoryAttendance: "5.7"
        }
    }

    /// The duty in the regulation's words, shortened.
    public var title: String {
        switch self {
        case .regulationsAndPlans:
            "Đề xuất, xây dựng các quy chế, quy định về ứng dụng CNTT trong cơ quan; kế hoạch 5 năm và hằng năm về ứng dụng CNTT"
        case .systemAdministration:
            "Trực tiếp quản trị, vận hành hệ thống thông tin của cơ quan đảm bảo an toàn thông tin số (hạ tầng kỹ thuật, cơ sở dữ liệu, phần mềm, cổng hoặc trang thông tin điện tử, thông tin phục vụ chỉ đạo, điều hành)"
        case .dissemination:
            "Tham mưu phổ biến, triển khai văn bản về CNTT; tổ chức thực hiện các chương trình, kế hoạch, dự án ứng dụng CNTT đã được phê duyệt"
        case .humanResources:
            "Phối hợp với bộ phận tổ chức cán bộ tham mưu, lập kế hoạch đào tạo, bồi dưỡng, phát triển nguồn nhân lực CNTT"
        case .reporting:
            "Thống kê, báo cáo về CNTT định kỳ hoặc đột xuất theo yêu cầu"
        case .selfDevelopment:
            "Thường xuyên học tập, nghiên cứu nâng cao trình độ"
        case .mandatoryAttendance:
            "Tham gia đầy đủ các kỳ kiểm tra sát hạch, tập huấn bắt buộc và sinh hoạt chuyên đề do cơ quan chuyên trách CNTT triệu tập"
        }
    }

    /// "Khoản 2 Điều 5" style label for lists.
    public var label: String { "Nhiệm vụ \(clause.dropFirst(2)) (khoản \(clause.dropFirst(2)) Điều 5)" }

    /// Operating the information system: the duty that requires the commitment letter (Art. 13.2).
    public var operatesSystem: Bool { self == .systemAdministration }

    public static func < (a: ITDuty, b: ITDuty) -> Bool { a.clause < b.clause }

    /// "all" or the codes of a request, in the catalogue's order; nil when a code is unknown.
    public static func parse(_ codes: [String]) -> [ITDuty]? {
        if codes.contains("all") { return codes.count == 1 ? allCases : nil }
        var found: Set<ITDuty> = []
        for code in codes {
            guard let duty = ITDuty(rawValue: code) else { return nil }
            found.insert(duty)
        }
        return found.sorted()
    }
}
