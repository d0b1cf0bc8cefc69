import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The active agencies a form offers to choose from (an officer's agency, a transfer, a user's
/// agency), in the order of their folded names, read as plain rows and kept while the head without
/// tickets stays (ADR 0020; no ticket changes an agency): read as the province's 10,000 agency models
/// at every view, they were most of the 1.1 s an officer's page took for the authority
/// (bench/results/speed-issue14.md, thirty-third part).
enum AgencyOptions {
    /// `level`: the agency's administrative level (`AdminLevel`), for the choice of a governing agency.
    struct Option: Sendable { var id: UUID; var name: String; var folded: String; var level = "" }

    static func active(_ req: Request) async throws -> [Option] {
        try await req.keptReadsWithoutTickets().rows(readAfter: SQLQueryString("""
            SELECT id, name, name_folded, level FROM \(name: AgencyModel.schema) WHERE is_active = \(bind: true) ORDER BY name_folded, id
            """), on: req.db) {
            Option(id: try $0.required("id", $0.uuid), name: try $0.string("name", default: ""), folded: try $0.string("name_folded", default: ""),
                   level: try $0.string("level", default: ""))
        }
    }

    /// The agency a form sent back with a mistake had chosen (its `agencyID`), to choose it again;
    /// "" for a page asked with GET, or sent by another of its forms.
    static func posted(_ req: Request) -> String {
        req.method == .POST ? (try? req.content.get(String.self, at: "agencyID")) ?? "" : ""
    }

    /// The most agencies a choice lists at once. Every active agency made the authority's officer
    /// form a page of 1 MB with 10,000 options (issue 14); a choice longer than this is narrowed by
    /// the name the user types in its search box (`searchField`).
    static let shownAtMost = 200
    /// The query field of a choice's search box.
    static let searchField = "tim-co-quan"

    /// The choice among `options` (those the viewer may choose, in order, but `excluding`): all of
    /// them when they are at most `limit` and nothing was searched; else the first `limit` whose
    /// folded name (with its short name: `name_folded`) holds the folded `query`. The agency
    /// `selected` (an id's text) stays among them, first after the placeholder (one more than
    /// `limit`), so that narrowing never changes what the form sends. `action`: the page that answers
    /// the search (the form's own page, where the search box's form is sent).
    ///
    /// One pass over the options, which are the province's 10,000 agencies for the authority: nothing
    /// is copied but the shown ones, and ids are compared as ids (filtered first and compared by their
    /// text, they were a quarter of the server's time on an officer's page; issue 14).
    static func choice(_ options: [Option], excluding: UUID? = nil, placeholder: String, selected: String, query: String,
                       action: String, limit: Int = shownAtMost) -> AgencyChoice {
        let folded = VietnameseText.fold(query).trimmingCharacters(in: .whitespaces)
        let chosenID = selected.isEmpty ? nil : UUID(uuidString: selected)
        var (total, matched, shown, chosen) = (0, 0, [Option](), Option?.none)
        shown.reserveCapacity(min(options.count, limit) + 1)
        for index in options.indices where options[index].id != excluding {
            total += 1
            if options[index].id == chosenID { chosen = options[index] }
            guard folded.isEmpty || VietnameseText.folded(options[index].folded, contains: folded) else { continue }
            matched += 1
            if shown.count < limit { shown.append(options[index]) }
        }
        if let chosen, !shown.contains(where: { $0.id == chosen.id }) { shown.insert(chosen, at: 0) }
        let searchable = total > limit || !folded.isEmpty
        let note: String = switch (folded.isEmpty, matched) {
        case (_, _) where !searchable: ""
        case (true, let all): "Có \(Money.grouped(all)) cơ quan; danh sách hiển thị \(Money.grouped(limit)) cơ quan đầu tiên. Gõ tên cơ quan để tìm."
        case (false, 0): "Không có cơ quan nào có tên hoặc tên viết tắt chứa “\(query)”."
        case (false, let found) where found <= limit: "Tìm thấy \(Money.grouped(found)) cơ quan có tên hoặc tên viết tắt chứa “\(query)”."
        case (false, let found): "Tìm thấy \(Money.grouped(found)) cơ quan; danh sách hiển thị \(Money.grouped(limit)) cơ quan đầu tiên, gõ thêm để thu hẹp."
        }
        let choices = shown.map { Choice(value: $0.id.canonicalText, label: $0.name, selected: $0.id == chosenID) }
        return AgencyChoice(options: [Choice(value: "", label: placeholder, selected: selected.isEmpty)] + choices,
                            total: total, searchable: searchable, query: query, note: note, action: action)
    }
}

/// What a form's agency field shows (`agency-choice.leaf`): the options, and when they are many, a
/// search box sent to `action` with a note of how many agencies there are or were found.
struct AgencyChoice: Hashable, Encodable, Sendable {
    var options: [Choice]
    /// How many agencies the viewer may choose, shown or not.
    var total: Int
    var searchable: Bool
    var query: String
    var note: String
    var action: String
    /// The search box's field name, for the template.
    let field = AgencyOptions.searchField
    /// The options as HTML (`agency-options.leaf`), set by `Request.agencyChoice` before the page is
    /// rendered; `agency-choice.leaf` prints it as it is.
    var optionsHTML = ""

    /// The page reads the options as HTML: they are not encoded again for LeafKit.
    private enum CodingKeys: String, CodingKey { case total, searchable, query, note, action, field, optionsHTML }

    /// Equal choices show the same: `optionsHTML` is rendered from `options` alone (one template), so
    /// it is left out of the page's key (hashing its 20 KB of Vietnamese text at every view).
    static func == (a: AgencyChoice, b: AgencyChoice) -> Bool {
        a.options == b.options && a.total == b.total && a.searchable == b.searchable && a.query == b.query
            && a.note == b.note && a.action == b.action
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(options)
        hasher.combine(total)
        hasher.combine(searchable)
        hasher.combine(query)
        hasher.combine(note)
        hasher.combine(action)
    }
}
