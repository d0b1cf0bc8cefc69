import Domain
import Fluent
import Foundation

/// Ships the two profiles of decisions.md; Bình Dương 30/2013 is active.
struct CreateProfiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProfileModel.schema)
            .id()
            .field("code", .string, .required)
            .field("body", .string, .required)
            .field("is_active", .bool, .required)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        for profile in RegulationProfile.shipped {
            let model = ProfileModel()
            model.code = profile.code
            model.body = try ProfileStore.encode(profile)
            model.isActive = profile == .binhDuong2013
            try await model.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProfileModel.schema).delete()
    }
}
