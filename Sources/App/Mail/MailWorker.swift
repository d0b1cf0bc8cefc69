import Fluent
import Foundation
import NIOCore
import SQLKit
import Vapor

/// Something that hands a message to a mail server (`Msmtp` in production and in the tests, which
/// run a real SMTP server on loopback).
protocol MailSender: Sendable {
    func send(_ message: String, to recipient: String) async throws
}

extension Msmtp: MailSender {}

/// Delivers the outbox's due letters (ADR 0015): claim one (a lease), send it, mark it sent or
/// schedule the retry. Several instances may run it on one database: the claim lets exactly one
/// of them send each letter; a lease left by a crashed instance expires and the letter is taken again.
enum MailWorker {
    struct Pass: Sendable, Equatable {
        var sent = 0
        var failed = 0
    }

    /// One pass as of `now` (injected: tests move the clock instead of waiting).
    @discardableResult
    static func deliverDue(app: Application, sender: any MailSender, owner: String, now: Date, limit: Int = 50) async throws -> Pass {
        guard let sql = app.db as? any SQLDatabase else { return Pass() }
        let settings = app.mail
        var pass = Pass()
        for id in try await Outbox.due(now: now, limit: limit, on: sql) {
            let claimed = try await app.write { db in try await Outbox.claim(id, owner: owner, now: now, on: try db.sql()) }
            guard claimed, let letter = try await OutboxModel.find(id, on: app.db) else { continue }
            let message = MailMessage.render(letter, settings: settings, date: now)
            do {
                try await sender.send(message, to: letter.recipientAddress)
                try await app.write { db in try await Outbox.markSent(id, owner: owner, now: now, on: try db.sql()) }
                pass.sent += 1
            } catch {
                let said = (error as? Msmtp.Failure)?.description ?? String(describing: error)
                try await app.write { db in
                    try await Outbox.markFailed(id, owner: owner, attempts: letter.attempts, error: said, now: now, on: try db.sql())
                }
                app.logger.warning("Gửi thư không thành công", metadata: ["outbox": "\(id)", "attempt": "\(letter.attempts)"])
                pass.failed += 1
            }
        }
        return pass
    }

    /// The sender for the configured server, or nil (no `SMTP_URL`: nothing is sent).
    static func sender(for settings: MailSettings) throws -> (any MailSender)? {
        guard let server = settings.smtp else { return nil }
        guard let executable = Msmtp.locate() else { throw ConfigError(message: Msmtp.missing) }
        return Msmtp(server: server, from: settings.from, executable: executable)
    }

    /// Seconds between passes from `QLCB_MAIL_SECONDS` (default 15; 0 turns the worker off).
    static func interval(from text: String?) -> TimeAmount? {
        guard let text, !text.isEmpty else { return .seconds(15) }
        guard let seconds = Int64(text), seconds > 0 else { return nil }
        return .seconds(seconds)
    }
}

/// Runs the delivery passes and the daily reminders while the server runs (only `qlcb serve`, and
/// only with `SMTP_URL` for the delivery; the reminders are written either way so each person sees them).
struct MailLifecycle: LifecycleHandler {
    let every: TimeAmount
    let sender: (any MailSender)?
    let owner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().canonicalText.prefix(8))"

    final class Running: @unchecked Sendable { var tasks: [RepeatedTask] = [] }
    let running = Running()

    func didBoot(_ app: Application) throws {
        let loop = app.eventLoopGroup.next()
        if let sender {
            running.tasks.append(loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(2), delay: every) { _ in
                loop.makeFutureWithTask {
                    // Back-off and leases are elapsed time: the wall clock, like the letters' times and
                    // /readyz, even when QLCB_CLOCK fixes the calendar the rules read.
                    do { try await MailWorker.deliverDue(app: app, sender: sender, owner: owner, now: Date()) } catch {
                        app.logger.warning("Lượt gửi thư không thành công: \(String(describing: error))")
                    }
                }
            })
        }
        running.tasks.append(loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(10), delay: .hours(1)) { _ in
            loop.makeFutureWithTask {
                do { try await MailReminders.write(now: app.clock.now(), on: app) } catch {
                    app.logger.warning("Ghi thư nhắc hạn không thành công: \(String(describing: error))")
                }
            }
        })
    }

    func shutdown(_ app: Application) {
        running.tasks.forEach { $0.cancel() }
    }
}
