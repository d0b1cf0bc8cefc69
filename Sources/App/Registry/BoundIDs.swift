import Crypto
import Foundation
import SQLiteNIO

/// A reach read out (`VisibleAgencies.ReadOut`): its agencies' ids as the one JSON text every
/// statement testing rows against it binds, with that text's digest, made once when it is read out.
/// A kept statement's key names its binds (`KeptReads.rows`): this one by the digest, so that a
/// district head's 1,291 ids (48 KB) are not copied and hashed again for each statement of each
/// page (issue 14: SHA-256 was about 3 % of a head's dashboard in `perf`; the gain is within the
/// machine's drift between rounds).
struct BoundIDs: Encodable, Sendable, Equatable, CustomStringConvertible, SQLiteDataConvertible {
    let text: String
    let digest: String

    init(_ text: String) {
        self.text = text
        digest = Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    init?(sqliteData: SQLiteData) { nil }
    var sqliteData: SQLiteData? { .text(text) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// What a kept statement's key holds for this bind: the digest, never the text.
    var description: String { "ids:" + digest }
}
