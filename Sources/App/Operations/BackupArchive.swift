import Crypto
import Foundation
import Vapor

/// What `qlcb backup` writes: one tar file holding `manifest.json`, the database copy
/// (`database.sqlite` or `database.pgdump`) and the uploaded files under `uploads/`. The manifest
/// names the schema (the migrations applied) so that a restore refuses a backup from a newer build,
/// and a SHA-256 of every file so that a damaged archive is refused before anything is written
/// (docs/operations.md).
struct BackupManifest: Codable, Sendable {
    static let currentFormat = "qlcb-backup/1"

    struct Entry: Codable, Sendable, Equatable {
        var path: String
        var size: Int
        var sha256: String
    }

    var format = Self.currentFormat
    var createdAt: String
    /// `sqlite` or `postgresql`.
    var database: String
    /// The last migration applied: the schema version.
    var schema: String
    var migrations: [String]
    var files: [Entry]
}

enum BackupArchive {
    static let manifestName = "manifest.json"
    static let uploadsFolder = "uploads"

    /// Every regular file under `root`, as paths relative to it, sorted.
    static func files(under root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// The entry of one file of the staging folder, its checksum read in pieces.
    static func entry(_ relative: String, in folder: String) throws -> BackupManifest.Entry {
        let path = folder + "/" + relative
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure(description: "Không đọc được tệp \(relative).")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        let digest = Hex.lowercase(hasher.finalize())
        return BackupManifest.Entry(path: relative, size: size, sha256: digest)
    }

    static func writeManifest(_ manifest: BackupManifest, in folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: folder + "/" + manifestName))
    }

    /// The manifest of an unpacked archive, after checking every file it lists against its checksum.
    static func verifiedManifest(in folder: String) throws -> BackupManifest {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifestName),
              let manifest = try? JSONDecoder().decode(BackupManifest.self, from: data) else {
            throw CommandFailure(description: "Tệp không phải bản sao lưu của QLCB-CNTT (thiếu manifest.json).")
        }
        guard manifest.format == BackupManifest.currentFormat else {
            throw CommandFailure(description: "Định dạng sao lưu \(manifest.format) không được phiên bản này hỗ trợ.")
        }
        for expected in manifest.files {
            guard !expected.path.hasPrefix("/"), !expected.path.split(separator: "/").contains(".."),
                  try entry(expected.path, in: folder) == expected else {
                throw CommandFailure(description: "Bản sao lưu bị hỏng: tệp \(expected.path) không khớp mã kiểm tra.")
            }
        }
        return manifest
    }

    /// `tar -cf archive -C folder .` and `tar -xf archive -C folder`, with GNU tar of the system.
    static func pack(_ folder: String, into archive: String) throws {
        try Tools.run(Tools.find("tar"), ["-cf", archive, "-C", folder, "."], what: "đóng gói bản sao lưu")
    }

    static func unpack(_ archive: String, into folder: String) throws {
        guard FileManager.default.fileExists(atPath: archive) else {
            throw CommandFailure(description: "Không tìm thấy tệp sao lưu \(archive).")
        }
        try Tools.run(Tools.find("tar"), ["-xf", archive, "-C", folder, "--no-same-owner"], what: "giải nén bản sao lưu")
    }

    /// A fresh private folder for staging, removed by the caller.
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-backup-\(UUID().canonicalText)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return path
    }
}

/// Where uploaded files live: `QLCB_UPLOAD_DIR`, default `data/uploads` of the working directory.
enum UploadDirectory {
    static func path(_ app: Application) -> String {
        if let chosen = app.uploadDirectoryOverride { return chosen }
        if let configured = Environment.get("QLCB_UPLOAD_DIR"), !configured.isEmpty {
            return configured.hasPrefix("/") ? configured : app.directory.workingDirectory + configured
        }
        return app.directory.workingDirectory + "data/uploads"
    }
}

extension Application {
    private struct UploadDirectoryKey: StorageKey { typealias Value = String }
    /// Set by tests (each its own folder); otherwise `QLCB_UPLOAD_DIR` decides.
    var uploadDirectoryOverride: String? {
        get { storage[UploadDirectoryKey.self] }
        set { storage[UploadDirectoryKey.self] = newValue }
    }
}

/// The system programs a backup uses (tar, pg_dump, pg_restore): looked up on PATH, then in
/// PostgreSQL's Debian folders `/usr/lib/postgresql/*/bin` (newest first).
enum Tools {
    static func find(_ name: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        let postgres = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "/usr/lib/postgresql/\($0)/bin" }
        for folder in path + postgres where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
            return folder + "/" + name
        }
        let hint = name.hasPrefix("pg_") ? " Cài gói postgresql-client (apt-get install postgresql-client) hoặc thêm thư mục chứa \(name) vào PATH." : ""
        throw CommandFailure(description: "Không tìm thấy chương trình \(name) trên PATH hay trong /usr/lib/postgresql/*/bin.\(hint)")
    }

    /// Runs a program to its end; a non-zero exit throws with what it wrote to stderr.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], what: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommandFailure(description: "Lỗi khi \(what) (\((executable as NSString).lastPathComponent) thoát mã \(process.terminationStatus)): \(text)")
        }
    }
}
