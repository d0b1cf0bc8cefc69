/// A number a page only prints, handed to Leaf as its text (the same text Leaf would print). LeafKit
/// turns a number into text through a table of some forty converters that it builds anew for every
/// number it prints, and every `==` or truthiness test on a value that is not a Bool does the same:
/// on the staffing page, with its 50 rows and its chart, that was 12 % of the request (issue 14).
/// Swift code still reads the number.
@propertyWrapper
struct Printed<Value: CustomStringConvertible & Sendable>: Encodable, Sendable {
    var wrappedValue: Value

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.description)
    }
}

/// Numbers a page only prints, each as its text (`Printed`).
@propertyWrapper
struct PrintedEach<Value: CustomStringConvertible & Sendable>: Encodable, Sendable {
    var wrappedValue: [Value]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.map(\.description))
    }
}

extension Printed: Equatable where Value: Equatable {}
extension Printed: Hashable where Value: Hashable {}
extension PrintedEach: Equatable where Value: Equatable {}
extension PrintedEach: Hashable where Value: Hashable {}
