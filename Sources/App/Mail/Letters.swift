import Documents
import Foundation

/// The system's letters, in Vietnamese, as plain text and HTML (issue 13 §3). Every text that came
/// from a person is escaped in the HTML. Links are written relative to `QLCB_PUBLIC_URL` through
/// `Letters.origin` and completed when the letter is shown or sent (`Letters.resolve`), so a letter
/// still waiting after the public address changed points at the new one.
enum Letters {
    static let origin = "{{QLCB_PUBLIC_URL}}"

    static func resolve(_ body: String, publicURL: String) -> String {
        body.replacingOccurrences(of: origin, with: publicURL)
    }

    /// HTML escapes the same five characters as Pango markup (`Documents/Markup`).
    static func escape(_ text: String) -> String { Markup.escape(text) }

    /// A letter: a greeting, paragraphs, one link to act on, and the signature.
    static func make(kind: String, subject: String, to name: String, _ paragraphs: [String], link: (label: String, path: String)) -> Letter {
        let url = origin + link.path
        let signature = "Thư này do hệ thống Quản lý cán bộ CNTT (QLCB-CNTT) tự động gửi; xin đừng trả lời thư."
        let text = (["Kính gửi \(name),", ""] + paragraphs.flatMap { [$0, ""] }
                    + ["\(link.label): \(url)", "", "--", signature]).joined(separator: "\n") + "\n"
        let html = """
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>\(escape(subject))</title></head><body>
            <p>Kính gửi \(escape(name)),</p>
            \(paragraphs.map { "<p>\(escape($0))</p>" }.joined(separator: "\n"))
            <p><a href="\(escape(url))">\(escape(link.label))</a></p>
            <hr><p style="color:#666;font-size:small">\(escape(signature))</p>
            </body></html>

            """
        return Letter(kind: kind, subject: subject, text: text, html: html)
    }
}
