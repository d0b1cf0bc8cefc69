import Foundation
import Vapor

/// The staffing assessment of every agency is a report over the whole registry: it is kept until
/// this instance writes anything, and at most `lifetime` seconds (another instance's writes show
/// within that time).
actor StaffingCache {
    static let lifetime: TimeInterval = 30
    private var entries: [String: (generation: Int, at: Date, rows: [StaffingRow])] = [:]

    func rows(key: String, generation: Int, compute: () async throws -> [StaffingRow]) async throws -> [StaffingRow] {
        if let entry = entries[key], entry.generation == generation, Date().timeIntervalSince(entry.at) < Self.lifetime {
            return entry.rows
        }
        let rows = try await compute()
        if entries.count > 500 { entries.removeAll() }
        entries[key] = (generation, Date(), rows)
        return rows
    }
}

extension Application {
    private struct StaffingCacheKey: StorageKey { typealias Value = StaffingCache }
    var staffingCache: StaffingCache {
        if let cache = storage[StaffingCacheKey.self] { return cache }
        let cache = StaffingCache()
        storage[StaffingCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// `StaffingQueries.rows`, cached per year, threshold and set of visible agencies.
    func staffingRows(year: Int, visible: Set<UUID>?, threshold: Int) async throws -> [StaffingRow] {
        let scope = visible.map { $0.map(\.uuidString).sorted().joined(separator: ",") } ?? "*"
        let db = self.db
        return try await application.staffingCache.rows(key: "\(year)|\(threshold)|\(scope)",
                                                        generation: application.writeGeneration.current) {
            try await StaffingQueries.rows(year: year, visible: visible, threshold: threshold, on: db)
        }
    }
}
