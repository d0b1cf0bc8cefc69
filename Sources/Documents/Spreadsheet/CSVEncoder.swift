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
        var bytes: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field, to: &bytes)
        }
        bytes += [13, 10]
        return bytes
    }

    /// RFC 4180 quoting on the UTF-8 bytes (no character-by-character work on the text). A field that
    /// starts with = + - @ and is not a number gets a leading apostrophe, so a spreadsheet never runs
    /// it as a formula (CSV injection).
    static func append(_ field: String, to bytes: inout [UInt8]) {
        let utf8 = field.utf8
        let formula = utf8.first.map { [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")].contains($0) } == true
            && Int(field) == nil
        let quoted = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        if formula { bytes.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        if quoted { bytes.append(UInt8(ascii: "\"")) }
    }
}
