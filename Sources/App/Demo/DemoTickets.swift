import Domain

/// Vietnamese job descriptions that match their task groups, with the result each usually has.
enum DemoTickets {
    static let jobs: [TaskGroup: [String]] = [
        .equipmentMaintenance: ["Thay hộp mực máy in HP LaserJet phòng Kế toán", "Vệ sinh, bảo dưỡng máy tính bộ phận một cửa",
                                "Thay ổ cứng SSD cho máy tính của Phó Giám đốc", "Sửa máy quét Fujitsu tại bộ phận văn thư",
                                "Cài lại hệ điều hành cho máy tính bị nhiễm mã độc", "Thay bộ lưu điện (UPS) phòng máy chủ"],
        .networkMaintenance: ["Bấm lại đầu cáp mạng phòng họp tầng 3", "Thay thiết bị chuyển mạch 24 cổng tại tủ mạng tầng 2",
                              "Khắc phục mất kết nối Wi-Fi khu tiếp công dân", "Kiểm tra đường truyền số liệu chuyên dùng bị chập chờn"],
        .networkAdministration: ["Cấu hình VLAN tách mạng nội bộ và mạng khách", "Cập nhật luật tường lửa theo hướng dẫn của Sở",
                                 "Cấp tài khoản VPN cho cán bộ làm việc từ xa", "Rà soát nhật ký truy cập thiết bị mạng hằng tháng"],
        .softwareAndDatabaseAdministration: ["Sao lưu cơ sở dữ liệu phần mềm quản lý văn bản", "Cập nhật phiên bản phần mềm kế toán",
                                             "Cấu hình chữ ký số cho văn thư trên hệ thống quản lý văn bản",
                                             "Khôi phục hồ sơ một cửa bị xóa nhầm từ bản sao lưu", "Cấp tài khoản thư điện tử công vụ cho cán bộ mới"],
        .websiteAdministration: ["Đăng tin hoạt động lên Cổng thông tin điện tử của cơ quan", "Cập nhật mục công khai ngân sách trên trang thông tin điện tử",
                                 "Gia hạn chứng thư SSL cho trang thông tin điện tử", "Sửa lỗi hiển thị tiếng Việt trên trang thông tin điện tử"],
        .itManagementAdvisory: ["Dự thảo kế hoạch ứng dụng công nghệ thông tin năm", "Tham mưu quy chế bảo đảm an toàn thông tin của cơ quan",
                                "Tổng hợp báo cáo thống kê ứng dụng CNTT gửi Sở Thông tin và Truyền thông"],
        .other: ["Hỗ trợ kỹ thuật hội nghị trực tuyến với Ủy ban nhân dân tỉnh", "Hướng dẫn cán bộ sử dụng dịch vụ công trực tuyến"],
    ]

    static let handling: [TaskGroup: String] = [
        .equipmentMaintenance: "Kiểm tra, thay thế linh kiện hỏng và chạy thử",
        .networkMaintenance: "Đo kiểm đường cáp, thay thế thiết bị lỗi",
        .networkAdministration: "Cấu hình lại thiết bị theo phương án đã duyệt",
        .softwareAndDatabaseAdministration: "Thực hiện theo quy trình, kiểm tra lại dữ liệu",
        .websiteAdministration: "Biên tập, cập nhật nội dung và kiểm tra hiển thị",
        .itManagementAdvisory: "Nghiên cứu văn bản, dự thảo trình lãnh đạo",
        .other: "Chuẩn bị thiết bị, hỗ trợ trong suốt buổi làm việc",
    ]

    static let weights: [(TaskGroup, Int)] = [(.equipmentMaintenance, 30), (.networkMaintenance, 12), (.networkAdministration, 10),
                                             (.softwareAndDatabaseAdministration, 22), (.websiteAdministration, 12),
                                             (.itManagementAdvisory, 8), (.other, 6)]

    static func group(_ rng: inout SeededRandom) -> TaskGroup {
        var roll = rng.int(0...(weights.map(\.1).reduce(0, +) - 1))
        for (group, weight) in weights {
            if roll < weight { return group }
            roll -= weight
        }
        return .other
    }

    static func outcome(_ group: TaskGroup) -> TicketOutcome {
        switch group {
        case .equipmentMaintenance: .deviceFixed
        case .networkMaintenance, .networkAdministration: .networkOperational
        case .softwareAndDatabaseAdministration, .websiteAdministration: .softwareOperational
        case .itManagementAdvisory: .documentIssued
        case .other: .trainingCompleted
        }
    }

    static func workKind(_ group: TaskGroup, _ rng: inout SeededRandom) -> WorkKind {
        switch group {
        case .equipmentMaintenance, .networkMaintenance: rng.chance(0.4) ? .incidentRemediation : .maintenance
        case .itManagementAdvisory: .initialSetup
        default: .operation
        }
    }
}
