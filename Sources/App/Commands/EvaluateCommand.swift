import Domain
import Foundation
import Vapor

/// `qlcb evaluate --year Y [--dry-run] [--format json]`: the year-end run (automatic D, discipline
/// patterns, reward candidates, efficiency). Idempotent; never overwrites a grade a person entered.
struct EvaluateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year") var year: Int?
        @Flag(name: "dry-run", help: "Chỉ báo cáo, không ghi") var dryRun: Bool
        @Option(name: "format", help: "text (mặc định) hoặc json") var format: String?
    }

    var help: String { "Chạy đánh giá cuối năm: xếp loại D tự động, dấu hiệu kỷ luật, đề nghị khen thưởng, hiệu quả." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let profile = try await ProfileStore.active(on: app.db)
        let now = app.clock.now()
        let year = signature.year ?? profile.yearUnderEvaluation(today: profile.date(of: now))
        let dryRun = signature.dryRun
        let started = Date()
        let report = try await app.write {
            try await YearEndRun.run(year: year, dryRun: dryRun, now: now, profile: profile, actor: "qlcb evaluate", on: $0)
        }
        if signature.format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            context.console.print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            context.console.print("""
                Năm đánh giá \(year)\(dryRun ? " (chạy thử, không ghi)" : ""):
                  Xếp loại D tự động (không nộp Sổ công tác đúng hạn): \(report.automaticD.count)
                  Dấu hiệu thôi hưởng ưu đãi (Điều 16.3.b): \(report.disciplineTriggers.count)
                  Cần xem xét (D, C, D): \(report.reviewFlags.count)
                  Đề nghị khen thưởng: \(report.rewardCandidates.count)
                  Cơ quan có số liệu hiệu quả: \(report.efficiency.count)
                  Thời gian chạy: \(String(format: "%.2f", Date().timeIntervalSince(started))) giây
                """)
        }
    }
}
