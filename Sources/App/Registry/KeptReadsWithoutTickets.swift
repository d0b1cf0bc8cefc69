import Vapor

/// Values no ticket's write can change — the efficiency of each agency, computed from every officer's
/// service and incentive history — kept at the head of the entries that change a record other than a
/// ticket (`AuditLog.movesHeadWithoutTickets`, ADR 0020, fortieth and forty-third parts). Kept at the whole log's head, they were
/// computed again after each of the tickets recorded, taken and confirmed all day across the province:
/// at ten times the demo, with ten tickets a second, the efficiency page answered six times a second
/// (bench/results/registry-pg-x10-w10-c8.md). A store of its own: its heads are another count than
/// the whole log's, and a value kept at one is never compared with the other.
extension Request {
    func keptReadsWithoutTickets() async throws -> KeptReads.At {
        KeptReads.At(reads: application.keptReadsWithoutTickets, head: try await auditHeadWithoutTickets())
    }

    /// The store at the head read with the session row or the token, nil when not read (a value that
    /// needs it reads it then, `VisibleAgencies.measured`): for the registry's lists and searches, which
    /// read no ticket (ADR 0020, forty-second part), as `keptReads` is for the whole log's head.
    var keptReadsWithoutTicketsAtStart: KeptReads.At {
        KeptReads.At(reads: application.keptReadsWithoutTickets, head: headWithoutTickets)
    }

    /// Read with the session row or the token (`GatedSessionDriver`, `AccountController.viewer`), else
    /// once a request, before what is kept at it; forgotten when the request writes (`write`).
    func auditHeadWithoutTickets() async throws -> Int {
        if let headWithoutTickets { return headWithoutTickets }
        let head = try await AuditLog.headWithoutTickets(on: db)
        headWithoutTickets = head
        return head
    }

    private struct HeadWithoutTicketsKey: StorageKey { typealias Value = Int }
    var headWithoutTickets: Int? {
        get { storage[HeadWithoutTicketsKey.self] }
        set { storage[HeadWithoutTicketsKey.self] = newValue }
    }
}

extension Application {
    private struct KeptReadsWithoutTicketsKey: StorageKey { typealias Value = KeptReads }
    var keptReadsWithoutTickets: KeptReads { store(KeptReadsWithoutTicketsKey.self) { KeptReads(at: .withoutTickets) } }
}
