import Foundation
import Metrics
import SQLKit
import Vapor

/// The outbox as the operator watches it (docs/operations.md): `/readyz`'s "mail" check and the
/// `/metrics` gauge of letters per state.
enum MailHealth {
    /// Stuck: with a server configured, the oldest letter still waiting became due more than
    /// `MailSettings.stuckAfter` ago (no worker runs, or the server refuses everything). Without
    /// `SMTP_URL` nothing is meant to be sent, so nothing is stuck.
    static func problem(_ app: Application, now: Date) async -> String? {
        let settings = app.mail
        guard settings.smtp != nil else { return nil }
        do {
            guard let sql = app.db as? any SQLDatabase else { return nil }
            guard let oldest = try await Outbox.oldestDue(now: now, on: sql) else { return nil }
            let minutes = Int(now.timeIntervalSince(oldest) / 60)
            return now.timeIntervalSince(oldest) > settings.stuckAfter ? "Hàng đợi thư bị tắc: thư cũ nhất đã chờ \(minutes) phút" : nil
        } catch {
            return "Không đọc được hàng đợi thư"
        }
    }

    static func recordDepth(_ app: Application) async {
        guard let sql = app.db as? any SQLDatabase, let depth = try? await Outbox.depth(on: sql) else { return }
        for (state, count) in depth {
            Gauge(label: "qlcb_mail_outbox_messages", dimensions: [("state", state)]).record(count)
        }
    }
}
