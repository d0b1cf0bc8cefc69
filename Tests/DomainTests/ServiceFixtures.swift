import Domain

/// Dates and service records written briefly, for the tests of people's service (ADR 0008, 0009).
protocol ServiceFixtures {}

extension ServiceFixtures {
    func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }
    func record(_ changes: (LocalDate, EmploymentStatus)...) -> ServiceRecord {
        ServiceRecord(changes: changes.map { ServiceRecord.Change(on: $0.0, status: $0.1) })
    }
}
