import Vapor

/// The API's spec as shipped (`Sources/App/openapi.yaml`), read once at start-up: served at
/// /api/openapi.yaml and the source of every input limit, on the API and on the web forms alike.
struct OpenAPISpec: Sendable {
    var text: String
    var limits: SpecLimits?

    static func load(_ app: Application) throws -> OpenAPISpec {
        let path = app.directory.workingDirectory + "Sources/App/openapi.yaml"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty else {
            app.logger.warning("Không đọc được \(path): giới hạn của đặc tả API không được kiểm tra.")
            return OpenAPISpec(text: "", limits: nil)
        }
        return OpenAPISpec(text: text, limits: try SpecLimits(yaml: text))
    }
}

extension Application {
    private struct SpecKey: StorageKey { typealias Value = OpenAPISpec }

    var openAPISpec: OpenAPISpec {
        get { storage[SpecKey.self] ?? OpenAPISpec(text: "", limits: nil) }
        set { storage[SpecKey.self] = newValue }
    }
}
