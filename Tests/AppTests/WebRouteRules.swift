@testable import App
import Documents
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// The table of `WebRouteMatrixTests`. Issue 11's matrix for the web application: every route the server registers × every demo account ×
/// own agency, an agency governed by a demo account's agency, another district (the targets of
/// `APIReadMatrixTests`). The expected answer is what `Domain/Access` says: a page the policy opens
/// answers below 400, a form the policy lets the account send is never refused; anything else answers
/// 403 or 404 and writes nothing but the refusal. A route the table does not know fails the coverage
/// test, so a new page or form must say here who may reach it.
enum WebRouteRules {
    typealias Target = APIReadMatrixTests.Target

    /// What a route needs besides the target: records of the year's cycle and of the account pages.
    struct Extra: Sendable {
        var userID: UUID
        var grantID: UUID
        var training: TrainingEventModel
        var invitation: InvitationModel
        var proposal: CessationProposalModel
        var task: HeadTaskModel
        var candidate: RewardCandidateModel
        var profileCode: String
        /// The IT division head's account, whom the director assigns an interview (Art. 12).
        var divisionHeadID: UUID
    }

    struct Context: Sendable {
        var viewer: Viewer
        var target: Target
        var extra: Extra
        var db: any Database
        var p: AccessPolicy { viewer.policy }
        var place: AgencyPlace { target.place }
        var officerID: UUID { target.officer.id! }
        var ticket: WorkTicketModel { target.ticket }
        /// Read again: a form sent earlier in the run may have changed the record.
        func ticketAccess() async throws -> TicketAccess {
            try await Permissions.ticket(viewer, try #require(try await WorkTicketModel.find(ticket.id, on: db)), on: db)
        }
        func workLog() async throws -> WorkLogAccess { try await APIReadMatrixTests.workLogAccess(viewer, target, db) }
        func interview() async throws -> InterviewAccess {
            let request = try #require(try await InterviewRequestModel.find(target.interview?.id, on: db))
            return p.interviewAccess(request.accessFacts, viewerUserID: viewer.userID)
        }
        func place(of agencyID: UUID) async throws -> AgencyPlace? { try await Visibility.place(of: agencyID, on: db) }
    }

    /// How one route is filled for a target (nil: not tried there) and whether the policy allows it.
    struct Rule: Sendable {
        var path: @Sendable (Context) -> String?
        var form: @Sendable (Context) -> [String: String] = { _ in [:] }
        var may: @Sendable (Context) async throws -> Bool
    }

    static let year = APIReadMatrixTests.logYear
    static let always: @Sendable (Context) async throws -> Bool = { _ in true }
    static func fixed(_ path: String) -> @Sendable (Context) -> String? { { $0.target.interview == nil ? path : nil } }
    /// A form that changes the record for good (a role removed): sent once, with the first target.
    static func once(_ path: String) -> @Sendable (Context) -> String? { { $0.target.label == "cơ quan A" ? path : nil } }
    static func agency(_ suffix: String = "") -> @Sendable (Context) -> String? {
        { $0.target.interview == nil ? "/co-quan/\($0.target.agency.id!)\(suffix)" : nil }
    }
    static func officer(_ suffix: String = "") -> @Sendable (Context) -> String? {
        { $0.target.interview == nil ? "/can-bo/\($0.officerID)\(suffix)" : nil }
    }
    static func ticket(_ suffix: String = "") -> @Sendable (Context) -> String? {
        { $0.target.interview == nil ? "/phieu/\($0.ticket.id!)\(suffix)" : nil }
    }
    static func log(_ suffix: String = "") -> @Sendable (Context) -> String? {
        { $0.target.interview == nil ? "/so-cong-tac/\($0.officerID)/\(year)\(suffix)" : nil }
    }
    static func interview(_ suffix: String = "") -> @Sendable (Context) -> String? {
        { $0.target.interview.map { "/so-tuyen/\($0.id!)\(suffix)" } }
    }
    static func handover(_ suffix: @escaping @Sendable (HandoverModel, Context) -> String = { _, _ in "" }) -> @Sendable (Context) -> String? {
        { c in c.target.handover.map { "/ban-giao/\($0.id!)\(suffix($0, c))" } }
    }
    static func sees(_ c: Context) -> Bool { c.p.canSee(c.place) || c.viewer.officerID == c.officerID }
    static func published(_ c: Context) async throws -> Bool { try await APIReadMatrixTests.published(year, c.db) }
    /// Rules the API's writes share (`APIWriteRules`), read again from the database.
    static let signsProposal: @Sendable (Context) async throws -> Bool = { c in
        let proposal = try #require(try await CessationProposalModel.find(c.extra.proposal.id, on: c.db))
        return (c.p.signsForITAuthority && proposal.authoritySignedAt == nil) || (c.p.actsForHomeAffairs && proposal.homeAffairsSignedAt == nil)
    }
    static let completesTask: @Sendable (Context) async throws -> Bool = { c in
        let task = try #require(try await HeadTaskModel.find(c.extra.task.id, on: c.db))
        return task.doneAt == nil && c.p.headedAgencies.contains(task.agencyID)
    }
    static let acknowledgesItem: @Sendable (Context) async throws -> Bool = { c in
        c.p.readsHandover(officerID: c.target.handover!.$officer.id, at: c.place)
            && c.p.acknowledgesHandoverItem(receiverID: c.viewer.officerID, at: c.place)
    }
    static let rotatesItem: @Sendable (Context) async throws -> Bool = { c in
        let item = try #require(try await HandoverItemModel.find(c.target.handoverItem!.id, on: c.db))
        return c.p.readsHandover(officerID: c.target.handover!.$officer.id, at: c.place)
            && c.p.acknowledgesHandoverItem(receiverID: item.$receiver.id, at: c.place)
    }
    static func firstItem(_ h: HandoverModel, _ c: Context) -> String { "/muc/\(c.target.handoverItem!.id!)" }

    /// Routes that are not a signed-in person's pages, with the suite that covers them.
    static let exempt: [String: String] = [
        "GET /healthz": "OperationsTests", "GET /readyz": "OperationsTests", "GET /metrics": "OperationsTests (token or loopback)",
        "GET /dang-nhap": "AuthTests", "POST /dang-nhap": "AuthTests", "POST /dang-xuat": "AuthTests",
        "GET /xac-nhan/:token": "ConfirmationLinkTests", "POST /xac-nhan/:token": "ConfirmationLinkTests",
        "POST /tai-khoan/token/:id/thu-hoi": "AuthTests (an account's own tokens)",
        "GET /api/openapi.yaml": "SpecLimitsTests (public)",
    ]

    static let rules: [String: Rule] = [
        // Everyone signed in.
        "GET /": Rule(path: fixed("/"), may: always),
        "GET /tai-khoan": Rule(path: fixed("/tai-khoan"), may: always),
        "POST /tai-khoan/mat-khau": Rule(path: fixed("/tai-khoan/mat-khau"), may: always),
        "POST /tai-khoan/token": Rule(path: fixed("/tai-khoan/token"), may: always),
        "POST /tai-khoan/token/thu-hoi-tat-ca": Rule(path: fixed("/tai-khoan/token/thu-hoi-tat-ca"), may: always),
        "POST /tai-khoan/thu-dien-tu": Rule(path: fixed("/tai-khoan/thu-dien-tu"), form: { _ in ["email": "thu.nghiem@binhduong.gov.vn"] }, may: always),
        "GET /thu-cua-toi": Rule(path: fixed("/thu-cua-toi"), may: { $0.p.opens(.myMail) }),
        "GET /bieu-mau": Rule(path: fixed("/bieu-mau"), may: always),
        "GET /bieu-mau/:code": Rule(path: fixed("/bieu-mau/\(FormCode.workTicket.rawValue).pdf"), may: always),
        "GET /bien-che": Rule(path: fixed("/bien-che"), may: always),
        // The registry (Art. 4, 11).
        "GET /co-quan": Rule(path: fixed("/co-quan"), may: always),
        "GET /co-quan/moi": Rule(path: fixed("/co-quan/moi"), may: { $0.p.managesRegistry }),
        "POST /co-quan": Rule(path: fixed("/co-quan"), may: { $0.p.managesRegistry }),
        "GET /co-quan/:id": Rule(path: agency(), may: { $0.p.canSee($0.place) }),
        "GET /co-quan/:id/sua": Rule(path: agency("/sua"), may: { $0.p.managesRegistry }),
        "POST /co-quan/:id": Rule(path: agency(), may: { $0.p.managesRegistry }),
        "POST /co-quan/:id/trang-thai": Rule(path: agency("/trang-thai"), may: { $0.p.managesRegistry }),
        "POST /co-quan/:id/muc-ung-dung": Rule(path: agency("/muc-ung-dung"), may: { $0.p.managesRegistry }),
        "GET /can-bo": Rule(path: fixed("/can-bo"), may: always),
        "GET /can-bo/moi": Rule(path: fixed("/can-bo/moi"), may: { $0.p.createsOfficerRecords }),
        "POST /can-bo": Rule(path: fixed("/can-bo"), form: { ["agencyID": $0.target.agency.id!.uuidString] }, may: { c in
            let active = try await AgencyModel.find(c.target.agency.id, on: c.db)?.isActive == true
            return c.p.canManageOfficers(at: c.place) && active
        }),
        "GET /can-bo/:id": Rule(path: officer(), may: { sees($0) }),
        "GET /can-bo/:id/sua": Rule(path: officer("/sua"), may: { $0.p.canManageOfficers(at: $0.place) }),
        "POST /can-bo/:id": Rule(path: officer(), may: { $0.p.canManageOfficers(at: $0.place) }),
        "POST /can-bo/:id/trang-thai": Rule(path: officer("/trang-thai"), may: { $0.p.canManageOfficers(at: $0.place) }),
        "POST /can-bo/:id/chuyen-cong-tac": Rule(path: officer("/chuyen-cong-tac"), may: { $0.p.managesRegistry }),
        "GET /can-bo/:id/mau-1.pdf": Rule(path: officer("/mau-1.pdf"), may: { sees($0) }),
        "GET /can-bo/:id/cam-ket.pdf": Rule(path: officer("/cam-ket.pdf"), may: { sees($0) && $0.p.readsPersonnelFile(officerID: $0.officerID, at: $0.place) }),
        // Administration.
        "GET /quan-tri/nguoi-dung": Rule(path: fixed("/quan-tri/nguoi-dung"), may: { $0.p.managesAccounts }),
        "POST /quan-tri/nguoi-dung": Rule(path: fixed("/quan-tri/nguoi-dung"), may: { $0.p.managesAccounts }),
        "GET /quan-tri/nguoi-dung/:id": Rule(path: { fixed("/quan-tri/nguoi-dung/\($0.extra.userID)")($0) }, may: { $0.p.managesAccounts }),
        "POST /quan-tri/nguoi-dung/:id/quyen": Rule(path: { fixed("/quan-tri/nguoi-dung/\($0.extra.userID)/quyen")($0) }, may: { $0.p.managesAccounts }),
        "POST /quan-tri/nguoi-dung/:id/quyen/:grant/xoa": Rule(path: { once("/quan-tri/nguoi-dung/\($0.extra.userID)/quyen/\($0.extra.grantID)/xoa")($0) },
                                                          may: { $0.p.managesAccounts }),
        "POST /quan-tri/nguoi-dung/:id/thu-dien-tu": Rule(path: { fixed("/quan-tri/nguoi-dung/\($0.extra.userID)/thu-dien-tu")($0) },
                                                     form: { _ in ["email": "can.bo@binhduong.gov.vn"] }, may: { $0.p.managesAccounts }),
        "POST /quan-tri/nguoi-dung/:id/trang-thai": Rule(path: { fixed("/quan-tri/nguoi-dung/\($0.extra.userID)/trang-thai")($0) }, may: { $0.p.managesAccounts }),
        "POST /quan-tri/nguoi-dung/:id/mat-khau": Rule(path: { fixed("/quan-tri/nguoi-dung/\($0.extra.userID)/mat-khau")($0) }, may: { $0.p.managesAccounts }),
        "GET /quan-tri/quy-dinh": Rule(path: fixed("/quan-tri/quy-dinh"), may: { $0.p.managesProfile }),
        "POST /quan-tri/quy-dinh": Rule(path: fixed("/quan-tri/quy-dinh"), form: { ["code": $0.extra.profileCode] }, may: { $0.p.managesProfile }),
        "GET /quan-tri/nhat-ky": Rule(path: fixed("/quan-tri/nhat-ky"), may: { $0.p.managesAccounts }),
        // Work tickets (Form 3) and requests.
        "GET /phieu": Rule(path: fixed("/phieu"), may: { $0.p.opens(.tickets) }),
        "GET /phieu/moi": Rule(path: fixed("/phieu/moi"), may: { $0.viewer.officerID != nil }),
        "POST /phieu": Rule(path: fixed("/phieu"), may: { $0.viewer.officerID != nil }),
        "GET /phieu/:id": Rule(path: ticket(), may: { try await $0.ticketAccess().read }),
        "GET /phieu/:id/sua": Rule(path: ticket("/sua"), may: { try await $0.ticketAccess().edit }),
        "GET /phieu/:id/mau-3.pdf": Rule(path: ticket("/mau-3.pdf"), may: { try await $0.ticketAccess().read }),
        "POST /phieu/:id": Rule(path: ticket(), may: { try await $0.ticketAccess().edit }),
        "POST /phieu/:id/nhan": Rule(path: ticket("/nhan"), may: { try await $0.ticketAccess().take }),
        "POST /phieu/:id/hoan-thanh": Rule(path: ticket("/hoan-thanh"), may: { try await $0.ticketAccess().edit }),
        "POST /phieu/:id/xac-nhan": Rule(path: ticket("/xac-nhan"), may: { try await $0.ticketAccess().confirm }),
        "POST /phieu/:id/tu-choi": Rule(path: ticket("/tu-choi"), may: { try await $0.ticketAccess().confirm }),
        "POST /phieu/:id/lien-ket": Rule(path: ticket("/lien-ket"), may: { try await $0.ticketAccess().edit }),
        "POST /phieu/:id/in-ma-qr": Rule(path: ticket("/in-ma-qr"), may: { try await $0.ticketAccess().edit }),
        "POST /phieu/xac-nhan-nhieu": Rule(path: { c in fixed("/phieu/xac-nhan-nhieu")(c) }, form: { ["ids[]": $0.ticket.id!.uuidString] },
                                            may: { try await $0.ticketAccess().confirm }),
        "GET /yeu-cau/moi": Rule(path: fixed("/yeu-cau/moi"), may: { $0.p.sendsRequests }),
        "POST /yeu-cau": Rule(path: fixed("/yeu-cau"), form: { ["agencyID": $0.target.agency.id!.uuidString] }, may: { $0.p.requestAgencies.contains($0.target.agency.id!) }),
        // The work log (Art. 15.6, Form 2).
        "GET /so-cong-tac": Rule(path: fixed("/so-cong-tac"), may: { $0.p.opens(.workLogs) }),
        "GET /so-cong-tac/:officer/:year": Rule(path: log(), may: { try await $0.workLog().read }),
        "GET /so-cong-tac/:officer/:year/so-cong-tac.pdf": Rule(path: log("/so-cong-tac.pdf"), may: { try await $0.workLog().read }),
        "POST /so-cong-tac/:officer/:year/ky-duyet": Rule(path: log("/ky-duyet"), may: { try await $0.workLog().sign }),
        "POST /so-cong-tac/:officer/:year/y-kien": Rule(path: log("/y-kien"), may: { try await $0.workLog().sign }),
        "POST /so-cong-tac/:officer/:year/sang-kien": Rule(path: log("/sang-kien"), may: { try await $0.workLog().initiative }),
        "POST /so-cong-tac/:officer/:year/chi-phi": Rule(path: log("/chi-phi"), may: { try await $0.workLog().cost }),
        "POST /so-cong-tac/:officer/:year/nop": Rule(path: log("/nop"), may: { try await $0.workLog().submit }),
        "POST /so-cong-tac/:officer/:year/ngoai-le": Rule(path: log("/ngoai-le"), may: { try await $0.workLog().exception }),
        "GET /nop-so": Rule(path: fixed("/nop-so"), may: { $0.p.followsSubmissions }),
        // The year's evaluation (Art. 15, 16).
        "GET /danh-gia": Rule(path: fixed("/danh-gia"), may: { $0.p.opens(.evaluation) }),
        "GET /danh-gia/:year": Rule(path: fixed("/danh-gia/\(year)"), may: { $0.p.opens(.evaluation) }),
        "GET /danh-gia/:year/can-bo/:officer": Rule(path: { fixed("/danh-gia/\(year)/can-bo/\($0.officerID)")($0) }, may: { c in
            let isPublished = try await published(c)
            return sees(c) && c.p.readsGrade(officerID: c.officerID, at: c.place, published: isPublished)
        }),
        "POST /danh-gia/:year/can-bo/:officer": Rule(path: { fixed("/danh-gia/\(year)/can-bo/\($0.officerID)")($0) }, may: { $0.p.grades }),
        "GET /danh-gia/:year/ket-qua": Rule(path: fixed("/danh-gia/\(year)/ket-qua"), may: { $0.p.readsYearResults(published: try await published($0)) }),
        "GET /danh-gia/:year/hieu-qua": Rule(path: fixed("/danh-gia/\(year)/hieu-qua"), may: { $0.p.readsEfficiency }),
        "GET /danh-gia/:year/thong-bao/:agency": Rule(path: { fixed("/danh-gia/\(year)/thong-bao/\($0.target.agency.id!).pdf")($0) }, may: { c in
            let isPublished = try await published(c)
            return c.p.isITAuthority || (c.p.headsAgency(at: c.place) && isPublished)
        }),
        "GET /danh-gia/:year/de-xuat/:id/van-ban.pdf": Rule(path: { fixed("/danh-gia/\($0.extra.proposal.year)/de-xuat/\($0.extra.proposal.id!)/van-ban.pdf")($0) },
                                                           may: { $0.p.readsCessationProposals }),
        "POST /danh-gia/:year/de-xuat/:id/ky": Rule(path: { fixed("/danh-gia/\($0.extra.proposal.year)/de-xuat/\($0.extra.proposal.id!)/ky")($0) }, may: signsProposal),
        "POST /danh-gia/:year/nhiem-vu/:id": Rule(path: { fixed("/danh-gia/\($0.extra.task.year)/nhiem-vu/\($0.extra.task.id!)")($0) }, may: completesTask),
        "GET /danh-gia/:year/khen-thuong.pdf": Rule(path: fixed("/danh-gia/\(year)/khen-thuong.pdf"), may: { $0.p.isITAuthority }),
        "POST /danh-gia/:year/khen-thuong/:id": Rule(path: { fixed("/danh-gia/\($0.extra.candidate.year)/khen-thuong/\($0.extra.candidate.id!)")($0) },
                                                     may: { $0.p.grades }),
        "POST /danh-gia/:year/buoc": Rule(path: fixed("/danh-gia/\(year)/buoc"), may: { $0.p.takesEvaluationSteps }),
        "POST /danh-gia/:year/tieu-chi": Rule(path: fixed("/danh-gia/\(year)/tieu-chi"), may: { $0.p.grades }),
        // Inspections, incidents, training (Art. 15.3).
        "GET /co-quan/:id/kiem-tra-su-co": Rule(path: agency("/kiem-tra-su-co"), may: { $0.p.canSee($0.place) }),
        "POST /co-quan/:id/kiem-tra": Rule(path: agency("/kiem-tra"), may: { $0.p.canSee($0.place) && $0.p.grades }),
        "POST /co-quan/:id/su-co": Rule(path: agency("/su-co"), may: { $0.p.canSee($0.place) && $0.p.reportsIncidents(at: $0.target.agency.id!) }),
        "GET /tap-huan": Rule(path: fixed("/tap-huan"), may: { $0.p.opens(.training) }),
        "POST /tap-huan": Rule(path: fixed("/tap-huan"), may: { $0.p.convenesTraining }),
        "GET /tap-huan/:id": Rule(path: { fixed("/tap-huan/\($0.extra.training.id!)")($0) }, may: { $0.p.readsTrainingEvents }),
        "POST /tap-huan/:id/diem-danh/:invitation": Rule(path: { fixed("/tap-huan/\($0.extra.training.id!)/diem-danh/\($0.extra.invitation.id!)")($0) },
                                                         may: { $0.p.convenesTraining }),
        // Pre-screening (Art. 12, D8).
        "GET /so-tuyen": Rule(path: fixed("/so-tuyen"), may: { $0.p.opens(.preScreening) }),
        "GET /so-tuyen/moi": Rule(path: fixed("/so-tuyen/moi"), may: { !$0.p.filesInterviewRequests.isEmpty }),
        "POST /so-tuyen": Rule(path: fixed("/so-tuyen"), form: { ["agencyID": $0.target.agency.id!.uuidString] },
                               may: { $0.p.filesInterviewRequests.contains($0.target.agency.id!) }),
        "GET /so-tuyen/:id": Rule(path: interview(), may: { try await $0.interview().read }),
        "GET /so-tuyen/:id/mau-1.pdf": Rule(path: interview("/mau-1.pdf"), may: { try await $0.interview().read }),
        "GET /so-tuyen/:id/mau-2.pdf": Rule(path: interview("/mau-2.pdf"), may: { try await $0.interview().readResult && $0.target.interview!.scores != nil }),
        "GET /so-tuyen/:id/ho-so/:file": Rule(path: { c in c.target.interviewFile.map { "/so-tuyen/\(c.target.interview!.id!)/ho-so/\($0.id!)" } },
                                              may: { try await $0.interview().read }),
        "POST /so-tuyen/:id/ho-so": Rule(path: interview("/ho-so"), may: { try await $0.interview().upload }),
        "POST /so-tuyen/:id/dong-y": Rule(path: interview("/dong-y"), may: { try await $0.interview().agree }),
        "POST /so-tuyen/:id/tra-lai": Rule(path: interview("/tra-lai"), may: { try await $0.interview().agree }),
        "POST /so-tuyen/:id/lich": Rule(path: interview("/lich"), may: { try await $0.interview().schedule }),
        "POST /so-tuyen/:id/ket-qua": Rule(path: interview("/ket-qua"), may: { try await $0.interview().score }),
        "POST /so-tuyen/:id/tuyen-dung": Rule(path: interview("/tuyen-dung"), may: { try await $0.interview().decide }),
        "POST /so-tuyen/:id/khong-tuyen": Rule(path: interview("/khong-tuyen"), may: { try await $0.interview().decide }),
        // Duties, commitments, systems (Art. 5, 13), handover (Art. 14).
        "GET /co-quan/:id/phan-cong": Rule(path: agency("/phan-cong"), may: { $0.p.canSee($0.place) && $0.p.opensDutiesPage(at: $0.place) }),
        "POST /co-quan/:id/quyet-dinh-phan-cong": Rule(path: agency("/quyet-dinh-phan-cong"), may: { $0.p.canSee($0.place) && $0.p.issuesAssignmentDecisions(at: $0.place) }),
        "POST /co-quan/:id/he-thong": Rule(path: agency("/he-thong"), may: { $0.p.canSee($0.place) && $0.p.keepsSystemsInventory(at: $0.place) }),
        "POST /can-bo/:id/giay-cam-ket": Rule(path: officer("/giay-cam-ket"), may: { sees($0) && $0.p.recordsCommitments(at: $0.place) }),
        "POST /cam-ket/:id/xac-nhan": Rule(path: { c in c.target.interview == nil ? c.target.commitment.map { "/cam-ket/\($0.id!)/xac-nhan" } : nil },
                                           may: { sees($0) && $0.p.verifiesCommitments(at: $0.place) }),
        "GET /cam-ket/:id/ban-quet": Rule(path: { c in c.target.interview == nil ? c.target.scanned.map { "/cam-ket/\($0.id!)/ban-quet" } : nil },
                                          may: { $0.p.readsPersonnelFile(officerID: $0.target.scanned!.$officer.id, at: $0.place) }),
        "GET /quyet-dinh-phan-cong/:id/quyet-dinh.pdf": Rule(path: { c in c.target.interview == nil ? c.target.decision.map { "/quyet-dinh-phan-cong/\($0.id!)/quyet-dinh.pdf" } : nil },
                                                             may: { $0.p.readsAssignmentDecisions(at: $0.place) }),
        "GET /ban-giao/:id": Rule(path: handover(), may: { $0.p.readsHandover(officerID: $0.target.handover!.$officer.id, at: $0.place) }),
        "GET /ban-giao/:id/bien-ban.pdf": Rule(path: handover { _, _ in "/bien-ban.pdf" }, may: { $0.p.readsHandover(officerID: $0.target.handover!.$officer.id, at: $0.place) }),
        "POST /ban-giao/:id/muc/:item/xac-nhan": Rule(path: handover { firstItem($0, $1) + "/xac-nhan" }, may: acknowledgesItem),
        "POST /ban-giao/:id/muc/:item/doi-thong-tin": Rule(path: handover { firstItem($0, $1) + "/doi-thong-tin" }, may: rotatesItem),
        "POST /ban-giao/:id/phuong-an": Rule(path: handover { _, _ in "/phuong-an" }, may: { $0.p.managesHandover(at: $0.place) }),
        "POST /ban-giao/:id/ket-thuc": Rule(path: handover { _, _ in "/ket-thuc" }, may: { $0.p.managesHandover(at: $0.place) }),
    ]
}
