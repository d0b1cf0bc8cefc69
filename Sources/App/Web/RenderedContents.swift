import Leaf
import LeafKit
import NIOConcurrencyHelpers
import Vapor

/// A page's content rendered once for each distinct body (issue 14, ADR 0023). A content template
/// reads only its `body` and the form token's place (`csrf`), never the frame's values, so its HTML
/// is a function of the body alone: the same body gives the same HTML, whoever asks and whenever.
/// Kept by the body itself — its every field hashed and compared — so a change of any value the page
/// shows is a different key: nothing is ever taken for a state it was not rendered from, and no
/// one is shown what was rendered for a body they were not given. LeafKit spent half of the
/// staffing page's CPU rendering its 50 rows and its chart.
///
/// The form token differs for each session: the content holds a place for it (`hole`), filled at
/// each request by `filled(token:)`.
final class RenderedContents: Sendable {
    /// A template's name and the body it rendered. Bodies are `Sendable` values (`Request.render`),
    /// which `AnyHashable` does not say.
    struct Key: Hashable, @unchecked Sendable {
        let template: String
        let body: AnyHashable
    }

    /// A content's HTML cut at the form token's places.
    struct Content: Sendable {
        let pieces: [String]

        /// The HTML with `token` (escaped) at each place of the form token.
        func filled(token: String) -> String {
            pieces.count == 1 ? pieces[0] : pieces.joined(separator: token.htmlEscaped())
        }
    }

    /// What the content template reads as `csrf`: a text no value of a page can hold (it is not
    /// valid in HTML and an escaped value never carries it raw).
    static let hole = "\u{1}csrf-hole\u{1}"

    /// Distinct contents kept; beyond this many, all are forgotten at once (a page is ~50 KB).
    let capacity: Int
    private let kept = NIOLockedValueBox<[Key: Content]>([:])
    private let renders = NIOLockedValueBox(0)
    /// How many contents were rendered by LeafKit (tests read it).
    var rendered: Int { renders.withLockedValue { $0 } }

    init(capacity: Int = 256) { self.capacity = capacity }

    /// The content `template` renders for `body`: kept, else rendered by `render` (given the Leaf
    /// context) and kept.
    func content<B: Hashable & Encodable & Sendable>(_ template: String, body: B,
                                                      render: ([String: LeafData]) async throws -> ByteBuffer) async throws -> Content {
        let key = Key(template: template, body: AnyHashable(body))
        if let found = kept.withLockedValue({ $0[key] }) { return found }
        var context = try PageData.encode(BodyOnly(body: body))
        context["csrf"] = .string(Self.hole)
        let html = try await render(context)
        let content = Content(pieces: String(buffer: html).components(separatedBy: Self.hole))
        renders.withLockedValue { $0 += 1 }
        kept.withLockedValue { kept in
            if kept[key] == nil, kept.count >= capacity { kept.removeAll() }
            kept[key] = content
        }
        return content
    }

    private struct BodyOnly<B: Encodable & Sendable>: Encodable, Sendable { var body: B }
}

extension Application {
    private struct RenderedContentsKey: StorageKey { typealias Value = RenderedContents }
    /// The contents of the pages rendered from their body alone (`Request.render(_:title:active:content:)`).
    var renderedContents: RenderedContents {
        if let kept = storage[RenderedContentsKey.self] { return kept }
        let kept = RenderedContents()
        storage[RenderedContentsKey.self] = kept
        return kept
    }
}
