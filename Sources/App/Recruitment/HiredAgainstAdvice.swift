import Domain
import Fluent
import Foundation

/// with R-11.3 (Art. 11.3; docs/pre-screening.md): a full-time officer hired although the
/// pre-screening report advised against counts towards staffing like any other (once in scope, Art. 2),
/// and is marked with the head's recorded acceptance of responsibility. The mark follows the officer
/// while they hold a full-time post, at whichever agency they now serve.
enum HiredAgainstAdvice {
    /// The marks by the officer's current agency, for the agencies in view (nil: every agency).
    static func staffingMarks(agencies: Set<UUID>?, on db: any Database) async throws -> [UUID: [String]] {
        let requests = try await InterviewRequestModel.query(on: db).filter(\.$responsibilityAccepted == true)
            .sort(\.$decidedAt).sort(\.$id).all().filter { $0.$officer.id != nil }
        let officerIDs = requests.compactMap { $0.$officer.id }
        guard !officerIDs.isEmpty else { return [:] }
        let holding = EmploymentStatus.holdingPostRawValues
        var query = OfficerModel.query(on: db).filter(\.$id ~~ officerIDs).filter(\.$employmentStatus ~~ holding)
            .filter(\.$kind == ITOfficerKind.fullTime.rawValue)
        if let agencies { query = query.filter(\.$agency.$id ~~ Array(agencies)) }
        let officers = try await query.sort(\.$nameSortKey).sort(\.$id).all()
        guard !officers.isEmpty else { return [:] }
        let profile = try await ProfileStore.active(on: db)
        var marks: [UUID: [String]] = [:]
        for o in officers {
            guard let r = requests.last(where: { $0.$officer.id == o.id }) else { continue }
            marks[o.$agency.id, default: []].append(mark(name: o.fullName, head: r.decidedByName ?? "", on: r.decidedAt.map(profile.date(of:))))
        }
        return marks
    }

    static func mark(name: String, head: String, on day: LocalDate?) -> String {
        "\(name): tuyển dụng khi báo cáo sơ tuyển kiến nghị chưa đáp ứng yêu cầu; thủ trưởng \(head) đã xác nhận chịu trách nhiệm"
            + (day.map { " ngày \($0.vietnamese)" } ?? "") + " (Điều 11.3)"
    }
}
