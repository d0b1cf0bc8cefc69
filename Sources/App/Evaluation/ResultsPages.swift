import Vapor

/// Where a reader is on a year's results page (Art. 16): the page of each of its three lists, each
/// paged on its own — the cessation proposals, the heads' tasks and the reward candidacies. A
/// province's year had 127 proposals and 266 tasks shown whole on one page beside a page of rewards;
/// ten times the province would have put thousands of rows and their forms on that page (issue 14).
struct ResultsPages: Hashable, Sendable {
    /// A list of the page, named as its page number is named in the address and in the forms.
    enum List: String, CaseIterable, Sendable {
        case proposals = "de-xuat", tasks = "nhiem-vu"
        /// `page`, as the rewards' page was named before the other lists were paged.
        case rewards = "page"

        /// The section of the page that shows the list, for the pager's links to come back to it.
        var anchor: String {
            switch self {
            case .proposals: "de-xuat"
            case .tasks: "nhiem-vu"
            case .rewards: "khen-thuong"
            }
        }
    }

    private var numbers: [List: Int] = [:]

    /// Every list at its first page.
    init() {}

    /// As the address asks: a number out of range answers 400 (`QueryNumbers`).
    init(query req: Request) throws {
        for list in List.allCases { numbers[list] = try QueryNumbers.page(req.queryInt(list.rawValue)) }
    }

    /// As a form sent them back: anything that is not a page number is the first page.
    init(form value: (List) -> String?) {
        for list in List.allCases {
            numbers[list] = value(list).flatMap { Int($0) }.flatMap { QueryNumbers.pages.contains($0) ? $0 : nil }
        }
    }

    subscript(list: List) -> Int {
        get { numbers[list] ?? 1 }
        set { numbers[list] = newValue > 1 ? newValue : nil }
    }

    /// These pages with `list` at `page`.
    func with(_ list: List, at page: Int) -> ResultsPages {
        var pages = self
        pages[list] = page
        return pages
    }

    /// The address of the results page of `year` at these pages; a list at its first page is not named.
    func path(year: Int) -> String {
        let query = List.allCases.compactMap { list in self[list] > 1 ? "\(list.rawValue)=\(self[list])" : nil }
        return "/danh-gia/\(year)/ket-qua" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// A list's pager: its numbers as text and its links, each to these pages with only that list moved.
    struct Pager: Hashable, Encodable, Sendable {
        var page, pages, total: String
        var previous, next: String?
    }

    func pager(_ list: List, _ paging: Paging, year: Int) -> Pager? {
        guard paging.pages > 1 else { return nil }
        let link = { (page: Int) in with(list, at: page).path(year: year) + "#" + list.anchor }
        return Pager(page: String(paging.page), pages: String(paging.pages), total: String(paging.total),
                     previous: paging.hasPrevious ? link(paging.page - 1) : nil,
                     next: paging.hasNext ? link(paging.page + 1) : nil)
    }
}

/// For the forms, which send the pages back in hidden fields (`results-return.leaf`): each number as text.
extension ResultsPages: Encodable {
    enum CodingKeys: String, CodingKey { case proposals, tasks, rewards }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(String(self[.proposals]), forKey: .proposals)
        try c.encode(String(self[.tasks]), forKey: .tasks)
        try c.encode(String(self[.rewards]), forKey: .rewards)
    }
}
