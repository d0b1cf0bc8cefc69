import Foundation
import Vapor

/// How the system sends mail (docs/operations.md "Thư điện tử"): `SMTP_URL` names the server,
/// `QLCB_MAIL_FROM` the sender, `QLCB_PUBLIC_URL` (else `PUBLIC_URL`) the address links in letters
/// start with. Without
/// `SMTP_URL` letters are still written to the outbox (each person still sees them) but none is sent.
struct MailSettings: Sendable {
    var smtp: SMTPServer?
    var from: String
    var publicURL: String
    /// A due letter older than this with a server configured makes `/readyz` report the queue stuck.
    var stuckAfter: TimeInterval = 30 * 60

    static let defaultFrom = "QLCB-CNTT <khong-tra-loi@qlcb.local>"

    static func from(environment env: [String: String]) throws -> MailSettings {
        let url = env["SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }
        var settings = MailSettings(smtp: try url.map(SMTPServer.init(url:)),
                                    from: env["QLCB_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultFrom,
                                    publicURL: Self.trimmed(env["QLCB_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["PUBLIC_URL"] ?? ""))
        if let text = env["QLCB_MAIL_STUCK_MINUTES"], !text.isEmpty {
            guard let minutes = Int(text), minutes > 0 else {
                throw ConfigError(message: "QLCB_MAIL_STUCK_MINUTES phải là số phút (số nguyên dương).")
            }
            settings.stuckAfter = TimeInterval(minutes * 60)
        }
        return settings
    }

    /// The absolute address of a page of this system (the path alone when no public URL is set).
    func link(_ path: String) -> String { publicURL + path }

    /// The bare address of the sender (`Tên <a@b>` → `a@b`), for the envelope.
    var fromAddress: String { Self.address(in: from) }

    /// The host part of the sender, which names every Message-ID.
    var messageIDDomain: String {
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? ""
        return domain.isEmpty ? "qlcb.local" : domain
    }

    static func address(in text: String) -> String {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func trimmed(_ url: String) -> String {
        var url = url.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

/// `smtp://[user[:password]@]host[:port][?starttls=1]` or `smtps://…` (TLS from the first byte).
/// The password is kept for the one process that needs it and never printed (`description` hides it).
struct SMTPServer: Sendable, Equatable, CustomStringConvertible {
    enum Security: String, Sendable { case none, startTLS, tls }
    var host: String
    var port: Int
    var security: Security
    var user: String?
    var password: String?

    init(host: String, port: Int, security: Security = .none, user: String? = nil, password: String? = nil) {
        self.host = host; self.port = port; self.security = security; self.user = user; self.password = password
    }

    init(url: String) throws {
        let invalid = ConfigError(message: "SMTP_URL không hợp lệ: dùng smtp://máy-chủ:cổng, smtps://… hoặc thêm ?starttls=1")
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
              scheme == "smtp" || scheme == "smtps", let host = parts.host, !host.isEmpty else { throw invalid }
        let starttls = parts.queryItems?.first { $0.name == "starttls" }?.value
        self.host = host
        self.security = scheme == "smtps" ? .tls : (starttls == "1" || starttls == "true" ? .startTLS : .none)
        self.port = parts.port ?? (scheme == "smtps" ? 465 : (security == .startTLS ? 587 : 25))
        guard (1...65535).contains(port) else { throw invalid }
        self.user = parts.user?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        self.password = parts.password?.removingPercentEncoding
    }

    var description: String {
        let scheme = security == .tls ? "smtps" : "smtp"
        let who = user.map { "\($0):***@" } ?? ""
        return "\(scheme)://\(who)\(host):\(port)\(security == .startTLS ? "?starttls=1" : "")"
    }
}

extension Application {
    private struct MailSettingsKey: StorageKey { typealias Value = MailSettings }
    var mail: MailSettings {
        get { storage[MailSettingsKey.self] ?? MailSettings(smtp: nil, from: MailSettings.defaultFrom, publicURL: "") }
        set { storage[MailSettingsKey.self] = newValue }
    }
}
