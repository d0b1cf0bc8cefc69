import Dispatch

/// Runs tasks on threads of their own (a concurrent dispatch queue), neither on Swift concurrency's
/// pool nor on an event loop: for code that may wait on its thread — a spreadsheet's rows handed to
/// its writer (`SheetPipe.append` waits while the writer is behind: seconds in a large export). On
/// the pool, whose two threads (two cores) run every request's handler, that wait held one of them
/// from every other request for as long.
final class BlockingWork: TaskExecutor {
    static let executor = BlockingWork()
    private static let marker = DispatchSpecificKey<Bool>()
    private let queue = DispatchQueue(label: "qlcb.blocking-work", attributes: .concurrent)

    private init() { queue.setSpecific(key: Self.marker, value: true) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Whether the calling code runs on this executor's threads (tests).
    static var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) == true }
}
