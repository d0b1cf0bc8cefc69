import Domain
import Fluent
import Foundation
import Vapor

/// The pre-screening's states in the demo province (Art. 11.3, 12): a request awaiting the director's
/// agreement, a scheduled interview, and a report advising against whose candidate the head hired
/// anyway, recording their responsibility, so the officer exists in the registry.
enum DemoPreScreening {
    static func load(today: LocalDate, on app: Application) async throws {
        func viewer(_ username: String) async throws -> Viewer? {
            guard let user = try await UserModel.query(on: app.db).filter(\.$username == username).first() else { return nil }
            return try await Viewer.load(userID: user.id!, on: app.db)
        }
        guard let head = try await viewer("thutruong"), let director = try await viewer("giamdoc"),
              let division = try await viewer("truongphong"), let agencyID = head.policy.filesInterviewRequests.first else { return }
        let now = app.clock.now()
        let store = app.uploadStore
        let pdf = Array("%PDF-1.4\n% Bản sao văn bằng mẫu\n%%EOF\n".utf8)
        func file(_ name: String, _ format: PreScreening.ReplyFormat, birth: Int, dossier: Bool) async throws -> InterviewRequestModel {
            let filing = try PreScreening.validateFiling(
                candidateName: name, birthYear: String(birth), position: "Cán bộ chuyên trách công nghệ thông tin", format: format.rawValue,
                contact: "0274 3822 123", duties: PreScreening.PlannedDuty.allCases.map(\.rawValue), otherDuty: "",
                replyBy: today.adding(days: 20).vietnamese, agencyHasFullTimeOfficer: false, today: today).get()
            let r = try await app.write { try await InterviewService.file(filing, agencyID: agencyID, by: head, now: now, on: $0) }
            if dossier {
                for kind in [PreScreening.DossierKind.diploma, .transcript] {
                    let stored = try store.store(data: pdf + Array(name.utf8) + Array(kind.rawValue.utf8), name: "\(kind.label).pdf")
                    _ = try await app.write { try await InterviewService.attach(stored, kind: kind, to: r, by: head, now: now, on: $0) }
                }
            }
            return r
        }
        _ = try await file("Đoàn Minh Quân", .confirmed, birth: 1999, dossier: true)
        let scheduled = try await file("Lâm Thị Thu Hà", .divisionReportOnly, birth: 1997, dossier: true)
        let against = try await file("Châu Văn Lộc", .confirmed, birth: 1995, dossier: true)
        for r in [scheduled, against] {
            try await app.write { try await InterviewService.agree(r, assigneeID: division.userID, by: director, now: now, on: $0) }
            try await app.write {
                try await InterviewService.schedule(r, day: (r === scheduled ? today.adding(days: 5) : today.adding(days: -3)).vietnamese,
                                                    time: "08:30", place: "Phòng họp Sở Thông tin và Truyền thông", today: today, by: division, on: $0)
            }
        }
        try await app.write {
            try await InterviewService.record(against, scores: [55, 40, 35], recommendation: PreScreening.Recommendation.notSuitable.rawValue,
                                              remarks: "Kiến thức mạng máy tính và cơ sở dữ liệu còn hạn chế.", by: division, now: now, on: $0)
        }
        let input = InterviewDecision.HireInput(dateOfBirth: "12/05/1995", gender: Gender.male.rawValue, idNumber: "074095004321",
                                                startDate: today.adding(days: -1).vietnamese, acceptsResponsibility: true,
                                                responsibilityNote: "Cơ quan cần người quản trị Cổng thông tin ngay; sẽ cử đi bồi dưỡng.")
        let draft = try InterviewDecision.draft(against, input, today: today).get()
        _ = try await app.write { try await InterviewDecision.hire(against, draft, input: input, by: head, now: now, on: $0) }
    }
}
