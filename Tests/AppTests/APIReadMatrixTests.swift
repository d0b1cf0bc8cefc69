@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11's matrix for the API: every read of `/api/openapi.yaml` × every demo account × a record of
/// their own agency, of an agency governed by a demo account's agency, of another district. The answer
/// expected is what `Domain/Access` says for that account and record, so a rule changed in the policy
/// changes the expectation and a handler that forgets the policy fails. A read the table does not know
/// fails the coverage test: each new GET of the spec must say here who may read it.
@Suite("Every API read × every demo account × own, governed and other agency, as the policy says (issue 11)")
struct APIReadMatrixTests {
    /// A record to read: an agency, one of its officers and one of that officer's tickets.
    struct Target: Sendable {
        var label: String
        var agency: AgencyModel
        var place: AgencyPlace
        var officer: OfficerModel
        var ticket: WorkTicketModel
        /// For the pre-screening reads: one interview request (then only those reads are tried).
        var interview: InterviewRequestModel?
        /// The agency's first duty decision and handover, when it has them (Art. 13.1, 14).
        var decision: AssignmentDecisionModel?
        var handover: HandoverModel?
        /// A dossier file of the interview request, and a commitment of the agency with a scan (Art. 12.1, 13.2).
        var interviewFile: InterviewFileModel? = nil
        var scanned: CommitmentModel? = nil
        /// Filled by `WebRouteMatrixTests.enrich` for the forms that act on them.
        var handoverItem: HandoverItemModel? = nil
        var commitment: CommitmentModel? = nil
    }

    /// How one GET is filled for a target and whether the policy lets `viewer` read it.
    struct Read: Sendable {
        /// nil: the target has no such record (the read is not tried).
        var path: @Sendable (Target) -> String?
        var may: @Sendable (Viewer, Target, any Database) async throws -> Bool
    }

    static let logYear = 2026

    static func sees(_ v: Viewer, _ t: Target) -> Bool { v.policy.canSee(t.place) || v.officerID == t.officer.id }

    static func published(_ year: Int, _ db: any Database) async throws -> Bool {
        try await EvaluationYearModel.query(on: db).filter(\.$year == year).first()?.stage == .published
    }

    static func workLog(_ v: Viewer, _ t: Target, _ db: any Database) async throws -> Bool {
        try await workLogAccess(v, t, db).read
    }

    static func workLogAccess(_ v: Viewer, _ t: Target, _ db: any Database) async throws -> WorkLogAccess {
        let log = try await WorkLogModel.query(on: db).filter(\.$officer.$id == t.officer.id!).filter(\.$year == logYear).first()
        return try await Permissions.workLog(v, officer: t.officer, submitted: log?.receivedAt != nil, on: db)
    }

    static func interview(_ v: Viewer, _ t: Target) -> InterviewAccess {
        v.policy.interviewAccess(t.interview!.accessFacts, viewerUserID: v.userID)
    }

    static let interviewReads: Set<String> = ["getInterviewRequest", "getInterviewRequestLetter", "getInterviewReport", "getInterviewFile"]

    static let everyone: @Sendable (Viewer, Target, any Database) async throws -> Bool = { _, _, _ in true }

    /// Every GET operation of the spec, by operationId.
    static let reads: [String: Read] = [
        "listAgencies": Read(path: { _ in "/api/v1/agencies" }, may: everyone),
        "getAgency": Read(path: { "/api/v1/agencies/\($0.agency.id!)" }, may: { v, t, _ in v.policy.canSee(t.place) }),
        "listOfficers": Read(path: { _ in "/api/v1/officers" }, may: everyone),
        "getOfficer": Read(path: { "/api/v1/officers/\($0.officer.id!)" }, may: { v, t, _ in sees(v, t) }),
        "getStaffing": Read(path: { _ in "/api/v1/staffing" }, may: everyone),
        "getProfile": Read(path: { _ in "/api/v1/profile" }, may: everyone),
        "listTickets": Read(path: { _ in "/api/v1/tickets" }, may: everyone),
        "getTicket": Read(path: { "/api/v1/tickets/\($0.ticket.id!)" },
                          may: { v, t, db in try await Permissions.ticket(v, t.ticket, on: db).read }),
        "getTicketForm": Read(path: { "/api/v1/tickets/\($0.ticket.id!)/form.pdf" },
                              may: { v, t, db in try await Permissions.ticket(v, t.ticket, on: db).read }),
        "getWorkLog": Read(path: { "/api/v1/officers/\($0.officer.id!)/work-logs/\(logYear)" }, may: workLog),
        "getWorkLogBook": Read(path: { "/api/v1/officers/\($0.officer.id!)/work-logs/\(logYear)/book.pdf" }, may: workLog),
        "listGrades": Read(path: { "/api/v1/officers/\($0.officer.id!)/grades" },
                           may: { v, t, _ in sees(v, t) && v.policy.readsGrade(officerID: t.officer.id!, at: t.place, published: true) }),
        "getEvidence": Read(path: { "/api/v1/officers/\($0.officer.id!)/evidence/\(logYear)" }, may: { v, t, db in
            let isPublished = try await published(logYear, db)
            return sees(v, t) && v.policy.readsGrade(officerID: t.officer.id!, at: t.place, published: isPublished)
        }),
        "getCommitmentLetter": Read(path: { "/api/v1/officers/\($0.officer.id!)/commitment.pdf" },
                                    may: { v, t, _ in sees(v, t) && v.policy.readsPersonnelFile(officerID: t.officer.id!, at: t.place) }),
        "getEvaluationYear": Read(path: { _ in "/api/v1/evaluation-years/\(logYear)" }, may: everyone),
        "getEvaluationResults": Read(path: { _ in "/api/v1/evaluation-years/\(logYear)/results" },
                                     may: { v, _, db in v.policy.readsYearResults(published: try await published(logYear, db)) }),
        "getEfficiency": Read(path: { _ in "/api/v1/evaluation-years/\(logYear)/efficiency" }, may: { v, _, _ in v.policy.readsEfficiency }),
        "getInterviewRequest": Read(path: { "/api/v1/interview-requests/\($0.interview!.id!)" }, may: { v, t, _ in interview(v, t).read }),
        "getInterviewRequestLetter": Read(path: { "/api/v1/interview-requests/\($0.interview!.id!)/request.pdf" },
                                          may: { v, t, _ in interview(v, t).read }),
        // D8: the report only to those who read the result, and only once there is one.
        "getInterviewReport": Read(path: { "/api/v1/interview-requests/\($0.interview!.id!)/report.pdf" },
                                   may: { v, t, _ in interview(v, t).readResult && t.interview!.scores != nil }),
        "getAssignmentDecisionPdf": Read(path: { $0.decision.map { "/api/v1/assignment-decisions/\($0.id!)/decision.pdf" } },
                                         may: { v, t, _ in v.policy.readsAssignmentDecisions(at: t.place) }),
        "getHandover": Read(path: { $0.handover.map { "/api/v1/handovers/\($0.id!)" } },
                            may: { v, t, _ in v.policy.readsHandover(officerID: t.handover!.$officer.id, at: t.place) }),
        "getHandoverRecordPdf": Read(path: { $0.handover.map { "/api/v1/handovers/\($0.id!)/record.pdf" } },
                                     may: { v, t, _ in v.policy.readsHandover(officerID: t.handover!.$officer.id, at: t.place) }),
        "getFormSample": Read(path: { _ in "/api/v1/forms/pl1-m3/sample.pdf" }, may: everyone),
        // D8: a dossier file to whoever reads the request; a commitment's scan to the personnel file's readers.
        "getInterviewFile": Read(path: { t in t.interviewFile.map { "/api/v1/interview-requests/\(t.interview!.id!)/files/\($0.id!)" } },
                                 may: { v, t, _ in interview(v, t).read }),
        "getCommitmentScan": Read(path: { $0.scanned.map { "/api/v1/commitments/\($0.id!)/scan" } },
                                  may: { v, t, _ in v.policy.readsPersonnelFile(officerID: t.scanned!.$officer.id, at: t.place) }),
    ]

    /// The GET operations the served spec declares.
    static func specReads() throws -> Set<String> {
        let text = try String(contentsOf: FormLimitsTests.root.appendingPathComponent("Sources/App/openapi.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found = Set<String>()
        for (i, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces) == "get:" {
            if let op = lines[(i + 1)...].prefix(3).first(where: { $0.contains("operationId:") }) {
                found.insert(op.components(separatedBy: "operationId:")[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return found
    }

    @Test func everyReadOfTheSpecHasItsExpectation() throws {
        let spec = try Self.specReads()
        #expect(spec.count >= 24)
        #expect(spec == Set(Self.reads.keys), "missing: \(spec.subtracting(Self.reads.keys)), unknown: \(Set(Self.reads.keys).subtracting(spec))")
    }

    /// Own agency (the demo accounts' SKHĐT and UBND Dĩ An), an agency governed by UBND Dĩ An, and an
    /// agency of another district: each with an officer who has a ticket, chosen by id (no plan luck).
    static func targets(_ app: Application, _ province: DemoProvince.Built) async throws -> [Target] {
        let db = app.db
        let profile = try await ProfileStore.active(on: db)
        try await DemoDutiesLoader.load(province: province.agencies, officers: province.officers, profile: profile,
                                        today: LocalDate(testNow, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!), on: app)
        let governed = try await AgencyModel.query(on: db).filter(\.$governingAgency.$id == province.agencyB.id!)
            .sort(\.$id).all()
        let elsewhere = try await AgencyModel.query(on: db).filter(\.$district != province.agencyB.district)
            .filter(\.$district != "").sort(\.$id).all()
        var targets: [Target] = []
        for (label, candidates) in [("cơ quan A", [province.agencyA!]), ("cơ quan B", [province.agencyB!]),
                                    ("cơ quan trực thuộc B", governed), ("huyện khác", elsewhere)] {
            for agency in candidates {
                guard let officer = try await OfficerModel.query(on: db).filter(\.$agency.$id == agency.id!).sort(\.$id).first(),
                      let ticket = try await WorkTicketModel.query(on: db).filter(\.$officer.$id == officer.id!).sort(\.$id).first(),
                      let place = try await Visibility.place(of: agency.id!, on: db) else { continue }
                let decision = try await AssignmentDecisionModel.query(on: db).filter(\.$agency.$id == agency.id!).sort(\.$id).first()
                let handover = try await HandoverModel.query(on: db).filter(\.$agency.$id == agency.id!).sort(\.$id).first()
                let scanned = try await CommitmentModel.query(on: db).filter(\.$agency.$id == agency.id!).sort(\.$id).all().first { $0.scan != nil }
                targets.append(Target(label: label, agency: agency, place: place, officer: officer, ticket: ticket,
                                      decision: decision, handover: handover, scanned: scanned))
                break
            }
        }
        // The demo's requests (thutruong's agency), one of each reply format with a result (D8).
        try await DemoPreScreening.load(today: LocalDate(testNow, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!), on: app)
        let division = try #require(try await UserModel.query(on: db).filter(\.$username == "truongphong").first())
        let divisionHead = try #require(try await Viewer.load(userID: division.id!, on: db))
        let requests = try await InterviewRequestModel.query(on: db).sort(\.$candidateName).all()
        if let secret = requests.first(where: { $0.format == .divisionReportOnly && $0.scores == nil && $0.currentStage == .scheduled }) {
            try await app.write { try await InterviewService.record(secret, scores: [72, 65, 80], recommendation: PreScreening.Recommendation.suitable.rawValue,
                                                                   remarks: "Nắm vững mạng máy tính.", by: divisionHead, now: testNow, on: $0) }
        }
        for r in requests {
            guard let place = try await Visibility.place(of: r.$agency.id, on: db), let own = targets.first else { continue }
            let file = try await InterviewFileModel.query(on: db).filter(\.$request.$id == r.id!).sort(\.$id).first()
            targets.append(Target(label: "sơ tuyển \(r.format.rawValue) \(r.currentStage.rawValue)", agency: own.agency, place: place,
                                  officer: own.officer, ticket: own.ticket, interview: r, interviewFile: file))
        }
        return targets
    }

    @Test(arguments: DemoLoader.accounts.map(\.username))
    func eachReadAnswersAsThePolicySays(_ username: String) async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let targets = try await Self.targets(app, province)
            #expect(Array(targets.map(\.label).prefix(4)) == ["cơ quan A", "cơ quan B", "cơ quan trực thuộc B", "huyện khác"])
            #expect(targets.filter { $0.interview?.format == .divisionReportOnly && $0.interview?.scores != nil }.count == 1)
            #expect(targets.contains { $0.decision != nil } && targets.contains { $0.handover != nil })
            #expect(targets.contains { $0.scanned != nil } && targets.contains { $0.interviewFile != nil })
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let token = try await APITests().token(app, username)
            var wrong: [String] = [], allowed = 0, refused = 0
            for (operation, read) in Self.reads.sorted(by: { $0.key < $1.key }) {
                for target in targets where Self.interviewReads.contains(operation) == (target.interview != nil) {
                    guard let path = read.path(target) else { continue }
                    let may = try await read.may(viewer, target, app.db)
                    let status = try await APITests().call(app, .GET, path, token: token).status
                    let ok = may ? status == .ok : [.forbidden, .notFound].contains(status)
                    if !ok { wrong.append("\(operation) · \(target.label): \(status.code), chính sách: \(may ? "được" : "không")") }
                    if may { allowed += 1 } else { refused += 1 }
                }
            }
            // D8: who reads a request but not its result gets it without scores or recommendation.
            for target in targets where target.interview != nil {
                let access = Self.interview(viewer, target)
                guard access.read, !access.readResult else { continue }
                let body = try await APITests().call(app, .GET, "/api/v1/interview-requests/\(target.interview!.id!)", token: token).body.string
                if body.contains("\"scores\"") || body.contains("\"recommendation\"") { wrong.append("kết quả lộ: \(target.label)") }
            }
            #expect(wrong.isEmpty, "\(username): \(wrong)")
            #expect(allowed > 0)
        }
    }

    /// The lists answer everyone, with only what the policy lets them see.
    @Test(arguments: DemoLoader.accounts.map(\.username))
    func theAgencyAndOfficerListsHoldOnlyWhatThePolicyShows(_ username: String) async throws {
        try await withWorld { app, province in
            try await loadDemoYears(app, province)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let token = try await APITests().token(app, username)
            for list in ["agencies", "officers"] {
                let body = try APITests().object(try await APITests().call(app, .GET, "/api/v1/\(list)?per=100", token: token))
                let items = try #require(body["items"] as? [[String: Any]])
                for item in items {
                    let agencyID = try #require(UUID(uuidString: (list == "agencies" ? item["id"] : item["agencyId"]) as? String ?? ""))
                    let place = try #require(try await Visibility.place(of: agencyID, on: app.db))
                    let own = list == "officers" && (item["id"] as? String).flatMap(UUID.init(uuidString:)) == viewer.officerID
                    #expect(viewer.policy.canSee(place) || own, "\(username) thấy \(list) \(item["id"] ?? "")")
                }
            }
        }
    }
}
