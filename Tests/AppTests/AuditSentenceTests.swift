@testable import App
import Domain
import Fluent
import Foundation
import Testing

/// Issue 11 §5: the audit log and every history read as Vietnamese sentences — who (full name and
/// role), did what, to what, with the fields an edit changed; never a code, JSON or English.
@Suite("Audit entries as Vietnamese sentences (issue 11 §5)")
struct AuditSentenceTests {
    /// The families of codes written with an interpolated part, and the values that part takes.
    static let families: [String: [String]] = [
        "evaluation.": EvaluationStep.allCases.map(\.rawValue),
        "ticket.": TicketStatus.Action.allCases.map(\.rawValue),
    ]

    /// Lines of every Swift file of Sources/App outside the audit presentation itself.
    static func appLines() throws -> [(file: String, line: Substring)] {
        let sources = PolicyLintTests.root.appendingPathComponent("Sources/App")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("Audit/") } ?? []
        return try files.sorted().flatMap { file in
            try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").map { (file, $0) }
        }
    }

    /// Every action code the application writes: the literals on the lines that name an action, and
    /// each interpolated family expanded over its values (an unknown family is reported).
    static func writtenCodes() throws -> (codes: Set<String>, unknownFamilies: [String]) {
        var codes = Set<String>(), unknown: [String] = []
        for (file, line) in try appLines() where line.contains("action") || line.contains("audit(") {
            for match in line.matches(of: /"([a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+)"/) { codes.insert(String(match.output.1)) }
            for match in line.matches(of: /action: "([a-z]+)"/) { codes.insert(String(match.output.1)) }
            for match in line.matches(of: /\? "([a-z]+)" :/) { codes.insert(String(match.output.1)) }
            for match in line.matches(of: /"([a-z]+\.)(?:\\\(|" \+)/) {
                let prefix = String(match.output.1)
                if let values = families[prefix] { codes.formUnion(values.map { prefix + $0 }) } else { unknown.append("\(file): \(line)") }
            }
        }
        return (codes, unknown)
    }

    @Test func everyActionCodeWrittenInTheSourcesHasAVietnamesePhrase() throws {
        let (codes, unknown) = try Self.writtenCodes()
        #expect(codes.count >= 60, "tìm thấy \(codes.count) mã")
        for known in ["worklog.signOff", "evaluation.publish", "ticket.start", "login", "logout", "user.password.failed"] {
            #expect(codes.contains(known), "\(known) phải được tìm thấy")
        }
        #expect(unknown.isEmpty, "mã ghép chưa biết: \(unknown)")
        let missing = codes.filter { AuditPhrases.phrase(for: $0) == nil }.sorted()
        #expect(missing.isEmpty, "thiếu cụm từ tiếng Việt cho: \(missing)")
    }

    @Test func everyKindOfRecordWrittenOrRefusedHasAVietnameseName() throws {
        var kinds = Set(Section.allCases.map(\.rawValue))
        for (_, line) in try Self.appLines() {
            for match in line.matches(of: /entityType: "([A-Za-z]+)"/) { kinds.insert(String(match.output.1)) }
            for match in line.matches(of: /denied\("([A-Za-z]+)"/) { kinds.insert(String(match.output.1)) }
        }
        #expect(kinds.count > 20)
        let missing = kinds.filter { AuditPhrases.kind($0) == nil }.sorted()
        #expect(missing.isEmpty, "thiếu tên đối tượng cho: \(missing)")
    }

    @Test func everyFieldAnEditComparesHasAVietnameseLabel() {
        let content = WorkTicketContent(taskGroup: TaskGroup.allCases[0], details: "", workKind: WorkKind.allCases[0],
                                        requesterUnit: "", requesterName: "", requestedOn: LocalDate(year: 2026, month: 9, day: 2)!)
        let records: [(Any, AuditFields.Labels)] = [(OfficerInput(), AuditFields.officer), (AgencyInput(), AuditFields.agency),
                                                    (content, AuditFields.ticket), (RegulationProfile.binhDuong2013, AuditFields.profile)]
        for (record, labels) in records {
            let keys = Mirror(reflecting: record).children.compactMap(\.label).filter { !AuditFields.ignored.contains($0) }
            let unlabelled = keys.filter { key in !labels.contains { $0.key == key } }
            #expect(unlabelled.isEmpty, "\(type(of: record)): \(unlabelled)")
        }
    }

    static func entry(_ action: String, type: String = "officer", id: UUID? = nil, before: String = "", after: String = "",
                      actor: String = "thutruong") -> AuditEntryModel {
        let e = AuditEntryModel()
        e.seq = 1
        e.at = AuditLog.timestamp(testNow)
        e.actorName = actor
        e.action = action
        e.entityType = type
        e.entityID = id
        e.before = before
        e.after = after
        return e
    }

    static func say(_ action: String, before: String = "", after: String = "") -> String {
        AuditDetails.text(of: entry(action, before: before, after: after), names: AuditNames())
    }

    @Test func aSignOffSaysTheMonthSigned() {
        #expect(Self.say("worklog.signOff", after: "2026-10-01…2026-10-31") == "Đã ký duyệt sổ tháng 10/2026")
        #expect(Self.say("worklog.signOff", after: "2025-10-01…2025-12-31") == "Đã ký duyệt sổ quý IV/2025")
    }

    @Test func anEditSaysWhichFieldsChangedNotTheJSON() {
        var before = OfficerInput(), after = OfficerInput()
        before.fullName = "Trần Minh Khoa"; after.fullName = "Trần Minh Khoa Anh"
        before.phone = "0274 3822 123"; after.phone = "0913 000 111"
        after.version = 2
        #expect(Self.say("officer.update", before: AuditLog.json(before), after: AuditLog.json(after)) == "Đã sửa: Họ và tên, Số điện thoại")
        let content = WorkTicketContent(taskGroup: TaskGroup.allCases[0], details: "Thay mực", workKind: WorkKind.allCases[0],
                                        requesterUnit: "Văn phòng", requesterName: "Lý Văn Tài", requestedOn: LocalDate(year: 2026, month: 9, day: 2)!)
        var handled = content
        handled.handling = "Thay hộp mực mới"
        #expect(Self.say("ticket.update", before: AuditLog.json(content), after: AuditLog.json(handled)) == "Đã sửa: Hướng xử lý")
        let corrected = AuditLog.json(handled, adding: ["correctionReason": "Ghi nhầm"])
        #expect(Self.say("ticket.correct", before: AuditLog.json(content), after: corrected)
                == "Đã điều chỉnh phiếu đã xác nhận (Hướng xử lý); lý do: Ghi nhầm")
    }

    @Test func gradesRewardsAndAttendanceAreSaidInVietnamese() {
        #expect(Self.say("grade.set", after: "2026: B") == "Đã xếp loại B năm 2026")
        #expect(Self.say("grade.correct", after: "2026: A — Bổ sung sáng kiến") == "Đã điều chỉnh xếp loại năm 2026 thành loại A; lý do: Bổ sung sáng kiến")
        #expect(Self.say("reward.decide", after: "2026 certificateOfMerit: declined Chưa đủ hồ sơ")
                == "Đã không đồng ý đề xuất khen thưởng năm 2026 “\(RewardCandidacy.certificateOfMerit.label)”: Chưa đủ hồ sơ")
        #expect(Self.say("training.attendance", after: "Kiểm tra sát hạch 2026: Có mặt 8.5") == "Đã ghi điểm danh “Kiểm tra sát hạch 2026”: Có mặt 8.5")
        #expect(Self.say("officer.status", after: "retired 2026-12-01") == "Đã đổi trạng thái công tác thành “\(EmploymentStatus.retired.label)” từ ngày 01/12/2026")
        #expect(Self.say("evaluation.publish", after: "2026: published") == "Đã công bố kết quả cho cơ quan quản lý năm 2026")
    }

    /// What each writer keeps, as it keeps it: no sentence shows a code, JSON, an enum's raw value.
    static let samples: [String: (String, String)] = [
        "officer.create": ("", AuditLog.json(OfficerInput())), "agency.create": ("", AuditLog.json(AgencyInput())),
        "officer.status": ("active", "resigned 2026-11-01"), "officer.transfer": (UUID().uuidString, "\(UUID().uuidString) 2026-08-01"),
        "agency.itLevel": ("2 (QĐ 1/2025)", "2026: 3 (QĐ 12/QĐ-UBND)"), "user.create": ("", "itOfficer@-,agencyHead@\(UUID().uuidString)"),
        "user.grant": ("", "authorityStaff@-"), "user.revoke": ("agencyStaff@-", ""), "login.failed": ("", "địa chỉ 127.0.0.1"),
        "permission.denied": ("", "GET /quan-tri/nhat-ky"), "token.revokeAll": ("", "qlcb_ab12,qlcb_cd34"), "token.create": ("", "Máy chủ báo cáo"),
        "ticket.create": ("", "Số 3/2026"), "ticket.take": ("", "Số 4/2026"), "ticket.refuse": ("", "Máy in vẫn lỗi"),
        "ticket.confirm": ("", "Phan Thị Ngọc Ánh"), "worklog.submit": ("", "2026 2026-09-20T01:00:00.000Z"),
        "worklog.exception": ("", "2026: Biên nhận bưu điện"), "worklog.opinion": ("", "2026: Hoàn thành tốt"),
        "worklog.cost": ("", "2026: 12500000"), "worklog.initiative": ("", "2026: Số hóa hồ sơ"),
        "grade.set": ("", "2026: C"), "grade.automaticD": ("", "2026: D"), "proposal.sign": ("", "2026: homeAffairs"),
        "headTask.done": ("", "recruitReplacement: Đã phân công"), "reward.decide": ("", "2026 multiYearExcellence: approved "),
        "inspection.create": ("", "2026-05-03: Tốt"), "incident.create": ("", "2026-04-01: Cổng thông tin"),
        "training.attendance": ("invited", "Hội nghị tổng kết: Vắng có lý do"), "audit.reseal": ("sha256 seq 9 abc", "hmac-sha256 key k1"),
        "evaluation.closeDeadline": ("open", "2026: deadlinePassed"), "demo.load": ("", "9 cơ quan, 20 cán bộ"),
        "officer.incentive": ("Không hưởng ưu đãi", "1.500.000 đ/tháng từ 01/01/2026"),
        "profile.snapshot": ("", #"2026: {"code":"binhDuong2013"}"#),
    ]

    @Test func noSentenceShowsACodeJSONOrAnEnglishWord() {
        for code in AuditPhrases.codes.sorted() {
            let (before, after) = Self.samples[code] ?? ("", "")
            let text = Self.say(code, before: before, after: after)
            #expect(!text.isEmpty && text.first?.isUppercase == true, "\(code): \(text)")
            #expect(VisibleText.leaks(in: text).isEmpty, "\(code): \(text) — \(VisibleText.leaks(in: text))")
        }
    }

    @Test func theActorIsNamedByFullNameAndRoleAndTheRecordByItsName() async throws {
        try await withWorld { app, province in
            let head = try #require(try await UserModel.query(on: app.db).filter(\.$username == "thutruong").first())
            let e = Self.entry("worklog.signOff", id: province.officerA.id, after: "2025-10-01…2025-10-31")
            e.actorID = head.id
            let sentence = try #require(try await AuditSentence.all([e], on: app.db).first)
            #expect(sentence.actor == "Ngô Thanh Tùng (Thủ trưởng cơ quan)")
            #expect(sentence.text == "Đã ký duyệt sổ tháng 10/2025")
            #expect(sentence.object == "Cán bộ CNTT: Trần Minh Khoa")
            let demo = try #require(try await AuditSentence.all([Self.entry("demo.load", type: "system", actor: "qlcb demo")], on: app.db).first)
            #expect(demo.actor == "Hệ thống (nạp dữ liệu mẫu)")
            #expect(demo.object == "Hệ thống")
        }
    }
}
