@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 12 part 1: the pre-screening from the head's request to the hired officer (Art. 11.3, 12;
/// Appendix II; D8), through the pages and the API.
@Suite("Pre-screening of full-time candidates (Art. 11.3, 12; D8)")
struct PreScreeningTests {
    typealias F = PreScreeningFixture

    @Test func R12_1_theHeadFilesARequest_badInputStaysInPlace_andTheDirectorNeedsADiplomaAndATranscript() async throws {
        try await withWorld { app, province in
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.get("/so-tuyen/moi").status == .ok)
            let agency = province.agencyA.id!.uuidString
            let bad = try await head.post("/so-tuyen", ["agencyID": agency, "candidateName": "Phúc", "birthYear": "2015", "position": "",
                                                        "contact": "0912 345 678", "confidentiality": "confirmed"])
            #expect(bad.status == .unprocessableEntity)
            let page = bad.body.string
            #expect(page.contains("Nhập đầy đủ họ và tên ứng viên") && page.contains("Năm sinh phải từ") && page.contains("Nhập vị trí cần tuyển"))
            #expect(page.contains("0912 345 678"))
            var officer = try await Browser.signedIn(app, as: "canbo")
            #expect(try await officer.post("/so-tuyen", ["agencyID": agency, "candidateName": "Lê Hoàng Phúc"]).status == .forbidden)
            var fields = ["agencyID": agency, "candidateName": "Lê Hoàng Phúc", "birthYear": "1998", "position": "Cán bộ chuyên trách CNTT",
                          "contact": "0912 345 678", "confidentiality": "confirmed"]
            for (i, duty) in PreScreening.PlannedDuty.allCases.enumerated() { fields["duties[\(i)]"] = duty.rawValue }
            let filed = try await head.post("/so-tuyen", fields)
            #expect(filed.status == .seeOther)
            let r = try #require(try await InterviewRequestModel.query(on: app.db).first())
            #expect(r.currentStage == .filed && r.format == .confirmed && r.plannedDuties.count == 7)
            let path = "/so-tuyen/\(r.id!.uuidString)"

            var director = try await Browser.signedIn(app, as: "giamdoc")
            let division = try await F.viewer(app, "truongphong")
            let early = try await director.post("\(path)/dong-y", ["assigneeId": division.userID.uuidString])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("Hồ sơ còn thiếu: Văn bằng CNTT, Bảng điểm đào tạo CNTT"))

            _ = try await head.get(path)
            let text = try await F.upload(head, "\(path)/ho-so", kind: "diploma", fileName: "bang.pdf", type: "application/pdf", bytes: Array("hello".utf8))
            #expect(text.status == .unprocessableEntity)
            #expect(text.body.string.contains("Chỉ nhận tệp PDF, JPEG hoặc PNG"))
            #expect(try await F.upload(head, "\(path)/ho-so", kind: "diploma", fileName: "bằng đại học.pdf", type: "application/pdf", bytes: F.pdf).status == .seeOther)
            #expect(try await F.upload(head, "\(path)/ho-so", kind: "transcript", fileName: "bang-diem.png", type: "image/png", bytes: F.png).status == .seeOther)
            let files = try await InterviewFileModel.query(on: app.db).sort(\.$kind).all()
            #expect(files.count == 2)
            let diploma = try #require(files.first { $0.kind == "diploma" })
            #expect(diploma.size == F.pdf.count && diploma.contentType == "application/pdf" && diploma.checksum.count == 64)
            #expect(app.uploadStore.open(diploma.stored) == Data(F.pdf))
            let download = try await head.get("\(path)/ho-so/\(diploma.id!.uuidString)")
            #expect(download.status == .ok && Array(download.body.readableBytesView) == F.pdf)

            #expect(try await director.post("\(path)/dong-y", ["assigneeId": division.userID.uuidString]).status == .seeOther)
            let agreed = try #require(try await InterviewRequestModel.find(r.id, on: app.db))
            #expect(agreed.currentStage == .agreed && agreed.assigneeUserID == division.userID)
            let actions = Set(try await AuditEntryModel.query(on: app.db).filter(\.$entityID == r.id!).all(\.$action))
            #expect(actions == ["interview.file", "interview.upload", "interview.agree"])
        }
    }

    @Test func R12_1_FII1a_anAgencyWithoutAFullTimeOfficerTicksEveryDuty() async throws {
        let today = LocalDate(year: 2026, month: 11, day: 29)!
        let subset = PreScreening.validateFiling(candidateName: "Lê Hoàng Phúc", birthYear: "1998", position: "CNTT", format: "confirmed",
                                                 contact: "0912", duties: ["manageWebsite"], otherDuty: "", replyBy: "",
                                                 agencyHasFullTimeOfficer: false, today: today)
        guard case .failure(let problems) = subset else { Issue.record("một phần nhiệm vụ được nhận"); return }
        #expect(problems["duties"]?.contains("tất cả các nhiệm vụ") == true)
        let allowed = PreScreening.validateFiling(candidateName: "Lê Hoàng Phúc", birthYear: "1998", position: "CNTT", format: "confirmed",
                                                  contact: "0912", duties: ["manageWebsite"], otherDuty: "", replyBy: "",
                                                  agencyHasFullTimeOfficer: true, today: today)
        #expect((try? allowed.get()) != nil)
    }

    @Test func R12_1_theAPIFilesForTheHeadsOwnAgencyOnly() async throws {
        try await withWorld { app, province in
            let body = #"{"candidateName":"Lê Hoàng Phúc","birthYear":1998,"position":"Cán bộ chuyên trách CNTT","confidentiality":"divisionReportOnly","contact":"0912 345 678"}"#
            let head = try await F.token(app, "thutruong")
            let created = try await F.call(app, .POST, "/api/v1/agencies/\(province.agencyA.id!.uuidString)/interview-requests", token: head, json: body)
            #expect(created.status == .created)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(created.body.string.utf8)) as? [String: Any])?["id"] as? String)
            let read = try await F.call(app, .GET, "/api/v1/interview-requests/\(id)", token: head)
            #expect(read.status == .ok && read.body.string.contains("\"stage\":\"filed\""))
            let other = try await F.call(app, .POST, "/api/v1/agencies/\(province.agencyB.id!.uuidString)/interview-requests", token: head, json: body)
            #expect(other.status == .forbidden || other.status == .notFound)
            let officer = try await F.token(app, "canbo")
            #expect(try await F.call(app, .POST, "/api/v1/agencies/\(province.agencyA.id!.uuidString)/interview-requests", token: officer, json: body).status == .forbidden)
        }
    }

    @Test func R12_3_theAssignedDivisionHeadSchedules_andEachStepRemindsItsActor() async throws {
        try await withWorld { app, province in
            let r = try await F.request(app, province, to: .filed)
            var director = try await Browser.signedIn(app, as: "giamdoc")
            #expect(try await director.get("/").body.string.contains("1 đề nghị phỏng vấn sơ tuyển chờ Giám đốc đồng ý."))
            let returned = try await director.post("/so-tuyen/\(r.id!.uuidString)/tra-lai", ["reason": ""])
            #expect(returned.status == .unprocessableEntity && returned.body.string.contains("Nhập lý do trả lại đề nghị."))

            let agreed = try await F.request(app, province, to: .agreed, name: "Nguyễn Thị Mai")
            var division = try await Browser.signedIn(app, as: "truongphong")
            #expect(try await division.get("/").body.string.contains("1 cuộc phỏng vấn sơ tuyển được giao, chưa xếp lịch."))
            let path = "/so-tuyen/\(agreed.id!.uuidString)"
            var staff = try await Browser.signedIn(app, as: "sotttt")
            #expect(try await staff.post("\(path)/lich", ["interviewOn": "02/12/2026", "interviewAt": "08:30", "place": "Phòng họp"]).status == .forbidden)
            let bad = try await division.post("\(path)/lich", ["interviewOn": "02/12/2026", "interviewAt": "25:00", "place": "Phòng họp số 2"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Nhập giờ phỏng vấn dạng gg:pp") && bad.body.string.contains("Phòng họp số 2"))
            #expect(try await division.post("\(path)/lich", ["interviewOn": "02/12/2026", "interviewAt": "8:30", "place": "Phòng họp số 2"]).status == .seeOther)
            let scheduled = try #require(try await InterviewRequestModel.find(agreed.id, on: app.db))
            #expect(scheduled.currentStage == .scheduled && scheduled.interviewOn == "2026-12-02" && scheduled.interviewAt == "08:30")
            #expect(try await division.get("/").body.string.contains("đã xếp lịch, chưa có báo cáo kết quả"))

            _ = try await F.request(app, province, to: .reported, name: "Trần Văn Hậu")
            var head = try await Browser.signedIn(app, as: "thutruong")
            #expect(try await head.get("/").body.string.contains("1 báo cáo kết quả sơ tuyển chờ thủ trưởng quyết định tuyển dụng."))
        }
    }

    @Test func R12_4_scoresOutOfRangeOrWithTwoDecimalsAre422InVietnamese_noPassMarkIsComputed() async throws {
        try await withWorld { app, province in
            let r = try await F.request(app, province, to: .scheduled)
            let path = "/api/v1/interview-requests/\(r.id!.uuidString)/result"
            let division = try await F.token(app, "truongphong")
            let over = try await F.call(app, .PUT, path, token: division, json: #"{"scores":[11,5,5],"recommendation":"suitable"}"#)
            #expect(over.status == .unprocessableEntity && over.body.string.contains("Giá trị lớn nhất là 10"))
            let fine = try await F.call(app, .PUT, path, token: division, json: #"{"scores":[7.25,5,5],"recommendation":"suitable"}"#)
            #expect(fine.status == .unprocessableEntity && fine.body.string.contains("tối đa một chữ số thập phân"))
            let two = try await F.call(app, .PUT, path, token: division, json: #"{"scores":[7.5,5],"recommendation":"suitable"}"#)
            #expect(two.status == .unprocessableEntity && two.body.string.contains("Nhập đúng ba điểm"))
            let head = try await F.token(app, "thutruong")
            #expect(try await F.call(app, .PUT, path, token: head, json: #"{"scores":[7.5,8,6],"recommendation":"suitable"}"#).status == .forbidden)

            var browser = try await Browser.signedIn(app, as: "truongphong")
            let web = try await browser.post("/so-tuyen/\(r.id!.uuidString)/ket-qua", ["score1": "10,5", "score2": "8", "score3": "6,25",
                                                                                        "recommendation": "suitable", "remarks": "Khá"])
            #expect(web.status == .unprocessableEntity && web.body.string.contains("Điểm từ 0 đến 10, tối đa một chữ số thập phân"))
            #expect(web.body.string.contains("6,25"))

            let ok = try await F.call(app, .PUT, path, token: division, json: #"{"scores":[7.5,8,6],"recommendation":"notSuitable","remarks":"Cần bồi dưỡng thêm"}"#)
            #expect(ok.status == .ok)
            #expect(ok.body.string.contains("\"scores\":[7.5,8,6]") && ok.body.string.contains("\"recommendation\":\"notSuitable\""))
            let stored = try #require(try await InterviewRequestModel.find(r.id, on: app.db))
            #expect(stored.scores == [75, 80, 60] && stored.currentStage == .reported)
            #expect(try await F.call(app, .PUT, path, token: division, json: #"{"scores":[9,9,9],"recommendation":"suitable"}"#).status == .forbidden)
        }
    }

    @Test func R11_3_hiringAgainstTheAdviceNeedsTheHeadsResponsibility_andCreatesTheOfficerOnce() async throws {
        try await withWorld { app, province in
            let r = try await F.request(app, province, advice: .notSuitable, to: .reported)
            let path = "/so-tuyen/\(r.id!.uuidString)"
            var head = try await Browser.signedIn(app, as: "thutruong")
            let page = try await head.get(path).body.string
            #expect(page.contains("7,5/10") && page.contains("Chưa đáp ứng yêu cầu chuyên môn") && page.contains("chịu trách nhiệm"))
            let hire = ["dateOfBirth": "14/03/1998", "gender": "male", "idNumber": "074098001234", "startDate": "20/11/2026"]
            let refused = try await head.post("\(path)/tuyen-dung", hire)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("phải xác nhận chịu trách nhiệm (Điều 11.3)"))
            #expect(refused.body.string.contains("074098001234"))
            let wrongYear = try await head.post("\(path)/tuyen-dung", hire.merging(["dateOfBirth": "14/03/1997", "acceptsResponsibility": "true"]) { $1 })
            #expect(wrongYear.status == .unprocessableEntity && wrongYear.body.string.contains("Ngày sinh phải thuộc năm 1998"))
            var accepted = hire
            accepted["acceptsResponsibility"] = "true"
            accepted["responsibilityNote"] = "Cơ quan cần gấp người quản trị mạng"
            #expect(try await head.post("\(path)/tuyen-dung", accepted).status == .seeOther)
            let officers = try await OfficerModel.query(on: app.db).filter(\.$fullName == "Lê Hoàng Phúc").all()
            #expect(officers.count == 1)
            let officer = try #require(officers.first)
            #expect(officer.$agency.id == province.agencyA.id && officer.kind == ITOfficerKind.fullTime.rawValue
                    && officer.position == "Cán bộ chuyên trách CNTT" && officer.startDate == "2026-11-20")
            #expect(try await OfficerEventModel.query(on: app.db).filter(\.$officer.$id == officer.id!).count() == 1)
            #expect(try await OfficerIncentiveModel.query(on: app.db).filter(\.$officer.$id == officer.id!).count() == 1)
            let hired = try #require(try await InterviewRequestModel.find(r.id, on: app.db))
            #expect(hired.currentStage == .hired && hired.responsibilityAccepted && hired.$officer.id == officer.id)
            #expect(try await head.get(path).body.string.contains(PreScreening.responsibilityStatement))

            #expect(try await head.post("\(path)/tuyen-dung", accepted.merging(["idNumber": "074098001235"]) { $1 }).status == .forbidden)
            let token = try await F.token(app, "thutruong")
            let again = try await F.call(app, .POST, "/api/v1/interview-requests/\(r.id!.uuidString)/decision", token: token,
                                         json: #"{"hire":true,"dateOfBirth":"1998-03-14","gender":"male","idNumber":"074098001236","startDate":"2026-11-20","acceptsResponsibility":true}"#)
            #expect(again.status == .forbidden)
            let viewer = try await F.viewer(app, "thutruong")
            let draft = try InterviewDecision.draft(hired, .init(dateOfBirth: "14/03/1998", gender: "male", idNumber: "074098001237",
                                                                 startDate: "20/11/2026", acceptsResponsibility: true), today: LocalDate(year: 2026, month: 11, day: 29)!).get()
            await #expect(throws: FieldErrors.self) {
                try await app.write { try await InterviewDecision.hire(hired, draft, input: .init(acceptsResponsibility: true), by: viewer, now: testNow, on: $0) }
            }
            #expect(try await OfficerModel.query(on: app.db).filter(\.$fullName == "Lê Hoàng Phúc").count() == 1)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "interview.hire").count() == 1)
        }
    }

    @Test func R12_5_Form1AndForm2PrintFromTheRecords_theConfirmationBlockOnlyWhenAskedFor() async throws {
        try await withWorld { app, province in
            let quiet = try await F.request(app, province, format: .divisionReportOnly, to: .reported)
            let open = try await F.request(app, province, format: .confirmed, to: .reported, name: "Nguyễn Thị Mai")
            var head = try await Browser.signedIn(app, as: "thutruong")
            let letter = try pdfText(try await head.get("/so-tuyen/\(quiet.id!.uuidString)/mau-1.pdf"))
            #expect(letter.contains("Lê Hoàng Phúc") && letter.contains("1998") && letter.contains("0912 345 678"))
            let report = try pdfText(try await head.get("/so-tuyen/\(quiet.id!.uuidString)/mau-2.pdf"))
            #expect(report.contains("Lê Hoàng Phúc") && report.contains("7,5/10") && report.contains("8/10") && report.contains("6/10"))
            #expect(report.contains("Võ Quốc Hưng") && !report.contains("XÁC NHẬN CỦA"))
            let confirmed = try pdfText(try await head.get("/so-tuyen/\(open.id!.uuidString)/mau-2.pdf"))
            #expect(confirmed.contains("Nguyễn Thị Mai") && confirmed.contains("XÁC NHẬN CỦA"))
            let token = try await F.token(app, "truongphong")
            let api = try await F.call(app, .GET, "/api/v1/interview-requests/\(open.id!.uuidString)/report.pdf", token: token)
            #expect(api.status == .ok && api.headers.contentType?.subType == "pdf")
        }
    }
}
