import Crypto
import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers

/// Reads and writes the active regulation profile.
enum ProfileStore {
    static func encode(_ profile: RegulationProfile) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(profile), as: UTF8.self)
    }

    /// The profile as a kept value's key names it: its code and a digest of every rule. A value
    /// computed with one version of a profile is never taken for another: an instance may hold the
    /// version it read for `ProfileCache.lifetime` after another instance saved a new one.
    /// The last profile's key is remembered: the lists ask for it at every view, and comparing two
    /// profiles costs less than encoding and hashing one.
    static func keyPart(_ profile: RegulationProfile) -> String {
        if let last = lastKeyPart.withLockedValue({ $0 }), last.profile == profile { return last.key }
        let rules = (try? encode(profile)) ?? ""
        let key = profile.code + " " + Data(SHA256.hash(data: Data(rules.utf8))).base64EncodedString()
        lastKeyPart.withLockedValue { $0 = (profile, key) }
        return key
    }

    private static let lastKeyPart = NIOLockedValueBox<(profile: RegulationProfile, key: String)?>(nil)

    static func active(on db: any Database) async throws -> RegulationProfile {
        guard let model = try await ProfileModel.query(on: db).filter(\.$isActive == true).first() else {
            return .binhDuong2013
        }
        return try JSONDecoder().decode(RegulationProfile.self, from: Data(model.body.utf8))
    }

    static func all(on db: any Database) async throws -> [(model: ProfileModel, profile: RegulationProfile)] {
        try await ProfileModel.query(on: db).sort(\.$code).all().map {
            ($0, try JSONDecoder().decode(RegulationProfile.self, from: Data($0.body.utf8)))
        }
    }

    /// Saves the edited active profile and makes `code` active; audited.
    static func save(_ profile: RegulationProfile, activate: Bool, actor: Viewer, on db: any Database) async throws {
        guard let model = try await ProfileModel.query(on: db).filter(\.$code == profile.code).first() else {
            var errors = FieldErrors()
            errors.add("code", "Không có bộ quy định này.")
            throw errors
        }
        let before = model.body
        model.body = try encode(profile)
        if activate && !model.isActive {
            try await ProfileModel.query(on: db).set(\.$isActive, to: false).update()
            model.isActive = true
        }
        try await model.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username,
                                             action: activate ? "profile.activate" : "profile.update",
                                             entityType: "profile", entityID: model.id,
                                             before: before, after: model.body), on: db)
    }
}

/// The profile of each published year (ADR 0010): papers of year Y print with the profile in force
/// when Y was published, not with today's.
extension ProfileStore {
    /// Keeps `profile` as year Y's, inside the caller's transaction (the publication), audited.
    static func keep(_ profile: RegulationProfile, forYear year: Int, at now: Date, actor: Viewer, on db: any Database) async throws {
        let existing = try await ProfileSnapshotModel.query(on: db).filter(\.$year == year).first()
        let model = existing ?? ProfileSnapshotModel()
        let before = existing?.body ?? ""
        model.year = year
        model.code = profile.code
        model.body = try encode(profile)
        model.takenAt = now
        try await model.save(on: db)
        try await AuditLog.append(AuditEvent(actorID: actor.userID, actorName: actor.username, action: "profile.snapshot",
                                             entityType: "profile", entityID: model.id, before: before,
                                             after: "\(year): \(model.body)"), on: db)
    }

    /// Year Y's profile as kept at its publication; nil for a year not published.
    static func snapshot(year: Int, on db: any Database) async throws -> RegulationProfile? {
        guard let model = try await ProfileSnapshotModel.query(on: db).filter(\.$year == year).first() else { return nil }
        return try JSONDecoder().decode(RegulationProfile.self, from: Data(model.body.utf8))
    }
}

/// The active profile, kept for a few seconds so that pages do not read and decode it on every
/// request; a save clears it, and another instance sees the change within `lifetime`. A lock, not
/// an actor: every page asks, and a kept profile is handed back without a turn on another executor
/// (ADR 0028).
final class ProfileCache: Sendable {
    static let lifetime: TimeInterval = 30
    /// The profile and when it was read; `clears` counts the saves, so that a read begun before a
    /// save does not keep the profile the save replaced.
    private let kept = NIOLockedValueBox<(profile: RegulationProfile?, at: Date, clears: Int)>((nil, .distantPast, 0))

    func get(_ load: () async throws -> RegulationProfile) async throws -> RegulationProfile {
        let now = Date()
        let (profile, at, clears) = kept.withLockedValue { $0 }
        if let profile, now.timeIntervalSince(at) < Self.lifetime { return profile }
        let loaded = try await load()
        kept.withLockedValue { if $0.clears == clears { $0 = (loaded, now, clears) } }
        return loaded
    }

    func clear() { kept.withLockedValue { $0 = (nil, .distantPast, $0.clears + 1) } }
}

import Vapor

extension Application {
    private struct ProfileCacheKey: StorageKey { typealias Value = ProfileCache }
    var profileCache: ProfileCache { store(ProfileCacheKey.self) { ProfileCache() } }
}

extension Request {
    func profile() async throws -> RegulationProfile {
        let db = self.db
        return try await application.profileCache.get { try await ProfileStore.active(on: db) }
    }

    /// The profile the papers of `year` print with: the one kept at its publication, else the active one.
    func profile(forYear year: Int) async throws -> RegulationProfile {
        if let kept = try await ProfileStore.snapshot(year: year, on: db) { return kept }
        return try await profile()
    }
}
