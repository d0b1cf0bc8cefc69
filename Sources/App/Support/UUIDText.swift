import Foundation

/// UUIDs to and from their canonical text (8-4-4-4-12 hexadecimal digits) without Foundation's
/// `sscanf`/`snprintf` path on Linux, which took about 7 % of a ticket list request: a page of 50
/// tickets parses and prints 150 ids.
extension UUID {
    /// The canonical form, in either case; nil for anything else.
    init?(canonical text: String) {
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &value) { bytes -> Bool in
            var count = 0
            var index = 0
            var high: UInt8?
            for c in text.utf8 {
                defer { index += 1 }
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard c == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard index < 36, let digit = Self.hexValue(c) else { return false }
                if let h = high {
                    bytes[count] = h << 4 | digit
                    count += 1
                    high = nil
                } else {
                    high = digit
                }
            }
            return index == 36 && count == 16
        }
        guard parsed else { return nil }
        self.init(uuid: value)
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
