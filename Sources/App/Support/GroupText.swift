import SQLKit

/// The texts of a group joined by `separator`, in no particular order: `group_concat` on SQLite,
/// `string_agg` on PostgreSQL. Callers must not depend on the order (neither database promises one
/// without an `ORDER BY` inside the aggregate, which SQLite 3.40 does not have).
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
