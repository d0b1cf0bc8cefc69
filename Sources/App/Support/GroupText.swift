import SQLKit

/// The texts of a group joined by `separator`, in no particular order: `group_concat` on SQLite,
/// `string_agg` on PostgreSQL. Callers must not depend on the order: neither database promises one
/// unless the aggregate is given its own `ORDER BY`, and this one is not.
struct GroupText: SQLExpression {
    let text: any SQLExpression
    let separator: String

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(serializer.dialect.name == "sqlite" ? "group_concat(" : "string_agg(")
        text.serialize(to: &serializer)
        serializer.write(", ")
        SQLLiteral.string(separator).serialize(to: &serializer)
        serializer.write(")")
    }
}
