@testable import App
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite("JSON API /api/v1 (issue 2 §8)")
struct APITests {
    func token(_ app: Application, _ username: String) async throws -> String {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        let id = user.id!
        return try await app.write { try await APITokens.issue(userID: id, actor: username, name: "kiểm thử", on: $0) }
    }

    func call(_ app: Application, _ method: HTTPMethod, _ path: String, token: String?, json: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = .init(token: token) }
        if json != nil { headers.contentType = .json }
        return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
    }

    /// The list's IT-application levels are kept while nothing is written (issue 14): a level entered
    /// through the web shows in the next answer, latest year first.
    @Test func D7_anAgencysITLevelsInTheAPIsListFollowEachLevelEntered() async throws {
        try await withWorld { app, province in
            let token = try await token(app, "sotttt")
            let id = province.agencyA.id!.canonicalText
            let path = "/api/v1/agencies?per=200&q=" + (province.agencyA.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            func levels() async throws -> [[String: Any]] {
                let items = try #require(try object(try await call(app, .GET, path, token: token))["items"] as? [[String: Any]])
                let agency = try #require(items.first { ($0["id"] as? String)?.lowercased() == id.lowercased() })
                return try #require(agency["itLevels"] as? [[String: Any]])
            }
            let before = try await levels()
            #expect(try await levels().count == before.count)
            var browser = try await Browser.signedIn(app, as: "truongphong")
            let entered = try await browser.post("/co-quan/\(id)/muc-ung-dung", ["year": "2031", "level": "4", "sourceDocument": "Quyết định 12/QĐ-STTTT"])
            #expect(entered.status == .seeOther)
            let after = try await levels()
            #expect(after.count == before.count + 1)
            #expect(after.first?["year"] as? Int == 2031 && after.first?["level"] as? Int == 4)
        }
    }

    @Test func withoutATokenTheAPIAnswers401ProblemJSON() async throws {
        try await withWorld { app, _ in
            let response = try await call(app, .GET, "/api/v1/agencies", token: nil)
            #expect(response.status == .unauthorized)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect((try object(response)["detail"] as? String)?.contains("mã truy cập") == true)
            let revoked = try await call(app, .GET, "/api/v1/agencies", token: "qlcb_khong-hop-le")
            #expect(revoked.status == .unauthorized)
        }
    }

    /// The account page's "Dùng lần cuối" is the token's last call, to within `lastUseEvery`: the
    /// first call writes it, calls within that time write nothing, a later call writes it again.
    @Test func aTokensLastUseShowsOnTheAccountPageAndIsWrittenAtMostEveryFifteenMinutes() async throws {
        try await withWorld { app, _ in
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            app.clock = .fixed(start)
            let token = try await token(app, "sotttt")
            let lastUse = { try await APITokenModel.query(on: app.db).filter(\.$name == "kiểm thử").first()?.lastUsedAt }
            #expect(try await lastUse() == nil)
            var browser = try await Browser.signedIn(app, as: "sotttt")
            #expect(try await browser.get("/tai-khoan").body.string.contains("Chưa dùng"))

            #expect(try await call(app, .GET, "/api/v1/agencies", token: token).status == .ok)
            #expect(try await lastUse() == start)
            let shown = VietnameseTime.format(start)
            #expect(try await browser.get("/tai-khoan").body.string.contains(shown))

            app.clock = .fixed(start.addingTimeInterval(APITokens.lastUseEvery - 1))
            #expect(try await call(app, .GET, "/api/v1/officers", token: token).status == .ok)
            #expect(try await lastUse() == start, "a call within the quarter hour writes nothing")

            let later = start.addingTimeInterval(APITokens.lastUseEvery)
            app.clock = .fixed(later)
            #expect(try await call(app, .GET, "/api/v1/officers", token: token).status == .ok)
            #expect(try await lastUse() == later)
        }
    }

    /// The token is read at every call (a revoked one is refused at once, even when revoked by hand);
    /// its person is read once while the audit head stays, and a locked account is refused at the
    /// next call (ADR 0020).
    @Test func aTokensPersonIsKeptWhileTheHeadStaysAndARevokedTokenOrLockedAccountIsRefusedAtOnce() async throws {
        try await withWorld { app, _ in
            let first = try await token(app, "thutruong")
            let other = try await token(app, "thutruong")
            #expect(try await call(app, .GET, "/api/v1/agencies", token: first).status == .ok)
            let reads = app.keptViewers.counted
            #expect(try await call(app, .GET, "/api/v1/officers", token: first).status == .ok)
            #expect(try await call(app, .GET, "/api/v1/agencies", token: other).status == .ok)
            #expect(app.keptViewers.counted == reads, "nothing was written: the person is the kept one")

            let stored = try #require(try await APITokenModel.query(on: app.db).filter(\.$tokenHash == Secrets.sha256(other)).first())
            stored.revokedAt = Date()
            try await stored.save(on: app.db)
            #expect(try await call(app, .GET, "/api/v1/agencies", token: other).status == .unauthorized)
            #expect(try await call(app, .GET, "/api/v1/agencies", token: first).status == .ok)

            var admin = try await Browser.signedIn(app, as: "admin")
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "thutruong").first()?.id?.uuidString)
            #expect(try await admin.post("/quan-tri/nguoi-dung/\(user)/trang-thai", ["active": "0"]).status == .seeOther)
            #expect(try await call(app, .GET, "/api/v1/agencies", token: first).status == .unauthorized)
        }
    }

    @Test func agencyListSearchesWithoutDiacriticsAndPages() async throws {
        try await withWorld { app, _ in
            let token = try await token(app, "sotttt")
            let response = try await call(app, .GET, "/api/v1/agencies?q=ke%20hoach%20va%20dau%20tu&per=5", token: token)
            #expect(response.status == .ok)
            let body = try object(response)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.contains { ($0["name"] as? String) == "Sở Kế hoạch và Đầu tư" })
            #expect(body["per"] as? Int == 5)
        }
    }

    @Test func createAgencyValidatesWithFieldErrorsThenCreates() async throws {
        try await withWorld { app, _ in
            let token = try await token(app, "truongphong")
            let bad = try await call(app, .POST, "/api/v1/agencies", token: token,
                                     json: #"{"name":" ","kind":"administrative","level":"commune"}"#)
            #expect(bad.status == .unprocessableEntity)
            let problem = try object(bad)
            let errors = try #require(problem["errors"] as? [String: String])
            #expect(errors["name"] == "Nhập tên cơ quan.")
            #expect(errors["district"] != nil)
            let good = try await call(app, .POST, "/api/v1/agencies", token: token,
                                      json: #"{"name":"Ủy ban nhân dân xã Tân Long","kind":"administrative","level":"commune","district":"Phú Giáo"}"#)
            #expect(good.status == .created)
            #expect(try object(good)["version"] as? Int == 1)
            let malformed = try await call(app, .POST, "/api/v1/agencies", token: token, json: #"{"name": 5"#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }

    @Test func patchWithAStaleVersionIsRefused() async throws {
        try await withWorld { app, province in
            let token = try await token(app, "sotttt")
            let path = "/api/v1/agencies/\(province.agencyA.id!.uuidString)"
            let first = try await call(app, .PATCH, path, token: token, json: #"{"headName":"Nguyễn Văn Mới","version":1}"#)
            #expect(first.status == .ok)
            #expect(try object(first)["version"] as? Int == 2)
            let second = try await call(app, .PATCH, path, token: token, json: #"{"headName":"Trần Văn Cũ","version":1}"#)
            #expect(second.status == .conflict)
            #expect(try await AgencyModel.find(province.agencyA.id, on: app.db)?.headName == "Nguyễn Văn Mới")
        }
    }

    @Test func officerOfOneAgencyCannotReadAnotherAgencyThroughTheAPI() async throws {
        try await withWorld { app, province in
            let token = try await token(app, "canbo")
            #expect(try await call(app, .GET, "/api/v1/agencies/\(province.agencyB.id!.uuidString)", token: token).status == .forbidden)
            #expect(try await call(app, .GET, "/api/v1/officers/\(province.officerB.id!.uuidString)", token: token).status == .forbidden)
            let list = try await call(app, .GET, "/api/v1/officers?per=200", token: token)
            let names = (try object(list)["items"] as? [[String: Any]] ?? []).compactMap { $0["fullName"] as? String }
            #expect(names.contains("Trần Minh Khoa"))
            #expect(!names.contains("Phạm Quốc Bảo"))
            let create = try await call(app, .POST, "/api/v1/agencies", token: token,
                                        json: #"{"name":"X","kind":"administrative","level":"province"}"#)
            #expect(create.status == .forbidden)
        }
    }

    @Test func officerCreatedAndEditedThroughTheAPIWithMaskedIdentity() async throws {
        try await withWorld { app, province in
            let token = try await token(app, "tochuc")
            let json = """
            {"fullName":"Võ Thị Kim Ngân","dateOfBirth":"1993-05-20","gender":"female","position":"Chuyên viên",
             "kind":"partTime","agencyId":"\(province.agencyA.id!.uuidString)","idNumber":"074193001122",
             "startDate":"2019-02-01","receivesIncentive":true,"monthlyIncentive":1000000}
            """
            let created = try await call(app, .POST, "/api/v1/officers", token: token, json: json)
            #expect(created.status == .created)
            let body = try object(created)
            #expect(body["idNumber"] as? String == "074193001122")
            #expect(body["scopeStatus"] as? String == "inScope")
            let id = try #require(body["id"] as? String)
            let head = try await self.token(app, "thutruong")
            let seen = try object(try await call(app, .GET, "/api/v1/officers/\(id)", token: head))
            #expect(seen["idNumber"] as? String == "••••••••1122")
            let patched = try await call(app, .PATCH, "/api/v1/officers/\(id)", token: head, json: #"{"position":"Phó Chánh Văn phòng"}"#)
            #expect(patched.status == .ok)
            #expect(try object(patched)["position"] as? String == "Phó Chánh Văn phòng")
            let search = try object(try await call(app, .GET, "/api/v1/officers?q=vo%20thi%20kim%20ngan", token: head))
            #expect((search["items"] as? [Any])?.count == 1)
        }
    }

    /// D14: the registry's searches take the typed text as it is; `%` and `_` find only names that
    /// hold them (none here), not every name, on both databases.
    @Test func D14_registrySearchesTreatWildcardsAsText() async throws {
        try await withWorld { app, _ in
            let token = try await token(app, "sotttt")
            for list in ["agencies", "officers"] {
                let all = try object(try await call(app, .GET, "/api/v1/\(list)", token: token))
                #expect((all["total"] as? Int ?? 0) > 0, "\(list)")
                for typed in ["%25", "_", "%5C", "a%25"] {
                    let found = try object(try await call(app, .GET, "/api/v1/\(list)?q=\(typed)", token: token))
                    #expect(found["total"] as? Int == 0 && (found["items"] as? [Any])?.isEmpty == true, "\(list)?q=\(typed)")
                }
            }
        }
    }

    /// Issue 14: the lists read plain rows, the addresses of one agency or officer read models; an
    /// item of a list is the very body its own address gives, field for field (every field set to a
    /// value that is not a default, so a column the list forgot to read would show).
    @Test func aListItemIsTheBodyOfItsOwnAddressFieldForField() async throws {
        try await withWorld { app, province in
            let token = try await token(app, "sotttt")
            let agencyJSON = """
            {"name":"Trung tâm Kiểm thử Danh sách","shortName":"TTKTDS","kind":"publicService","level":"district",
             "governingAgencyId":"\(province.agencyA.id!.uuidString)","district":"Thị xã Bến Cát","address":"Số 1, đường 30/4",
             "headName":"Lê Văn Thủ","headTitle":"Giám đốc","appliesByAnalogy":true}
            """
            let agency = try object(try await call(app, .POST, "/api/v1/agencies", token: token, json: agencyJSON))
            let agencyID = try #require(agency["id"] as? String)
            for (year, level) in [(2025, 2), (2026, 3)] {
                try await AgencyITLevelModel(agencyID: try #require(UUID(uuidString: agencyID)), year: year, level: level,
                                             sourceDocument: "Quyết định \(year)").create(on: app.db)
            }
            let officerJSON = """
            {"fullName":"Đặng Thị Danh Sách","dateOfBirth":"1990-03-04","gender":"female","position":"Phó phòng",
             "kind":"fullTime","agencyId":"\(agencyID)","idNumber":"074190005566","startDate":"2018-07-01",
             "division":"Phòng Tin học","phone":"0912345678","email":"danhsach@example.vn","qualifications":"Kỹ sư CNTT",
             "certificates":"CCNA","civilServiceStatus":"publicEmployee","receivesIncentive":true,"monthlyIncentive":1500000,
             "isITLeadership":true,"isTelecomOfficer":true}
            """
            let officer = try object(try await call(app, .POST, "/api/v1/officers", token: token, json: officerJSON))
            let officerID = try #require(officer["id"] as? String)
            for (list, one) in [("/api/v1/agencies?q=kiem%20thu%20danh%20sach", "/api/v1/agencies/\(agencyID)"),
                                ("/api/v1/officers?q=dang%20thi%20danh%20sach", "/api/v1/officers/\(officerID)")] {
                let items = try #require(try object(try await call(app, .GET, list, token: token))["items"] as? [[String: Any]])
                #expect(items.count == 1)
                let own = try object(try await call(app, .GET, one, token: token)), item = try #require(items.first)
                let json = { (value: Any?) in
                    value.flatMap { try? JSONSerialization.data(withJSONObject: ["v": $0], options: .sortedKeys) }.map { String(decoding: $0, as: UTF8.self) } ?? "–"
                }
                let differing = Set(own.keys).union(item.keys).filter { json(own[$0]) != json(item[$0]) }.sorted()
                #expect(differing.isEmpty, "\(list) ≠ \(one): \(differing.map { "\($0): \(json(item[$0])) / \(json(own[$0]))" })")
            }
            #expect((try object(try await call(app, .GET, "/api/v1/agencies/\(agencyID)", token: token))["itLevels"] as? [Any])?.count == 2)
            #expect(officer["monthlyIncentive"] as? Int == 1_500_000 && officer["isTelecomOfficer"] as? Bool == true)
        }
    }

    /// Issue 14: the staffing report is paged and searched like the other lists, worst first.
    @Test func R11_1_staffingThroughTheAPIIsPagedAndSearchedWithoutDiacritics() async throws {
        try await withWorld { app, _ in
            let token = try await token(app, "sotttt")
            let all = try object(try await call(app, .GET, "/api/v1/staffing?per=200", token: token))
            let every = try #require(all["items"] as? [[String: Any]]).compactMap { $0["agencyId"] as? String }
            #expect(all["total"] as? Int == every.count && every.count > 4)
            #expect((all["counts"] as? [String: Int])?.values.reduce(0, +) == every.count)
            let second = try object(try await call(app, .GET, "/api/v1/staffing?per=2&page=2", token: token))
            #expect(second["page"] as? Int == 2 && second["per"] as? Int == 2 && second["total"] as? Int == every.count)
            #expect((second["items"] as? [[String: Any]])?.compactMap { $0["agencyId"] as? String } == Array(every[2..<4]))
            let found = try object(try await call(app, .GET, "/api/v1/staffing?q=TINH+DOAN+binh+duong", token: token))
            let names = try #require(found["items"] as? [[String: Any]]).compactMap { $0["agencyName"] as? String }
            #expect(names == ["Tỉnh đoàn Bình Dương"] && found["total"] as? Int == 1)
            for bad in ["per=0", "per=201", "page=0", "page=999999999999"] {
                #expect(try await call(app, .GET, "/api/v1/staffing?\(bad)", token: token).status == .badRequest, "\(bad)")
            }
        }
    }

    @Test func staffingAndProfileEndpoints() async throws {
        try await withWorld { app, _ in
            let token = try await token(app, "noivu")
            let staffing = try object(try await call(app, .GET, "/api/v1/staffing?status=notApplicable", token: token))
            let items = try #require(staffing["items"] as? [[String: Any]])
            #expect(items.allSatisfy { $0["status"] as? String == "notApplicable" })
            #expect(items.contains { $0["agencyName"] as? String == "Tỉnh đoàn Bình Dương" })
            #expect((staffing["counts"] as? [String: Int])?["notApplicable"] == staffing["total"] as? Int)
            #expect(items.count == min(staffing["total"] as? Int ?? -1, 25))
            let profile = try object(try await call(app, .GET, "/api/v1/profile", token: token))
            #expect(profile["regulationNumber"] as? String == "30/2013/QĐ-UBND")
            #expect(profile["regulationIssuer"] as? String == "Ủy ban nhân dân tỉnh Bình Dương")
            #expect(profile["workLogDeadline"] as? String == "01/10")
        }
    }

    @Test func specIsServed() async throws {
        try await withWorld(demo: false) { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/api/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.body.string.contains("operationId: listAgencies"))
        }
    }
}
