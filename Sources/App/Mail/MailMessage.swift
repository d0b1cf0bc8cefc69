import Foundation

/// The RFC 5322 text of one outbox letter: plain text and HTML as `multipart/alternative`, UTF-8
/// in base64 (Vietnamese survives every server), headers with RFC 2047 encoded words. The
/// Message-ID is the outbox row's id, the same on every attempt, so a receiving system that sees the
/// letter twice (see ADR 0015: the window between delivery and marking it sent) can tell.
enum MailMessage {
    static func render(_ letter: OutboxModel, settings: MailSettings, date: Date) -> String {
        let from = settings.from, domain = settings.messageIDDomain
        let boundary = "qlcb-" + (letter.id?.canonicalText.lowercased() ?? UUID().canonicalText.lowercased())
        let headers = [
            "From: " + mailbox(from),
            "To: " + mailbox(letter.recipientName.isEmpty ? letter.recipientAddress : "\(letter.recipientName) <\(letter.recipientAddress)>"),
            "Subject: " + encodedWord(letter.subject),
            "Date: " + rfc5322Date(date),
            "Message-ID: " + messageID(letter, domain: domain),
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [("text/plain", letter.textBody), ("text/html", letter.htmlBody)].map { ($0.0, Letters.resolve($0.1, publicURL: settings.publicURL)) }.map { type, body in
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64Lines(body)
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"
    }

    static func messageID(_ letter: OutboxModel, domain: String) -> String {
        "<\(letter.id?.canonicalText.lowercased() ?? "")@\(domain)>"
    }

    /// `Tên <địa@chỉ>` with the name encoded when it is not plain ASCII.
    static func mailbox(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<") else { return text }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let address = text[open...]
        return name.isEmpty ? String(address) : encodedWord(name) + " " + address
    }

    static func encodedWord(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && $0 != "=" && $0 != "?" }
        if plain { return text }
        // Encoded words are at most 75 characters: split the text into pieces of whole characters.
        var words: [String] = [], piece = ""
        for character in text {
            if (piece + String(character)).utf8.count > 45 { words.append(piece); piece = "" }
            piece.append(character)
        }
        if !piece.isEmpty { words.append(piece) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
    }

    static func rfc5322Date(_ date: Date) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return format.string(from: date)
    }
}
