import Domain
import Fluent
import Vapor

/// Writes a built demo province in batches, each batch a transaction, with one audit entry.
enum DemoLoader {
    struct Account { var username: String, fullName: String, role: Role, agency: String? }

    static let accounts: [Account] = [
        Account(username: "admin", fullName: "Quản trị hệ thống", role: .administrator, agency: nil),
        Account(username: "sotttt", fullName: "Nguyễn Thị Minh Thư", role: .authorityStaff, agency: nil),
        Account(username: "truongphong", fullName: "Võ Quốc Hưng", role: .itDivisionHead, agency: nil),
        Account(username: "giamdoc", fullName: "Đặng Văn Sơn", role: .authorityLeadership, agency: nil),
        Account(username: "noivu", fullName: "Huỳnh Thị Lan", role: .homeAffairs, agency: nil),
        Account(username: "taichinh", fullName: "Bùi Văn Phúc", role: .financeDepartment, agency: nil),
        Account(username: "thutruong", fullName: "Ngô Thanh Tùng", role: .agencyHead, agency: "Sở Kế hoạch và Đầu tư"),
        Account(username: "canbo", fullName: "Trần Minh Khoa", role: .itOfficer, agency: "Sở Kế hoạch và Đầu tư"),
        Account(username: "nhanvien", fullName: "Phan Thị Ngọc Ánh", role: .agencyStaff, agency: "Sở Kế hoạch và Đầu tư"),
        Account(username: "ketoan", fullName: "Đỗ Thị Hồng Nhung", role: .agencyFinance, agency: "Sở Kế hoạch và Đầu tư"),
        Account(username: "tochuc", fullName: "Lý Văn Tài", role: .agencyPersonnel, agency: "Sở Kế hoạch và Đầu tư"),
        Account(username: "thutruong2", fullName: "Mai Văn Đạt", role: .agencyHead, agency: "Ủy ban nhân dân thành phố Dĩ An"),
        Account(username: "canbo2", fullName: "Phạm Quốc Bảo", role: .itOfficer, agency: "Ủy ban nhân dân thành phố Dĩ An"),
    ]

    static func load(_ province: DemoProvince.Built, on app: Application, console: any Console) async throws {
        func batches<T>(_ items: [T], _ label: String, size: Int = 500, _ insert: @escaping @Sendable ([T], any Database) async throws -> Void) async throws where T: Sendable {
            var done = 0
            for start in stride(from: 0, to: items.count, by: size) {
                let chunk = Array(items[start..<min(items.count, start + size)])
                // Each batch with its audit entry: every write moves the audit head (ADR 0016, 0020).
                let after = "\(label): \(done + chunk.count)/\(items.count)"
                try await app.write { db in
                    try await insert(chunk, db)
                    try await AuditLog.append(AuditEvent(actorID: nil, actorName: "qlcb demo", action: "demo.load", entityType: "system",
                                                         after: after), on: db)
                }
                done += chunk.count
                if items.count > 2000 { console.print("  \(label): \(done)/\(items.count)") }
            }
        }
        // Parents first: the list is built top-down, so each batch's governing agencies already exist.
        try await batches(province.agencies, "Cơ quan") { try await $0.create(on: $1) }
        try await batches(province.levels, "Mức ứng dụng CNTT") { try await $0.create(on: $1) }
        try await batches(province.officers, "Cán bộ") { try await $0.create(on: $1) }
        try await batches(province.events, "Lịch sử công tác") { try await $0.create(on: $1) }
        try await batches(province.incentives, "Mức ưu đãi") { try await $0.create(on: $1) }
        let hash = try await app.password.async.hash(DemoCommand.password)
        let officerA = province.officers.first { $0.fullName == "Trần Minh Khoa" }!.id
        let officerB = province.officers.first { $0.fullName == "Phạm Quốc Bảo" }!.id
        let agencyIDs = ["Sở Kế hoạch và Đầu tư": province.agencyA.id!, "Ủy ban nhân dân thành phố Dĩ An": province.agencyB.id!]
        try await app.write { db in
            for account in accounts {
                let officerID = account.username == "canbo" ? officerA : account.username == "canbo2" ? officerB : nil
                let grant = RoleGrant(role: account.role, agencyID: account.agency.flatMap { agencyIDs[$0] })
                _ = try await UserService.create(username: account.username, fullName: account.fullName, passwordHash: hash,
                                                 grants: [grant], officerID: officerID, actor: (nil, "qlcb demo"), on: db)
            }
            try await AuditLog.append(AuditEvent(actorID: nil, actorName: "qlcb demo", action: "demo.load", entityType: "system",
                                                 after: "\(province.agencies.count) cơ quan, \(province.officers.count) cán bộ"), on: db)
        }
        console.print("Đã tạo \(province.agencies.count) cơ quan, \(province.officers.count) cán bộ CNTT.")
    }
}
