@testable import App
import Foundation
import Testing

/// Issue 11 §5: the browser crawl (e2e/test_crawl_roles.py) looks for the same leaks as `VisibleText`.
/// It reads them from e2e/leak-words.txt — every English word and enum raw value (lowercased) and every
/// audit code, one a line, sorted — which is generated here and compared on every run, so that Python
/// never holds a hand copy. `QLCB_UPDATE_REFERENCES=1` rewrites it after an enum, a word or a code changed.
@Suite("The browser crawl's leak words are VisibleText's (issue 11 §5)")
struct LeakWordsTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("e2e/leak-words.txt")

    static var generated: String {
        VisibleText.englishWords.union(AuditPhrases.codes).sorted().joined(separator: "\n") + "\n"
    }

    @Test func e2eLeakWordsEqualWhatTheCodeGenerates() throws {
        let generated = Self.generated
        if ProcessInfo.processInfo.environment["QLCB_UPDATE_REFERENCES"] == "1" {
            try generated.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(stored == generated, "e2e/leak-words.txt is stale: run the tests with QLCB_UPDATE_REFERENCES=1")
    }

    /// The crawl reads a line holding a dot as an audit code and any other line as a word: each line
    /// must be one or the other, as `VisibleText.leaks` finds it.
    @Test func eachLineIsAWordOrACode() {
        for line in Self.generated.split(separator: "\n").map(String.init) {
            let code = line.wholeMatch(of: /[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+/) != nil
            let word = !line.isEmpty && line.allSatisfy(\.isLetter) && line == line.lowercased()
            #expect(line.contains(".") ? code : word, "\(line)")
        }
    }
}
