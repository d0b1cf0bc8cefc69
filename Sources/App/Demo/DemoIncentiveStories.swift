import Domain
import Foundation

/// What the efficiency page of the last completed evaluation year shows (Art. 15.5, ADR 0009), at the
/// agency of the demo accounts: Lê Thị Thu Hà's incentive raised from the first of a month in the middle
/// of the year, and a colleague who resigned during it and is counted only for the months held.
extension DemoProvince {
    static let raisedIncentive = (before: 1_200_000, after: 1_800_000)
    static let leaver = ("Đoàn Minh Triết", Gender.male)

    /// The first day of the month `back` months before today's.
    func monthStart(_ back: Int) -> LocalDate {
        let index = today.year * 12 + today.month - 1 - back
        return LocalDate(year: index / 12, month: index % 12 + 1, day: 1) ?? today
    }

    func addIncentiveStories(_ built: inout Built, _ rng: inout SeededRandom) {
        let raisedOn = monthStart(10)
        if let ha = built.officers.first(where: { $0.fullName == "Lê Thị Thu Hà" }), let id = ha.id,
           let start = LocalDate(iso: ha.startDate) {
            let raised = raisedOn > start
            built.incentives.removeAll { $0.$officer.id == id }
            built.incentives.append(OfficerIncentiveModel(officerID: id, monthlyAmount: Self.raisedIncentive.before, receives: true,
                                                          effectiveOn: start))
            if raised {
                built.incentives.append(OfficerIncentiveModel(officerID: id, monthlyAmount: Self.raisedIncentive.after, receives: true,
                                                              effectiveOn: raisedOn))
            }
            ha.monthlyIncentive = raised ? Self.raisedIncentive.after : Self.raisedIncentive.before
            ha.receivesIncentive = true
            ha.refreshScope(agency: built.agencyA)
        }
        // Last in the list, so the random draws of everyone built before stay as they were.
        let left = monthStart(7)
        let leaver = addOfficer(&built, &rng, at: built.agencyA, kind: .fullTime, name: Self.leaver,
                                since: LocalDate(year: left.year - 6, month: 3, day: 1),
                                left: (.resigned, left, "Thôi việc theo nguyện vọng"))
        leaver.monthlyIncentive = 1_500_000
        leaver.receivesIncentive = true
        leaver.refreshScope(agency: built.agencyA)
        if let id = leaver.id, let start = LocalDate(iso: leaver.startDate) {
            built.incentives.removeAll { $0.$officer.id == id }
            built.incentives.append(OfficerIncentiveModel(officerID: id, monthlyAmount: 1_500_000, receives: true, effectiveOn: start))
        }
    }
}
