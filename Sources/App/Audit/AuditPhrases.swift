import Domain

/// What each action code of the audit log means, said in Vietnamese. Every code the application
/// writes has its phrase here (a test walks the sources for them); the code itself is never shown.
enum AuditPhrases {
    static let fixed: [String: String] = [
        "agency.create": "Đã tạo cơ quan", "agency.update": "Đã sửa thông tin cơ quan",
        "agency.deactivate": "Đã chuyển cơ quan sang ngừng hoạt động", "agency.reactivate": "Đã khôi phục hoạt động của cơ quan",
        "agency.itLevel": "Đã ghi mức ứng dụng CNTT",
        "officer.create": "Đã tạo hồ sơ cán bộ CNTT", "officer.update": "Đã sửa hồ sơ",
        "officer.status": "Đã đổi trạng thái công tác", "officer.transfer": "Đã chuyển công tác",
        "officer.incentive": "Đã đổi mức ưu đãi", "officer.incentive.backfill": "Đã ghi mức ưu đãi ban đầu",
        "permission.denied": "Bị từ chối truy cập",
        "login": "Đã đăng nhập", "login.failed": "Đăng nhập không thành công", "logout": "Đã đăng xuất",
        "user.create": "Đã tạo tài khoản", "user.grant": "Đã cấp vai trò", "user.revoke": "Đã thu hồi vai trò",
        "user.activate": "Đã mở khóa tài khoản", "user.deactivate": "Đã khóa tài khoản",
        "user.resetPassword": "Đã đặt lại mật khẩu", "user.password": "Đã đổi mật khẩu",
        "user.password.failed": "Nhập sai mật khẩu hiện tại khi đổi mật khẩu",
        "token.create": "Đã tạo mã truy cập", "token.revoke": "Đã thu hồi một mã truy cập",
        "token.revokeAll": "Đã thu hồi mọi mã truy cập",
        "profile.update": "Đã sửa bộ quy định", "profile.activate": "Đã lưu và áp dụng bộ quy định",
        "profile.migrate": "Đã bổ sung bộ quy định khi nâng cấp", "profile.snapshot": "Đã lưu bộ quy định của năm công bố",
        "ticket.create": "Đã ghi phiếu", "ticket.request": "Đã gửi yêu cầu hỗ trợ", "ticket.take": "Đã nhận xử lý yêu cầu",
        "ticket.update": "Đã sửa phiếu", "ticket.correct": "Đã điều chỉnh phiếu đã xác nhận",
        "ticket.start": "Đã bắt đầu xử lý", "ticket.complete": "Đã báo hoàn thành",
        "ticket.confirm": "Đã xác nhận hoàn thành", "ticket.refuse": "Chưa xác nhận, đã trả lại cho cán bộ CNTT",
        "ticket.link": "Đã tạo liên kết xác nhận cho người yêu cầu",
        "worklog.submit": "Đã nộp Sổ công tác", "worklog.exception": "Đã ghi nhận ngoại lệ cho nộp Sổ công tác sau hạn",
        "worklog.opinion": "Đã ghi ý kiến của thủ trưởng vào Sổ công tác", "worklog.signOff": "Đã ký duyệt sổ",
        "worklog.cost": "Đã nhập chi phí thuê dịch vụ bên ngoài", "worklog.initiative": "Đã thêm sáng kiến",
        "evaluation.criteria": "Đã sửa tiêu chí đánh giá",
        "grade.set": "Đã xếp loại", "grade.correct": "Đã điều chỉnh xếp loại",
        "grade.automaticD": "Đã xếp loại D tự động (Sổ công tác không được nhận đúng hạn)",
        "proposal.sign": "Đã ký đề xuất thôi hưởng chế độ ưu đãi",
        "headTask.done": "Đã báo thực hiện nhiệm vụ của thủ trưởng", "reward.decide": "Đã quyết định đề xuất khen thưởng",
        "inspection.create": "Đã ghi kết quả kiểm tra ứng dụng CNTT", "incident.create": "Đã ghi sự cố hệ thống thông tin",
        "training.create": "Đã tạo đợt kiểm tra, tập huấn", "training.attendance": "Đã ghi điểm danh",
        "demo.load": "Đã nạp dữ liệu mẫu", "demo.workLog": "Đã nạp Sổ công tác mẫu",
        "demo.evaluation": "Đã nạp kết quả đánh giá mẫu",
        "audit.reseal": "Đã niêm phong lại nhật ký bằng khóa bí mật",
        "interview.file": "Đã gửi đề nghị phỏng vấn sơ tuyển", "interview.upload": "Đã tải lên hồ sơ ứng viên",
        "interview.agree": "Đã đồng ý đề nghị phỏng vấn và giao Trưởng phòng CNTT", "interview.return": "Đã trả lại đề nghị phỏng vấn",
        "interview.schedule": "Đã xếp lịch phỏng vấn", "interview.result": "Đã lập báo cáo kết quả sơ tuyển",
        "interview.hire": "Đã quyết định tuyển dụng sau sơ tuyển", "interview.notHire": "Đã quyết định không tuyển dụng sau sơ tuyển",
        "duty.decision": "Đã ban hành quyết định phân công nhiệm vụ", "commitment.record": "Đã ghi giấy cam kết",
        "commitment.verify": "Đã xác nhận giấy cam kết", "system.create": "Đã ghi hệ thống thông tin vào danh mục",
        "handover.open": "Đã mở biên bản bàn giao", "handover.acknowledge": "Đã xác nhận nhận bàn giao một mục",
        "handover.rotation": "Đã ghi việc đổi thông tin xác thực sau bàn giao", "handover.plan": "Đã ghi phương án thay thế",
        "handover.close": "Đã kết thúc bàn giao",
        "housekeeping.links": "Đã xóa các liên kết xác nhận đã dùng hoặc hết hạn",
        "commitment.scan": "Đã tải lên bản quét giấy cam kết",
        "user.email": "Đã đổi địa chỉ thư điện tử nhận thông báo",
    ]

    /// The year's steps (`evaluation.<step>`), said with the step's own label.
    static let steps = Dictionary(uniqueKeysWithValues: EvaluationStep.allCases.map {
        ("evaluation.\($0.rawValue)", "Đã " + lowercasedFirst($0.label))
    })

    /// The phrase of a code; nil for a code nobody named (a test keeps that from happening).
    static func phrase(for code: String) -> String? { fixed[code] ?? steps[code] }

    /// Every code with a phrase.
    static var codes: Set<String> { Set(fixed.keys).union(steps.keys) }

    /// What each kind of record is called, for the log's "Đối tượng" column and the refusals.
    static let kinds: [String: String] = [
        "officer": "Cán bộ CNTT", "agency": "Cơ quan", "user": "Tài khoản", "ticket": "Phiếu công tác",
        "apiToken": "Mã truy cập", "profile": "Bộ quy định", "evaluationYear": "Năm đánh giá",
        "trainingEvent": "Đợt kiểm tra, tập huấn", "system": "Hệ thống", "auditLog": "Nhật ký hệ thống",
        "grade": "Xếp loại của cán bộ", "workLog": "Sổ công tác của cán bộ", "commitment": "Bản cam kết của cán bộ",
        "cessationProposal": "Đề xuất thôi hưởng ưu đãi", "headTask": "Nhiệm vụ của thủ trưởng",
        "rewardCandidate": "Đề xuất khen thưởng", "inspection": "Kết quả kiểm tra ứng dụng CNTT",
        "incident": "Sự cố hệ thống thông tin", "efficiency": "Bảng hiệu quả sử dụng cán bộ CNTT", "roleGrant": "Vai trò",
        "admin": "Trang quản trị",
        "interviewRequest": "Đề nghị phỏng vấn sơ tuyển",
        "assignmentDecision": "Quyết định phân công nhiệm vụ", "informationSystem": "Hệ thống thông tin", "handover": "Biên bản bàn giao",
    ]

    /// The kind of a record; a menu section refused is named by its label.
    static func kind(_ type: String) -> String? {
        kinds[type] ?? Section(rawValue: type).map { "Mục “\($0.label)”" }
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
