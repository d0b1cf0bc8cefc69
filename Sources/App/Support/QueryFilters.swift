import Domain
import Vapor

/// A list's filters, read strictly (issue 11 §6): an unknown value is a 400 that names the filter,
/// not a filter silently dropped (which shows a list the reader did not ask for).
extension Request {
    /// The raw text of a filter, empty when absent.
    func filterText(_ name: String) -> String {
        (queryText(name) ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// A choice among `T`'s values; nil when absent or empty.
    func filterChoice<T: RawRepresentable>(_ name: String, _ type: T.Type, label: String) throws -> T? where T.RawValue == String {
        let text = filterText(name)
        guard !text.isEmpty else { return nil }
        guard let value = T(rawValue: text) else { throw Abort(.badRequest, reason: "Bộ lọc “\(label)” không hợp lệ.") }
        return value
    }

    /// A record named by its id; nil when absent or empty.
    func filterID(_ name: String, label: String) throws -> UUID? {
        let text = filterText(name)
        guard !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw Abort(.badRequest, reason: "Bộ lọc “\(label)” không hợp lệ.") }
        return id
    }

    /// A date typed dd/MM/yyyy (or yyyy-MM-dd); nil when absent or empty.
    func filterDate(_ name: String, label: String) throws -> LocalDate? {
        let text = filterText(name)
        guard !text.isEmpty else { return nil }
        guard let date = LocalDate(userInput: text) else {
            throw Abort(.badRequest, reason: "Bộ lọc “\(label)”: ngày không hợp lệ; nhập theo dạng dd/mm/yyyy.")
        }
        return date
    }

    /// One of a fixed set of words (`loc`, `filter`, `sort`…); nil when absent or empty.
    func filterWord(_ name: String, among words: [String], label: String) throws -> String? {
        let text = filterText(name)
        guard !text.isEmpty else { return nil }
        guard words.contains(text) else { throw Abort(.badRequest, reason: "Bộ lọc “\(label)” không hợp lệ.") }
        return text
    }
}
