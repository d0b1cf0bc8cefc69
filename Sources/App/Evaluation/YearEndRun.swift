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
    struct AgencyEfficiency: Encodable, Sendable {
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

    struct OfficerRow: Decodable { var id: UUID; var agency_id: UUID; var scope_status: String; var start_date: String }
    struct LogRow: Decodable { var officer_id: UUID; var received_at: Date? }
    struct GradeRow: Decodable { var officer_id: UUID; var year: Int; var grade: String; var reason: String }
    struct AgencyRow: Decodable { var id: UUID; var name: String }
    struct LevelRow: Decodable { var agency_id: UUID; var level: Int }
    struct CostRow: Decodable { var agency_id: UUID; var outsourced_cost: Int }

    static func run(year: Int, dryRun: Bool, now: Date, profile: RegulationProfile, actor: String,
                    on db: any Database) async throws -> Report {
        guard let sql = db as? any SQLDatabase else { throw ConfigError(message: "Cần cơ sở dữ liệu SQL.") }
        let officers = try await sql.select().columns("id", "agency_id", "scope_status", "start_date")
            .from(OfficerModel.schema).orderBy("id").all(decoding: OfficerRow.self)
        let logs = try await sql.select().columns("officer_id", "received_at").from(WorkLogModel.schema)
            .where("year", .equal, SQLBind(year)).all(decoding: LogRow.self)
            .reduce(into: [UUID: Date]()) { if let at = $1.received_at { $0[$1.officer_id] = at } }
        var history: [UUID: [Int: Grade]] = [:]
        var manual = Set<UUID>()
        for row in try await sql.select().columns("officer_id", "year", "grade", "reason").from(GradeModel.schema).all(decoding: GradeRow.self) {
            guard let grade = Grade(rawValue: row.grade) else { continue }
            history[row.officer_id, default: [:]][row.year] = grade
            if row.year == year && row.reason == GradeReason.evaluated.rawValue { manual.insert(row.officer_id) }
        }
        let agencies = try await sql.select().columns("id", "name").from(AgencyModel.schema)
            .orderBy("name_folded").orderBy("id").all(decoding: AgencyRow.self)
        // The provincial IT authority's own officers are graded by its director (Art. 15.2, D12).
        let authorityAgencies = Set(agencies.filter { $0.name == profile.itAuthorityName }.map(\.id))
        let changes = try await ServiceRecords.changes(on: db)
        let automatic = AutomaticD.officers(officers.map { o in
            AutomaticD.Officer(id: o.id, scope: ScopeStatus(code: o.scope_status) ?? .excluded(.notEligible),
                               worksAtITAuthority: authorityAgencies.contains(o.agency_id),
                               service: ServiceRecord(startDate: LocalDate(iso: o.start_date) ?? LocalDate(dayNumber: 0),
                                                      changes: changes[o.id] ?? []),
                               receivedAt: logs[o.id], hasManualGrade: manual.contains(o.id))
        }, year: year, profile: profile, now: now)
        let alreadyD = Set(automatic.filter { history[$0]?[year] == .d })
        for id in automatic { history[id, default: [:]][year] = .d }
        if !dryRun {
            try await writeAutomaticD(automatic.filter { !alreadyD.contains($0) }, year: year, actor: actor, on: db)
        }
        let scopes = officers.reduce(into: [UUID: ScopeStatus]()) { $0[$1.id] = ScopeStatus(code: $1.scope_status) }
        var triggers: [Trigger] = []
        var flags: [Flag] = []
        var candidates: [Candidate] = []
        for (officer, grades) in history.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            let result = DisciplineRules.evaluate(grades: grades, missingYearBreaksRun: profile.missingYearBreaksRun,
                                                  flagDCD: profile.flagDCDForReview, firstYear: profile.effectiveDate.year)
            // Only triggers that end in this year are news; earlier ones were reported in their year.
            for trigger in result.triggers where trigger.years.last == year {
                triggers.append(Trigger(officerId: officer.uuidString, pattern: trigger.pattern.rawValue, years: trigger.years,
                                        analogy: scopes[officer] == .analogous))
            }
            for flag in result.flags where flag.years.last == year { flags.append(Flag(officerId: officer.uuidString, years: flag.years)) }
            let kinds = RewardRules.candidacies(grades: grades, year: year, streak: profile.rewardStreakYears,
                                                missingYearBreaksRun: profile.missingYearBreaksRun)
            if !kinds.isEmpty { candidates.append(Candidate(officerId: officer.uuidString, candidacies: kinds.map(\.rawValue))) }
        }
        let efficiency = try await efficiency(year: year, officers: officers, agencies: agencies, changes: changes,
                                              profile: profile, on: db)
        return Report(year: year, dryRun: dryRun, automaticD: automatic.map(\.uuidString).sorted(), disciplineTriggers: triggers,
                      reviewFlags: flags, rewardCandidates: candidates, efficiency: efficiency)
    }

    /// The automatic D grades and their audit entries, in batches (issue 14: one INSERT per few
    /// hundred rows instead of five statements per officer), inside the caller's transaction.
    static func writeAutomaticD(_ officers: [UUID], year: Int, actor: String, on db: any Database, chunk: Int = 500) async throws {
        let grades = officers.map { id in
            let grade = GradeModel()
            grade.$officer.id = id
            grade.year = year
            grade.grade = Grade.d.rawValue
            grade.reason = GradeReason.workLogNotSubmitted.rawValue
            grade.comment = "Không nộp Sổ công tác đúng hạn (Điều 15.6)"
            grade.criteriaNotes = ""
            grade.enteredBy = actor
            return grade
        }
        for start in stride(from: 0, to: grades.count, by: chunk) {
            try await Array(grades[start..<min(start + chunk, grades.count)]).create(on: db)
        }
        try await AuditLog.append(all: officers.map {
            AuditEvent(actorID: nil, actorName: actor, action: "grade.automaticD", entityType: "officer", entityID: $0, after: "\(year): D")
        }, on: db)
    }

    /// The efficiency table alone (the page and its export).
    static func efficiencyOnly(year: Int, profile: RegulationProfile, on db: any Database) async throws -> [AgencyEfficiency] {
        guard let sql = db as? any SQLDatabase else { throw ConfigError(message: "Cần cơ sở dữ liệu SQL.") }
        let officers = try await sql.select().columns("id", "agency_id", "scope_status", "start_date")
            .from(OfficerModel.schema).orderBy("id").all(decoding: OfficerRow.self)
        let agencies = try await sql.select().columns("id", "name").from(AgencyModel.schema)
            .orderBy("name_folded").orderBy("id").all(decoding: AgencyRow.self)
        let changes = try await ServiceRecords.changes(on: db)
        return try await efficiency(year: year, officers: officers, agencies: agencies, changes: changes, profile: profile, on: db)
    }

    /// D11: incentive spend against outsourced cost. Each officer's spend is the months they held the post
    /// in the evaluation period at the amount in force each month, each month counted at the agency where
    /// they held the post (`IncentiveSpend`, Art. 15.5.b, ADR 0009).
    static func efficiency(year: Int, officers: [OfficerRow], agencies: [AgencyRow], changes: [UUID: [ServiceRecord.Change]],
                           profile: RegulationProfile, on db: any Database) async throws -> [AgencyEfficiency] {
        guard let sql = db as? any SQLDatabase else { throw ConfigError(message: "Cần cơ sở dữ liệu SQL.") }
        let period = profile.evaluationPeriod(year: year)
        let levels = try await sql.select().columns("agency_id", "level").from(AgencyITLevelModel.schema)
            .where("year", .equal, SQLBind(year)).all(decoding: LevelRow.self).reduce(into: [UUID: Int]()) { $0[$1.agency_id] = $1.level }
        let costs = try await sql.select().columns("agency_id", "outsourced_cost").from(AgencyYearCostModel.schema)
            .where("year", .equal, SQLBind(year)).all(decoding: CostRow.self)
            .reduce(into: [UUID: Int]()) { $0[$1.agency_id] = $1.outsourced_cost }
        let histories = try await IncentiveHistories.all(on: db)
        var spend: [UUID: Int] = [:]
        for o in officers {
            guard let history = histories[o.id], let start = LocalDate(iso: o.start_date) else { continue }
            let service = ServiceRecord(startDate: start, changes: changes[o.id] ?? [])
            for month in IncentiveSpend.months(service, history, in: period) where month.amount > 0 {
                spend[month.agency ?? o.agency_id, default: 0] += month.amount
            }
        }
        return agencies.compactMap { agency in
            guard spend[agency.id] != nil || costs[agency.id] != nil else { return nil }
            let e = Efficiency.compute(itLevel: levels[agency.id], incentiveSpend: spend[agency.id] ?? 0, outsourcedCost: costs[agency.id])
            return AgencyEfficiency(agencyId: agency.id.uuidString, itLevel: e.itLevel, incentiveSpend: e.incentiveSpend,
                                    outsourcedCost: e.outsourcedCost, ratio: e.ratio)
        }
    }
}
