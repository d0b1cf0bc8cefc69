import Documents
import Foundation
import Vapor

/// A list as a spreadsheet (issue 5 §4): columns, and a producer that hands rows over as the
/// database returns them, so no export holds the whole list in memory.
struct ListExport: Sendable {
    typealias Emit = @Sendable ([[Cell]]) throws -> Void
    /// ASCII file name without extension.
    var fileStem: String
    var sheetName: String
    var columns: [SheetColumn]
    var produce: @Sendable (_ emit: @escaping Emit) async throws -> Void
}

enum Exporter {
    enum Format: String {
        case xlsx, csv

        var mediaType: HTTPMediaType {
            switch self {
            case .xlsx: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            case .csv: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            }
        }
    }

    /// `?format=xlsx|csv` on a list page; nil for the page itself.
    static func format(_ req: Request) -> Format? {
        req.queryText("format").flatMap(Format.init(rawValue:))
    }

    /// Writes the rows to a temporary file as they arrive (XLSX through libxlsxwriter in
    /// constant-memory mode, or CSV with a BOM) through a `SheetPipe` (reading and writing overlap),
    /// then streams the file from disk and deletes it.
    static func respond(_ export: ListExport, as format: Format, req: Request) async throws -> Response {
        let path = NSTemporaryDirectory() + "qlcb-export-\(UUID().canonicalText).\(format.rawValue)"
        do {
            let writer: any SheetWriter = switch format {
            case .xlsx: try XLSXWriter(path: path, sheetName: export.sheetName, columns: export.columns)
            case .csv: try CSVFileWriter(path: path, columns: export.columns)
            }
            let pipe = SheetPipe(writer)
            do {
                // Off Swift concurrency's pool (`BlockingWork`): `append` waits on its thread while the writer is behind.
                try await withTaskExecutorPreference(BlockingWork.executor) {
                    try await export.produce { rows in try pipe.append(rows: rows) }
                }
                try await pipe.finish()
            } catch {
                await pipe.abandon()
                throw error
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let response = try await req.fileio.asyncStreamFile(at: path, mediaType: format.mediaType) { _ in
            try? FileManager.default.removeItem(atPath: path)
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(export.fileStem).\(format.rawValue)\"")
        return response
    }
}
