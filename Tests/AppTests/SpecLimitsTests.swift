@testable import App
import Foundation
import Testing
import VaporTesting

/// Issue 10 §4: every maxLength, minimum and maximum of the spec is enforced on the API, read from
/// the spec itself: for each operation and each limited property or query parameter, a value just
/// past the limit is refused with 422 and a message on that field.
@Suite("The spec's limits are enforced (issue 10 §4)")
struct SpecLimitsTests {
    static let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/App/openapi.yaml")

    func path(_ op: SpecLimits.Operation) -> String {
        "/api/v1/" + op.segments.map { $0 == "{year}" ? "2026" : $0.hasPrefix("{") ? UUID().uuidString : $0 }.joined(separator: "/")
    }

    /// A value one past each limit of the schema, as JSON.
    func pastLimits(_ schema: SpecLimits.Schema) -> [String] {
        var values: [String] = []
        if let max = schema.maxLength { values.append("\"" + String(repeating: "x", count: max + 1) + "\"") }
        if let max = schema.maximum { values.append(SpecLimits.display(max + 1)) }
        if let min = schema.minimum { values.append(SpecLimits.display(min - 1)) }
        return values
    }

    /// A length is counted in composed code points, as JSON Schema counts `maxLength`: a Vietnamese
    /// name is its letters however it was typed, and a letter under 3,000 combining marks is 3,000.
    @Test func aLengthIsCountedInComposedCodePoints() {
        let name = "Nguyễn Thị Ánh Tuyết"
        #expect(SpecLimits.length(name) == 20)
        #expect(SpecLimits.length(name.decomposedStringWithCanonicalMapping) == 20)
        let pile = "a" + String(repeating: "\u{301}", count: 3_000)
        #expect(pile.count == 1 && SpecLimits.length(pile) == 3_000, "á, then 2,999 marks")
    }

    @Test func everyLimitOfTheSpecIsRefusedWithAMessageOnItsField() async throws {
        let limits = try SpecLimits(yaml: try String(contentsOf: Self.spec, encoding: .utf8))
        var checked = 0
        try await withWorld { app, _ in
            let token = try await APITests().token(app, "sotttt")
            for op in limits.operations {
                for (name, property) in op.body?.properties.sorted(by: { $0.key < $1.key }) ?? [] {
                    for value in pastLimits(property) {
                        let response = try await APITests().call(app, HTTPMethod(rawValue: op.method), path(op), token: token,
                                                                  json: "{\"\(name)\":\(value)}")
                        #expect(response.status == .unprocessableEntity, "\(op.method) \(path(op)) \(name)=\(value.prefix(20))")
                        #expect(response.body.string.contains("\"\(name)\""), "\(op.method) \(path(op)) \(name)")
                        checked += 1
                    }
                }
                for (name, parameter) in op.query.sorted(by: { $0.key < $1.key }) {
                    for value in pastLimits(parameter) {
                        let text = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                        let response = try await APITests().call(app, HTTPMethod(rawValue: op.method), path(op) + "?\(name)=\(text)", token: token)
                        #expect(response.status == .badRequest, "\(op.method) \(path(op))?\(name)=\(text.prefix(20)) → \(response.status)")
                        #expect(response.body.string.contains("Tham số “\(name)”"), "\(op.method) \(path(op))?\(name)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 40, "the spec has limits to check")
    }

    /// The query is parsed once (`QueryValues`), so a parameter must be found however its name is
    /// written: after others, percent-encoded, sent twice (each value checked).
    @Test func aQueryParameterIsCheckedWhereverAndHoweverItsNameIsSent() async throws {
        let values = QueryValues("q=a+b&%70er=5&page&=x&q=c&a[b]=1&bad=%E0%A4&%ZZ=1")
        #expect(values["q"] == "c" && values.all("q") == ["a b", "c"] && values["per"] == "5")
        #expect(values["page"] == nil && values["a"] == nil && values["a[b]"] == nil && values["bad"] == nil)
        #expect(QueryValues(nil)["q"] == nil && QueryValues("")["q"] == nil)
        #expect(QueryValues("page=3&page=%FF")["page"] == nil && QueryValues("q[=tram")["q"] == "tram")
        let limits = try SpecLimits(yaml: try String(contentsOf: Self.spec, encoding: .utf8))
        let per = try #require(limits.operation(method: "GET", path: "/agencies")?.query["per"]?.maximum)
        try await withWorld { app, _ in
            let token = try await APITests().token(app, "sotttt")
            for query in ["q=tram&per=\(Int(per) + 1)", "q=tram&%70er=\(Int(per) + 1)", "page=1&%70%65%72=\(Int(per) + 1)",
                          "per=\(Int(per) + 1)&per=5", "per=5&per=\(Int(per) + 1)"] {
                let response = try await APITests().call(app, .GET, "/api/v1/agencies?" + query, token: token)
                #expect(response.status == .badRequest, "\(query) → \(response.status)")
                #expect(response.body.string.contains("Tham số “per”"), "\(query)")
            }
            let within = try await APITests().call(app, .GET, "/api/v1/agencies?q=tram&per=\(Int(per))", token: token)
            #expect(within.status == .ok)
        }
    }

    @Test func valuesWithinTheLimitsPass() throws {
        let limits = try SpecLimits(yaml: try String(contentsOf: Self.spec, encoding: .utf8))
        let op = try #require(limits.operation(method: "POST", path: "/tickets"))
        var errors = FieldErrors()
        let body = try JSONDecoder().decode(SpecLimits.JSONValue.self, from: Data(#"{"details":"Thay mực máy in","outOfHours":true}"#.utf8))
        SpecLimits.problems(body, try #require(op.body), at: "", into: &errors)
        #expect(errors.isEmpty)
    }
}
