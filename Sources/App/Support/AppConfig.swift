import Foundation
import Vapor

/// Configuration read from the environment (see `.env.example`).
enum AppConfig {
    enum DatabaseChoice: Equatable, Sendable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(String)
    }

    /// `DATABASE_URL` unset → `data/qlcb.sqlite`; `sqlite:///abs/path.sqlite` → that file;
    /// `sqlite::memory:` → in memory; `postgres://…` → PostgreSQL.
    static func database(from url: String?, workingDirectory: String) throws -> DatabaseChoice {
        guard let url, !url.isEmpty else { return .sqliteFile(workingDirectory + "data/qlcb.sqlite") }
        if url == "sqlite::memory:" { return .sqliteMemory }
        if url.hasPrefix("sqlite://") { return .sqliteFile(String(url.dropFirst("sqlite://".count))) }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") { return .postgres(url) }
        throw ConfigError(message: "DATABASE_URL không hợp lệ: dùng sqlite:///đường/dẫn.sqlite hoặc postgres://…")
    }

    /// How long a request waits for a PostgreSQL connection before its 503: `DATABASE_POOL_TIMEOUT`
    /// in seconds (1–600), default 10. The test cluster waits longer: many suites share it at once.
    static func poolTimeout(_ value: String? = Environment.get("DATABASE_POOL_TIMEOUT")) throws -> Int64 {
        guard let value, !value.isEmpty else { return 10 }
        guard let n = Int64(value), (1...600).contains(n) else {
            throw ConfigError(message: "DATABASE_POOL_TIMEOUT phải là số giây từ 1 đến 600.")
        }
        return n
    }

    /// PostgreSQL connections per event loop: `DATABASE_POOL_SIZE` (1–64), default 4.
    static func poolSize(_ value: String? = Environment.get("DATABASE_POOL_SIZE")) throws -> Int {
        guard let value, !value.isEmpty else { return 4 }
        guard let n = Int(value), (1...64).contains(n) else {
            throw ConfigError(message: "DATABASE_POOL_SIZE phải là số nguyên từ 1 đến 64 (số kết nối mỗi luồng).")
        }
        return n
    }

    /// Whether the process is the web server (`qlcb serve`, or `qlcb` alone, which serves), not a
    /// one-shot command.
    static func isServing(_ arguments: [String]) -> Bool {
        arguments.count < 2 || arguments[1] == "serve" || arguments[1].hasPrefix("-")
    }
}

struct ConfigError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
