import Foundation

/// UUIDs to and from their canonical text (8-4-4-4-12 hexadecimal digits) without Foundation's
/// `sscanf`/`snprintf` path on Linux, which took about 7 % of a ticket list request: a page of 50
/// tickets parses and prints 150 ids.
extension UUID {
    /// The canonical form, in either case; nil for anything else. Read at the fixed places of its
    /// digits from the text's UTF-8 bytes.
    init?(canonical text: String) {
        var text = text
        guard let value = text.withUTF8(Self.parse) else { return nil }
        self.init(uuid: value)
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        let dash = UInt8(ascii: "-")
        guard text.count == 36, text[8] == dash, text[13] == dash, text[18] == dash, text[23] == dash else { return nil }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &value) { bytes -> Bool in
            var at = 0
            for index in 0..<16 {
                if at == 8 || at == 13 || at == 18 || at == 23 { at += 1 }
                guard let high = hexValue(text[at]), let low = hexValue(text[at + 1]) else { return false }
                bytes[index] = high << 4 | low
                at += 2
            }
            return true
        }
        return parsed ? value : nil
    }

    /// The same text as `uuidString` (upper case).
    var canonicalText: String {
        let digits = Self.digits
        return withUnsafeBytes(of: uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var j = 0
                for (i, byte) in raw.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 { buffer[j] = UInt8(ascii: "-"); j += 1 }
                    buffer[j] = digits[Int(byte >> 4)]
                    buffer[j + 1] = digits[Int(byte & 0x0F)]
                    j += 2
                }
                return j
            }
        }
    }

    private static let digits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
