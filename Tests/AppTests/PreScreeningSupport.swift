@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Shared steps of the pre-screening tests: requests brought to a stage through the services, as
/// the people the policy names, and multipart uploads through a signed-in browser.
enum PreScreeningFixture {
    static let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]

    static func viewer(_ app: Application, _ username: String) async throws -> Viewer {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        return try #require(try await Viewer.load(userID: user.id!, on: app.db))
    }

    /// A request of the demo's first agency (head `thutruong`), brought to `stage`.
    static func request(_ app: Application, _ province: DemoProvince.Built, format: PreScreening.ReplyFormat = .divisionReportOnly,
                        advice: PreScreening.Recommendation = .suitable, to stage: PreScreening.Stage,
                        name: String = "Lê Hoàng Phúc") async throws -> InterviewRequestModel {
        let head = try await viewer(app, "thutruong")
        let director = try await viewer(app, "giamdoc")
        let division = try await viewer(app, "truongphong")
        let filing = try PreScreening.validateFiling(
            candidateName: name, birthYear: "1998", position: "Cán bộ chuyên trách CNTT", format: format.rawValue,
            contact: "0912 345 678, phuc@example.vn", duties: PreScreening.PlannedDuty.allCases.map(\.rawValue), otherDuty: "",
            replyBy: "", agencyHasFullTimeOfficer: false, today: LocalDate(year: 2026, month: 11, day: 29)!).get()
        let agencyID = province.agencyA.id!
        let r = try await app.write { try await InterviewService.file(filing, agencyID: agencyID, by: head, now: testNow, on: $0) }
        guard stage != .filed else { return r }
        let store = app.uploadStore
        for (kind, bytes) in [(PreScreening.DossierKind.diploma, pdf), (.transcript, png)] {
            let stored = try store.store(data: bytes, name: "\(kind.rawValue).pdf")
            _ = try await app.write { try await InterviewService.attach(stored, kind: kind, to: r, by: head, now: testNow, on: $0) }
        }
        try await app.write { try await InterviewService.agree(r, assigneeID: division.userID, by: director, now: testNow, on: $0) }
        guard stage != .agreed else { return r }
        try await app.write {
            try await InterviewService.schedule(r, day: "27/11/2026", time: "08:30", place: "Phòng họp số 2", today: LocalDate(year: 2026, month: 11, day: 29)!,
                                                by: division, on: $0)
        }
        guard stage != .scheduled else { return r }
        try await app.write {
            try await InterviewService.record(r, scores: [75, 80, 60], recommendation: advice.rawValue, remarks: "Nắm vững mạng máy tính",
                                              by: division, now: testNow, on: $0)
        }
        return r
    }

    /// Posts one file as multipart/form-data with the browser's session and CSRF token.
    static func upload(_ browser: Browser, _ path: String, kind: String, fileName: String, type: String, bytes: [UInt8]) async throws -> TestingHTTPResponse {
        let boundary = "qlcbBoundary7MA4YWxk"
        var body = ByteBuffer()
        func text(_ s: String) { body.writeString(s) }
        for (name, value) in [("_csrf", browser.csrf ?? ""), ("kind", kind)] {
            text("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        text("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n")
        body.writeBytes(bytes)
        text("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        if let cookie = browser.cookie { headers.add(name: .cookie, value: cookie) }
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        headers.replaceOrAdd(name: .contentLength, value: String(body.readableBytes))
        return try await browser.app.send(.POST, path, headers: headers, body: body, from: nil)
    }

    static func token(_ app: Application, _ username: String) async throws -> String {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        let id = user.id!
        return try await app.write { try await APITokens.issue(userID: id, actor: username, name: "kiểm thử", on: $0) }
    }

    static func call(_ app: Application, _ method: HTTPMethod, _ path: String, token: String, json: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        if json != nil { headers.contentType = .json }
        return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}
