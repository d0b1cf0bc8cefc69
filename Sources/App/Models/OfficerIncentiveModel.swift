import Domain
import Fluent
import Foundation

/// One entry of an officer's incentive history (Art. 15.5.b; ADR 0009): from `effectiveOn`, whether
/// the officer receives the monthly IT incentive and its amount. Appended, never rewritten; the
/// officer's `monthly_incentive` and `receives_incentive` are the latest entry.
final class OfficerIncentiveModel: Model, @unchecked Sendable {
    static let schema = "officer_incentives"

    @ID(key: .id) var id: UUID?
    @Parent(key: "officer_id") var officer: OfficerModel
    @OptionalField(key: "monthly_amount") var monthlyAmount: Int?
    @Field(key: "receives") var receives: Bool
    @Field(key: "effective_on") var effectiveOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(officerID: UUID, monthlyAmount: Int?, receives: Bool, effectiveOn: LocalDate) {
        self.$officer.id = officerID
        self.monthlyAmount = monthlyAmount
        self.receives = receives
        self.effectiveOn = effectiveOn.iso
    }

    var entry: IncentiveHistory.Entry? {
        LocalDate(iso: effectiveOn).map { IncentiveHistory.Entry(on: $0, receives: receives, monthlyAmount: monthlyAmount) }
    }
}
