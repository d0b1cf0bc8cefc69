@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Art. 13.2: the personnel section verifies the commitment and keeps the scan of the signed paper;
/// the scan belongs to the personnel file (docs/duties-and-handover.md).
@Suite("Commitment scans (Art. 13.2)")
struct CommitmentScanTests {
    typealias F = PreScreeningFixture

    /// A commitment of officer A recorded by the head, waiting for the personnel section.
    func commitment(_ app: Application, _ province: DemoProvince.Built) async throws -> CommitmentModel {
        let head = try await F.viewer(app, "thutruong")
        let officer = province.officerA
        return try await app.write {
            try await DutyService.recordCommitment(officer: officer, signedOn: LocalDate(year: 2026, month: 11, day: 20)!, verified: false,
                                                   by: head, now: testNow, on: $0)
        }
    }

    /// Posts `bytes` as the form's `scan` file, multipart, with the browser's session and CSRF token.
    static func post(_ browser: Browser, _ path: String, fileName: String, type: String, bytes: [UInt8]) async throws -> TestingHTTPResponse {
        let boundary = "qlcbScanBoundary3KQ9"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.csrf ?? "")\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        if let cookie = browser.cookie { headers.add(name: .cookie, value: cookie) }
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        headers.replaceOrAdd(name: .contentLength, value: String(body.readableBytes))
        return try await browser.app.send(.POST, path, headers: headers, body: body, from: nil)
    }

    @Test func R13_2_thePersonnelSectionVerifiesWithTheScanReadOnlyByThePersonnelFilesReaders() async throws {
        try await withWorld { app, province in
            let c = try await commitment(app, province)
            let path = "/cam-ket/\(c.id!.uuidString)"
            for user in ["thutruong", "canbo", "nhanvien", "thutruong2"] {
                var other = try await Browser.signedIn(app, as: user)
                _ = try await other.get("/")
                let refused = try await Self.post(other, "\(path)/xac-nhan", fileName: "cam-ket.pdf", type: "application/pdf", bytes: F.pdf)
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(user)")
            }
            var personnel = try await Browser.signedIn(app, as: "tochuc")
            let page = try await personnel.get("/co-quan/\(province.agencyA.id!.uuidString)/phan-cong")
            #expect(page.body.string.contains("name=\"scan\"") && page.body.string.contains("multipart/form-data"))
            #expect(try await Self.post(personnel, "\(path)/xac-nhan", fileName: "cam kết đã ký.pdf", type: "application/pdf", bytes: F.pdf).status == .seeOther)
            let saved = try #require(try await CommitmentModel.find(c.id, on: app.db))
            #expect(saved.verifiedAt != nil && saved.scanName == "cam kết đã ký.pdf" && saved.scanType == "application/pdf")
            #expect(saved.scanSize == F.pdf.count && saved.scanChecksum?.count == 64)
            let actions = Set(try await AuditEntryModel.query(on: app.db).filter(\.$entityID == c.id!).all(\.$action))
            #expect(actions.isSuperset(of: ["commitment.verify", "commitment.scan"]))
            for (user, allowed) in [("tochuc", true), ("thutruong", true), ("canbo", true), ("sotttt", true),
                                    ("nhanvien", false), ("ketoan", false), ("canbo2", false), ("thutruong2", false), ("noivu", false)] {
                var browser = try await Browser.signedIn(app, as: user)
                let download = try await browser.get("\(path)/ban-quet")
                #expect((download.status == .ok) == allowed, "\(user)")
                if allowed { #expect(Array(download.body.readableBytesView) == F.pdf) }
                else { #expect(download.status == .forbidden || download.status == .notFound, "\(user)") }
            }
            // The officer's page shows the commitment and its scan to the personnel file's readers.
            var officer = try await Browser.signedIn(app, as: "canbo")
            let own = try await officer.get("/can-bo/\(province.officerA.id!.uuidString)").body.string
            #expect(own.contains("Giấy cam kết (Điều 13.2)") && own.contains("Bản quét: cam kết đã ký.pdf"))
        }
    }

    @Test func R13_2_aWrongTypeOrTooLargeScanIsRefusedBesideTheFieldAndNothingIsSaved() async throws {
        try await withWorld { app, province in
            let c = try await commitment(app, province)
            var personnel = try await Browser.signedIn(app, as: "tochuc")
            _ = try await personnel.get("/")
            let path = "/cam-ket/\(c.id!.uuidString)/xac-nhan"
            let text = try await Self.post(personnel, path, fileName: "cam-ket.pdf", type: "application/pdf", bytes: Array("chỉ là chữ".utf8))
            #expect(text.status == .unprocessableEntity)
            #expect(text.body.string.contains("Chỉ nhận tệp PDF, JPEG hoặc PNG"))
            let large = try await Self.post(personnel, path, fileName: "cam-ket.pdf", type: "application/pdf",
                                            bytes: F.pdf + [UInt8](repeating: 0x20, count: UploadStore.maxBytes))
            #expect(large.status == .unprocessableEntity)
            #expect(large.body.string.contains("Tệp lớn hơn 10 MB"))
            let unchanged = try #require(try await CommitmentModel.find(c.id, on: app.db))
            #expect(unchanged.verifiedAt == nil && unchanged.scan == nil)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action ~~ ["commitment.verify", "commitment.scan"]).count() == 0)
            // Verified without a scan, then the form only adds one: it asks for the file.
            #expect(try await personnel.post(path, [:]).status == .seeOther)
            let again = try await personnel.post(path, [:])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("Chọn tệp bản quét"))
        }
    }
}
