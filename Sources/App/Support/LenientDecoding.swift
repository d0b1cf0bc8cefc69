/// Form posts leave out empty checkboxes and may send numbers as text: inputs decode leniently
/// so that a missing field is an empty value, reported by validation next to its field.
extension KeyedDecodingContainer {
    func text(_ key: Key) -> String {
        if let value = try? decodeIfPresent(String.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return String(value) }
        return ""
    }

    func flag(_ key: Key) -> Bool {
        if let value = try? decodeIfPresent(Bool.self, forKey: key) { return value }
        return ["true", "1", "on", "yes"].contains(text(key).lowercased())
    }

    func number(_ key: Key) -> Int? {
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return value }
        return Int(text(key))
    }
}
