import Fluent
import Foundation

/// The regulation profile in force when year Y's results were published (decisions.md: "a year
/// already evaluated keeps the profile values it was evaluated under"; ADR 0010). The papers of
/// year Y print with it; a year without one prints with the active profile.
final class ProfileSnapshotModel: Model, @unchecked Sendable {
    static let schema = "profile_snapshots"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "code") var code: String
    /// The profile's JSON, as `ProfileStore.encode` writes it.
    @Field(key: "body") var body: String
    @Field(key: "taken_at") var takenAt: Date

    init() {}
}
