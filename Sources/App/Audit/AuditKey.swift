import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import NIOConcurrencyHelpers

/// The secret that seals the audit chain (HMAC-SHA256, ADR 0007). It lives outside the database:
/// whoever can edit the database but not read this key cannot recompute the chain.
struct AuditKey: Sendable {
    let key: SymmetricKey
    /// Names the key in logs and in the re-seal entry without revealing it.
    let id: String

    init(bytes: [UInt8]) throws {
        guard bytes.count >= 32 else {
            throw ConfigError(message: "Khóa nhật ký cần ít nhất 32 byte (64 chữ số hex hoặc 44 ký tự base64).")
        }
        self.init(checked: bytes)
    }

    private init(checked bytes: [UInt8]) {
        key = SymmetricKey(data: bytes)
        id = String(Secrets.sha256(Data(bytes).base64EncodedString()).prefix(12))
    }

    /// Hex (`openssl rand -hex 32`) or base64 (`openssl rand -base64 32`).
    init(text: String) throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let digits = Array(text.utf8)
        let pairs = stride(from: 0, to: digits.count - 1, by: 2).compactMap {
            UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)
        }
        let hex = digits.allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
        if hex, !digits.isEmpty, digits.count % 2 == 0, pairs.count == digits.count / 2 {
            try self.init(bytes: pairs)
        } else if let data = Data(base64Encoded: text) {
            try self.init(bytes: Array(data))
        } else {
            throw ConfigError(message: "Khóa nhật ký phải là chuỗi hex hoặc base64.")
        }
    }

    /// Lowercase hex HMAC-SHA256 of the UTF-8 text.
    func seal(_ text: String) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    /// The key of the tests, and of `--env testing` without a configured key. Public, so never for data.
    static let testing = AuditKey(checked: Array("qlcb-test-audit-key-not-a-secret".utf8))
}

/// Where the key comes from: `QLCB_AUDIT_KEY`, else the file `QLCB_AUDIT_KEY_FILE`, else
/// `audit.key` next to the SQLite file (or in `data/` of the working directory), created on first
/// use with mode 0600.
enum AuditKeySource: Sendable, Equatable {
    case value(String)
    case file(String, create: Bool)
    case testing

    static func from(environment: [String: String], defaultFile: String, testing: Bool) -> AuditKeySource {
        if let text = environment["QLCB_AUDIT_KEY"], !text.isEmpty { return .value(text) }
        if let path = environment["QLCB_AUDIT_KEY_FILE"], !path.isEmpty { return .file(path, create: false) }
        return testing ? .testing : .file(defaultFile, create: true)
    }

    func load(logger: Logger) throws -> AuditKey {
        switch self {
        case .testing:
            return .testing
        case .value(let text):
            return try AuditKey(text: text)
        case .file(let path, let create):
            let manager = FileManager.default
            if !manager.fileExists(atPath: path) {
                guard create else { throw ConfigError(message: "Không tìm thấy tệp khóa nhật ký \(path) (QLCB_AUDIT_KEY_FILE).") }
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let text = Hex.lowercase([UInt8].random(count: 32)) + "\n"
                try Self.createPrivately(path, text)
                logger.notice("Đã tạo khóa niêm phong nhật ký tại \(path). Hãy sao lưu tệp này (không để trong cơ sở dữ liệu): mất khóa thì không kiểm tra được nhật ký.")
            }
            guard let data = manager.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ConfigError(message: "Không đọc được tệp khóa nhật ký \(path).")
            }
            let key = try AuditKey(text: text)
            logger.info("Khóa niêm phong nhật ký: \(path) (mã khóa \(key.id)).")
            return key
        }
    }
}

extension AuditKeySource {
    /// Created with mode 0600 from the start (never readable by others, not even for a moment), and
    /// only if it does not exist yet: two processes starting together keep the first one's key.
    static func createPrivately(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw ConfigError(message: "Không tạo được tệp khóa nhật ký \(path) (lỗi \(errno)).")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw ConfigError(message: "Không ghi được tệp khóa nhật ký \(path).")
        }
    }
}

/// The process's audit key: chosen by `configure`, read on first use. One deployment per process;
/// every application of a test process uses the same (testing) key.
enum AuditKeyring {
    private struct State { var source: AuditKeySource?; var logger: Logger?; var key: AuditKey? }
    private static let state = NIOLockedValueBox(State())

    static func use(_ source: AuditKeySource, logger: Logger) {
        state.withLockedValue { s in
            guard s.source != source else { return }
            s = State(source: source, logger: logger, key: nil)
        }
    }

    static func current() throws -> AuditKey {
        try state.withLockedValue { s in
            if let key = s.key { return key }
            guard let source = s.source else { throw ConfigError(message: "Chưa cấu hình khóa nhật ký.") }
            let key = try source.load(logger: s.logger ?? Logger(label: "qlcb.audit"))
            s.key = key
            return key
        }
    }
}
