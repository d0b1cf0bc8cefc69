@testable import App
import Foundation
import Testing

/// The upload store (ADR 0011): files named by their SHA-256 in a directory, kinds checked by their
/// first bytes, a size limit, Vietnamese refusals.
@Suite("Upload store")
struct UploadStoreTests {
    func store() -> UploadStore {
        UploadStore(directory: URL(fileURLWithPath: NSTemporaryDirectory() + "qlcb-upload-test-\(UUID().uuidString)", isDirectory: true))
    }

    @Test func R12_1_aPDFIsKeptUnderItsChecksum_readBackAndVerified() throws {
        let s = store()
        defer { try? FileManager.default.removeItem(at: s.directory) }
        let bytes = PreScreeningFixture.pdf
        let file = try s.store(data: bytes, name: "../../etc/Bằng tốt nghiệp.exe")
        #expect(file.contentType == "application/pdf" && file.size == bytes.count && file.name == "Bằng tốt nghiệp.pdf")
        let path = s.directory.appendingPathComponent(String(file.checksum.prefix(2))).appendingPathComponent(file.checksum).path
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(s.open(file) == Data(bytes))
        try Data("altered".utf8).write(to: URL(fileURLWithPath: path))
        #expect(s.open(file) == nil)
        #expect(s.open(StoredFile(name: "x", contentType: "application/pdf", size: 1, checksum: "../../etc/passwd")) == nil)
    }

    @Test func R12_1_theDeclaredTypeIsNotTrusted_andTheSizeIsLimited() throws {
        let s = store()
        defer { try? FileManager.default.removeItem(at: s.directory) }
        #expect(throws: UploadRefused.self) { try s.store(data: Array("<html>".utf8), name: "bang.pdf") }
        #expect(throws: UploadRefused.self) { try s.store(data: [UInt8](), name: "bang.pdf") }
        var big = PreScreeningFixture.pdf
        big += [UInt8](repeating: 0x20, count: UploadStore.maxBytes)
        do { _ = try s.store(data: big, name: "lon.pdf"); Issue.record("tệp quá lớn được nhận") } catch let e as UploadRefused {
            #expect(e.message.contains("10 MB"))
        }
        #expect(try s.store(data: [0xFF, 0xD8, 0xFF, 0xE0, 1, 2], name: "anh").contentType == "image/jpeg")
    }
}
