import Foundation

/// The pre-screening of a candidate for a full-time IT post (Art. 11.3, 12; Appendix II; D8;
/// docs/pre-screening.md). The agency's head files the request, the IT authority's director agrees
/// (assigning the head of the IT division) or returns it, the division head schedules the interview
/// and records the report, and the agency's head decides whether to recruit.
public enum PreScreening {
    /// Form 1 "Hình thức văn bản trả lời", which sets the confidentiality of the result (R-12.2, D8).
    public enum ReplyFormat: String, CaseIterable, Codable, Sendable {
        /// The IT division's report only: high confidentiality, no leadership confirmation.
        case divisionReportOnly
        /// The IT division's report confirmed by the authority's leadership (standard).
        case confirmed

        public var label: String {
            switch self {
            case .divisionReportOnly: "Báo cáo của Phòng CNTT (bảo mật cao)"
            case .confirmed: "Báo cáo của Phòng CNTT có xác nhận của Lãnh đạo"
            }
        }
    }

    /// The life of a request: filed → agreed (with the division head assigned) or returned →
    /// scheduled → reported → hired or not hired.
    public enum Stage: String, CaseIterable, Codable, Sendable {
        case filed, returned, agreed, scheduled, reported, hired, notHired

        public var label: String {
            switch self {
            case .filed: "Chờ Giám đốc đồng ý"
            case .returned: "Đã trả lại"
            case .agreed: "Đã đồng ý, chờ xếp lịch"
            case .scheduled: "Đã xếp lịch phỏng vấn"
            case .reported: "Đã có báo cáo kết quả"
            case .hired: "Đã tuyển dụng"
            case .notHired: "Không tuyển dụng"
            }
        }

        /// The request is closed: nothing more happens to it.
        public var isClosed: Bool { [.returned, .hired, .notHired].contains(self) }
    }

    /// The three topics of Art. 12.4, scored out of 10 each (Form 2 items 1–3).
    public enum Topic: Int, CaseIterable, Sendable {
        case generalIT, networks, programmingAndDatabases

        public var label: String {
            switch self {
            case .generalIT: "Kiến thức chung về CNTT, ứng dụng CNTT trong cơ quan nhà nước"
            case .networks: "Kiến thức căn bản về mạng máy tính"
            case .programmingAndDatabases: "Kiến thức căn bản về lập trình và quản trị cơ sở dữ liệu"
            }
        }
    }

    /// The report's recommendation as the division head enters it (Form 2 "Kiến nghị"). No pass mark
    /// is computed from the scores (D8): whether the report advises against is what the head of the
    /// division says here.
    public enum Recommendation: String, CaseIterable, Codable, Sendable {
        case suitable, notSuitable

        public var label: String {
            switch self {
            case .suitable: "Đáp ứng yêu cầu chuyên môn"
            case .notSuitable: "Chưa đáp ứng yêu cầu chuyên môn"
            }
        }
    }

    /// The candidate's dossier (Art. 12.2.a; Form 1 "Hồ sơ đính kèm").
    public enum DossierKind: String, CaseIterable, Codable, Sendable {
        case diploma, transcript, languageCertificate, itCertificate, experience

        public var label: String {
            switch self {
            case .diploma: "Văn bằng CNTT"
            case .transcript: "Bảng điểm đào tạo CNTT"
            case .languageCertificate: "Chứng chỉ ngoại ngữ"
            case .itCertificate: "Chứng chỉ CNTT"
            case .experience: "Hồ sơ quá trình, kinh nghiệm công tác CNTT"
            }
        }

        /// The box of Form 1's attachment list it ticks (0: diplomas and transcripts, 1: certificates, 2: experience).
        public var formBox: Int {
            switch self {
            case .diploma, .transcript: 0
            case .languageCertificate, .itCertificate: 1
            case .experience: 2
            }
        }
    }

    /// The duties planned for the post (Form 1, note (*)), in the form's order.
    public enum PlannedDuty: String, CaseIterable, Codable, Sendable {
        case adviseRulesAndPlans, adviseImplementation, manageHardwareAndLAN, endUserSupport
        case manageSoftwareAndDatabases, manageWebsite, itReporting

        public var label: String {
            switch self {
            case .adviseRulesAndPlans: "Tham mưu xây dựng quy chế, quy định, kế hoạch ứng dụng CNTT, đào tạo nguồn nhân lực"
            case .adviseImplementation: "Tham mưu tổ chức, triển khai văn bản, chương trình, kế hoạch CNTT"
            case .manageHardwareAndLAN: "Quản lý thiết bị phần cứng, hệ thống mạng nội bộ"
            case .endUserSupport: "Khắc phục sự cố máy tính, phần cứng của người sử dụng"
            case .manageSoftwareAndDatabases: "Quản lý hệ thống phần mềm, cơ sở dữ liệu"
            case .manageWebsite: "Quản lý Website của cơ quan"
            case .itReporting: "Thống kê báo cáo về CNTT"
            }
        }

        /// Its position in Form 1's list.
        public var formBox: Int { Self.allCases.firstIndex(of: self)! }
    }
}
