import Crypto
import Foundation
import PostgresNIO
import SQLiteNIO

/// A reach read out (`VisibleAgencies.ReadOut`): its agencies' ids, bound as one value to every
/// statement testing rows against it — on SQLite one JSON text of their ids as SQLite stores them
/// (`qlcb_id_in`, `json_each`), on PostgreSQL one `uuid[]` (`unnest`) — with a digest, made once when
/// it is read out. A kept statement's key names its binds (`KeptReads.rows`): this one by the digest,
/// so that a district head's 1,291 ids (48 KB) are not copied and hashed again for each statement of
/// each page (issue 14: SHA-256 was about 3 % of a head's dashboard in `perf`; the gain is within the
/// machine's drift between rounds).
struct BoundIDs: Encodable, Sendable, Equatable, CustomStringConvertible, SQLiteDataConvertible, PostgresNonThrowingEncodable {
    /// The ids, each once, in the order of their text (SQLite's `ORDER BY id`, PostgreSQL's order of
    /// `uuid`): a statement that puts them in a temporary index appends them in order.
    let ids: [UUID]
    /// The JSON array of the ids' texts, as SQLite's `json_group_array` writes it.
    let text: String
    let digest: String

    init(_ ids: some Sequence<UUID>) {
        let strings = Set(ids).map(\.canonicalText).sorted()
        self.ids = strings.compactMap(UUID.init(uuidString:))
        text = "[" + strings.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        digest = Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    init?(sqliteData: SQLiteData) { nil }
    var sqliteData: SQLiteData? { .text(text) }

    static var psqlType: PostgresDataType { .uuidArray }
    static var psqlFormat: PostgresFormat { .binary }
    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        ids.encode(into: &buffer, context: context)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// What a kept statement's key holds for this bind: the digest, never the ids.
    var description: String { "ids:" + digest }
}
