import Vapor

/// Numbers a visitor types into an address: page, page size, year. Each is checked against its range
/// before any arithmetic, and a value out of range answers 400 with a Vietnamese message instead of
/// being silently replaced (design.md, "No input from anyone may end the process").
enum QueryNumbers {
    static let pages = 1...100_000
    static let perPage = 1...200
    /// Evaluation years the product knows: the regulation dates from 2013; 2100 is far enough.
    static let years = 2000...2100

    static func page(_ value: Int?) throws -> Int? {
        try checked(value, in: pages, "Số trang phải là số nguyên từ 1 đến 100.000.")
    }

    static func per(_ value: Int?) throws -> Int? {
        try checked(value, in: perPage, "Số dòng mỗi trang phải là số nguyên từ 1 đến 200.")
    }

    static func year(_ value: Int?) throws -> Int? {
        try checked(value, in: years, "Năm phải là số nguyên từ 2000 đến 2100.")
    }

    private static func checked(_ value: Int?, in range: ClosedRange<Int>, _ message: String) throws -> Int? {
        guard let value else { return nil }
        guard range.contains(value) else { throw Abort(.badRequest, reason: message) }
        return value
    }
}

extension Request {
    /// An integer query parameter: nil when absent or empty, 400 when it is not a whole number.
    func queryInt(_ name: String) throws -> Int? {
        guard let text = queryText(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        guard let value = Int(text) else {
            throw Abort(.badRequest, reason: "Tham số “\(name)” phải là một số nguyên.")
        }
        return value
    }

    /// `page` and (unless the list fixes it) `per` of a list, range-checked.
    func paging(defaultPer: Int = 25, fixedPer: Int? = nil) throws -> Paging {
        let per = try fixedPer ?? QueryNumbers.per(queryInt("per"))
        return try Paging(page: queryInt("page"), per: per, defaultPer: defaultPer)
    }

    /// The `year` of a list's filter, range-checked (nil when absent).
    func queryYear(_ name: String = "year") throws -> Int? {
        try QueryNumbers.year(queryInt(name))
    }

    /// The search words of a list (`q`, or the field `name`), within the spec's `SearchText` limit, else 400;
    /// control and format characters read as spaces.
    func searchText(_ name: String = "q") throws -> String {
        let text = queryText(name) ?? ""
        let limit = application.openAPISpec.limits?.schema("SearchText")?.maxLength ?? 200
        guard SpecLimits.length(text) <= limit else {
            throw Abort(.badRequest, reason: "Từ khóa tìm kiếm tối đa \(limit) ký tự.")
        }
        // Control and format characters (a NUL, a right-to-left override) mean nothing in a search
        // and are no text to show back: spaces.
        func unseen(_ scalar: Unicode.Scalar) -> Bool { [.control, .format].contains(scalar.properties.generalCategory) }
        guard text.unicodeScalars.contains(where: unseen) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { unseen($0) ? " " : $0 }))
    }
}
