import Leaf
import LeafKit
import NIOConcurrencyHelpers
import Vapor

/// A page's content and its frame, each rendered once for each distinct value (issue 14, ADR 0023).
/// A content template reads only its `body` and the form token's place (`csrf`), and the frame only
/// the `layout` (with that place for its token) and the content's place, so what LeafKit renders is a
/// function of that value alone: the same value gives the same HTML, whoever asks and whenever. Kept
/// by the value itself — its every field hashed and compared — so a change of anything the page shows
/// is a different key: nothing is taken for a state it was not rendered from, and no one is shown
/// what was rendered for a value they were not given. LeafKit spent half of the staffing page's CPU
/// rendering its 50 rows and its chart.
///
/// The form token differs for each session: a rendering holds a place for it (`tokenHole`), filled
/// at each request. A value that itself holds that text (control characters a person would have to
/// type on purpose) shows, at that spot, the token of whoever reads the page: their own.
final class RenderedContents: Sendable {
    /// A template's name and the value it rendered. Values are `Sendable` (`Request.render`), which
    /// `AnyHashable` does not say.
    struct Key: Hashable, @unchecked Sendable {
        let template: String
        let value: AnyHashable
    }

    /// A rendering cut at its places: the form token's and, in the frame, the content's.
    struct Rendered: Sendable {
        enum Part: Sendable { case html(ByteBuffer), token, content }
        let parts: [Part]
        let byteCount: Int

        /// A rendering cut at no place, as text.
        var text: String {
            parts.reduce(into: "") { text, part in if case .html(let html) = part { text += String(buffer: html) } }
        }

        /// The page: this frame with `content` at its place and `token` (escaped) at every token place.
        func page(content: Rendered, token: String) -> ByteBuffer {
            let escaped = token.htmlEscaped()
            var page = ByteBufferAllocator().buffer(capacity: byteCount + content.byteCount + 4 * escaped.utf8.count)
            /// `inner`: the content, at the frame's place for it (a content holds none).
            func write(_ parts: [Part], inner: Rendered?) {
                for part in parts {
                    switch part {
                    case .html(let html): page.writeImmutableBuffer(html)
                    case .token: page.writeString(escaped)
                    case .content: if let inner { write(inner.parts, inner: nil) }
                    }
                }
            }
            write(parts, inner: content)
            return page
        }
    }

    /// What a template prints for the form token and, in the frame, for the content.
    static let tokenHole = "\u{1}csrf-hole\u{1}"
    static let contentHole = "\u{1}content-hole\u{1}"

    /// Distinct renderings kept; beyond this many, all are forgotten at once (a list's content is ~50 KB).
    let capacity: Int
    private let kept = NIOLockedValueBox<[Key: Rendered]>([:])
    private let renders = NIOLockedValueBox<[String: Int]>([:])
    /// How many renderings of `template` LeafKit made (tests read it).
    func renderings(of template: String) -> Int { renders.withLockedValue { $0[template] ?? 0 } }

    init(capacity: Int = 256) { self.capacity = capacity }

    /// What `template` renders for `value`: kept, else rendered by `render` and kept. `holes`: the
    /// places to cut at — the token's, and the content's in a frame.
    func rendered(_ template: String, _ value: some Hashable & Sendable, holes: [Rendered.Part] = [.token],
                  render: () async throws -> ByteBuffer) async throws -> Rendered {
        let key = Key(template: template, value: AnyHashable(value))
        if let found = kept.withLockedValue({ $0[key] }) { return found }
        let html = try await render()
        let rendering = Rendered(parts: Self.cut(html, at: holes), byteCount: html.readableBytes)
        renders.withLockedValue { $0[template, default: 0] += 1 }
        kept.withLockedValue { kept in
            if kept[key] == nil, kept.count >= capacity { kept.removeAll() }
            kept[key] = rendering
        }
        return rendering
    }

    /// `html` cut at the places of `holes`, read byte by byte (Foundation's `components(separatedBy:)`
    /// compared text at every character: a tenth of a rendering's cost).
    static func cut(_ html: ByteBuffer, at holes: [Rendered.Part]) -> [Rendered.Part] {
        let marks: [(part: Rendered.Part, bytes: [UInt8])] = holes.compactMap { hole in
            switch hole {
            case .token: (hole, Array(tokenHole.utf8))
            case .content: (hole, Array(contentHole.utf8))
            case .html: nil
            }
        }
        var parts: [Rendered.Part] = []
        let start = html.readerIndex
        html.withUnsafeReadableBytes { bytes in
            var from = 0
            var at = 0
            while at < bytes.count {
                guard bytes[at] == 1, let mark = marks.first(where: { bytes[at...].starts(with: $0.bytes) }) else { at += 1; continue }
                if at > from, let piece = html.getSlice(at: start + from, length: at - from) { parts.append(.html(piece)) }
                parts.append(mark.part)
                at += mark.bytes.count
                from = at
            }
            if at > from, let piece = html.getSlice(at: start + from, length: at - from) { parts.append(.html(piece)) }
        }
        return parts
    }
}

extension Application {
    private struct RenderedContentsKey: StorageKey { typealias Value = RenderedContents }
    /// The contents of the pages rendered from their bodies alone (`Request.render(_:title:active:content:)`).
    var renderedContents: RenderedContents { store(RenderedContentsKey.self) { RenderedContents() } }

    private struct RenderedFramesKey: StorageKey { typealias Value = RenderedContents }
    /// Their frames, kept apart: one for each person and page title (about 3 KB each), so that many
    /// people reading never push the contents out.
    var renderedFrames: RenderedContents { store(RenderedFramesKey.self) { RenderedContents(capacity: 2_000) } }

    private struct RenderedFragmentsKey: StorageKey { typealias Value = RenderedContents }
    /// Parts of pages rendered from their values alone, kept apart from the contents: the options of a
    /// choice of agency (up to 201, about 20 KB each).
    var renderedFragments: RenderedContents { store(RenderedFragmentsKey.self) { RenderedContents(capacity: 64) } }
}

extension Request {
    /// A form's choice among `options` (`AgencyOptions.choice`), narrowed by the name this request
    /// searched for in the choice's search box, with its options' HTML. Every form with a choice of
    /// agency makes it here, so none shows a choice without its options.
    func agencyChoice(_ options: [AgencyOptions.Option], excluding: UUID? = nil, placeholder: String, selected: String,
                      action: String) async throws -> AgencyChoice {
        try await rendered(AgencyOptions.choice(options, excluding: excluding, placeholder: placeholder, selected: selected,
                                                query: try searchText(AgencyOptions.searchField), action: action))
    }

    /// `choice` with its options' HTML (`agency-options.leaf`), rendered by LeafKit once for each
    /// distinct list of options (ADR 0023): rendered at every view, the loop over up to 201 options was
    /// a quarter of the server's time on an officer's page for the authority (issue 14).
    /// Kept by a struct holding the options, not by the array itself: an array made `AnyHashable`
    /// hashes and compares each element as an `AnyHashable` of its own (Foundation's bridging rules),
    /// which cost a tenth of an officer's page for the authority (issue 14).
    private func rendered(_ choice: AgencyChoice) async throws -> AgencyChoice {
        let body = OptionsBody(options: choice.options)
        let html = try await application.renderedFragments.rendered("agency-options", body, holes: []) {
            try await leaf.render(path: "agency-options", context: PageData.encode(body)).get()
        }
        var choice = choice
        choice.optionsHTML = html.text
        return choice
    }

    private struct OptionsBody: Hashable, Encodable, Sendable { var options: [Choice] }
}
