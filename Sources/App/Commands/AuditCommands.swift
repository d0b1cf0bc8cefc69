import Vapor

/// `qlcb audit-verify [--seq N --head HASH]`: exit 0 when the chain is intact under the audit key
/// and, if given, entry N still has the hash filed from `qlcb audit-head`; otherwise names the
/// first bad entry.
struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seq", help: "Số thứ tự đã lưu từ qlcb audit-head") var seq: Int?
        @Option(name: "head", help: "Mã băm đã lưu từ qlcb audit-head") var head: String?
    }

    var help: String { "Kiểm tra tính toàn vẹn của nhật ký hệ thống (chuỗi HMAC-SHA256 với khóa nhật ký)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        guard (signature.seq == nil) == (signature.head == nil) else {
            throw CommandFailure(description: "Dùng --seq và --head cùng nhau, với giá trị in ra bởi qlcb audit-head.")
        }
        let report = try await AuditVerifier.verify(on: db)
        if let bad = report.firstBad {
            throw CommandFailure(description: "Nhật ký KHÔNG toàn vẹn: mục số \(bad.seq): \(bad.problem).")
        }
        if let seq = signature.seq, let head = signature.head {
            if let problem = try await AuditVerifier.check(filedSeq: seq, hash: head, on: db) {
                throw CommandFailure(description: "Nhật ký KHÔNG khớp bản đã lưu: \(problem).")
            }
            context.console.print("Nhật ký toàn vẹn: \(report.entries) mục; mục số \(seq) khớp mã băm đã lưu.")
        } else {
            context.console.print("Nhật ký toàn vẹn: \(report.entries) mục.")
        }
    }
}

/// `qlcb audit-head`: the current sequence number and head hash, to be filed in the paper records;
/// `qlcb audit-verify --seq N --head HASH` later proves the chain up to there was not rewritten.
struct AuditHeadCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "In số thứ tự và mã băm đầu chuỗi nhật ký để lưu vào hồ sơ giấy." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let head = try await AuditLog.head(on: context.application.db)
        context.console.print("Số thứ tự: \(head.seq)")
        context.console.print("Mã băm: \(head.hash)")
        context.console.print("Kiểm tra sau này: qlcb audit-verify --seq \(head.seq) --head \(head.hash)")
    }
}
