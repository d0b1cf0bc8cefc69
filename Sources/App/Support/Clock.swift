import Foundation
import Vapor

/// The current time, injected so that tests fix it (design.md: every effect is a small client).
struct AppClock: Sendable {
    var now: @Sendable () -> Date

    static let live = AppClock(now: { Date() })
    static func fixed(_ date: Date) -> AppClock { AppClock(now: { date }) }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }
    var clock: AppClock {
        get { storage[ClockKey.self] ?? .live }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}
