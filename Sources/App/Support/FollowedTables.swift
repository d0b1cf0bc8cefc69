import NIOConcurrencyHelpers

/// Tables of the whole province, one for each key (a year's, under a threshold or a profile), each
/// kept with the audit head it reflects and brought to a later head by the caller's `bring` — computed
/// whole, or updated from the entries since (`StaffingFeed`) — once for all who ask together
/// (`SingleFlight`). Shared by the staffing report (`StaffingCache`) and the efficiency of each agency
/// (`EfficiencyTables`), issue 14. A few keys are kept: any year can be asked for, and the memory stays
/// bounded. What is kept sits behind one lock held only to look up or store, never across an `await`.
final class FollowedTables<Table: Sendable>: Sendable {
    /// A table brought to the head `seq`, and whether it was computed whole.
    struct Update: Sendable { var table: Table; var seq: Int; var whole: Bool }

    private struct Kept {
        var tables: [String: (seq: Int, table: Table)] = [:]
        var computations = 0, updates = 0
    }

    private let kept = NIOLockedValueBox(Kept())
    private let flights = SingleFlight<Update>()
    /// The metric's name (`qlcb_<name>_computations_total`) and how many keys are kept.
    let name: String, capacity: Int
    /// Whole computations and updates (tests count them).
    var computations: Int { kept.withLockedValue { $0.computations } }
    var updates: Int { kept.withLockedValue { $0.updates } }

    init(name: String, capacity: Int) { (self.name, self.capacity) = (name, capacity) }

    /// The keys whose tables are kept.
    var keys: Set<String> { kept.withLockedValue { Set($0.tables.keys) } }

    /// The table of `key` at least as current as `head`: the one kept, or `bring` from it (nil: none).
    func table(_ key: String, at head: Int,
               bring: @escaping @Sendable ((seq: Int, table: Table)?) async throws -> Update) async throws -> Table {
        let previous = kept.withLockedValue { $0.tables[key] }
        if let previous, previous.seq >= head { return previous.table }
        let (update, started) = try await flights.run(key, version: head) { try await bring(previous) }
        if started { Observability.tableBrought(name, whole: update.whole) }
        kept.withLockedValue { kept in
            if started { if update.whole { kept.computations += 1 } else { kept.updates += 1 } }
            if (kept.tables[key]?.seq ?? -1) < update.seq {
                if kept.tables[key] == nil, kept.tables.count >= capacity { kept.tables.removeAll() }
                kept.tables[key] = (update.seq, update.table)
            }
        }
        return update.table
    }
}
