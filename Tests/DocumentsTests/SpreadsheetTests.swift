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

    /// The exports' files are packed at `Deflate.spreadsheets`, which libxlsxwriter cannot be told
    /// (ADR 0019): the same rows written stored (0), at that level and at zlib's default hold the same
    /// sheet (size and CRC), packed each as its level says.
    @Test func aSpreadsheetIsPackedAtItsLevelAndHoldsTheSameSheet() throws {
        let columns = [SheetColumn("Số", .integer), SheetColumn("Chi tiết công việc"), SheetColumn("Ngày", .date)]
        let levels: [Int32] = [0, Deflate.spreadsheets, -1]
        let sheets = try levels.map { level -> ZipEntry in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("qlcb-test-\(UUID().uuidString).xlsx").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let writer = try XLSXWriter(path: path, sheetName: "Phiếu", columns: columns, level: level)
            for n in 1...3000 {
                writer.append([.integer(n), .text("Cài đặt phần mềm diệt virus cho máy số \(n * 7919 % 1000), phòng \(n % 37)"),
                               .date(LocalDate(year: 2026, month: 1, day: 1)!.adding(days: n % 300))])
            }
            try writer.close()
            let entry = try #require(ZipEntry.all(in: try Data(contentsOf: URL(fileURLWithPath: path)))["xl/worksheets/sheet1.xml"])
            return entry
        }
        let (stored, fast, standard) = (sheets[0], sheets[1], sheets[2])
        #expect(stored.size > 200_000)
        #expect(fast.size == stored.size && standard.size == stored.size)
        #expect(fast.crc == stored.crc && standard.crc == stored.crc)
        #expect(stored.compressed >= stored.size)              // level 0: stored blocks
        #expect(fast.compressed < stored.size / 3)
        #expect(fast.compressed > standard.compressed)         // level 1 packs less tightly than 6
        #expect(Deflate.level == -1)                           // the thread's level is restored
    }
}

/// One file of a zip, as its central directory lists it.
struct ZipEntry: Equatable {
    var crc: UInt32, compressed: Int, size: Int

    /// The entries of a zip (no ZIP64), by name.
    static func all(in data: Data) -> [String: ZipEntry] {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 }) else { return [:] }
        var entries: [String: ZipEntry] = [:], at = u32(end + 16)
        for _ in 0..<u16(end + 10) where u32(at) == 0x0201_4B50 {
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + u16(at + 28))], as: UTF8.self)
            entries[name] = ZipEntry(crc: UInt32(u32(at + 16)), compressed: u32(at + 20), size: u32(at + 24))
            at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
        }
        return entries
    }
}

/// Records what it is given, slowly, and fails on the batch numbered `failAt`.
private final class RecordingWriter: SheetWriter, @unchecked Sendable {
    struct Refused: Error {}
    let lock = NSLock()
    var batches: [[[Cell]]] = []
    var closed = 0
    let failAt: Int?
    init(failAt: Int? = nil) { self.failAt = failAt }
    func append(rows: [[Cell]]) throws {
        usleep(200)
        try lock.withLock {
            if batches.count == failAt { throw Refused() }
            batches.append(rows)
        }
    }
    func close() throws { lock.withLock { closed += 1 } }
}

/// Holds the first batch until the test opens the gate, and says when it has it.
private final class GatedWriter: SheetWriter, @unchecked Sendable {
    let started = DispatchSemaphore(value: 0), gate = DispatchSemaphore(value: 0)
    let lock = NSLock()
    var written = 0, closed = 0
    func append(rows: [[Cell]]) throws {
        if lock.withLock({ written }) == 0 { started.signal(); gate.wait() }
        lock.withLock { written += 1 }
    }
    func close() throws { lock.withLock { closed += 1 } }
}

@Suite("SheetPipe: the rows reach the writer in order, errors reach the reader")
struct SheetPipeTests {
    let batches = (0..<200).map { n in (0..<3).map { [Cell.integer(n), .integer($0)] } }

    @Test func everyBatchArrivesOnceInTheOrderGiven() async throws {
        let writer = RecordingWriter()
        let pipe = SheetPipe(writer, depth: 2)
        for batch in batches { try pipe.append(rows: batch) }
        try await pipe.finish()
        #expect(writer.batches == batches)
        #expect(writer.closed == 1)
    }

    @Test func aWriterErrorStopsTheExportAndTheFileIsStillClosed() async throws {
        let writer = RecordingWriter(failAt: 5)
        let pipe = SheetPipe(writer, depth: 2)
        var refused = false
        do {
            for batch in batches { try pipe.append(rows: batch) }
            try await pipe.finish()
        } catch is RecordingWriter.Refused {
            refused = true
            await pipe.abandon()
        }
        #expect(refused)
        #expect(writer.batches == Array(batches.prefix(5)))
        #expect(writer.closed == 1)
    }

    /// The reader failed (the database): what is still queued is not written, the file is closed.
    @Test func anAbandonedExportSkipsWhatIsQueued() async throws {
        let writer = GatedWriter()
        let pipe = SheetPipe(writer, depth: 3)
        for batch in batches.prefix(3) { try pipe.append(rows: batch) }
        writer.started.wait()  // the first batch is being written; two wait behind it
        pipe.cancel()
        writer.gate.signal()
        await pipe.abandon()
        #expect(writer.written == 1)
        #expect(writer.closed == 1)
        #expect(throws: (any Error).self) { try pipe.append(rows: batches[3]) }
    }
}
