import Domain

/// Vietnamese names and places for the demo province (Bình Dương before 2025).
enum DemoNames {
    static let families = ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
                           "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai"]
    static let maleMiddles = ["Văn", "Văn", "Minh", "Quốc", "Hữu", "Đức", "Thanh", "Hoàng", "Công", "Ngọc", "Tấn", "Thành"]
    static let femaleMiddles = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Hồng", "Bích", "Phương"]
    static let maleGiven = ["Anh", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khoa", "Khánh", "Long", "Minh",
                            "Nam", "Phong", "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Trung", "Tuấn", "Việt",
                            "Vinh", "Hiếu", "Lộc", "Tâm", "Toàn", "Nghĩa", "Đạt"]
    static let femaleGiven = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai",
                              "My", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Tuyết", "Uyên", "Vy",
                              "Yến", "Ngọc", "Thư", "Diệp", "Nhi"]

    static func person(_ rng: inout SeededRandom) -> (name: String, gender: Gender) {
        let gender: Gender = rng.chance(0.6) ? .male : .female
        let middle = rng.pick(gender == .male ? maleMiddles : femaleMiddles)
        let given = rng.pick(gender == .male ? maleGiven : femaleGiven)
        return ("\(rng.pick(families)) \(middle) \(given)", gender)
    }

    /// Districts with their kind of administration and some of their wards and communes.
    static let districts: [(name: String, isCity: Bool, wards: [String])] = [
        ("Thủ Dầu Một", true, ["phường Phú Cường", "phường Hiệp Thành", "phường Chánh Nghĩa", "phường Phú Hòa",
                               "phường Phú Lợi", "phường Phú Thọ", "phường Định Hòa", "phường Tương Bình Hiệp"]),
        ("Dĩ An", true, ["phường Dĩ An", "phường An Bình", "phường Đông Hòa", "phường Tân Bình", "phường Tân Đông Hiệp",
                         "phường Bình An", "phường Bình Thắng"]),
        ("Thuận An", true, ["phường Lái Thiêu", "phường An Phú", "phường Bình Hòa", "phường Thuận Giao",
                            "phường Vĩnh Phú", "phường An Thạnh", "phường Bình Chuẩn", "phường Hưng Định"]),
        ("Tân Uyên", true, ["phường Uyên Hưng", "phường Tân Phước Khánh", "phường Thái Hòa", "phường Khánh Bình",
                            "phường Tân Hiệp", "phường Hội Nghĩa"]),
        ("Bến Cát", true, ["phường Mỹ Phước", "phường Thới Hòa", "phường Tân Định", "phường Chánh Phú Hòa",
                           "phường Hòa Lợi", "xã An Điền"]),
        ("Bàu Bàng", false, ["thị trấn Lai Uyên", "xã Lai Hưng", "xã Trừ Văn Thố", "xã Long Nguyên"]),
        ("Bắc Tân Uyên", false, ["thị trấn Tân Thành", "xã Tân Bình", "xã Bình Mỹ", "xã Đất Cuốc", "xã Thường Tân"]),
        ("Dầu Tiếng", false, ["thị trấn Dầu Tiếng", "xã Minh Hòa", "xã Minh Thạnh", "xã Long Hòa", "xã Thanh An"]),
        ("Phú Giáo", false, ["thị trấn Phước Vĩnh", "xã An Bình", "xã An Linh", "xã Vĩnh Hòa", "xã Phước Hòa"]),
    ]

    static let departments: [(name: String, short: String, units: [String])] = [
        ("Sở Thông tin và Truyền thông", "STTTT", ["Trung tâm Công nghệ thông tin và Truyền thông"]),
        ("Sở Nội vụ", "SNV", []),
        ("Sở Tài chính", "STC", []),
        ("Sở Kế hoạch và Đầu tư", "SKHĐT", ["Trung tâm Xúc tiến đầu tư"]),
        ("Sở Tư pháp", "STP", ["Trung tâm Trợ giúp pháp lý nhà nước"]),
        ("Sở Công Thương", "SCT", []),
        ("Sở Xây dựng", "SXD", []),
        ("Sở Giao thông vận tải", "SGTVT", []),
        ("Sở Tài nguyên và Môi trường", "STNMT", ["Văn phòng Đăng ký đất đai"]),
        ("Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", []),
        ("Sở Giáo dục và Đào tạo", "SGDĐT", ["Trường THPT chuyên Hùng Vương", "Trường THPT Võ Minh Đức"]),
        ("Sở Y tế", "SYT", ["Bệnh viện Đa khoa tỉnh Bình Dương", "Trung tâm Kiểm soát bệnh tật"]),
        ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", []),
        ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", ["Thư viện tỉnh Bình Dương"]),
        ("Sở Khoa học và Công nghệ", "SKHCN", []),
        ("Thanh tra tỉnh", "TTT", []),
        ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND", ["Trung tâm Phục vụ hành chính công"]),
        ("Ban Quản lý các Khu công nghiệp", "BQLKCN", []),
    ]

    static let divisions = ["Văn phòng", "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính",
                            "Phòng Nghiệp vụ", "Văn phòng HĐND và UBND", "Bộ phận một cửa"]
    static let positions = ["Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Kỹ thuật viên", "Văn thư",
                            "Phó Chánh Văn phòng", "Cán sự"]
    static let qualifications = ["Kỹ sư Công nghệ thông tin", "Cử nhân Khoa học máy tính", "Thạc sĩ Hệ thống thông tin",
                                 "Cao đẳng Tin học ứng dụng", "Kỹ sư Mạng máy tính và truyền thông", "Cử nhân Kế toán"]
    static let certificates = ["Chứng chỉ tiếng Anh B1", "Chứng chỉ CCNA", "Chứng chỉ ứng dụng CNTT nâng cao",
                               "Chứng chỉ tiếng Anh B2; MCSA", "Chứng chỉ An toàn thông tin cơ bản"]
    static let incentives = [700_000, 1_000_000, 1_200_000, 1_500_000, 1_700_000, 2_000_000]
}
