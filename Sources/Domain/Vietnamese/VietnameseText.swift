import Foundation

/// Diacritic folding and normalisation (D14: search ignores diacritics and case).
public enum VietnameseText {
    /// NFC, trimmed, inner runs of white space collapsed: how every text is stored.
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }

    /// Lowercase, without diacritics, "đ" as "d": "Nguyễn Văn Đức" → "nguyen van duc".
    /// The folded form is stored in a search column so that both databases search alike.
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in normalize(text).decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue // combining marks: tones, breve, circumflex, horn
            case 0x0110, 0x0111: scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).lowercased()
    }
}
