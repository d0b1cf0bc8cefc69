import Fluent
import SQLKit

/// Walks the whole chain in order; reports the first entry that does not fit.
enum AuditVerifier {
    /// Under the process's audit key, or another one.
    static func verify(on db: any Database, key: AuditKey? = nil, batch: Int = 2000) async throws -> Report {
        let key = try key ?? AuditKeyring.current()
        return try await verify(on: db, seal: key.seal, batch: batch)
    }

    /// Whether entry `seq` still has the hash filed on paper: a chain rewritten from there on, even by
    /// someone holding the key, no longer does. Returns the problem, or nil.
    static func check(filedSeq seq: Int, hash: String, on db: any Database) async throws -> String? {
        guard let entry = try await AuditEntryModel.query(on: db).filter(\.$seq == seq).first() else {
            return "không còn mục số \(seq)"
        }
        return entry.hash == hash.lowercased() ? nil : "mục số \(seq) không còn mã băm đã lưu: chuỗi đã bị viết lại"
    }

    struct Report: Sendable {
        var entries: Int
        var firstBad: (seq: Int, problem: String)?
    }

    static func verify(on db: any Database, seal: (String) -> String, batch: Int = 2000) async throws -> Report {
        var expectedSeq = 1
        var previous = AuditLog.genesis
        while true {
            let page = try await AuditEntryModel.query(on: db)
                .filter(\.$seq >= expectedSeq).sort(\.$seq).limit(batch).all()
            for entry in page {
                if entry.seq != expectedSeq {
                    return Report(entries: expectedSeq - 1,
                                  firstBad: (expectedSeq, "mục số \(expectedSeq) đã bị xóa"))
                }
                if entry.prevHash != previous {
                    return Report(entries: expectedSeq - 1, firstBad: (entry.seq, "không nối với mục trước"))
                }
                if seal(AuditLog.sealedText(of: entry)) != entry.hash {
                    return Report(entries: expectedSeq - 1, firstBad: (entry.seq, "nội dung đã bị sửa"))
                }
                previous = entry.hash
                expectedSeq += 1
            }
            if page.count < batch { break }
        }
        guard let sql = db as? any SQLDatabase else { return Report(entries: expectedSeq - 1) }
        struct Head: Decodable { var seq: Int; var hash: String }
        if let head = try await sql.select().columns("seq", "hash").from(AuditLog.headTable)
            .where("id", .equal, SQLLiteral.numeric("1")).first(decoding: Head.self), head.seq != expectedSeq - 1 || head.hash != previous {
            return Report(entries: expectedSeq - 1,
                          firstBad: (expectedSeq, "các mục cuối (đến số \(head.seq)) đã bị xóa hoặc sửa"))
        }
        return Report(entries: expectedSeq - 1)
    }
}
