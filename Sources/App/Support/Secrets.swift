import Crypto
import Foundation
import Vapor

/// Random tokens and their digests: API tokens, confirmation links and CSRF tokens all use these
/// two, so there is one place that decides how secrets are made and stored (the audit chain is
/// sealed with a key: `AuditKey`).
enum Secrets {
    /// `bytes` random bytes as URL-safe base64 without padding.
    static func token(bytes: Int) -> String {
        [UInt8].random(count: bytes).base64.replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Lowercase hex SHA-256 of the UTF-8 text: what is stored instead of a secret.
    static func sha256(_ text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }
}
