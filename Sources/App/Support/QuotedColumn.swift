import SQLKit

/// A column, `table.name`, written exactly as SQLKit's `SQLColumn` writes it, at a fraction of the cost
/// (issue 14, ADR 0025). SQLKit escapes every identifier with the standard library's generic
/// `replacing` and asks the driver for its dialect once for each identifier: building a head's
/// evaluation page's statements was 12 % of the server's samples, a third of it that escaping, and 70 %
/// of the identifiers were columns. A name with no quote in it needs no escaping, so it is written
/// between the dialect's quotes as it is. Anything else (a quote that is not SQLKit's plain text, a
/// name that holds it, `*`) is left to `SQLColumn`.
struct QuotedColumn: SQLExpression {
    let name: String
    let table: String?

    init(_ name: String, table: String? = nil) {
        self.name = name
        self.table = table
    }

    func serialize(to serializer: inout SQLSerializer) {
        if name == "*" || !QuotedIdentifier.write(name, table: table, to: &serializer) {
            SQLColumn(name, table: table).serialize(to: &serializer)
        }
    }
}

/// A table's name or an alias, written exactly as `SQLIdentifier` writes it, the same way.
struct QuotedIdentifier: SQLExpression {
    let name: String

    init(_ name: String) { self.name = name }

    func serialize(to serializer: inout SQLSerializer) {
        if !Self.write(name, table: nil, to: &serializer) {
            SQLIdentifier(name).serialize(to: &serializer)
        }
    }

    /// `"table"."name"` (or `"name"`) when the dialect's quote is plain text found in neither; false,
    /// with nothing written, otherwise.
    static func write(_ name: String, table: String?, to serializer: inout SQLSerializer) -> Bool {
        guard let quote = (serializer.dialect.identifierQuote as? SQLRaw)?.sql, quote.utf8.count == 1,
              let mark = quote.utf8.first, !name.utf8.contains(mark), !(table?.utf8.contains(mark) ?? false) else {
            return false
        }
        if let table { serializer.write(quote + table + quote + ".") }
        serializer.write(quote + name + quote)
        return true
    }
}

extension SQLQueryString {
    /// `\(name: table)`: the text SQLKit's `\(ident: table)` writes, written by `QuotedIdentifier`.
    mutating func appendInterpolation(name: String) {
        appendInterpolation(QuotedIdentifier(name))
    }
}
