import Foundation
import Vapor

/// The staffing assessment of every agency is a report over the whole registry: it is kept until
/// this instance writes anything, and at most `lifetime` seconds (another instance's writes show
/// within that time). One computation per key at a time: requests that arrive while it runs wait
/// for its result instead of each computing the report again (issue 14: the stampede when the
/// entry lapsed under load).
actor StaffingCache {
    static let lifetime: TimeInterval = 30
    private struct Entry { var generation: Int; var at: Date; var rows: [StaffingRow] }
    private var entries: [String: Entry] = [:]
    private var running: [String: (generation: Int, task: Task<[StaffingRow], any Error>)] = [:]
    /// How many times the report was computed, and how many requests took a result computed for
    /// another (tests count them).
    private(set) var computations = 0
    private(set) var joined = 0

    func rows(key: String, generation: Int, compute: @escaping @Sendable () async throws -> [StaffingRow]) async throws -> [StaffingRow] {
        if let entry = entries[key], entry.generation == generation, Date().timeIntervalSince(entry.at) < Self.lifetime {
            return entry.rows
        }
        if let run = running[key], run.generation == generation {
            joined += 1
            return try await run.task.value
        }
        computations += 1
        let task = Task { try await compute() }
        running[key] = (generation, task)
        defer { if running[key]?.generation == generation { running[key] = nil } }
        let rows = try await task.value
        if entries.count > 500 { entries.removeAll() }
        entries[key] = Entry(generation: generation, at: Date(), rows: rows)
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
