@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Files through the API: the pre-screening dossier (Art. 12.1; D8) and the commitment's scan
/// (Art. 13.2), with the pages' checks, permissions and audit.
@Suite("API uploads: dossier files and commitment scans (Art. 12.1, 13.2; D8)")
struct APIUploadTests {
    typealias F = PreScreeningFixture

    static func send(_ app: Application, _ path: String, user: String, type: String = "application/pdf", bytes: [UInt8]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: try await F.token(app, user))
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentLength, value: String(bytes.count))
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    @Test func R12_1_D8_theHeadUploadsTheDossierThroughTheAPIReadOnlyByTheRequestsReaders() async throws {
        try await withWorld { app, province in
            let r = try await F.request(app, province, to: .filed)
            let path = "/api/v1/interview-requests/\(r.id!.uuidString)/files"
            for user in ["canbo", "nhanvien", "tochuc", "thutruong2", "giamdoc"] {
                let refused = try await Self.send(app, "\(path)?kind=diploma", user: user, bytes: F.pdf)
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(user)")
            }
            let text = try await Self.send(app, "\(path)?kind=diploma&name=bang.pdf", user: "thutruong", bytes: Array("không phải PDF".utf8))
            #expect(text.status == .unprocessableEntity && text.body.string.contains("Chỉ nhận tệp PDF, JPEG hoặc PNG"))
            let large = try await Self.send(app, "\(path)?kind=diploma", user: "thutruong", bytes: F.pdf + [UInt8](repeating: 0x20, count: UploadStore.maxBytes))
            #expect(large.status == .unprocessableEntity && large.body.string.contains("Tệp lớn hơn 10 MB"))
            #expect(try await Self.send(app, "\(path)?kind=passport", user: "thutruong", bytes: F.pdf).status == .badRequest)
            #expect(try await InterviewFileModel.query(on: app.db).count() == 0)
            let created = try await Self.send(app, "\(path)?kind=transcript&name=b%E1%BA%A3ng%20%C4%91i%E1%BB%83m.png", user: "thutruong",
                                              type: "image/png", bytes: F.png)
            #expect(created.status == .created)
            let body = try APITests().object(created)
            #expect(body["kind"] as? String == "transcript" && body["name"] as? String == "bảng điểm.png" && body["contentType"] as? String == "image/png")
            let id = try #require(body["id"] as? String)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "interview.upload").count() == 1)
            // D8: the request's readers download it; the agency's IT officers and staff do not.
            for (user, allowed) in [("thutruong", true), ("truongphong", true), ("canbo", false), ("nhanvien", false), ("thutruong2", false)] {
                let download = try await APITests().call(app, .GET, "\(path)/\(id)", token: try await F.token(app, user))
                #expect((download.status == .ok) == allowed, "\(user)")
                if allowed { #expect(Array(download.body.readableBytesView) == F.png && download.headers.contentType?.subType == "png") }
            }
        }
    }

    @Test func R13_2_thePersonnelSectionSendsTheCommitmentScanThroughTheAPI() async throws {
        try await withWorld { app, province in
            let id = province.officerA.id!.uuidString
            let recorded = try await APITests().call(app, .POST, "/api/v1/officers/\(id)/commitments", token: try await F.token(app, "thutruong"),
                                                     json: #"{"signedOn":"2026-11-20"}"#)
            let commitment = try #require(try APITests().object(recorded)["id"] as? String)
            let path = "/api/v1/commitments/\(commitment)/scan"
            for user in ["thutruong", "canbo", "nhanvien", "sotttt"] {
                let refused = try await Self.send(app, path, user: user, bytes: F.pdf)
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(user)")
            }
            #expect(try await Self.send(app, path, user: "tochuc", type: "application/octet-stream", bytes: [0x47, 0x49, 0x46]).status == .unprocessableEntity)
            #expect(try await CommitmentModel.find(UUID(uuidString: commitment), on: app.db)?.verifiedAt == nil)
            #expect(try await APITests().call(app, .GET, path, token: try await F.token(app, "tochuc")).status == .notFound)
            let created = try await Self.send(app, "\(path)?name=cam-ket.pdf", user: "tochuc", bytes: F.pdf)
            #expect(created.status == .created)
            let saved = try #require(try await CommitmentModel.find(UUID(uuidString: commitment), on: app.db))
            #expect(saved.verifiedAt != nil && saved.scan?.checksum.count == 64)
            for (user, allowed) in [("canbo", true), ("thutruong", true), ("sotttt", true), ("nhanvien", false), ("noivu", false), ("canbo2", false)] {
                let download = try await APITests().call(app, .GET, path, token: try await F.token(app, user))
                #expect((download.status == .ok) == allowed, "\(user)")
                if allowed { #expect(Array(download.body.readableBytesView) == F.pdf) }
            }
        }
    }
}
