@testable import App
import Foundation
import Testing

/// Digests are stored and compared as lowercase hex (`Hex`): audit seals already in a database, token
/// hashes and checksums must read the same as before the helper replaced `String(format: "%02x")`.
@Suite("Digests as hex text")
struct HexTests {
    @Test func everyByteIsTwoLowercaseDigitsInOrder() {
        for byte in UInt8.min...UInt8.max {
            let digits = String(byte, radix: 16)
            #expect(Hex.lowercase([byte]) == (digits.count == 1 ? "0" + digits : digits))
        }
        #expect(Hex.lowercase([0x00, 0xAB, 0x0F, 0xF0]) == "00ab0ff0")
        #expect(Hex.lowercase([UInt8]()) == "")
    }

    @Test func tokenHashesAreTheKnownSHA256Digests() {
        // FIPS 180-2, appendix B.1.
        #expect(Secrets.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func auditSealsAreTheKnownHMACSHA256Codes() throws {
        // RFC 4231, test case 6: a key longer than SHA-256's block (131 bytes of 0xaa).
        let key = try AuditKey(bytes: [UInt8](repeating: 0xAA, count: 131))
        #expect(key.seal("Test Using Larger Than Block-Size Key - Hash Key First")
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
