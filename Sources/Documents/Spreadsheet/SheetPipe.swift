import Dispatch
import Foundation

/// Hands rows to a `SheetWriter` on a queue of its own, so that reading the next rows (the database,
/// on the caller's thread) and writing these (XML or CSV) overlap on two cores, and the writer's
/// last step — libxlsxwriter zips the file, seconds for 200,000 rows — runs there, not on a thread
/// of Swift concurrency's small pool. At most `depth` batches wait (the caller waits beyond that,
/// as long as writing one batch takes): memory stays flat.
public final class SheetPipe: @unchecked Sendable {
    private let writer: any SheetWriter
    private let queue = DispatchQueue(label: "qlcb.sheet-pipe")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var failure: (any Error)?

    public init(_ writer: any SheetWriter, depth: Int = 4) {
        self.writer = writer
        slots = DispatchSemaphore(value: depth)
    }

    private var firstFailure: (any Error)? { lock.withLock { failure } }

    /// Queues `rows` behind the earlier ones; waits while `depth` batches are queued. Throws the
    /// writer's error once one batch has failed (the batches after it are dropped).
    public func append(rows: [[Cell]]) throws {
        if let failure = firstFailure { throw failure }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard firstFailure == nil else { return }
            do { try writer.append(rows: rows) } catch { lock.withLock { if failure == nil { failure = error } } }
        }
    }

    /// Writes what is queued, then the file.
    public func finish() async throws {
        try await onQueue {
            if let failure = self.firstFailure { throw failure }
            try self.writer.close()
        }
    }

    /// After a failure elsewhere: the batches still queued are skipped, and the writer is closed so
    /// that nothing writes its file later (the caller removes it).
    public func abandon() async {
        cancel()
        try? await onQueue { try self.writer.close() }
    }

    /// From now on the queued batches are skipped (the batch being written finishes).
    public func cancel() {
        lock.withLock { if failure == nil { failure = Abandoned() } }
    }

    struct Abandoned: Error {}

    private func onQueue(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async { continuation.resume(with: Result(catching: body)) }
        }
    }
}
