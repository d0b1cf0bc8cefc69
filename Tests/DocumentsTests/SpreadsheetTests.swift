import Documents
import Domain
import Foundation
import Testing

@Suite struct SpreadsheetTests {
    @Test func csvStartsWithABOMAndQuotesWhatNeedsQuoting() {
        let header = CSVEncoder.header([SheetColumn("Họ và tên"), SheetColumn("Ghi chú")])
        #expect(Array(header.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: header.dropFirst(3), as: UTF8.self) == "Họ và tên,Ghi chú\r\n")
        let rows = CSVEncoder.rows([[.text("Nguyễn, Văn \"A\""), .date(LocalDate(year: 2026, month: 3, day: 2)!)], [.integer(1_500_000), .empty]])
        #expect(String(decoding: rows, as: UTF8.self) == "\"Nguyễn, Văn \"\"A\"\"\",02/03/2026\r\n1500000,\r\n")
    }

    @Test func csvNeutralisesFormulaInjection() {
        let rows = CSVEncoder.rows([[.text("=HYPERLINK(\"x\")"), .text("-5"), .text("@cmd")]])
        #expect(String(decoding: rows, as: UTF8.self) == "\"'=HYPERLINK(\"\"x\"\")\",-5,'@cmd\r\n")
    }

    @Test func xlsxIsAZipWithTheSheet() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-test-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try XLSXWriter(path: path, sheetName: "Phiếu công tác", columns: [SheetColumn("Số", .integer), SheetColumn("Ngày", .date)])
        for n in 1...1000 { writer.append([.integer(n), .date(LocalDate(year: 2026, month: 1, day: 1)!.adding(days: n % 300))]) }
        try writer.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(2) == Data("PK".utf8))
        #expect(bytes.count > 1000)
    }
}
