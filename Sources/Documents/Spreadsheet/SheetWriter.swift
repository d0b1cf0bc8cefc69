import Foundation

/// Writes rows of a list to a file as they come: XLSX (`XLSXWriter`) or CSV (`CSVFileWriter`).
public protocol SheetWriter: AnyObject, Sendable {
    func append(rows: [[Cell]]) throws
    func close() throws
}

/// CSV to a file, UTF-8 with a BOM, through a 64 KiB buffer.
public final class CSVFileWriter: SheetWriter, @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    public init(path: String, columns: [SheetColumn]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw SpreadsheetError(description: "Không tạo được tệp CSV.")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer = CSVEncoder.header(columns)
    }

    public func append(rows: [[Cell]]) throws {
        buffer += CSVEncoder.rows(rows)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private var closed = false

    /// Writes what is buffered and closes the file (closing again does nothing).
    public func close() throws {
        guard !closed else { return }
        closed = true
        try flush()
        try handle.close()
    }
}

extension XLSXWriter: SheetWriter {}
