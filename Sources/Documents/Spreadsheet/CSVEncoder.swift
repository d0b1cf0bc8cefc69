/// CSV in UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly (RFC 4180 quoting,
/// CRLF line ends). Rows are encoded batch by batch; nothing keeps the whole list.
public enum CSVEncoder {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func header(_ columns: [SheetColumn]) -> [UInt8] {
        byteOrderMark + line(columns.map(\.title))
    }

    public static func rows(_ rows: [[Cell]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for row in rows { bytes += line(row.map(\.csvText)) }
        return bytes
    }

    static func line(_ fields: [String]) -> [UInt8] {
        Array((fields.map(quote).joined(separator: ",") + "\r\n").utf8)
    }

    static func quote(_ field: String) -> String {
        // A leading = + - @ would make a spreadsheet run the cell as a formula (CSV injection).
        let guarded = field.first.map { "=+-@".contains($0) } == true && Int(field) == nil ? "'" + field : field
        guard guarded.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return guarded }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
