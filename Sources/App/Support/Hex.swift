/// Bytes as lowercase hexadecimal text: the digests the system stores and compares as text (the audit
/// chain's seals, token hashes, upload checksums). One place, and no formatted string per byte:
/// `String(format: "%02x")` for each of a seal's 32 bytes was 9 % of the year-end run that seals
/// 7,930 audit entries at 200,000 officers (issue 14).
enum Hex {
    static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
