/// One computation per key at a time: a caller that arrives while one for the same key and at
/// least the same version runs waits for its result instead of starting another. Shared by
/// `FollowedTables` (the province's staffing report and efficiency table) and `KeptReads` (a value
/// missed at a head).
actor SingleFlight<Value: Sendable> {
    private var running: [String: (version: Int, task: Task<(Value, Bool), any Error>)] = [:]
    /// How many computations started, and how many callers shared one that was running (tests count them).
    private(set) var started = 0
    private(set) var joined = 0

    /// Runs `body`, or joins a run for `key` at `version` or later; the Bool is true for the caller
    /// whose call started the run.
    func run(_ key: String, version: Int, _ body: @escaping @Sendable () async throws -> Value) async throws -> (Value, Bool) {
        if let run = running[key], run.version >= version {
            joined += 1
            let (value, _) = try await run.task.value
            return (value, false)
        }
        started += 1
        let task = Task { (try await body(), true) }
        running[key] = (version, task)
        defer { if running[key]?.version == version { running[key] = nil } }
        return try await task.value
    }
}
