import Documents
import Foundation
import NIOCore
import Vapor

/// A list as a spreadsheet (issue 5 §4): columns, and a producer that hands over rows batch by
/// batch so no export holds the whole list in memory.
struct ListExport: Sendable {
    typealias Emit = @Sendable ([[Cell]]) async throws -> Void
    /// ASCII file name without extension.
    var fileStem: String
    var sheetName: String
    var columns: [SheetColumn]
    var produce: @Sendable (_ emit: Emit) async throws -> Void
}

enum Exporter {
    enum Format: String { case xlsx, csv }

    /// `?format=xlsx|csv` on a list page; nil for the page itself.
    static func format(_ req: Request) -> Format? {
        (try? req.query.get(String.self, at: "format")).flatMap(Format.init(rawValue:))
    }

    static func respond(_ export: ListExport, as format: Format, req: Request) async throws -> Response {
        switch format {
        case .csv: return csv(export)
        case .xlsx: return try await xlsx(export, req: req)
        }
    }

    /// CSV streamed as it is produced (chunked), UTF-8 with BOM.
    static func csv(_ export: ListExport) -> Response {
        let response = Response(status: .ok, body: .init(managedAsyncStream: { writer in
            try await writer.write(.buffer(ByteBuffer(bytes: CSVEncoder.header(export.columns))))
            try await export.produce { rows in
                try await writer.write(.buffer(ByteBuffer(bytes: CSVEncoder.rows(rows))))
            }
        }))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(export.fileStem).csv\"")
        return response
    }

    /// XLSX written to a temporary file row by row (libxlsxwriter constant-memory mode), then
    /// streamed from disk and deleted.
    static func xlsx(_ export: ListExport, req: Request) async throws -> Response {
        let path = NSTemporaryDirectory() + "qlcb-export-\(UUID().uuidString).xlsx"
        do {
            let writer = try XLSXWriter(path: path, sheetName: export.sheetName, columns: export.columns)
            try await export.produce { rows in writer.append(rows: rows) }
            try writer.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let media = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let response = try await req.fileio.asyncStreamFile(at: path, mediaType: media) { _ in
            try? FileManager.default.removeItem(atPath: path)
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(export.fileStem).xlsx\"")
        return response
    }
}
