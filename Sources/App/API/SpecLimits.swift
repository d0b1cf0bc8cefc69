import Foundation
import Vapor
import Yams

/// The limits `openapi.yaml` sets (maxLength, minimum, maximum, maxItems) on the JSON bodies and query
/// parameters of each operation. The generated code checks types, not limits, so these are enforced
/// here, read from the same spec: a limit changed in the spec changes what is refused (issue 10 §4).
struct SpecLimits: Sendable {
    final class Schema: Sendable {
        /// A string that is not an enumeration: its length is the sender's to choose.
        let isFreeText: Bool
        let maxLength: Int?
        let minimum: Double?
        let maximum: Double?
        let maxItems: Int?
        let properties: [String: Schema]
        let items: Schema?

        init(isFreeText: Bool = false, maxLength: Int?, minimum: Double?, maximum: Double?, maxItems: Int?,
             properties: [String: Schema], items: Schema?) {
            self.isFreeText = isFreeText; self.maxLength = maxLength; self.minimum = minimum; self.maximum = maximum
            self.maxItems = maxItems; self.properties = properties; self.items = items
        }
    }

    struct Operation: Sendable {
        var method: String
        var segments: [String]
        var body: Schema?
        var query: [String: Schema]
        /// The media types of its successful answers (`2xx`), for the `Accept` check made before
        /// the handler runs (`SpecLimitsMiddleware`).
        var produces: [String] = []
    }

    let operations: [Operation]
    /// The named schemas of `components.schemas`, for the web forms that share the API's limits.
    let schemas: [String: Schema]

    init(yaml text: String) throws {
        guard let root = try Yams.load(yaml: text) as? [String: Any], let paths = root["paths"] as? [String: Any] else {
            throw ConfigError(message: "openapi.yaml không có mục paths.")
        }
        let resolver = Resolver(root: root)
        var operations: [Operation] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            guard let item = item as? [String: Any] else { continue }
            let shared = item["parameters"] as? [Any] ?? []
            for method in ["get", "post", "put", "patch", "delete"] {
                guard let operation = item[method] as? [String: Any] else { continue }
                var query: [String: Schema] = [:]
                for parameter in shared + (operation["parameters"] as? [Any] ?? []) {
                    guard let p = resolver.object(parameter), p["in"] as? String == "query", let name = p["name"] as? String,
                          let schema = p["schema"] else { continue }
                    query[name] = resolver.schema(schema)
                }
                let body = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])
                    .flatMap { $0["application/json"] as? [String: Any] }?["schema"].map(resolver.schema)
                let answers = (operation["responses"] as? [String: Any] ?? [:]).filter { $0.key.hasPrefix("2") }
                let produces = answers.values.flatMap { (resolver.object($0)?["content"] as? [String: Any] ?? [:]).keys }
                operations.append(Operation(method: method.uppercased(), segments: path.split(separator: "/").map(String.init),
                                            body: body, query: query, produces: Array(Set(produces)).sorted()))
            }
        }
        self.operations = operations
        let components = (root["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        schemas = components.mapValues(resolver.schema)
    }

    /// The limit the spec sets for "Schema.property" (or a string schema named alone, "FormText").
    func schema(_ key: String) -> Schema? {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard let named = schemas[parts[0]] else { return nil }
        return parts.count == 1 ? named : named.properties[parts[1]]
    }

    /// The operation of a request path under /api/v1, if the spec has one.
    func operation(method: String, path: String) -> Operation? {
        let parts = path.split(separator: "/").map(String.init)
        return operations.first { op in
            op.method == method && op.segments.count == parts.count
                && zip(op.segments, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    /// A JSON value as the body carries it, decoded strictly (a number is never taken for a boolean).
    enum JSONValue: Decodable {
        case bool(Bool), number(Double), string(String), list([JSONValue]), object([String: JSONValue]), null

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let v = try? c.decode(Bool.self) { self = .bool(v) }
            else if let v = try? c.decode(Double.self) { self = .number(v) }
            else if let v = try? c.decode(String.self) { self = .string(v) }
            else if let v = try? c.decode([JSONValue].self) { self = .list(v) }
            else { self = .object(try c.decode([String: JSONValue].self)) }
        }
    }

    /// The length a text's `maxLength` is measured in: its Unicode code points, as JSON Schema counts
    /// them, once composed (NFC), so that a Vietnamese letter is one however it was typed. A letter
    /// under a pile of combining marks counts every mark (counted as characters, "a" with 3,000 marks
    /// was one).
    static func length(_ text: String) -> Int { text.precomposedStringWithCanonicalMapping.unicodeScalars.count }

    /// What breaks a limit, by field (dotted path for nested values), in Vietnamese.
    static func problems(_ value: JSONValue, _ schema: Schema, at field: String, into errors: inout FieldErrors) {
        switch value {
        case .string(let text):
            if let max = schema.maxLength, length(text) > max { errors.add(field, "Tối đa \(max) ký tự (đang có \(length(text))).") }
        case .number(let v):
            if let min = schema.minimum, v < min { errors.add(field, "Giá trị nhỏ nhất là \(display(min)).") }
            if let max = schema.maximum, v > max { errors.add(field, "Giá trị lớn nhất là \(display(max)).") }
        case .list(let list):
            if let max = schema.maxItems, list.count > max { errors.add(field, "Tối đa \(max) phần tử.") }
            if let items = schema.items {
                for (i, element) in list.enumerated() { problems(element, items, at: "\(field)[\(i)]", into: &errors) }
            }
        case .object(let object):
            for (key, element) in object.sorted(by: { $0.key < $1.key }) {
                if let property = schema.properties[key] {
                    problems(element, property, at: field.isEmpty ? key : "\(field).\(key)", into: &errors)
                }
            }
        case .bool, .null:
            break
        }
    }

    static func display(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
    }

    /// `$ref`s of the spec, followed; a cycle or a missing target ends in an empty schema.
    private struct Resolver {
        let root: [String: Any]

        func object(_ node: Any, depth: Int = 0) -> [String: Any]? {
            guard let dict = node as? [String: Any] else { return nil }
            guard let ref = dict["$ref"] as? String, depth < 8 else { return dict }
            var target: Any? = root
            for key in ref.dropFirst(2).split(separator: "/") { target = (target as? [String: Any])?[String(key)] }
            return target.flatMap { object($0, depth: depth + 1) }
        }

        func schema(_ node: Any) -> Schema { schema(node, depth: 0) }

        private func schema(_ node: Any, depth: Int) -> Schema {
            let dict = object(node) ?? [:]
            let properties = depth > 8 ? [:] : (dict["properties"] as? [String: Any] ?? [:]).mapValues { schema($0, depth: depth + 1) }
            let freeText = dict["type"] as? String == "string" && dict["enum"] == nil
            return Schema(isFreeText: freeText, maxLength: int(dict["maxLength"]), minimum: double(dict["minimum"]), maximum: double(dict["maximum"]),
                          maxItems: int(dict["maxItems"]), properties: properties,
                          items: depth > 8 ? nil : dict["items"].map { schema($0, depth: depth + 1) })
        }

        private func int(_ value: Any?) -> Int? { (value as? Int) ?? (value as? Double).map { Int($0) } }
        private func double(_ value: Any?) -> Double? { (value as? Double) ?? (value as? Int).map(Double.init) }
    }
}
