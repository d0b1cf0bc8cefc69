import Domain
import Vapor

/// An entry of the navigation, shown according to the user's roles.
struct NavItem: Hashable, Encodable, Sendable {
    var href: String
    var label: String
    var active: Bool
}

/// What every page's frame needs: title, navigation, the user, the CSRF token and a flash message.
struct Layout: Hashable, Encodable, Sendable {
    var title: String
    var nav: [NavItem]
    var userName: String?
    var roleLabels: [String]
    var csrf: String
    var flash: String?
    var profileName: String
    /// Tested as Bools: Leaf tests the truth of a text through its table of converters (`Printed`).
    var signedIn: Bool
    var hasFlash: Bool
}

struct Page<Body: Encodable & Sendable>: Encodable, Sendable {
    var layout: Layout
    var body: Body
}

/// A choice of a `<select>` or a radio group.
struct Choice: Hashable, Encodable, Sendable {
    var value: String
    var label: String
    var selected: Bool

    static func list<T: RawRepresentable & CaseIterable>(_ type: T.Type, selected: String?, label: (T) -> String)
        -> [Choice] where T.RawValue == String {
        T.allCases.map { Choice(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected) }
    }
}

/// The filters a list keeps across pages, as "&q=…&kind=…" (empty values left out).
func keptQuery(_ pairs: [(String, String)]) -> String {
    var components = URLComponents()
    components.queryItems = pairs.filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
    return components.percentEncodedQuery.map { "&" + $0 } ?? ""
}

extension Request {
    /// The menu: the sections the policy opens to this viewer (`AccessPolicy.opens`).
    func navigation(active: String) -> [NavItem] {
        guard let viewer else { return [] }
        return Section.allCases.filter(viewer.policy.opens).map { NavItem(href: $0.path, label: $0.label, active: $0.path == active) }
    }

    /// The viewer, when the policy opens `section` to them; otherwise the (audited) refusal.
    func requireSection(_ section: Section) async throws -> Viewer {
        let viewer = try requireViewer()
        guard viewer.policy.opens(section) else { throw await denied(section.rawValue) }
        return viewer
    }

    func flash(_ message: String) { session.data["flash"] = message }

    func takeFlash() -> String? {
        guard hasWebSession else { return nil }
        let message = session.data["flash"]
        session.data["flash"] = nil
        return message
    }

    /// `visitorForm`: the page offers a form to someone not signed in (the login page, a confirmation
    /// link's page), who then needs the form token and so a session. A signed-in person always has
    /// one; a visitor shown any other page, or asking only for its headers (HEAD), gets none, and no
    /// session row is written for them.
    func render<B: Encodable & Sendable>(_ template: String, title: String, active: String = "", _ body: B,
                                         status: HTTPStatus = .ok, visitorForm: Bool = false) async throws -> Response {
        let page = Page(layout: try await layout(title: title, active: active, visitorForm: visitorForm), body: body)
        return Self.html(try await leaf.render(path: template, context: PageData.encode(page)).get(), status: status)
    }

    /// A page whose content template reads only its body and the form token's place (`csrf`): the
    /// content is rendered once for each distinct body, and the frame (`frame.leaf`, which extends
    /// `base.leaf` as every page does) once for each distinct layout (`RenderedContents`, ADR 0023).
    func render<B: Hashable & Encodable & Sendable>(_ template: String, title: String, active: String = "", content body: B,
                                                    status: HTTPStatus = .ok) async throws -> Response {
        let kept = application.renderedContents
        let content = try await kept.rendered(template, body) {
            try await leaf.render(path: template, context: PageData.encode(Content(body: body, csrf: RenderedContents.tokenHole))).get()
        }
        var layout = try await layout(title: title, active: active)
        let token = layout.csrf
        layout.csrf = RenderedContents.tokenHole
        let frame = try await application.renderedFrames.rendered("frame", layout, holes: [.token, .content]) { [layout] in
            try await leaf.render(path: "frame", context: PageData.encode(Framed(layout: layout, content: RenderedContents.contentHole))).get()
        }
        return Self.html(frame.page(content: content, token: token), status: status)
    }

    private struct Content<B: Encodable & Sendable>: Encodable, Sendable { var body: B; var csrf: String }
    private struct Framed: Encodable, Sendable { var layout: Layout; var content: String }

    private func layout(title: String, active: String, visitorForm: Bool = false) async throws -> Layout {
        let profile = (try? await profile()) ?? .binhDuong2013
        let flash = takeFlash()
        return Layout(title: title, nav: navigation(active: active), userName: viewer?.fullName,
                      roleLabels: Array(Set(viewer?.grants.map(\.role.label) ?? [])).sorted(),
                      csrf: hasWebSession && (viewer != nil || visitorForm && method != .HEAD) ? csrfToken : "", flash: flash, profileName: profile.itAuthorityName,
                      signedIn: viewer != nil, hasFlash: flash != nil)
    }

    private static func html(_ html: ByteBuffer, status: HTTPStatus) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(buffer: html))
    }
}
