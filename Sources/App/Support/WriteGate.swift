import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Waiters take turns: SQLite allows one writer, so the app serialises its own write transactions
/// instead of letting them fail with SQLITE_BUSY. On PostgreSQL the audit chain's head row
/// serialises appends, and the gate lets everything through.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    let serialises: Bool

    init(serialises: Bool) { self.serialises = serialises }

    func acquire() async {
        guard serialises else { return }
        if !busy { busy = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        guard serialises else { return }
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }
    var writeGate: WriteGate {
        get { storage[WriteGateKey.self] ?? WriteGate(serialises: false) }
        set { storage[WriteGateKey.self] = newValue }
    }

    /// Every write runs here: one transaction holding the change and its audit entries.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let db = self.db
        let queued = DispatchTime.now().uptimeNanoseconds
        return try await gated {
            let start = DispatchTime.now().uptimeNanoseconds
            Observability.databaseWrite("wait", nanoseconds: start - queued)
            defer { Observability.databaseWrite("transaction", nanoseconds: DispatchTime.now().uptimeNanoseconds - start) }
            return try await db.transaction { try await body($0) }
        }
    }
}

extension Application {
    /// A single statement that changes no record (a session row): it takes its turn at the gate like
    /// every write, without a transaction or an audit entry.
    func gated<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let gate = writeGate
        await gate.acquire()
        do {
            let result = try await body()
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }
}

extension Request {
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        auditHeadAtStart = nil
        headWithoutTickets = nil
        return try await application.write(body)
    }
}
