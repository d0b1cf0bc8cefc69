import CPangoCairo

/// A Pango layout owned by Swift: created at 72 dpi so that "13 pt" is 13 pt on the PDF page
/// (a Pango context on a Cairo surface assumes 96 dpi otherwise).
final class TextLayout {
    let pointer: OpaquePointer

    init(context: OpaquePointer, markup: String, width: Double, style: ParagraphStyle, bodySize: Double) {
        pointer = pango_layout_new(context)
        let font = pango_font_description_from_string("Liberation Serif")
        pango_font_description_set_absolute_size(font, (style.size ?? bodySize) * Double(PANGO_SCALE))
        if style.bold { pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD) }
        if style.italic { pango_font_description_set_style(font, PANGO_STYLE_ITALIC) }
        pango_layout_set_font_description(pointer, font)
        pango_font_description_free(font)
        pango_layout_set_width(pointer, style.singleLine ? -1 : Int32(max(1, width - style.leftIndent) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(pointer, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_line_spacing(pointer, 1.1)
        switch style.alignment {
        case .left: pango_layout_set_alignment(pointer, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(pointer, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(pointer, PANGO_ALIGN_RIGHT)
        case .justify:
            pango_layout_set_alignment(pointer, PANGO_ALIGN_LEFT)
            pango_layout_set_justify(pointer, 1)
        }
        if style.firstLineIndent != 0 { pango_layout_set_indent(pointer, Int32(style.firstLineIndent * Double(PANGO_SCALE))) }
        pango_layout_set_markup(pointer, markup, -1)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    var height: Double {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(pointer, &w, &h)
        return Double(h) / Double(PANGO_SCALE)
    }

    var lineCount: Int { Int(pango_layout_get_line_count(pointer)) }

    /// The width of the inked text of the widest line.
    var textWidth: Double {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(pointer, &ink, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    /// Where the text starts and ends, from the layout's left edge (centred text starts inside it).
    var logicalLeft: Double { logicalExtents.x }
    var logicalRight: Double { logicalExtents.x + logicalExtents.width }

    private var logicalExtents: (x: Double, width: Double) {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(pointer, &ink, &logical)
        return (Double(logical.x) / Double(PANGO_SCALE), Double(logical.width) / Double(PANGO_SCALE))
    }

    /// Where the text of the last line ends, from the layout's left edge.
    var lastLineEnd: Double {
        let count = pango_layout_get_line_count(pointer)
        guard let line = pango_layout_get_line_readonly(pointer, count - 1) else { return 0 }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_line_get_extents(line, &ink, &logical)
        return Double(logical.x + logical.width) / Double(PANGO_SCALE)
    }

    var firstBaseline: Double { Double(pango_layout_get_baseline(pointer)) / Double(PANGO_SCALE) }

    struct LineBox {
        let line: UnsafeMutablePointer<PangoLayoutLine>
        let top: Double
        let height: Double
        let baseline: Double
        let x: Double
    }

    /// Lines with their top, height and baseline in layout coordinates.
    func lines() -> [LineBox] {
        var result: [LineBox] = []
        guard let iter = pango_layout_get_iter(pointer) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        repeat {
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, &ink, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            if let line = pango_layout_iter_get_line_readonly(iter) {
                result.append(LineBox(line: line, top: Double(logical.y) / scale, height: Double(logical.height) / scale,
                                      baseline: baseline, x: Double(logical.x) / scale))
            }
        } while pango_layout_iter_next_line(iter) != 0
        return result
    }
}
