import Domain
import Fluent
import Vapor

/// Several evaluation years of tickets, initiatives, sign-offs, costs and submissions for every demo
/// officer, generated and written a batch of officers at a time so it scales to millions of tickets.
enum DemoWorkLogLoader {
    static func load(officers: [OfficerModel], agencies: [AgencyModel], ticketsPerOfficerYear: Int, seed: UInt64,
                     profile: RegulationProfile, today: LocalDate, on app: Application, console: any Console) async throws {
        var rng = SeededRandom(seed: seed &+ 17)
        let current = profile.evaluationYear(of: today)
        let years = Array((current - 3)...current)
        let names = agencies.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let deadline = WorkLogDeadline(profile: profile)
        let stories = DemoGradeStories(officers: officers)
        let leavers = try await serviceOfLeavers(officers, today: today, on: app.db)
        var written = 0
        for start in stride(from: 0, to: officers.count, by: 100) {
            let chunk = officers[start..<min(officers.count, start + 100)]
            var tickets: [WorkTicketModel] = []
            var counters: [TicketCounterModel] = []
            var logs: [WorkLogModel] = []
            var signOffs: [SignOffModel] = []
            var initiatives: [InitiativeModel] = []
            var grades: [GradeModel] = []
            for officer in chunk where officer.status.holdsPost || leavers[officer.id!] != nil {
                let began = LocalDate(iso: officer.startDate) ?? today
                // Who left works until the day before, and owes no log for a year they left before it was due.
                let service = leavers[officer.id!]
                let lastHeld = service?.leftOn?.adding(days: -1)
                for year in years {
                    let period = profile.evaluationPeriod(year: year)
                    guard began <= period.upperBound else { continue }
                    let last = min(period.upperBound, today.adding(days: -1), lastHeld ?? period.upperBound)
                    let first = max(period.lowerBound, began)
                    guard first <= last else { continue }
                    let span = first.days(until: last)
                    let base = ticketsPerOfficerYear + rng.int(-ticketsPerOfficerYear / 3...ticketsPerOfficerYear / 3)
                    let count = max(1, base * min(365, span + 1) / 365)  // a year still running has fewer tickets
                    let dates = (0..<count).map { _ in first.adding(days: rng.int(0...span)) }.sorted()
                    for (i, requested) in dates.enumerated() {
                        tickets.append(ticket(officer: officer, agencyName: names[officer.$agency.id] ?? "", year: year,
                                              number: i + 1, requested: requested, today: today, current: year == current, &rng))
                    }
                    let counter = TicketCounterModel()
                    counter.officerID = officer.id!
                    counter.year = year
                    counter.lastNumber = count
                    counters.append(counter)
                    if rng.chance(0.2) {
                        let initiative = InitiativeModel()
                        initiative.$officer.id = officer.id!
                        initiative.year = year
                        initiative.title = rng.pick(["Số hóa sổ theo dõi thiết bị CNTT bằng bảng tính dùng chung",
                                                     "Quy trình sao lưu tự động dữ liệu phần mềm một cửa",
                                                     "Bộ tài liệu hướng dẫn ký số cho cán bộ"])
                        initiative.description = ""
                        initiative.madeOn = dates[dates.count / 2].iso
                        initiative.outcome = "Áp dụng tại cơ quan"
                        initiatives.append(initiative)
                    }
                    // Past years are fully signed; this year the latest month waits for the head.
                    let ended = SignOffPeriod.ended(in: period, every: profile.signOffEvery, today: today)
                    for month in (year < current ? ended : Array(ended.dropLast())) where month.lowerBound <= (lastHeld ?? month.lowerBound) {
                        let signOff = SignOffModel()
                        signOff.$officer.id = officer.id!
                        signOff.periodStart = month.lowerBound.iso
                        signOff.periodEnd = month.upperBound.iso
                        signOff.signedBy = "Thủ trưởng cơ quan"
                        signOff.note = ""
                        signOffs.append(signOff)
                    }
                    if year < current, service.map({ EvaluationDuty.owesWorkLog($0, year: year, profile: profile) }) ?? true {
                        let log = WorkLogModel()
                        log.$officer.id = officer.id!
                        log.agencyID = officer.$agency.id
                        log.year = year
                        log.headOpinion = "Hoàn thành tốt nhiệm vụ được giao."
                        log.headConfirmedBy = "Thủ trưởng cơ quan"
                        log.lateException = ""
                        // Most logs arrive in September; a few are never sent (they will be graded D automatically).
                        // canbo2's log of last year never arrived: the demo shows a late log and the automatic D.
                        let neverSent = stories.logNeverSent(officer, year: year, lastCompleted: current - 1) ?? rng.chance(0.04)
                        if !neverSent {
                            let day = deadline.date(year: year).adding(days: -rng.int(1...25))
                            log.receivedAt = day.start(in: TimeZone(identifier: profile.timeZoneIdentifier)!).addingTimeInterval(Double(rng.int(28_800...61_200)))
                            log.submittedBy = "thutruong"
                        }
                        logs.append(log)
                        // Grades of the completed years; an unsent log means D (D2) except in the last year,
                        // where the deadline step of the evaluation cycle gives it.
                        if neverSent {
                            if year < current - 1 { grades.append(grade(officer, year: year, value: .d, automatic: true)) }
                        } else if let value = stories.grade(officer, year: year, lastCompleted: current - 1, random: { randomGrade(&rng) }) {
                            grades.append(grade(officer, year: year, value: value, automatic: false))
                        }
                    }
                }
            }
            let batch = (tickets, counters, logs, signOffs, initiatives)
            let gradeBatch = grades
            try await app.write { db in
                for slice in stride(from: 0, to: batch.0.count, by: 500) {
                    try await Array(batch.0[slice..<min(batch.0.count, slice + 500)]).create(on: db)
                }
                try await batch.1.create(on: db)
                if !batch.2.isEmpty { try await batch.2.create(on: db) }
                for slice in stride(from: 0, to: batch.3.count, by: 500) {
                    try await Array(batch.3[slice..<min(batch.3.count, slice + 500)]).create(on: db)
                }
                if !batch.4.isEmpty { try await batch.4.create(on: db) }
                for slice in stride(from: 0, to: gradeBatch.count, by: 500) {
                    try await Array(gradeBatch[slice..<min(gradeBatch.count, slice + 500)]).create(on: db)
                }
            }
            written += tickets.count
            if officers.count > 1000 { console.print("  Phiếu công tác: \(written) (cán bộ \(min(officers.count, start + 100))/\(officers.count))") }
        }
        var costs: [AgencyYearCostModel] = []
        for agency in agencies where agency.agencyKind != .partyOrMassOrganisation {
            for year in years.dropLast() {
                let cost = AgencyYearCostModel()
                cost.$agency.id = agency.id!
                cost.year = year
                cost.outsourcedCost = rng.chance(0.3) ? 0 : rng.int(2...60) * 500_000
                cost.enteredBy = "Bộ phận tài chính"
                costs.append(cost)
            }
        }
        let allCosts = costs
        let summary = "\(written) phiếu công tác, năm \(years.first!)–\(years.last!)"
        try await app.write { db in
            for slice in stride(from: 0, to: allCosts.count, by: 500) {
                try await Array(allCosts[slice..<min(allCosts.count, slice + 500)]).create(on: db)
            }
            try await AuditLog.append(AuditEvent(actorID: nil, actorName: "qlcb demo", action: "demo.workLog", entityType: "system",
                                                 after: summary), on: db)
        }
        console.print("Đã tạo \(written) phiếu công tác cho các năm \(years.first!)–\(years.last!).")
    }

    /// The service records of the officers who no longer hold the post (ADR 0008).
    static func serviceOfLeavers(_ officers: [OfficerModel], today: LocalDate, on db: any Database) async throws -> [UUID: ServiceRecord] {
        let gone = officers.filter { !$0.status.holdsPost }
        let changes = try await ServiceRecords.changes(of: gone.compactMap(\.id), on: db)
        return gone.reduce(into: [UUID: ServiceRecord]()) { records, officer in
            guard let id = officer.id else { return }
            records[id] = ServiceRecord(startDate: LocalDate(iso: officer.startDate) ?? today, changes: changes[id] ?? [])
        }
    }

    static func randomGrade(_ rng: inout SeededRandom) -> Grade {
        let roll = rng.int(0...99)
        return roll < 15 ? .a : roll < 72 ? .b : roll < 95 ? .c : .d
    }

    /// A grade entered by the authority, or the automatic D of a log that never arrived.
    static func grade(_ officer: OfficerModel, year: Int, value: Grade, automatic: Bool) -> GradeModel {
        let model = GradeModel()
        model.$officer.id = officer.id!
        model.year = year
        model.grade = value.rawValue
        model.reason = (automatic ? GradeReason.workLogNotSubmitted : .evaluated).rawValue
        model.comment = automatic ? "Không nộp Sổ công tác đúng hạn (Điều 15.6)" : ""
        model.criteriaNotes = ""
        model.enteredBy = automatic ? "qlcb evaluate" : "truongphong"
        return model
    }

    static func ticket(officer: OfficerModel, agencyName: String, year: Int, number: Int, requested: LocalDate,
                       today: LocalDate, current: Bool, _ rng: inout SeededRandom) -> WorkTicketModel {
        let group = DemoTickets.group(&rng)
        let outcome = DemoTickets.outcome(group)
        let completed = min(today.adding(days: -1), requested.adding(days: rng.int(0...5)))
        let age = requested.days(until: today)
        let status: TicketStatus = !current || age > 45 ? (rng.chance(0.96) ? .confirmed : .done)
            : [TicketStatus.inProgress, .done, .confirmed, .confirmed][rng.int(0...3)]
        let finished = status == .done || status == .confirmed
        let requester = DemoNames.person(&rng).name
        let content = WorkTicketContent(
            taskGroup: group, taskOther: group == .other ? "Hỗ trợ kỹ thuật" : "", details: rng.pick(DemoTickets.jobs[group]!),
            workKind: DemoTickets.workKind(group, &rng), requesterUnit: "\(rng.pick(DemoNames.divisions)) — \(agencyName)",
            requesterName: requester, requestedOn: requested, handling: DemoTickets.handling[group]!,
            outcomes: finished ? [outcome] : [], documentNumber: outcome == .documentIssued ? "\(rng.int(10...300))/KH-CNTT" : "",
            documentDate: outcome == .documentIssued && finished ? completed : nil, completedOn: finished ? completed : nil,
            outOfHours: rng.chance(0.05))
        let ticket = WorkTicketModel()
        ticket.apply(content)
        ticket.id = rng.uuid()
        ticket.$officer.id = officer.id
        ticket.$agency.id = officer.$agency.id
        ticket.year = year
        ticket.number = number
        ticket.status = status.rawValue
        ticket.confirmedBy = status == .confirmed ? requester : ""
        ticket.version = 1
        return ticket
    }
}
