import Domain
import Foundation
import Vapor

/// `qlcb work-log-summary --year Y [--format json]`: Form 2 of every officer for one evaluation year.
struct WorkLogSummaryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year") var year: Int?
        @Option(name: "format", help: "text (mặc định) hoặc json") var format: String?
    }

    var help: String { "Tổng hợp Mẫu 2 của mọi cán bộ trong một năm đánh giá." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let profile = try await ProfileStore.active(on: app.db)
        let year = signature.year ?? profile.evaluationYear(of: profile.date(of: app.clock.now()))
        let started = Date()
        // Read through a database on each event loop, so the count uses every core.
        let summaries = try await ProvinceSummaries.all(year: year, profile: profile, on: app.db, across: app.databasesOnEachLoop)
        let seconds = Date().timeIntervalSince(started)
        if signature.format == "json" {
            struct Row: Encodable { var officerId: String; var rows: [Int]; var total: Int; var inProgress: Int; var outsourcedCost: Int? }
            let rows = summaries.map { Row(officerId: $0.key.canonicalText, rows: $0.value.rows.map(\.quantity), total: $0.value.total,
                                           inProgress: $0.value.inProgress, outsourcedCost: $0.value.outsourcedCost) }
                .sorted { $0.officerId < $1.officerId }
            let data = try JSONEncoder().encode(["year": AnyEncodable(year), "seconds": AnyEncodable(seconds), "officers": AnyEncodable(rows)])
            context.console.print(String(decoding: data, as: UTF8.self))
        } else {
            let tickets = summaries.values.reduce(0) { $0 + $1.total }
            context.console.print("Năm đánh giá \(year): \(summaries.count) cán bộ, \(tickets) phiếu và sáng kiến; tính trong \(String(format: "%.3f", seconds)) giây.")
        }
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
