import Foundation

/// The name–value pairs of a URL-encoded text (a query or a form's body), in the order sent, each
/// decoded (`+` a space, `%XX` a byte); a pair without `=` has an empty value. For the few places
/// that must see every name as sent, where Vapor's decoder answers one name at a time.
enum URLEncodedPairs {
    static func parse(_ text: String) -> [(name: String, value: String)] {
        raw(text).map { (decode($0.name) ?? String($0.name), $0.value.map { decode($0) ?? String($0) } ?? "") }
    }

    /// The pairs as sent, not decoded: each name, and its value after the first `=` (nil without one).
    static func raw(_ text: String) -> [(name: Substring, value: Substring?)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (parts[0], parts.count > 1 ? parts[1] : nil)
        }
    }

    /// `s` with `+` a space and each `%XX` its byte; nil when that is not UTF-8 or a `%` is not followed
    /// by two hex digits.
    static func decode(_ s: Substring) -> String? {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
