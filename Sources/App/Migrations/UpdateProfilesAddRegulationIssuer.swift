import Domain
import Fluent
import Foundation

/// Writes the regulation's issuer and the authority's signer into every stored profile that has
/// none, with the defaults `RegulationProfile` decodes them to: Bình Dương's People's Committee for
/// a profile citing Decision 30/2013 (the Ho Chi Minh City profile too), so the admin page shows
/// what the papers print. One audited entry per profile changed, in one transaction.
struct UpdateProfilesAddRegulationIssuer: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            for model in try await ProfileModel.query(on: db).sort(\.$code).all() {
                var profile = try JSONDecoder().decode(RegulationProfile.self, from: Data(model.body.utf8))
                guard profile.regulationIssuer == nil || profile.authoritySigner == nil else { continue }
                profile.regulationIssuer = profile.regulationIssuedBy
                profile.authoritySigner = profile.authoritySignatory
                let before = model.body
                model.body = try ProfileStore.encode(profile)
                try await model.save(on: db)
                try await AuditLog.append(AuditEvent(actorID: nil, actorName: "qlcb migrate", action: "profile.migrate",
                                                     entityType: "profile", entityID: model.id,
                                                     before: before, after: model.body), on: db)
            }
        }
    }

    /// The fields stay: older code decodes a profile and ignores keys it does not know.
    func revert(on database: any Database) async throws {}
}
