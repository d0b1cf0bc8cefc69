import Crypto
import Domain
import Foundation
import Vapor

/// What a database row keeps of an uploaded file: never its bytes (docs/pre-screening.md, ADR 0011).
struct StoredFile: Sendable, Equatable {
    var name: String
    var contentType: String
    var size: Int
    /// SHA-256 of the bytes, in hexadecimal: also the file's name in the store.
    var checksum: String
}

/// An upload the store refuses, with the reason in Vietnamese.
struct UploadRefused: Error, Sendable {
    var message: String
}

/// Uploaded files (dossiers, scanned papers) kept in a directory (`QLCB_UPLOAD_DIR`, default
/// `data/uploads`), each named by its SHA-256 checksum, so the same bytes are stored once and a
/// row's checksum finds and verifies them. Only PDF, JPEG and PNG are taken, recognised by their
/// first bytes rather than by what the sender declares, up to `maxBytes`.
struct UploadStore: Sendable {
    let directory: URL

    /// The largest file taken: 10 MB (documented in docs/pre-screening.md).
    static let maxBytes = 10 * 1024 * 1024
    /// The largest request of an upload route: one file and the form's few fields.
    static let maxRequestBytes = maxBytes + 64 * 1024

    /// The kinds taken, by their leading bytes.
    static let kinds: [(type: String, magic: [UInt8])] = [
        ("application/pdf", Array("%PDF-".utf8)),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ]

    /// The content type the bytes really have, or nil.
    static func detectType(_ bytes: some Collection<UInt8>) -> String? {
        kinds.first { bytes.starts(with: $0.magic) }?.type
    }

    /// Checks and keeps `data`; returns what a row records.
    func store(data: some Collection<UInt8>, name: String) throws -> StoredFile {
        guard !data.isEmpty else { throw UploadRefused(message: "Tệp rỗng; hãy chọn tệp cần tải lên.") }
        guard data.count <= Self.maxBytes else {
            throw UploadRefused(message: "Tệp lớn hơn \(Self.maxBytes / 1024 / 1024) MB; hãy nén hoặc quét lại với độ phân giải thấp hơn.")
        }
        guard let type = Self.detectType(data) else {
            throw UploadRefused(message: "Chỉ nhận tệp PDF, JPEG hoặc PNG (nội dung tệp không phải một trong các định dạng này).")
        }
        let bytes = Array(data)
        let checksum = Hex.lowercase(SHA256.hash(data: bytes))
        let target = url(checksum)
        let fm = FileManager.default
        if !fm.fileExists(atPath: target.path) {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().canonicalText).tmp")
            try Data(bytes).write(to: temporary)
            do { try fm.moveItem(at: temporary, to: target) } catch {
                try? fm.removeItem(at: temporary)
                if !fm.fileExists(atPath: target.path) { throw error }
            }
        }
        return StoredFile(name: Self.cleanName(name, type: type), contentType: type, size: bytes.count, checksum: checksum)
    }

    /// The bytes of a stored file, checked against its checksum; nil when missing or altered.
    func open(_ file: StoredFile) -> Data? {
        guard file.checksum.count == 64, file.checksum.allSatisfy(\.isHexDigit),
              let data = FileManager.default.contents(atPath: url(file.checksum).path) else { return nil }
        let sum = Hex.lowercase(SHA256.hash(data: data))
        return sum == file.checksum ? data : nil
    }

    /// `store` on `pool`: copying, hashing and writing up to 10 MB would hold the event loop, and every
    /// connection on it, while it runs (ADR 0028).
    func store(data: some Collection<UInt8> & Sendable, name: String, on pool: NIOThreadPool) async throws -> StoredFile {
        try await pool.runIfActive { try self.store(data: data, name: name) }
    }

    /// `open` on `pool`: reading and hashing up to 10 MB (ADR 0028).
    func open(_ file: StoredFile, on pool: NIOThreadPool) async throws -> Data? {
        try await pool.runIfActive { self.open(file) }
    }

    private func url(_ checksum: String) -> URL {
        directory.appendingPathComponent(String(checksum.prefix(2))).appendingPathComponent(checksum)
    }

    /// The name shown and downloaded: the sender's, without a path, short, with the real extension.
    static func cleanName(_ name: String, type: String) -> String {
        let base = (name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "")
            .filter { !$0.isNewline && $0 != "\"" && !$0.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) }
        let ext = type == "application/pdf" ? "pdf" : type == "image/png" ? "png" : "jpg"
        var stem = String(base.prefix(120))
        if let dot = stem.lastIndex(of: ".") { stem = String(stem[..<dot]) }
        return (stem.isEmpty ? "tep" : stem) + "." + ext
    }
}

extension Application {
    private struct UploadStoreKey: StorageKey { typealias Value = UploadStore }

    /// The store of this application: `QLCB_UPLOAD_DIR`, else `data/uploads`; under test, a directory
    /// of this application's own in the temporary directory (the test world removes it at the end).
    var uploadStore: UploadStore {
        get {
            if let store = storage[UploadStoreKey.self] { return store }
            let path: String
            if let configured = Environment.get("QLCB_UPLOAD_DIR"), !configured.isEmpty { path = configured }
            else if environment == .testing { path = NSTemporaryDirectory() + "qlcb-uploads-\(UUID().canonicalText)" }
            else { path = directory.workingDirectory + "data/uploads" }
            let store = UploadStore(directory: URL(fileURLWithPath: path, isDirectory: true))
            storage[UploadStoreKey.self] = store
            return store
        }
        set { storage[UploadStoreKey.self] = newValue }
    }
}

extension StoredFile {
    /// A header-safe file name: the name without diacritics, anything but letters, digits and dots as "-".
    var asciiName: String {
        let folded = VietnameseText.fold(name)
        return String(folded.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == ".") ? Character($0) : "-" })
    }

    /// The file as a download of a page (the API's twin is `APIHandler.storedFile`), never cached.
    func download(_ req: Request) async throws -> Response {
        guard let data = try await req.application.uploadStore.open(self, on: req.application.threadPool) else {
            throw Abort(.notFound, reason: "Không tìm thấy nội dung tệp trong kho lưu trữ.")
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(asciiName)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
