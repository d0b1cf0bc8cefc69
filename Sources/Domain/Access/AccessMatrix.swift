import Foundation

/// The policy written out as tables, role by role (issue 11: "record the resulting matrix in docs/,
/// generated from the policy"). Each role is tried alone, as the holder of a grant at one agency, on
/// records at each distance from them; `docs/access-matrix.md` is this text, checked by a test.
public enum AccessMatrix {
    /// Where a record lies, seen from the person.
    public enum Reach: String, CaseIterable, Sendable {
        case own, ownAgency, governedAgency, sameDistrict, otherDistrict

        public var label: String {
            switch self {
            case .own: "bản thân"
            case .ownAgency: "cơ quan mình"
            case .governedAgency: "cơ quan trực thuộc"
            case .sameDistrict: "cơ quan khác cùng huyện"
            case .otherDistrict: "huyện khác"
            }
        }
    }

    static let agency = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!
    static let parent = UUID(uuidString: "00000000-0000-0000-0000-00000000000F")!
    static let child = UUID(uuidString: "00000000-0000-0000-0000-00000000000C")!
    static let neighbour = UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!
    static let far = UUID(uuidString: "00000000-0000-0000-0000-00000000000D")!
    static let me = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
    static let colleague = UUID(uuidString: "00000000-0000-0000-0000-000000000002")!
    static let user = UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!

    /// A person holding `role` alone; an IT officer is also the officer `me`.
    public static func holder(of role: Role) -> AccessPolicy {
        let agencyID: UUID? = role.isAgencyScoped ? agency : nil
        return AccessPolicy(grants: [RoleGrant(role: role, agencyID: agencyID)], districtsOfGrantAgencies: [agency: "Huyện 1"],
                            officerID: role == .itOfficer ? me : nil)
    }

    /// The record's agency and officer at each reach.
    static func record(_ reach: Reach) -> (place: AgencyPlace, officer: UUID) {
        switch reach {
        case .own: (AgencyPlace(chain: [agency, parent], district: "Huyện 1"), me)
        case .ownAgency: (AgencyPlace(chain: [agency, parent], district: "Huyện 1"), colleague)
        case .governedAgency: (AgencyPlace(chain: [child, agency, parent], district: "Huyện 1"), colleague)
        case .sameDistrict: (AgencyPlace(chain: [neighbour], district: "Huyện 1"), colleague)
        case .otherDistrict: (AgencyPlace(chain: [far], district: "Huyện 2"), colleague)
        }
    }

    /// A rule about records: the reaches at which the person may do it.
    struct RecordRule: Sendable {
        var name: String, article: String
        var allows: @Sendable (AccessPolicy, AgencyPlace, UUID) -> Bool
    }

    struct RoleRule: Sendable {
        var name: String, article: String
        var allows: @Sendable (AccessPolicy) -> Bool
        init(_ name: String, _ article: String, _ allows: @escaping @Sendable (AccessPolicy) -> Bool) {
            self.name = name; self.article = article; self.allows = allows
        }
    }

    static let recordRules: [RecordRule] = [
        RecordRule(name: "Xem cơ quan, cán bộ", article: "Điều 11; D13") { p, place, _ in p.canSee(place) },
        RecordRule(name: "Sửa hồ sơ cán bộ", article: "Điều 11") { p, place, _ in p.canManageOfficers(at: place) },
        RecordRule(name: "Giấy cam kết (hồ sơ cán bộ)", article: "Điều 13.2") { p, place, o in p.readsPersonnelFile(officerID: o, at: place) },
        RecordRule(name: "Số định danh đầy đủ", article: "D13") { p, place, o in p.seesFullIdentityNumber(officerID: o, at: place) },
        RecordRule(name: "Xem phiếu công tác của cán bộ (sổ chưa nộp)", article: "Mẫu 3; Điều 15.6") { p, place, o in
            p.ticketAccess(.init(officerID: o, requesterUserID: nil, place: place, logSubmitted: false), viewerUserID: user).read
        },
        RecordRule(name: "Xem phiếu công tác (sổ đã nộp)", article: "Điều 15.6") { p, place, o in
            p.ticketAccess(.init(officerID: o, requesterUserID: nil, place: place, logSubmitted: true), viewerUserID: user).read
        },
        RecordRule(name: "Xác nhận phiếu công tác", article: "Mẫu 3 mục III") { p, place, o in
            p.ticketAccess(.init(officerID: o, requesterUserID: nil, place: place, logSubmitted: false), viewerUserID: user).confirm
        },
        RecordRule(name: "Xem Sổ công tác (chưa nộp)", article: "Điều 15.2") { p, place, o in
            p.workLogAccess(.init(officerID: o, place: place, submitted: false)).read
        },
        RecordRule(name: "Ký duyệt Sổ công tác", article: "Điều 13.3, 15.4") { p, place, o in
            p.workLogAccess(.init(officerID: o, place: place, submitted: false)).sign
        },
        RecordRule(name: "Nộp Sổ công tác", article: "Điều 15.6") { p, place, o in
            p.workLogAccess(.init(officerID: o, place: place, submitted: false)).submit
        },
        RecordRule(name: "Nhập chi phí thuê ngoài", article: "Mẫu 2; Điều 15.5") { p, place, o in
            p.workLogAccess(.init(officerID: o, place: place, submitted: false)).cost
        },
        RecordRule(name: "Xem kết quả xếp loại (đã công bố)", article: "D4") { p, place, o in
            p.readsGrade(officerID: o, at: place, published: true)
        },
        RecordRule(name: "Xem kết quả xếp loại (chưa công bố)", article: "D4") { p, place, o in
            p.readsGrade(officerID: o, at: place, published: false)
        },
        RecordRule(name: "Báo cáo sự cố", article: "Điều 15.3") { p, place, _ in p.reportsIncidents(at: place.id) },
        RecordRule(name: "Xem đề nghị phỏng vấn sơ tuyển", article: "Điều 12; D8") { p, place, _ in
            p.interviewAccess(.init(agencyID: place.id, format: .divisionReportOnly, stage: .filed, assigneeUserID: nil), viewerUserID: user).read
        },
        RecordRule(name: "Xem kết quả sơ tuyển (bảo mật cao)", article: "Điều 12.2.b; D8") { p, place, _ in
            p.interviewAccess(.init(agencyID: place.id, format: .divisionReportOnly, stage: .reported, assigneeUserID: nil), viewerUserID: user).readResult
        },
        RecordRule(name: "Xem kết quả sơ tuyển (có xác nhận của Lãnh đạo)", article: "Điều 12.2.b; D8") { p, place, _ in
            p.interviewAccess(.init(agencyID: place.id, format: .confirmed, stage: .reported, assigneeUserID: nil), viewerUserID: user).readResult
        },
        RecordRule(name: "Quyết định tuyển dụng sau sơ tuyển", article: "Điều 11.3, 12.5") { p, place, _ in
            p.interviewAccess(.init(agencyID: place.id, format: .confirmed, stage: .reported, assigneeUserID: nil), viewerUserID: user).decide
        },
        RecordRule(name: "Ban hành quyết định phân công nhiệm vụ", article: "Điều 13.1") { p, place, _ in p.issuesAssignmentDecisions(at: place) },
        RecordRule(name: "Xem quyết định phân công nhiệm vụ", article: "Điều 13.1") { p, place, _ in p.readsAssignmentDecisions(at: place) },
        RecordRule(name: "Ghi giấy cam kết", article: "Điều 13.2") { p, place, _ in p.recordsCommitments(at: place) },
        RecordRule(name: "Xác nhận giấy cam kết (tổ chức cán bộ)", article: "Điều 13.2") { p, place, _ in p.verifiesCommitments(at: place) },
        RecordRule(name: "Ghi danh mục hệ thống, người giữ bí mật", article: "Điều 3.3, 7.1") { p, place, _ in p.keepsSystemsInventory(at: place) },
        RecordRule(name: "Xem danh mục hệ thống", article: "Điều 3.3, 7.1") { p, place, _ in p.readsSystemsInventory(at: place) },
        RecordRule(name: "Xem biên bản bàn giao", article: "Điều 14") { p, place, o in p.readsHandover(officerID: o, at: place) },
        RecordRule(name: "Theo dõi, kết thúc bàn giao", article: "Điều 14.2") { p, place, _ in p.managesHandover(at: place) },
    ]

    /// Rules that do not depend on a record.
    static let roleRules: [RoleRule] = [
        RoleRule("Xếp loại cán bộ, ghi minh chứng", "Điều 15.2; D2", { $0.grades }),
        RoleRule("Các bước của năm đánh giá", "Điều 15.6", { $0.takesEvaluationSteps }),
        RoleRule("Ký đề xuất, quyết định khen thưởng cho cơ quan chuyên trách", "Điều 16", { $0.signsForITAuthority }),
        RoleRule("Ký đề xuất thôi hưởng (Sở Nội vụ)", "Điều 16.3.b", { $0.actsForHomeAffairs }),
        RoleRule("Bảng hiệu quả sử dụng cán bộ", "Điều 15.5, 18", { $0.readsEfficiency }),
        RoleRule("Gửi yêu cầu hỗ trợ", "Điều 5; Mẫu 3", { $0.sendsRequests }),
        RoleRule("Tổ chức kiểm tra, tập huấn", "Điều 15.3", { $0.convenesTraining }),
        RoleRule("Theo dõi nộp Sổ công tác", "Điều 15.6", { $0.followsSubmissions }),
        RoleRule("Quản lý tài khoản, bộ quy định", "—", { $0.managesAccounts }),
        RoleRule("Đồng ý, trả lại đề nghị phỏng vấn sơ tuyển", "Điều 12.3", { $0.directsITAuthority }),
        RoleRule("Được giao phỏng vấn, chấm điểm sơ tuyển", "Điều 12.3–12.4", { $0.isITDivision }),
    ]

    /// The whole matrix as Markdown.
    public static func markdown() -> String {
        let roles = Role.allCases
        var lines = ["# Ma trận phân quyền", "",
                     "Sinh ra từ chính sách truy cập (`Sources/Domain/Access`), không chép tay: một kiểm thử so tệp này với chính sách.",
                     "Mỗi vai trò được thử riêng, như người giữ vai trò đó tại một cơ quan (cơ quan mình), trên hồ sơ ở từng khoảng cách.", "",
                     "## Mục của ứng dụng (thực đơn)", "", header(["Mục"], roles), separator(roles.count + 1)]
        for section in Section.allCases {
            lines.append(row([section.label], roles.map { holder(of: $0).opens(section) ? "✓" : "—" }))
        }
        lines += ["", "## Quyền theo vai trò", "", header(["Quyền", "Căn cứ"], roles), separator(roles.count + 2)]
        for rule in roleRules {
            lines.append(row([rule.name, rule.article], roles.map { rule.allows(holder(of: $0)) ? "✓" : "—" }))
        }
        lines += ["", "## Quyền trên hồ sơ, theo khoảng cách", "",
                  "Ô ghi những khoảng cách được phép: " + Reach.allCases.map { "**\(short($0))** \($0.label)" }.joined(separator: ", ") + ".", "",
                  header(["Quyền", "Căn cứ"], roles), separator(roles.count + 2)]
        for rule in recordRules {
            lines.append(row([rule.name, rule.article], roles.map { role in
                let p = holder(of: role)
                // "Own" records exist only for a person who is an officer.
                let reaches = Reach.allCases.filter { $0 != .own || p.officerID != nil }
                    .filter { let r = record($0); return rule.allows(p, r.place, r.officer) }
                return reaches.isEmpty ? "—" : reaches.map(short).joined(separator: " ")
            }))
        }
        lines += ["", "## Việc đầu tiên trên trang Việc cần làm", "", header(["Việc"], roles), separator(roles.count + 1)]
        for action in HomeAction.allCases {
            lines.append(row([action.label], roles.map { holder(of: $0).offers(action) ? "✓" : "—" }))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func short(_ reach: Reach) -> String {
        switch reach {
        case .own: "BT"
        case .ownAgency: "CQ"
        case .governedAgency: "TT"
        case .sameDistrict: "H"
        case .otherDistrict: "T"
        }
    }

    static func header(_ first: [String], _ roles: [Role]) -> String { row(first, roles.map(\.label)) }
    static func separator(_ count: Int) -> String { "|" + String(repeating: " --- |", count: count) }
    static func row(_ first: [String], _ cells: [String]) -> String { "| " + (first + cells).joined(separator: " | ") + " |" }
}
