import Domain
import Fluent
import Foundation
import SQLKit

/// The year-end run of Art. 15–16 for evaluation year Y: automatic D for logs not received in time
/// (D2), discipline patterns over each officer's history (D1), reward candidates (D5) and the
/// efficiency of each agency (D11). Idempotent; a dry run writes nothing.
enum YearEndRun {
    struct Trigger: Encodable, Sendable { var officerId: String; var pattern: String; var years: [Int]; var analogy: Bool }
    struct Flag: Encodable, Sendable { var officerId: String; var years: [Int] }
    struct Candidate: Encodable, Sendable { var officerId: String; var candidacies: [String] }
    struct AgencyEfficiency: Encodable, Equatable, Sendable {
        var agencyId: String; var itLevel: Int?; var incentiveSpend: Int; var outsourcedCost: Int?; var ratio: Double?
    }

    struct Report: Encodable, Sendable {
        var year: Int
        var dryRun: Bool
        var automaticD: [String]
        var disciplineTriggers: [Trigger]
        var reviewFlags: [Flag]
        var rewardCandidates: [Candidate]
        var efficiency: [AgencyEfficiency]
    }

    struct OfficerRow: Sendable { var id: UUID; var agencyID: UUID; var scope: String; var startDate: String }
    struct GradeHistoryRow: Sendable { var officer: UUID; var grades: [Int: Grade]; var evaluatedThisYear: Bool }
    struct AgencyRow: Sendable { var id: UUID; var name: String }

    static func run(year: Int, dryRun: Bool, now: Date, profile: RegulationProfile, actor: String,
                    on db: any Database) async throws -> Report {
        let officers = try await officerRows(on: db)
        let logs = try await receivedLogs(year: year, on: db)
        var history: [UUID: [Int: Grade]] = [:]
        var manual = Set<UUID>()
        for row in try await gradeHistories(year: year, on: db) {
            history[row.officer] = row.grades
            if row.evaluatedThisYear { manual.insert(row.officer) }
        }
        let agencies = try await agencyRows(on: db)
        // The provincial IT authority's own officers are graded by its director (Art. 15.2, D12).
        let authorityAgencies = Set(agencies.filter { $0.name == profile.itAuthorityName }.map(\.id))
        let changes = try await ServiceRecords.changes(on: db)
        let automatic = AutomaticD.officers(officers.map { o in
            AutomaticD.Officer(id: o.id, scope: OfficerModel.scope(o.scope),
                               worksAtITAuthority: authorityAgencies.contains(o.agencyID),
                               service: ServiceRecord(startDate: LocalDate(iso: o.startDate) ?? LocalDate(dayNumber: 0),
                                                      changes: changes[o.id] ?? []),
                               receivedAt: logs[o.id], hasManualGrade: manual.contains(o.id))
        }, year: year, profile: profile, now: now)
        let alreadyD = Set(automatic.filter { history[$0]?[year] == .d })
        for id in automatic { history[id, default: [:]][year] = .d }
        if !dryRun {
            try await writeAutomaticD(automatic.filter { !alreadyD.contains($0) }, year: year, actor: actor, on: db)
        }
        let scopes = officers.reduce(into: [UUID: ScopeStatus]()) { $0[$1.id] = ScopeStatus(code: $1.scope) }
        var triggers: [Trigger] = []
        var flags: [Flag] = []
        var candidates: [Candidate] = []
        // In the order of the officers' ids as text; each id is printed once, not in every comparison.
        let ordered = history.map { (text: $0.key.canonicalText, officer: $0.key, grades: $0.value) }.sorted { $0.text < $1.text }
        for (officerText, officer, grades) in ordered {
            let result = DisciplineRules.evaluate(grades: grades, missingYearBreaksRun: profile.missingYearBreaksRun,
                                                  flagDCD: profile.flagDCDForReview, firstYear: profile.effectiveDate.year)
            // Only triggers that end in this year are news; earlier ones were reported in their year.
            for trigger in result.triggers where trigger.years.last == year {
                triggers.append(Trigger(officerId: officerText, pattern: trigger.pattern.rawValue, years: trigger.years,
                                        analogy: scopes[officer] == .analogous))
            }
            for flag in result.flags where flag.years.last == year { flags.append(Flag(officerId: officerText, years: flag.years)) }
            let kinds = RewardRules.candidacies(grades: grades, year: year, streak: profile.rewardStreakYears,
                                                missingYearBreaksRun: profile.missingYearBreaksRun)
            if !kinds.isEmpty { candidates.append(Candidate(officerId: officerText, candidacies: kinds.map(\.rawValue))) }
        }
        let efficiency = try await efficiency(year: year, officers: officers, agencies: agencies, changes: changes,
                                              profile: profile, on: db)
        return Report(year: year, dryRun: dryRun, automaticD: automatic.map(\.canonicalText).sorted(), disciplineTriggers: triggers,
                      reviewFlags: flags, rewardCandidates: candidates, efficiency: efficiency)
    }

    /// The automatic D grades and their audit entries, in batches (issue 14: one INSERT per few
    /// hundred rows instead of five statements per officer), inside the caller's transaction.
    static func writeAutomaticD(_ officers: [UUID], year: Int, actor: String, on db: any Database, chunk: Int = 500) async throws {
        let now = Date()
        try await RawInsert.rows(into: GradeModel.schema, columns: [
            "id", "officer_id", "year", "grade", "reason", "comment", "criteria_notes", "entered_by", "updated_at",
        ], officers.map { officer in
            [UUID(), officer, year, Grade.d.rawValue, GradeReason.workLogNotSubmitted.rawValue,
             "Không nộp Sổ công tác đúng hạn (Điều 15.6)", "", actor, now]
        }, chunk: chunk, on: db)
        try await AuditLog.append(all: officers.map {
            AuditEvent(actorID: nil, actorName: actor, action: "grade.automaticD", entityType: "officer", entityID: $0, after: "\(year): D")
        }, on: db)
    }

    /// The efficiency table alone, computed whole: what `EfficiencyTables` keeps current for the page
    /// and its export (the tests compare the two after each kind of write).
    static func efficiencyOnly(year: Int, profile: RegulationProfile, on db: any Database) async throws -> [AgencyEfficiency] {
        let officers = try await officerRows(on: db)
        let agencies = try await agencyRows(on: db)
        let changes = try await ServiceRecords.changes(on: db)
        return try await efficiency(year: year, officers: officers, agencies: agencies, changes: changes, profile: profile, on: db)
    }

    /// D11: incentive spend against outsourced cost. Each officer's spend is the months they held the post
    /// in the evaluation period at the amount in force each month, each month counted at the agency where
    /// they held the post (`IncentiveSpend`, Art. 15.5.b, ADR 0009).
    static func efficiency(year: Int, officers: [OfficerRow], agencies: [AgencyRow], changes: [UUID: [ServiceRecord.Change]],
                           profile: RegulationProfile, on db: any Database) async throws -> [AgencyEfficiency] {
        let levels = try await amounts("level", of: AgencyITLevelModel.schema, year: year, on: db)
        let costs = try await amounts("outsourced_cost", of: AgencyYearCostModel.schema, year: year, on: db)
        let spends = spendByOfficer(officers, changes: changes, histories: try await IncentiveHistories.all(on: db),
                                    in: profile.evaluationPeriod(year: year))
        return efficiencyRows(agencies, spend: total(spends), levels: levels, costs: costs)
    }

    /// Each officer's incentive spend in `period`, by the agency where each month was served (officers
    /// with no spend are left out).
    static func spendByOfficer(_ officers: [OfficerRow], changes: [UUID: [ServiceRecord.Change]],
                               histories: [UUID: IncentiveHistory], in period: ClosedRange<LocalDate>) -> [UUID: [UUID: Int]] {
        var result: [UUID: [UUID: Int]] = [:]
        for o in officers {
            guard let history = histories[o.id], let start = LocalDate(iso: o.startDate) else { continue }
            let service = ServiceRecord(startDate: start, changes: changes[o.id] ?? [])
            for month in IncentiveSpend.months(service, history, in: period) where month.amount > 0 {
                result[o.id, default: [:]][month.agency ?? o.agencyID, default: 0] += month.amount
            }
        }
        return result
    }

    /// The spend of each agency: the sum of its officers'.
    static func total(_ spends: [UUID: [UUID: Int]]) -> [UUID: Int] {
        var spend: [UUID: Int] = [:]
        for byAgency in spends.values { for (agency, amount) in byAgency { spend[agency, default: 0] += amount } }
        return spend
    }

    /// A row for each agency with a spend or a cost, in the agencies' order.
    static func efficiencyRows(_ agencies: [AgencyRow], spend: [UUID: Int], levels: [UUID: Int], costs: [UUID: Int]) -> [AgencyEfficiency] {
        agencies.compactMap { agency in
            guard spend[agency.id] != nil || costs[agency.id] != nil else { return nil }
            let e = Efficiency.compute(itLevel: levels[agency.id], incentiveSpend: spend[agency.id] ?? 0, outsourcedCost: costs[agency.id])
            return AgencyEfficiency(agencyId: agency.id.canonicalText, itLevel: e.itLevel, incentiveSpend: e.incentiveSpend,
                                    outsourcedCost: e.outsourcedCost, ratio: e.ratio)
        }
    }

    // The run's reads: plain rows (issue 14; a Decodable row costs more than the row itself, and the
    // grades are every officer's whole history). Each says ORDER BY: results never depend on the plan.

    /// Every officer's row, or those of `officers` (officers deleted since are absent).
    static func officerRows(of officers: [UUID]? = nil, on db: any Database) async throws -> [OfficerRow] {
        if let officers, officers.isEmpty { return [] }
        let only: SQLQueryString = officers.map { "WHERE id IN (\(binds: $0))" } ?? ""
        return try await RawRows.all("""
            SELECT id, agency_id, scope_status, start_date FROM \(name: OfficerModel.schema) \(only) ORDER BY id
            """, on: db) { c in
            OfficerRow(id: try c.required("id", c.uuid), agencyID: try c.required("agency_id", c.uuid),
                       scope: try c.string("scope_status", default: ""), startDate: try c.string("start_date", default: ""))
        }
    }

    static func agencyRows(on db: any Database) async throws -> [AgencyRow] {
        try await RawRows.all("""
            SELECT id, name FROM \(name: AgencyModel.schema) ORDER BY name_folded, id
            """, on: db) { c in AgencyRow(id: try c.required("id", c.uuid), name: try c.string("name", default: "")) }
    }

    /// When each officer's log of `year` was received (logs not received are left out).
    static func receivedLogs(year: Int, on db: any Database) async throws -> [UUID: Date] {
        let rows = try await RawRows.all("""
            SELECT officer_id, received_at FROM \(name: WorkLogModel.schema)
            WHERE year = \(bind: year) AND received_at IS NOT NULL ORDER BY officer_id
            """, on: db) { c in (try c.required("officer_id", c.uuid), try c.required("received_at", c.date)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Each officer's grades of every year, folded by the database into one row per officer
    /// (issue 14: at 200,000 officers with ten years each, reading and keying two million rows was
    /// most of the run on PostgreSQL), and whether the grade of `year` was entered by an evaluation.
    /// No ORDER BY on purpose: the rows go into a dictionary keyed by officer, and each officer's
    /// years are unique in the table, so neither the order of the rows nor that of the years inside
    /// a row can change the result.
    static func gradeHistories(year: Int, on db: any Database) async throws -> [GradeHistoryRow] {
        let entry = SQLRaw("CAST(year AS TEXT) || ':' || grade")
        return try await RawRows.all("""
            SELECT officer_id, \(GroupText(text: entry, separator: ",")) AS grades,
                   MAX(CASE WHEN year = \(bind: year) AND reason = \(bind: GradeReason.evaluated.rawValue) THEN grade END) AS evaluated
            FROM \(name: GradeModel.schema) WHERE grade IN (\(binds: Grade.allCases.map(\.rawValue))) GROUP BY officer_id
            """, on: db) { c in
            GradeHistoryRow(officer: try c.required("officer_id", c.uuid), grades: gradeHistory(try c.string("grades", default: "")),
                            evaluatedThisYear: Grade(rawValue: try c.string("evaluated", default: "")) != nil)
        }
    }

    /// "2019:A,2020:B,…" (any order) as years and grades; an entry whose year or letter is not one
    /// is skipped (the query folds known letters only, so this is a guard, not a filter).
    static func gradeHistory(_ text: String) -> [Int: Grade] {
        var grades: [Int: Grade] = [:]
        var text = text
        text.withUTF8 { bytes in
            grades.reserveCapacity(bytes.count / 7 + 1)
            var start = 0
            while start < bytes.count {
                var end = start, colon: Int?
                while end < bytes.count && bytes[end] != UInt8(ascii: ",") {
                    if colon == nil && bytes[end] == UInt8(ascii: ":") { colon = end }
                    end += 1
                }
                defer { start = end + 1 }
                guard let colon, colon > start, colon - start <= 9,
                      bytes[start..<colon].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                      let grade = Grade(rawValue: String(decoding: bytes[(colon + 1)..<end], as: UTF8.self)) else { continue }
                grades[bytes[start..<colon].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }] = grade
            }
        }
        return grades
    }

    /// A per-agency number of `year` (IT level, outsourced cost).
    static func amounts(_ column: String, of table: String, year: Int, on db: any Database) async throws -> [UUID: Int] {
        let rows = try await RawRows.all("""
            SELECT agency_id, \(name: column) AS amount FROM \(name: table) WHERE year = \(bind: year) ORDER BY agency_id
            """, on: db) { c in (try c.required("agency_id", c.uuid), try c.required("amount", c.int)) }
        return Dictionary(rows, uniquingKeysWith: { _, last in last })
    }
}
