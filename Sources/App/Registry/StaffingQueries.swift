import Domain
import Fluent
import Foundation

/// One row of the staffing page (Art. 11.1, D6).
struct StaffingRow: Sendable {
    var agency: AgencyModel
    var itLevel: Int?
    var assessment: StaffingAssessment
}

enum StaffingQueries {
    /// Assesses every visible active agency for a year, worst first.
    static func rows(year: Int, visible: Set<UUID>?, threshold: Int, on db: any Database) async throws -> [StaffingRow] {
        let agencyQuery = AgencyModel.query(on: db).filter(\.$isActive == true)
        if let visible { agencyQuery.filter(\.$id ~~ Array(visible)) }
        let agencies = try await agencyQuery.all()
        let levelQuery = AgencyITLevelModel.query(on: db).filter(\.$year == year)
        if let visible { levelQuery.filter(\.$agency.$id ~~ Array(visible)) }
        var levels: [UUID: Int] = [:]
        for level in try await levelQuery.all() { levels[level.$agency.id] = level.level }
        let officerQuery = OfficerModel.query(on: db)
            .filter(\.$employmentStatus ~~ EmploymentStatus.allCases.filter(\.holdsPost).map(\.rawValue))
            .field(\.$id).field(\.$fullName).field(\.$kind).field(\.$scopeStatus).field(\.$employmentStatus)
            .field(\.$agency.$id)
        if let visible { officerQuery.filter(\.$agency.$id ~~ Array(visible)) }
        var members: [UUID: [StaffingMember]] = [:]
        for officer in try await officerQuery.all() {
            members[officer.$agency.id, default: []].append(StaffingMember(
                name: officer.fullName, kind: officer.officerKind, scope: officer.scope, status: officer.status))
        }
        return agencies.map { agency in
            let id = agency.id!
            let assessment = StaffingCompliance.assess(agencyKind: agency.agencyKind, itLevel: levels[id],
                                                       members: members[id] ?? [], threshold: threshold)
            return StaffingRow(agency: agency, itLevel: levels[id], assessment: assessment)
        }.sorted {
            ($0.assessment.status.severity, $1.agency.nameFolded) > ($1.assessment.status.severity, $0.agency.nameFolded)
        }
    }
}
