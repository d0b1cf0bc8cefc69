@testable import App
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 10 §4: the web forms keep the API's limits, read from the same spec: every request body of
/// the API is bounded, every text field of every template carries its `maxlength`, and a form that
/// breaks a limit anyway is refused whole.
@Suite("The web forms keep the spec's limits (issue 10 §4)")
struct FormLimitsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func limits() throws -> SpecLimits {
        try SpecLimits(yaml: try String(contentsOf: SpecLimitsTests.spec, encoding: .utf8))
    }

    /// Free text with no maxLength, and lists with no maxItems, in a schema and everything it holds.
    func unbounded(_ schema: SpecLimits.Schema, at field: String, into found: inout [String]) {
        if schema.isFreeText, schema.maxLength == nil { found.append(field) }
        if let items = schema.items {
            if schema.maxItems == nil { found.append(field + " (maxItems)") }
            unbounded(items, at: field + "[]", into: &found)
        }
        for (name, property) in schema.properties.sorted(by: { $0.key < $1.key }) {
            unbounded(property, at: field + "." + name, into: &found)
        }
    }

    @Test func everyTextOfEveryRequestBodyIsBounded() throws {
        var found: [String] = []
        for op in try limits().operations {
            if let body = op.body { unbounded(body, at: "\(op.method) /\(op.segments.joined(separator: "/"))", into: &found) }
        }
        #expect(found.isEmpty, "không có giới hạn: \(found)")
    }

    @Test func everyTextFieldOfEveryTemplateCarriesTheSpecsLimit() throws {
        let limits = try limits()
        let views = Self.root.appendingPathComponent("Resources/Views")
        let files = FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "leaf" } ?? []
        let field = try Regex(#"<(input|textarea)\b[^>]*>"#)
        let key = try Regex(#"#limit\("([A-Za-z.]+)"\)"#)
        var missing: [String] = [], unknown: [String] = [], undated: [String] = [], checked = 0, dates = 0
        for file in files.sorted(by: { $0.path < $1.path }) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: field) {
                let tag = String(text[match.range])
                if tag.contains(#"type="hidden""#) || tag.contains(#"type="checkbox""#) || tag.contains(#"type="radio""#)
                    || tag.contains(#"type="submit""#) || tag.contains(#"type="file""#) { continue }
                // Dates are date inputs (issue 11 §6): the browser's picker, the value as yyyy-MM-dd.
                if tag.contains(#"type="date""#) {
                    dates += 1
                    if tag.contains("value="), !tag.contains("#isoDate(") { undated.append("\(file.lastPathComponent): \(tag.prefix(60))") }
                    continue
                }
                if tag.contains("dd/mm/yyyy") { undated.append("\(file.lastPathComponent): \(tag.prefix(60))") }
                checked += 1
                if !tag.contains("maxlength=") { missing.append("\(file.lastPathComponent): \(tag.prefix(60))") }
                for k in tag.matches(of: key) {
                    let name = String(tag[k.range]).dropFirst(8).dropLast(2)
                    if limits.schema(String(name))?.maxLength == nil { unknown.append(String(name)) }
                }
            }
        }
        #expect(checked > 80)
        #expect(dates >= 17)
        #expect(undated.isEmpty, "ô ngày không phải <input type=\"date\"> hoặc giá trị không qua #isoDate: \(undated)")
        #expect(missing.isEmpty, "ô nhập không có maxlength: \(missing)")
        #expect(unknown.isEmpty, "#limit không có trong openapi.yaml: \(unknown)")
    }

    @Test func theTableNamesRegisteredFormsAndSchemasOfTheSpec() async throws {
        let limits = try limits()
        try await withWorld { app, _ in
            let posts = Set(app.routes.all.filter { $0.method == .POST }.map { $0.path.string })
            for (route, form) in FormLimitsMiddleware.forms.sorted(by: { $0.key < $1.key }) {
                #expect(posts.contains(route), "không có tuyến POST /\(route)")
                #expect(limits.schemas[form.schema] != nil, "\(form.schema)")
                for (_, key) in form.fields { #expect(limits.schema(key)?.maxLength != nil, "\(key)") }
            }
        }
    }

    @Test func aTicketFormPastTheSpecsLimitIsRefusedAndNothingIsStored() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "canbo")
            let before = try await WorkTicketModel.query(on: app.db).count()
            let form = WorkLogWebTests().ticketForm(["details": String(repeating: "ô", count: 4001)])
            let response = try await browser.post("/phieu", form)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("Tối đa 4000 ký tự (đang có 4001)"))
            #expect(try await WorkTicketModel.query(on: app.db).count() == before)
            // At the limit it is accepted: the limit is the spec's, not a stricter one.
            let atLimit = try await browser.post("/phieu", WorkLogWebTests().ticketForm(["details": String(repeating: "ô", count: 4000)]))
            #expect(atLimit.status == .seeOther)
            let page = try await browser.get("/phieu/moi")
            #expect(page.body.string.contains(#"name="details" maxlength="4000""#))
        }
    }

    @Test func aFieldNoInputOfTheAPIMirrorsIsHeldToTheSpecsFormText() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "admin")
            let response = try await browser.post("/quan-tri/nguoi-dung", ["username": "x", "fullName": String(repeating: "a", count: 4001)])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("chưa lưu gì"))
        }
    }

    @Test func aSearchPastTheLimitIsABadRequestInVietnamese() async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: "sotttt")
            for list in ["/can-bo", "/co-quan", "/phieu", "/bien-che", "/danh-gia/2026"] {
                let response = try await browser.get(list + "?q=" + String(repeating: "a", count: 201))
                #expect(response.status == .badRequest, "\(list)")
                #expect(response.body.string.contains("Từ khóa tìm kiếm tối đa 200 ký tự."), "\(list)")
            }
        }
    }
}
