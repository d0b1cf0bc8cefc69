import Foundation

/// Art. 7.1 (D9): the product records which secrets exist and who holds them, never a secret's value.
/// This looks at what a person sends (each property's name and text) and says why it is refused when
/// it looks like a value: a property named like a password, token or key, or text that reads like a
/// credential ("mật khẩu: …", "password=…", a PEM block, a long random token).
/// See docs/duties-and-handover.md.
public enum SecretValueDetector {
    public static let reason = "Không được ghi giá trị bí mật (mật khẩu, khóa, mã truy cập…) vào hệ thống: Điều 7.1 cấm tiết lộ "
        + "bí mật của hệ thống thông tin khi chưa được cấp trên cho phép. Chỉ ghi loại bí mật và người nắm giữ."

    /// Property names (folded: lowercase, letters and digits only) that carry a value.
    static let namesExactly: Set<String> = ["secret", "pass", "pwd", "pin", "otp", "key", "value", "secretvalue", "keyvalue",
                                            "credential", "credentials", "matkhau", "mk", "khoa", "passphrase"]
    static let nameEndings = ["password", "passwd", "token", "privatekey", "secretkey", "apikey", "secretvalue", "keyvalue",
                              "matkhau", "passphrase", "accesskey"]

    /// Whether a property of this name would carry a secret value.
    public static func isSecretName(_ name: String) -> Bool {
        let folded = String(VietnameseText.fold(name).unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        return namesExactly.contains(folded) || nameEndings.contains { folded.hasSuffix($0) }
    }

    static let labelled = try! NSRegularExpression(
        pattern: #"(password|passwd|pwd|passphrase|mat ?khau|\bmk|\bpass|token|secret|api[ _-]?key|private[ _-]?key|khoa bi mat)\s*[:=]\s*\S+"#,
        options: [.caseInsensitive])
    static let pem = try! NSRegularExpression(pattern: #"-----BEGIN [A-Z0-9 ]+-----"#)
    /// A long run of letters and digits (with + / _ =) holding both: an API key or a hash.
    static let randomToken = try! NSRegularExpression(pattern: #"(?=[A-Za-z0-9+/_=]*[0-9])(?=[A-Za-z0-9+/_=]*[A-Za-z])[A-Za-z0-9+/_=]{32,}"#)

    /// Whether free text reads like a credential.
    public static func looksLikeSecret(_ text: String) -> Bool {
        let folded = VietnameseText.fold(text)
        for (regex, subject) in [(labelled, folded), (pem, text), (randomToken, text)] {
            let range = NSRange(subject.startIndex..., in: subject)
            if regex.firstMatch(in: subject, range: range) != nil { return true }
        }
        return false
    }

    /// The first property (by its path) that carries something like a secret value, or nil.
    /// `fields` are the request's properties flattened to a path ("holders[0].note") and their text.
    public static func offendingField(_ fields: [(path: String, text: String)]) -> String? {
        for field in fields {
            let last = field.path.split(whereSeparator: { $0 == "." || $0 == "[" }).last.map(String.init) ?? field.path
            if isSecretName(last) || looksLikeSecret(field.text) { return field.path }
        }
        return nil
    }
}
