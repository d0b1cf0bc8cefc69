import SQLKit

/// `column` holds `text` somewhere, both folded (`VietnameseText.fold`, D14), the user's text taken
/// as it is: `%`, `_` and `\` match themselves, not any text.
///
/// On SQLite it is `instr`, a plain substring test: LIKE's pattern matcher took a quarter of an
/// officer search page (bench/results/speed-issue14.md). On PostgreSQL it is LIKE with the wildcards
/// escaped, which the trigram indexes on the folded names serve (ADR 0017).
struct FoldedContains: SQLExpression {
    let column: any SQLExpression
    let text: String

    func serialize(to serializer: inout SQLSerializer) {
        if serializer.dialect.name == "sqlite" {
            serializer.write("instr(")
            column.serialize(to: &serializer)
            serializer.write(", ")
            SQLBind(text).serialize(to: &serializer)
            serializer.write(") > 0")
        } else {
            column.serialize(to: &serializer)
            serializer.write(" LIKE ")
            SQLBind("%" + Self.likeEscaped(text) + "%").serialize(to: &serializer)
            serializer.write(" ESCAPE '\\'")
            // A text too short for a trigram gets a statement, and a plan, of its own (ADR 0027).
            if text.count < 3 { serializer.write(" /* short text */") }
        }
    }

    /// `text` with LIKE's wildcards and its escape character escaped.
    static func likeEscaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
