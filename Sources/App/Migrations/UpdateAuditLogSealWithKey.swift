import Fluent
import SQLKit

/// Seals the existing chain once with the audit key (ADR 0007). Entries written before keyed
/// sealing carry plain SHA-256 hashes that anyone with database access could recompute; the chain is
/// checked under that old rule first (a broken chain is not laundered: the migration stops), then
/// every hash is recomputed under the key, and an entry records the old head.
struct UpdateAuditLogSealWithKey: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let key = try AuditKeyring.current()
        try await database.transaction { db in
            let old = try await AuditVerifier.verify(on: db, seal: Self.plainSHA256)
            if let bad = old.firstBad {
                throw ConfigError(message: "Nhật ký cũ không toàn vẹn (mục số \(bad.seq): \(bad.problem)); không niêm phong lại. Hãy điều tra trước khi chạy qlcb migrate.")
            }
            guard old.entries > 0, let sql = db as? any SQLDatabase else { return }
            var previous = AuditLog.genesis
            var oldHead = AuditLog.genesis
            var next = 1
            while true {
                let page = try await AuditEntryModel.query(on: db).filter(\.$seq >= next).sort(\.$seq).limit(2000).all()
                for entry in page {
                    oldHead = entry.hash
                    entry.prevHash = previous
                    entry.hash = AuditLog.hash(of: entry, key: key)
                    try await sql.update(AuditEntryModel.schema).set("prev_hash", to: entry.prevHash).set("hash", to: entry.hash)
                        .where("seq", .equal, entry.seq).run()
                    previous = entry.hash
                    next = entry.seq + 1
                }
                if page.count < 2000 { break }
            }
            try await sql.update(AuditLog.headTable).set("hash", to: previous).where("id", .equal, SQLLiteral.numeric("1")).run()
            try await AuditLog.append(AuditEvent(actorID: nil, actorName: "qlcb migrate", action: "audit.reseal", entityType: "auditLog",
                                                 before: "sha256 seq \(old.entries) \(oldHead)",
                                                 after: "hmac-sha256 key \(key.id)"), on: db)
        }
    }

    func revert(on database: any Database) async throws {}

    /// The rule of the chain before this migration: SHA-256 of the fields, no key.
    static func plainSHA256(_ text: String) -> String { Secrets.sha256(text) }
}
