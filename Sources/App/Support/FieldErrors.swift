/// Validation messages keyed by field name, shown next to each field (and as API field errors).
struct FieldErrors: Error, Sendable, Encodable {
    private(set) var messages: [String: String]

    init(_ messages: [String: String] = [:]) { self.messages = messages }

    var isEmpty: Bool { messages.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    subscript(field: String) -> String? { messages[field] }

    func encode(to encoder: any Encoder) throws { try messages.encode(to: encoder) }
}

/// Someone else saved the record since this form was opened (optimistic version).
struct StaleVersion: Error {}
