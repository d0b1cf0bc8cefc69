import Foundation

/// Diacritic folding and normalisation (D14: search ignores diacritics and case).
public enum VietnameseText {
    /// NFC, trimmed, inner runs of white space collapsed, control characters (a NUL, a DEL) taken
    /// as white space: how every text is stored and searched. PostgreSQL refuses a NUL in a text
    /// value, and no name holds one; between two words it still separates them.
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
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

    /// Whether `text` contains `part`, both already folded (`fold`), compared byte by byte: folded
    /// text keeps no combining marks, so equal text is equal UTF-8 and a match can only start on a
    /// character. Searches of rows held in memory (the staffing report: ten thousand agencies).
    public static func folded(_ text: String, contains part: String) -> Bool {
        // Read in place when the strings are contiguous (native ones are); copying them into a
        // `var` for `withUTF8` retains them, which rows shared by concurrent requests pay dearly.
        if let found = text.utf8.withContiguousStorageIfAvailable({ hay in
            part.utf8.withContiguousStorageIfAvailable { needle in contains(hay, needle) }
        }), let found {
            return found
        }
        var text = text, part = part
        return text.withUTF8 { hay in part.withUTF8 { needle in contains(hay, needle) } }
    }

    private static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard hay.count >= needle.count else { return false }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// `items` in order of their `name` without diacritics, ties by the name itself; each name is
    /// folded once (folding normalizes Unicode, too costly to repeat in every comparison).
    public static func sorted<T>(_ items: some Sequence<T>, byName name: (T) -> String) -> [T] {
        items.map { (key: fold(name($0)), name: name($0), item: $0) }
            .sorted { ($0.key, $0.name) < ($1.key, $1.name) }.map(\.item)
    }
}
