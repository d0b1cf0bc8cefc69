import Vapor

/// The names and values of a request's query, parsed once for the request (issue 14, ADR 0025).
/// Vapor's `req.query[String.self, at:]` runs its form decoder over the whole query at each call, and
/// a list asks for up to a dozen filters: 5.5 % of a head's ticket page, even with no query at all.
///
/// What it answers is what that decoder answered for a plain name: `+` is a space and `%XX` a byte;
/// a name sent twice has its last value (`all` gives each); a pair without `=`, a name with brackets
/// (`a[b]`, a nested value), a name or value whose `%` escapes are not UTF-8 are not values of any
/// name. One difference: the decoder refused the whole query for one bad name, where here only that
/// pair is left out.
struct QueryValues: Sendable {
    private let values: [String: [String]]

    init(_ query: String?) {
        var values: [String: [String]] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = URLEncodedPairs.decode(parts[0]), !name.contains("["),
                  let value = URLEncodedPairs.decode(parts[1]) else { continue }
            values[name, default: []].append(value)
        }
        self.values = values
    }

    subscript(name: String) -> String? { values[name]?.last }

    /// Every value sent for `name`, in the order sent.
    func all(_ name: String) -> [String] { values[name] ?? [] }
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
