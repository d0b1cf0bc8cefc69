import Foundation
import Testing

/// Issue 11: a permission is decided in one place. No App file asks for a role by itself; it asks a
/// named capability of `AccessPolicy` (Domain/Access). Only the demo, which creates grants, and the
/// viewer's loading of them name roles.
@Suite("One access policy (lint)")
struct PolicyLintTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let allowed = ["Demo/", "Auth/Viewer.swift"]
    static let patterns = ["policy.has(", "roles.contains(", ".role == .", "agencies(for:", "case .agency", "case .itOfficer", "case .authority", "contains($0.role)"]

    @Test func noAppFileDecidesAPermissionByARoleOutsideThePolicy() throws {
        let sources = Self.root.appendingPathComponent("Sources/App")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 50, "Sources/App found")
        var found: [String] = []
        for file in files.sorted() where !Self.allowed.contains(where: file.hasPrefix) {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where Self.patterns.contains(where: line.contains) {
                found.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "role checks outside Domain/Access:\n\(found.joined(separator: "\n"))")
    }

    /// The API and the web call the same services and `Permissions`, never a web controller.
    @Test func noAPIHandlerCallsAWebController() throws {
        let api = Self.root.appendingPathComponent("Sources/App/API")
        let files = try FileManager.default.contentsOfDirectory(atPath: api.path).filter { $0.hasSuffix(".swift") }
        var found: [String] = []
        for file in files.sorted() {
            let text = try String(contentsOf: api.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(/[A-Za-z]+Controller\.[a-z]/) {
                found.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
