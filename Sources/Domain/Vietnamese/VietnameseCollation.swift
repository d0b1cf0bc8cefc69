import Foundation

/// Vietnamese name order (D14): by given name (the last word), then family and middle names,
/// letters in the Vietnamese alphabet (a ă â b c d đ e ê …), tones only as a tie-breaker
/// (ngang, huyền, hỏi, ngã, sắc, nặng).
///
/// `sortKey` is a string of lowercase ASCII letters of fixed width per character, so that a
/// plain `ORDER BY` gives the same order on SQLite and PostgreSQL, whatever the collation.
public enum VietnameseCollation {
    static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
        "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]
    static let letterRank: [String: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// Tone marks in Vietnamese dictionary order; no mark ranks 0.
    static let toneRank: [UInt32: Int] = [0x0300: 1, 0x0309: 2, 0x0303: 3, 0x0301: 4, 0x0323: 5]
    static let vowelMarks: Set<UInt32> = [0x0306, 0x0302, 0x031B]

    public static func sortKey(fullName: String) -> String {
        let words = VietnameseText.normalize(fullName).lowercased().split(separator: " ").map(String.init)
        guard let given = words.last else { return "" }
        let ordered = [given] + words.dropLast()
        let letters = ordered.map(primary).joined(separator: code(0))
        let tones = ordered.map(secondary).joined(separator: code(0))
        return letters + code(0) + code(0) + tones
    }

    /// True when `a` comes before `b` in Vietnamese name order.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        sortKey(fullName: a) < sortKey(fullName: b)
    }

    /// Two letters per unit: "aa" is the word separator, so a shorter word sorts first.
    static func code(_ rank: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return String([letters[rank / 26], letters[rank % 26]])
    }

    static func decompose(_ character: Character) -> (base: String, tone: Int) {
        var base = String.UnicodeScalarView()
        var tone = 0
        for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars {
            if let rank = toneRank[scalar.value] { tone = rank } else { base.append(scalar) }
        }
        return (String(base).precomposedStringWithCanonicalMapping, tone)
    }

    static func primary(_ word: String) -> String {
        word.map { character -> String in
            let base = decompose(character).base
            if let rank = letterRank[base] { return code(40 + rank) }
            if let digit = character.wholeNumberValue, character.isASCII { return code(28 + digit) }
            return code(1) // punctuation such as a hyphen sorts before letters
        }.joined()
    }

    static func secondary(_ word: String) -> String {
        word.map { code(1 + decompose($0).tone) }.joined()
    }
}
