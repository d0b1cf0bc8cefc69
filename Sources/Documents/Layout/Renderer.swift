import CPangoCairo

public enum DocumentError: Error, CustomStringConvertible {
    case cairo(String)
    public var description: String {
        switch self {
        case .cairo(let status): "Không tạo được tệp PDF (Cairo: \(status))"
        }
    }
}

/// Collects the bytes Cairo writes.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Draws an `OfficialDocument` on Cairo PDF pages, top to bottom, breaking pages where a block
/// does not fit and numbering pages from page 2 in the top margin (Decree 30/2020).
final class Renderer {
    let page = PageGeometry()
    let bodySize: Double
    private let sink = ByteSink()
    private let surface: OpaquePointer
    let cr: OpaquePointer
    let context: OpaquePointer
    private(set) var pageNumber = 1
    var y: Double

    init(title: String, bodySize: Double) throws {
        self.bodySize = bodySize
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(),
                                                      page.width, page.height)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "QLCB-CNTT")
        cr = cairo_create(surface)
        context = pango_cairo_create_context(cr)
        pango_cairo_context_set_resolution(context, 72)
        y = page.top
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
            throw DocumentError.cairo(String(cString: cairo_status_to_string(status)))
        }
    }

    deinit {
        layouts.removeAll()  // each layout holds its own reference to the context; let them go first
        g_object_unref(UnsafeMutableRawPointer(context))
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    var remaining: Double { page.contentBottom - y }

    /// Compared and hashed by the markup's bytes: `String`'s own equality normalises Vietnamese
    /// text first (Unicode canonical equivalence), which cost more than the lookup saved.
    private struct LayoutKey: Hashable {
        let markup: String, width: Double, style: ParagraphStyle

        static func == (a: LayoutKey, b: LayoutKey) -> Bool {
            a.width == b.width && a.style == b.style && a.markup.utf8.elementsEqual(b.markup.utf8)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(width)
            hasher.combine(style)
            hasher.combine(markup.utf8.count)
            let hashed: Void? = markup.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            if hashed == nil { for byte in markup.utf8 { hasher.combine(byte) } }
        }
    }
    /// Layouts already made in this document: a work log repeats the labels and boxes of Form 3 on
    /// each of its pages, and shaping them again was a third of rendering it (issue 14). A layout
    /// is never changed once made, so drawing it again draws the same text. Emptied at 2,000
    /// entries, so a long document's own texts cannot grow it without bound.
    private var layouts: [LayoutKey: TextLayout] = [:]

    func layout(_ markup: String, width: Double, style: ParagraphStyle) -> TextLayout {
        let key = LayoutKey(markup: markup, width: width, style: style)
        if let made = layouts[key] { return made }
        if layouts.count >= 2_000 { layouts.removeAll(keepingCapacity: true) }
        let made = TextLayout(context: context, markup: markup, width: width, style: style, bodySize: bodySize)
        layouts[key] = made
        return made
    }

    func newPage() {
        cairo_show_page(cr)
        pageNumber += 1
        y = page.top
        let number = layout(String(pageNumber), width: page.contentWidth, style: ParagraphStyle(size: 13, alignment: .center))
        draw(number, x: page.left, y: page.top / 2 - number.height / 2)
    }

    /// Moves to a new page unless `height` fits in what is left of this one.
    func ensure(_ height: Double) {
        if height > remaining && y > page.top { newPage() }
    }

    func draw(_ layout: TextLayout, x: Double, y: Double) {
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout.pointer)
    }

    /// Draws a layout line by line so a long paragraph continues on the next page.
    func flow(_ layout: TextLayout, x: Double) {
        var offset = 0.0
        for line in layout.lines() {
            if y + line.top + line.height - offset > page.contentBottom && line.top > offset {
                newPage()
                offset = line.top
            } else if y + line.height > page.contentBottom && y > page.top {
                newPage()
                offset = line.top
            }
            cairo_move_to(cr, x + line.x, y + line.baseline - offset)
            pango_cairo_show_layout_line(cr, line.line)
        }
        y += layout.height - offset
    }

    func strokeLine(x1: Double, y1: Double, x2: Double, y2: Double, width: Double = 0.6) {
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, x1, y1)
        cairo_line_to(cr, x2, y2)
        cairo_stroke(cr)
    }

    func finish() throws -> [UInt8] {
        cairo_surface_finish(surface)  // emits the last page
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw DocumentError.cairo(String(cString: cairo_status_to_string(status))) }
        return sink.bytes
    }
}
