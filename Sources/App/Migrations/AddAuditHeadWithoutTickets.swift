import Fluent
import SQLKit

/// A second row of the audit head (id 2): the sequence number of the last entry that is not a work
/// ticket's (`AuditLog.append`). A page that reads no ticket is kept at it (ADR 0020, fortieth part), so
/// the tickets recorded and confirmed all day across the province do not make it read again. It starts
/// at the head of the whole log: every entry before it counts.
struct AddAuditHeadWithoutTickets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO \(name: AuditLog.headTable) (id, seq, hash)
            SELECT \(literal: AuditLog.withoutTicketsID), seq, '' FROM \(name: AuditLog.headTable) WHERE id = 1
            """).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.delete(from: AuditLog.headTable).where("id", .equal, SQLLiteral.numeric("\(AuditLog.withoutTicketsID)")).run()
    }
}
