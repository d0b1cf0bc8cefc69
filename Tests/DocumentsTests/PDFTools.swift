import Foundation

/// poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) run on rendered bytes.
enum PDFTools {
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func write(_ bytes: [UInt8], name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-documents-tests", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// The text of the PDF with runs of white space collapsed to one space.
    static func text(_ url: URL) throws -> String {
        try run("pdftotext", [url.path, "-"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func info(_ url: URL) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try run("pdfinfo", [url.path]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// Base font names embedded (subset prefixes removed).
    static func fonts(_ url: URL) throws -> Set<String> {
        let lines = try run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2)
        return Set(lines.compactMap { line in
            line.split(separator: " ").first.map { name in
                name.contains("+") ? String(name[name.index(after: name.firstIndex(of: "+")!)...]) : String(name)
            }
        })
    }
}

/// Whether `needles` occur in `haystack` in this order; returns the first one missing.
func firstMissing(_ needles: [String], in haystack: String) -> String? {
    var rest = haystack[...]
    for needle in needles {
        guard let range = rest.range(of: needle) else { return needle }
        rest = rest[range.upperBound...]
    }
    return nil
}
