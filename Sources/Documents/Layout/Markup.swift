/// Pango markup built from plain text: every value from a user is escaped here.
public enum Markup {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    public static func bold(_ text: String) -> String { "<b>\(escape(text))</b>" }
    public static func italic(_ text: String) -> String { "<i>\(escape(text))</i>" }
}
