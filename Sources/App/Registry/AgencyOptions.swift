import Fluent
import Foundation
import SQLKit

/// The active agencies a form offers to choose from (an officer's agency, a transfer, a user's
/// agency), in the order of their folded names, read as plain rows and kept while the audit head
/// stays (ADR 0020): read as the province's 10,000 agency models at every view, they were most of the
/// 1.1 s an officer's page took for the authority (bench/results/speed-issue14.md, thirty-third part).
enum AgencyOptions {
    struct Option: Sendable { var id: UUID; var name: String }

    static func active(kept: KeptReads.At, on db: any Database) async throws -> [Option] {
        try await KeptReads.At.rows(SQLQueryString("""
            SELECT id, name, \(KeptReads.headColumn) FROM \(name: AgencyModel.schema) WHERE is_active = \(bind: true) ORDER BY name_folded, id
            """), kept: kept, on: db) { Option(id: try $0.required("id", $0.uuid), name: try $0.string("name", default: "")) }
    }
}
