import Foundation
import Vapor

/// Files that live as long as the application: removed when it shuts down (the stand-in for an
/// in-memory database, `configure`).
struct RemovedOnShutdown: LifecycleHandler {
    let paths: [String]

    func shutdown(_ application: Application) {
        for path in paths where FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

extension Application {
    private struct MemoryDatabaseFilesKey: StorageKey { typealias Value = [String] }
    /// The files standing in for `sqlite::memory:` (none with another database).
    var memoryDatabaseFiles: [String] {
        get { storage[MemoryDatabaseFilesKey.self] ?? [] }
        set { storage[MemoryDatabaseFilesKey.self] = newValue }
    }
}
