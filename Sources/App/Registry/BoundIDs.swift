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
    /// The ids as PostgreSQL's binary `uuid[]`, the bytes PostgresNIO's `Array.encode` writes, made
    /// once: its generic encoding of each element, at every statement, was 12 % of the server's CPU
    /// on a district head's agency list on PostgreSQL (issue 14, twenty-eighth part).
    let postgresArray: ByteBuffer

    init(_ ids: some Sequence<UUID>) {
        let strings = Set(ids).map(\.canonicalText).sorted()
        self.ids = strings.compactMap(UUID.init(uuidString:))
        text = "[" + strings.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        digest = Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
        postgresArray = Self.postgresArray(self.ids)
    }

    /// One dimension (none when empty), no NULLs, the element type, then the length, the lower bound
    /// 1 and each id as its length and its 16 bytes.
    private static func postgresArray(_ ids: [UUID]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 20 + 20 * ids.count)
        buffer.writeInteger(ids.isEmpty ? 0 : 1, as: UInt32.self)
        buffer.writeInteger(0, as: Int32.self)
        buffer.writeInteger(PostgresDataType.uuid.rawValue)
        guard !ids.isEmpty else { return buffer }
        buffer.writeInteger(Int32(ids.count))
        buffer.writeInteger(1, as: Int32.self)
        for id in ids {
            buffer.writeInteger(16, as: Int32.self)
            withUnsafeBytes(of: id.uuid) { _ = buffer.writeBytes($0) }
        }
        return buffer
    }

    /// The ids decide the rest.
    static func == (lhs: BoundIDs, rhs: BoundIDs) -> Bool { lhs.ids == rhs.ids }

    init?(sqliteData: SQLiteData) { nil }
    var sqliteData: SQLiteData? { .text(text) }

    static var psqlType: PostgresDataType { .uuidArray }
    static var psqlFormat: PostgresFormat { .binary }
    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        buffer.writeImmutableBuffer(postgresArray)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// What a kept statement's key holds for this bind: the digest, never the ids.
    var description: String { "ids:" + digest }
}
