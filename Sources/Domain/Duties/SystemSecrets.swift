/// Kinds of information system in an agency's inventory (Art. 3.3; D9).
public enum SystemKind: String, CaseIterable, Codable, Sendable {
    case website, server, networkDevice, software, database, mail, account, other

    public var label: String {
        switch self {
        case .website: "Cổng/trang thông tin điện tử"
        case .server: "Máy chủ"
        case .networkDevice: "Thiết bị mạng"
        case .software: "Phần mềm"
        case .database: "Cơ sở dữ liệu"
        case .mail: "Thư điện tử"
        case .account: "Tài khoản dịch vụ"
        case .other: "Hệ thống khác"
        }
    }
}

/// The categories of system secret (Art. 3.3 a–c). The product records which exist and who holds
/// them, never their values (Art. 7.1; D9).
public enum SecretCategory: String, CaseIterable, Codable, Sendable, Comparable {
    case administratorAccount, passwords, keysAndCertificates, configurations, networkDiagram, confidentialData

    public var label: String {
        switch self {
        case .administratorAccount: "Tài khoản quản trị"
        case .passwords: "Mật khẩu truy cập"
        case .keysAndCertificates: "Khóa, chứng thư số"
        case .configurations: "Tệp cấu hình, địa chỉ, cổng"
        case .networkDiagram: "Sơ đồ mạng, tài liệu hệ thống"
        case .confidentialData: "Dữ liệu mật trong cơ sở dữ liệu"
        }
    }

    /// The point of Art. 3.3 the category falls under.
    public var point: String {
        switch self {
        case .configurations, .networkDiagram: "a"
        case .administratorAccount, .passwords, .keysAndCertificates: "b"
        case .confidentialData: "c"
        }
    }

    /// A credential: after its handover, changing it is recommended (D9; rules.md ).
    public var isCredential: Bool { point == "b" }

    public static func < (a: SecretCategory, b: SecretCategory) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
