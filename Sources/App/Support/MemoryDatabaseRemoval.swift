import Foundation
import Vapor

/// Removes the files standing in for `sqlite::memory:` (`Application.memoryDatabaseFiles`) when the
/// application shuts down.
struct MemoryDatabaseRemoval: LifecycleHandler {
    func shutdown(_ application: Application) {
        for path in application.memoryDatabaseFiles where FileManager.default.fileExists(atPath: path) {
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
