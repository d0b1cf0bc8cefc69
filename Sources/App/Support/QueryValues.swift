import Vapor

/// The names and values of a request's query, parsed once for the request (issue 14, ADR 0025).
/// Vapor's `req.query[String.self, at:]` runs its form decoder over the whole query at each call, and
/// a list asks for up to a dozen filters: 5.5 % of a head's ticket page, even with no query at all.
///
/// What it answers is what that decoder answered for a plain name (a test asks both): `+` is a space
/// and `%XX` a byte; a name sent twice has its last value, none when that value's `%` escapes are not
/// UTF-8 (`all` gives each value that decodes); empty pieces around `[` are left out of a name (`q[`
/// is `q`); a pair without `=`, a nested name (`a[b]`, `a[]`) and a name that does not decode are not
/// values of any name. One difference: the decoder refused the whole query for one malformed name
/// (`a[b`), where here only that pair is left out.
struct QueryValues: Sendable {
    /// Each name's values in the order sent; nil for one whose escapes are not UTF-8.
    private let values: [String: [String?]]

    init(_ query: String?) {
        var values: [String: [String?]] = [:]
        for pair in URLEncodedPairs.raw(query ?? "") {
            guard let value = pair.value, let name = Self.plainName(pair.name) else { continue }
            values[name, default: []].append(URLEncodedPairs.decode(value))
        }
        self.values = values
    }

    /// A pair's name as Vapor reads it, when it names a plain value: decoded, split at `[` with the
    /// empty pieces left out, and one piece only.
    private static func plainName(_ raw: Substring) -> String? {
        guard let pieces = URLEncodedPairs.decode(raw)?.split(separator: "["), pieces.count == 1 else { return nil }
        return String(pieces[0])
    }

    subscript(name: String) -> String? { values[name]?.last ?? nil }

    /// Every value sent for `name` that decodes, in the order sent.
    func all(_ name: String) -> [String] { values[name]?.compactMap { $0 } ?? [] }
}

extension Request {
    private struct QueryValuesKey: StorageKey { typealias Value = QueryValues }

    /// This request's query, parsed at the first question.
    var queryValues: QueryValues {
        if let parsed = storage[QueryValuesKey.self] { return parsed }
        let parsed = QueryValues(url.query)
        storage[QueryValuesKey.self] = parsed
        return parsed
    }

    /// The value of the query's `name`, nil when not sent.
    func queryText(_ name: String) -> String? { queryValues[name] }
}
