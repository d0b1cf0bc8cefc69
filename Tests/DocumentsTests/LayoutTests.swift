import Documents
import Foundation
import Testing

@Suite struct LayoutTests {
    func pdf(_ blocks: [Block], _ name: String) throws -> URL {
        try PDFTools.write(try PDF.render(OfficialDocument(title: name, blocks: blocks)), name: name + ".pdf")
    }

    /// The known pitfall: a Pango context on a Cairo PDF surface assumes 96 dpi, which makes 13 pt
    /// come out as 17.3 pt. The word box of 13 pt Liberation Serif is about 15 pt high at 72 dpi.
    @Test func thirteenPointTextIsThirteenPointsOnThePage() throws {
        let url = try pdf([.paragraph("Kiểm", ParagraphStyle(size: 13, alignment: .left))], "size")
        let xml = try PDFTools.run("pdftotext", ["-bbox", url.path, "-"])
        let word = try #require(xml.split(separator: "\n").first { $0.contains(">Kiểm<") })
        func value(_ key: String) -> Double? {
            guard let range = word.range(of: "\(key)=\"") else { return nil }
            return Double(word[range.upperBound...].prefix { $0 != "\"" })
        }
        let height = try #require(value("yMax")) - (try #require(value("yMin")))
        #expect(height > 12.5 && height < 16, "word box \(height) pt high")
    }

    /// Decree 30/2020: page numbers centred in the top margin from page 2; page 1 unnumbered.
    @Test func pagesAreNumberedFromPageTwo() throws {
        let url = try pdf([.paragraph("Trang đầu"), .pageBreak, .paragraph("Trang hai"), .pageBreak, .paragraph("Trang ba")], "pages")
        #expect(try PDFTools.info(url)["Pages"] == "3")
        let first = try PDFTools.run("pdftotext", ["-f", "1", "-l", "1", url.path, "-"])
        let second = try PDFTools.run("pdftotext", ["-f", "2", "-l", "2", url.path, "-"])
        let third = try PDFTools.run("pdftotext", ["-f", "3", "-l", "3", url.path, "-"])
        #expect(first.split(whereSeparator: \.isWhitespace).first == "Trang")
        #expect(second.split(whereSeparator: \.isWhitespace).first == "2")
        #expect(third.split(whereSeparator: \.isWhitespace).first == "3")
    }

    @Test func aLongParagraphContinuesOnTheNextPageWithoutLosingText() throws {
        let words = (1...1500).map { "từ\($0)" }.joined(separator: " ")
        let url = try pdf([.paragraph(Markup.escape(words), .body)], "long")
        #expect(Int(try PDFTools.info(url)["Pages"] ?? "0")! >= 2)
        let text = try PDFTools.text(url)
        #expect(text.contains("từ1 từ2") && text.contains("từ1499 từ1500"))
    }

    @Test func aLongTableRepeatsItsHeaderOnEachPage() throws {
        let rows = (1...120).map { [String($0), "Hàng \($0)"] }
        let url = try pdf([.table(Table(columns: [.init("STT", width: 1), .init("Nội dung", width: 5)], rows: rows))], "table")
        let pages = Int(try PDFTools.info(url)["Pages"] ?? "0")!
        #expect(pages >= 2)
        let text = try PDFTools.text(url)
        #expect(text.components(separatedBy: "STT Nội dung").count - 1 == pages)
        #expect(text.contains("Hàng 120"))
    }

    /// The renderer keeps the layouts it made (a work log repeats Form 3's labels on every page):
    /// a text drawn again lands where it did on its first page, and a document with more texts than
    /// the renderer keeps still has every one of them.
    @Test func aTextRepeatedOnEveryPageIsDrawnTheSameAndNoTextIsLost() throws {
        let repeated = Array(repeating: [Block.field("Người thực hiện:", value: "Nguyễn Văn Ấn"), .pageBreak], count: 12).flatMap { $0 }
        let url = try pdf(repeated + (1...2_100).map { .paragraph("Dòng số \($0)", .plain) }, "repeated")
        let boxes = try PDFTools.run("pdftotext", ["-bbox", url.path, "-"]).split(separator: "\n").filter { $0.contains(">Ấn<") }
        #expect(boxes.count == 12)
        // Where each lands, to a hundredth of a point (pdftotext prints the sixth decimal unevenly).
        let places = Set(boxes.map { box in
            box.split(separator: "\"").compactMap(Double.init).prefix(4).map { ($0 * 100).rounded() }
        })
        #expect(places.count == 1, "\(places)")
        let text = try PDFTools.text(url) + " "
        #expect(firstMissing((1...2_100).map { "Dòng số \($0) " }, in: text) == nil)
    }

    @Test func markupInValuesIsEscapedNotInterpreted() throws {
        let url = try pdf([.field("Họ tên:", value: "<b>A & B</b>")], "escape")
        #expect(try PDFTools.text(url).contains("Họ tên: <b>A & B</b>"))
    }
}
