import CXlsxWriter
import Domain

public struct SpreadsheetError: Error, CustomStringConvertible {
    public var description: String
}

/// An XLSX file written row by row with libxlsxwriter in constant-memory mode: each row goes to
/// disk when the next begins, so memory does not grow with the row count. Bold frozen header row,
/// column widths, integer, money ("1.500.000 đ") and date (dd/mm/yyyy) formats. One task writes
/// to a writer at a time (hence `@unchecked Sendable`).
public final class XLSXWriter: @unchecked Sendable {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let sheet: UnsafeMutablePointer<lxw_worksheet>
    private let columns: [SheetColumn]
    private let formats: [UnsafeMutablePointer<lxw_format>?]
    private var row: UInt32 = 1
    private var closed = false
    private let level: Int32

    /// `level`: zlib's deflate level for the file (`Deflate`).
    public init(path: String, sheetName: String, columns: [SheetColumn], level: Int32 = Deflate.spreadsheets) throws {
        self.level = level
        var options = lxw_workbook_options()
        options.constant_memory = UInt8(LXW_TRUE.rawValue)
        guard let workbook = workbook_new_opt(path, &options) else { throw SpreadsheetError(description: "Không tạo được tệp XLSX.") }
        self.workbook = workbook
        guard let sheet = workbook_add_worksheet(workbook, String(sheetName.prefix(31))) else {
            workbook_close(workbook)
            throw SpreadsheetError(description: "Không tạo được trang tính.")
        }
        self.sheet = sheet
        self.columns = columns
        let header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_bg_color(header, 0xDCE6F1)
        format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
        format_set_text_wrap(header)
        format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        formats = columns.map { column in
            let format: UnsafeMutablePointer<lxw_format>?
            switch column.kind {
            case .text: format = nil
            case .integer:
                format = workbook_add_format(workbook)
                format_set_num_format(format, "#,##0")
            case .money:
                format = workbook_add_format(workbook)
                format_set_num_format(format, "#,##0 \"đ\"")
            case .date:
                format = workbook_add_format(workbook)
                format_set_num_format(format, "dd/mm/yyyy")
            }
            return format
        }
        for (index, column) in columns.enumerated() {
            worksheet_set_column(sheet, UInt16(index), UInt16(index), column.width, formats[index])
            worksheet_write_string(sheet, 0, UInt16(index), column.title, header)
        }
        worksheet_freeze_panes(sheet, 1, 0)
    }

    deinit { if !closed { workbook_close(workbook) } }

    public func append(_ cells: [Cell]) {
        for (index, cell) in cells.enumerated() where index < columns.count {
            let column = UInt16(index)
            switch cell {
            case .text(let text): worksheet_write_string(sheet, row, column, text, nil)
            case .integer(let value): worksheet_write_number(sheet, row, column, Double(value), formats[index])
            case .date(let date):
                var value = lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
                worksheet_write_datetime(sheet, row, column, &value, formats[index])
            case .empty: break
            }
        }
        row += 1
    }

    public func append(rows: [[Cell]]) throws { rows.forEach(append) }

    /// Writes the workbook's file; the writer is unusable afterwards (closing again does nothing).
    public func close() throws {
        guard !closed else { return }
        closed = true
        let status = Deflate.with(level: level) { workbook_close(workbook) }
        guard status == LXW_NO_ERROR else {
            throw SpreadsheetError(description: "Không ghi được tệp XLSX: \(String(cString: lxw_strerror(status)))")
        }
    }
}
