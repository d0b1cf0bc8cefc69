import Foundation
import Leaf
import LeafKit
import Vapor

/// A page's values as Leaf's data, made the way Leaf's own encoder makes them but without its cost
/// per value (issue 14, ADR 0021). Leaf 4's `LeafEncoder` casts every value, even each string of a
/// row, to an existential `LeafDataRepresentable`, makes a coding key with an interpolated string for
/// every element of an array, and builds each dictionary twice; on the staffing page that was 15 % of
/// the request. Here the scalars go straight in, only the types LeafKit itself represents are
/// recognised (by their type, not by a protocol cast), and everything else is encoded through its own
/// `Encodable` conformance into a dictionary, an array or a single value — the same data Leaf's encoder
/// gives (`PageDataTests` compares the two).
enum PageData {
    static func encode(_ value: some Encodable) throws -> [String: LeafData] {
        guard let dictionary = try (data(value) ?? .dictionary([:])).dictionary else {
            throw Abort(.internalServerError, reason: "Dữ liệu của trang phải là một cấu trúc có tên trường.")
        }
        return dictionary
    }

    /// One value: what LeafKit's `LeafDataRepresentable` gives for the types it represents, otherwise
    /// the value's own encoding (`nil` when it encodes nothing, as an absent optional).
    static func data<T: Encodable>(_ value: T) throws -> LeafData? {
        if let known = represented(value) { return known }
        let encoder = PageDataEncoder()
        try value.encode(to: encoder)
        return encoder.result
    }

    /// LeafKit's `LeafDataRepresentable` conformances (String, the integers, the floating points, Bool,
    /// UUID, Date), recognised by comparing types: a cast to the protocol searched the conformance table.
    private static func represented<T>(_ value: T) -> LeafData? {
        switch T.self {
        case is String.Type: .string(value as? String)
        case is Int.Type: .int(value as? Int)
        case is Bool.Type: .bool(value as? Bool)
        case is Double.Type: (value as? Double)?.leafData
        case is UUID.Type: (value as? UUID)?.leafData
        case is Date.Type: (value as? Date)?.leafData
        // The rarer ones through the protocol: still recognised by type first, so no other value is cast.
        case is Float.Type, is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type,
             is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type:
            (value as? any LeafDataRepresentable)?.leafData
        default: nil
        }
    }
}

/// The encoder of one value. Its containers write into boxes it keeps, so a container may outlive the
/// call that asked for it; the result is read once the value's `encode(to:)` has returned.
final class PageDataEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    enum Storage { case empty, single(LeafData), keyed(KeyedBox), unkeyed(UnkeyedBox) }
    var storage = Storage.empty

    final class KeyedBox {
        var values: [String: LeafData] = [:]
        /// Containers and encoders handed out for a key, read at the end.
        var later: [(String, PageDataEncoder)] = []
    }

    final class UnkeyedBox {
        var values: [LeafData?] = []
        var later: [(Int, PageDataEncoder)] = []
    }

    var result: LeafData? {
        switch storage {
        case .empty: return nil
        case .single(let data): return data
        case .keyed(let box):
            var values = box.values
            for (key, encoder) in box.later { values[key] = encoder.result }
            return .dictionary(values)
        case .unkeyed(let box):
            var values = box.values
            for (index, encoder) in box.later { values[index] = encoder.result }
            return .array(values.compactMap { $0 })
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed(let box) = storage { return KeyedEncodingContainer(Keyed(box: box)) }
        let box = KeyedBox()
        storage = .keyed(box)
        return KeyedEncodingContainer(Keyed(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed(let box) = storage { return Unkeyed(box: box) }
        let box = UnkeyedBox()
        storage = .unkeyed(box)
        return Unkeyed(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: KeyedBox
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode(_ value: String, forKey key: Key) throws { box.values[key.stringValue] = .string(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { box.values[key.stringValue] = .int(value) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box.values[key.stringValue] = .bool(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { box.values[key.stringValue] = value.leafData }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let data = try PageData.data(value) { box.values[key.stringValue] = data }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            handOut(key.stringValue).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { handOut(key.stringValue).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { handOut("super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { handOut(key.stringValue) }

        private func handOut(_ key: String) -> PageDataEncoder {
            let encoder = PageDataEncoder()
            box.later.append((key, encoder))
            return encoder
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: UnkeyedBox
        var codingPath: [any CodingKey] { [] }
        var count: Int { box.values.count }

        mutating func encodeNil() throws {}
        mutating func encode(_ value: String) throws { box.values.append(.string(value)) }
        mutating func encode(_ value: Int) throws { box.values.append(.int(value)) }
        mutating func encode(_ value: Bool) throws { box.values.append(.bool(value)) }
        mutating func encode(_ value: Double) throws { box.values.append(value.leafData) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let data = try PageData.data(value) { box.values.append(data) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            handOut().container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { handOut().unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { handOut() }

        private func handOut() -> PageDataEncoder {
            let encoder = PageDataEncoder()
            box.later.append((box.values.count, encoder))
            box.values.append(nil)
            return encoder
        }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: PageDataEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws {}
        mutating func encode(_ value: String) throws { encoder.storage = .single(.string(value)) }
        mutating func encode(_ value: Int) throws { encoder.storage = .single(.int(value)) }
        mutating func encode(_ value: Bool) throws { encoder.storage = .single(.bool(value)) }
        mutating func encode(_ value: Double) throws { encoder.storage = .single(value.leafData) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let data = try PageData.data(value) { encoder.storage = .single(data) }
        }
    }
}
