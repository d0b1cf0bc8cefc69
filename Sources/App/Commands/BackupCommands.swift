import Foundation
import Vapor

/// `qlcb backup --output FILE`: a consistent copy of the database and the uploaded files while the
/// server runs, in one tar file with a manifest (docs/operations.md).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", short: "o", help: "Tệp sao lưu sẽ ghi (ví dụ qlcb-2026-11-29.tar)") var output: String?
    }

    var help: String { "Sao lưu cơ sở dữ liệu và các tệp đính kèm vào một tệp, trong khi máy chủ vẫn chạy." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let output = signature.output, !output.isEmpty else {
            throw CommandFailure(description: "Cần --output TỆP: nơi ghi bản sao lưu.")
        }
        let manifest = try await Backup.write(context.application, to: output)
        context.console.print("Đã sao lưu vào \(output): cơ sở dữ liệu \(manifest.database), lược đồ \(manifest.schema), "
                              + "\(manifest.files.count - 1) tệp đính kèm.")
    }
}

/// `qlcb restore FILE --yes`: into an empty database only, from a backup of this schema or an older
/// one; then the audit chain is verified under the configured audit key.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Tệp sao lưu do qlcb backup tạo") var file: String
        @Flag(name: "yes", help: "Xác nhận khôi phục vào cơ sở dữ liệu đang cấu hình") var yes: Bool
    }

    var help: String { "Khôi phục bản sao lưu vào một cơ sở dữ liệu trống, rồi kiểm tra nhật ký hệ thống." }

    func run(using context: CommandContext, signature: Signature) async throws {
        // Vapor's console takes `--yes` / `-y` for itself (the answer to every confirmation).
        guard signature.yes || context.console.confirmOverride == true else {
            throw CommandFailure(description: "Khôi phục sẽ ghi vào cơ sở dữ liệu đang cấu hình (DATABASE_URL). Thêm --yes để xác nhận.")
        }
        let report = try await Backup.restore(context.application, from: signature.file)
        context.console.print("Đã khôi phục lược đồ \(report.schema) và \(report.uploads) tệp đính kèm; "
                              + "nhật ký toàn vẹn: \(report.auditEntries) mục.")
    }
}

enum Backup {
    /// Stages the database copy and the uploads, writes the manifest, packs them into `output`.
    @discardableResult
    static func write(_ app: Application, to output: String) async throws -> BackupManifest {
        let stage = try BackupArchive.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: stage) }
        let kind = DatabaseCopy.kind(of: app)
        let schema = try await SchemaState.read(on: app.db)
        // Current: every migration of this build applied, none unknown; its last one names the schema.
        guard schema.isCurrent, let last = schema.known.last else {
            throw CommandFailure(description: "Cơ sở dữ liệu chưa ở lược đồ của phiên bản này; hãy chạy qlcb migrate --yes trước.")
        }
        // The database first: a file uploaded after this instant may be in the archive without a row.
        try await DatabaseCopy.dump(app, to: stage + "/" + DatabaseCopy.fileName(kind))
        let uploads = UploadDirectory.path(app)
        var relatives = [DatabaseCopy.fileName(kind)]
        for file in BackupArchive.files(under: uploads) {
            let target = stage + "/" + BackupArchive.uploadsFolder + "/" + file
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: uploads + "/" + file, toPath: target)
            relatives.append(BackupArchive.uploadsFolder + "/" + file)
        }
        let manifest = BackupManifest(createdAt: AuditLog.timestamp(app.clock.now()), database: kind.rawValue,
                                      schema: last, migrations: schema.applied,
                                      files: try relatives.map { try BackupArchive.entry($0, in: stage) })
        try BackupArchive.writeManifest(manifest, in: stage)
        try BackupArchive.pack(stage, into: output)
        return manifest
    }

    struct RestoreReport: Sendable {
        var schema: String
        var uploads: Int
        var auditEntries: Int
    }

    static func restore(_ app: Application, from file: String) async throws -> RestoreReport {
        let stage = try BackupArchive.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: stage) }
        try BackupArchive.unpack(file, into: stage)
        let manifest = try BackupArchive.verifiedManifest(in: stage)
        let kind = DatabaseCopy.kind(of: app)
        guard manifest.database == kind.rawValue else {
            throw CommandFailure(description: "Bản sao lưu của \(manifest.database) không khôi phục được vào \(kind.rawValue).")
        }
        let newer = SchemaState(applied: manifest.migrations).unknown
        guard newer.isEmpty else {
            throw CommandFailure(description: "Bản sao lưu từ phiên bản mới hơn (lược đồ \(manifest.schema), \(newer.count) migration "
                                 + "phiên bản này không biết). Hãy dùng phiên bản mới hơn của qlcb để khôi phục.")
        }
        guard try await DatabaseCopy.isEmpty(app) else {
            throw CommandFailure(description: "Cơ sở dữ liệu đích không trống. Chỉ khôi phục vào một cơ sở dữ liệu mới, chưa có bảng nào.")
        }
        let uploads = UploadDirectory.path(app)
        let files = manifest.files.filter { $0.path.hasPrefix(BackupArchive.uploadsFolder + "/") }
        if !files.isEmpty, !BackupArchive.files(under: uploads).isEmpty {
            throw CommandFailure(description: "Thư mục tệp đính kèm \(uploads) không trống; hãy dùng một thư mục mới (QLCB_UPLOAD_DIR).")
        }
        try await DatabaseCopy.restore(app, from: stage + "/" + DatabaseCopy.fileName(kind))
        for entry in files {
            let target = uploads + "/" + entry.path.dropFirst(BackupArchive.uploadsFolder.count + 1)
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: stage + "/" + entry.path, toPath: target)
        }
        let audit = try await AuditVerifier.verify(on: app.db)
        if let bad = audit.firstBad {
            throw CommandFailure(description: "Đã khôi phục nhưng nhật ký KHÔNG toàn vẹn dưới khóa nhật ký đang cấu hình: mục số \(bad.seq): "
                                 + "\(bad.problem). Kiểm tra QLCB_AUDIT_KEY / QLCB_AUDIT_KEY_FILE có đúng khóa của hệ thống cũ.")
        }
        return RestoreReport(schema: manifest.schema, uploads: files.count, auditEntries: audit.entries)
    }
}
