import Domain
import Fluent
import Foundation
import SQLKit

/// One row of the staffing page (Art. 11.1, D6).
struct StaffingRow: Sendable, Equatable {
    var agencyID: UUID
    var agencyName: String
    var agencyFolded: String
    /// The agency's district ("" for the province level), for the chart by district.
    var district: String = ""
    var itLevel: Int?
    var assessment: StaffingAssessment
    /// Officers holding a post with no current assignment decision (Art. 13.1): one count per agency.
    var undecided: Int = 0
}

/// What a staffing view counts over every row in view: agencies by status, and by district and
/// severity for the chart (`severities` order). Kept with the province's report, so a view of the
/// whole province does not go over ten thousand rows again.
struct StaffingSummary: Sendable {
    static let severities: [StaffingStatus.Severity] = [.ok, .info, .minor, .warning, .serious]
    var byStatus: [StaffingStatus: Int] = [:]
    /// District ("" for the province level) → agencies per severity.
    var byDistrict: [String: [Int]] = [:]

    init(_ rows: [StaffingRow]) {
        for i in rows.indices {
            let status = rows[i].assessment.status
            byStatus[status, default: 0] += 1
            if let index = Self.severities.firstIndex(of: status.severity) {
                byDistrict[rows[i].district, default: [0, 0, 0, 0, 0]][index] += 1
            }
        }
    }
}

/// Assesses every agency with three aggregate queries instead of loading every agency and officer
/// as a model: the page stays fast at ten thousand agencies.
enum StaffingQueries {
    struct AgencyRow: Decodable { var id: UUID; var name: String; var name_folded: String; var kind: String; var district: String }
    struct LevelRow: Decodable { var agency_id: UUID; var level: Int }
    struct CountRow: Decodable { var agency_id: UUID; var kind: String; var n: Int }
    struct AwayRow: Decodable { var agency_id: UUID; var full_name: String; var employment_status: String }

    /// The places in `rows` of those with a status (empty: any) and whose agency name contains `q`
    /// without diacritics: the filter of the staffing page and of the API. The rows are the report
    /// every request shares; read in place, not copied one by one (each copy retains the row's
    /// strings, and two cores retaining the same strings made the filter most of a search's time).
    static func matching(_ rows: [StaffingRow], status: String, q: String) -> [Int] {
        let folded = VietnameseText.fold(q)
        guard !status.isEmpty || !folded.isEmpty else { return Array(rows.indices) }
        let wanted = StaffingStatus(rawValue: status)
        if !status.isEmpty, wanted == nil { return [] }
        return rows.indices.filter {
            (wanted == nil || rows[$0].assessment.status == wanted) && VietnameseText.folded(rows[$0].agencyFolded, contains: folded)
        }
    }

    /// Every visible active agency for a year, worst first.
    static func rows(year: Int, visible: Set<UUID>?, threshold: Int, on db: any Database) async throws -> [StaffingRow] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let ids = visible.map { Array($0) }
        func scoped(_ builder: SQLSelectBuilder, _ column: String) -> SQLSelectBuilder {
            guard let ids else { return builder }
            return builder.where(QuotedIdentifier(column), .in, SQLBind.group(ids))
        }
        let agencies = try await scoped(sql.select().columns("id", "name", "name_folded", "kind", "district").from(AgencyModel.schema)
            .where("is_active", .equal, SQLLiteral.boolean(true)), "id").all(decoding: AgencyRow.self)
        if let ids, ids.isEmpty { return [] }
        var levels: [UUID: Int] = [:]
        for row in try await scoped(sql.select().columns("agency_id", "level").from(AgencyITLevelModel.schema)
            .where("year", .equal, SQLBind(year)), "agency_id").all(decoding: LevelRow.self) {
            levels[row.agency_id] = row.level
        }
        let holding = EmploymentStatus.holdingPostRawValues
        var fullTime: [UUID: Int] = [:], partTime: [UUID: Int] = [:]
        for row in try await scoped(sql.select().column("agency_id").column("kind").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: QuotedIdentifier("n")))
            .from(OfficerModel.schema).where("scope_status", .equal, SQLBind(ScopeStatus.inScope.code))
            .where("employment_status", .in, SQLBind.group(holding)), "agency_id")
            .groupBy("agency_id").groupBy("kind").all(decoding: CountRow.self) {
            if row.kind == ITOfficerKind.fullTime.rawValue { fullTime[row.agency_id] = row.n } else { partTime[row.agency_id] = row.n }
        }
        var marks: [UUID: [String]] = [:]
        let away = EmploymentStatus.allCases.filter(\.isAway).map(\.rawValue)
        for row in try await scoped(sql.select().columns("agency_id", "full_name", "employment_status").from(OfficerModel.schema)
            .where("scope_status", .equal, SQLBind(ScopeStatus.inScope.code))
            .where("employment_status", .in, SQLBind.group(away)), "agency_id")
            .orderBy("name_sort_key").orderBy("id").all(decoding: AwayRow.self) {
            let status = EmploymentStatus(rawValue: row.employment_status) ?? .leave
            marks[row.agency_id, default: []].append("\(row.full_name): \(status.label.lowercased())")
        }
        // Art. 13, 14 (D6): assignment, commitment and handover marks of each agency's officers.
        let duties = try await DutyFlags.staffingMarks(agencies: visible, on: db)
        for (agency, more) in duties.marks { marks[agency, default: []] += more }
        // Art. 11.3: counted like the others, marked with the head's recorded responsibility.
        for (agency, more) in try await HiredAgainstAdvice.staffingMarks(agencies: visible, on: db) { marks[agency, default: []] += more }
        return agencies.map { agency in
            let assessment = StaffingCompliance.assess(
                agencyKind: AgencyModel.agencyKind(agency.kind), itLevel: levels[agency.id],
                fullTime: fullTime[agency.id] ?? 0, partTime: partTime[agency.id] ?? 0,
                marks: marks[agency.id] ?? [], threshold: threshold)
            return StaffingRow(agencyID: agency.id, agencyName: agency.name, agencyFolded: agency.name_folded, district: agency.district,
                               itLevel: levels[agency.id], assessment: assessment, undecided: duties.undecided[agency.id] ?? 0)
        }.sorted(by: reportOrder)
    }

    /// Worst first, then by name; the id settles agencies of the same name, whatever the plan. The
    /// id's text is made only for such a tie: a sort of the province after a write compared 10,000
    /// rows about 130,000 times, and made two texts at each comparison.
    static func reportOrder(_ a: StaffingRow, _ b: StaffingRow) -> Bool {
        let (worse, better) = (a.assessment.status.severity, b.assessment.status.severity)
        if worse != better { return worse > better }
        if a.agencyFolded != b.agencyFolded { return a.agencyFolded < b.agencyFolded }
        return a.agencyID.canonicalText < b.agencyID.canonicalText
    }
}
