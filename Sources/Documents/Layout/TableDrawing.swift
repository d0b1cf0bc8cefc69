import CPangoCairo

extension Renderer {
    /// A bordered table; a row never splits, and the header row repeats on each new page.
    func drawTable(_ table: Table) {
        let total = table.columns.reduce(0) { $0 + $1.width }
        let widths = table.columns.map { $0.width / total * page.contentWidth }
        let padding = 3.0
        func cells(_ texts: [String], bold: Bool, header: Bool) -> [TextLayout] {
            texts.indices.map { index in
                let alignment = header ? .center : table.columns[index].alignment.forCell
                let style = ParagraphStyle(bold: bold, alignment: alignment, spaceAfter: 0)
                return layout(Markup.escape(texts[index]), width: widths[index] - 2 * padding, style: style)
            }
        }
        func drawRow(_ layouts: [TextLayout]) {
            let height = (layouts.map(\.height).max() ?? 0) + 2 * padding
            var x = page.left
            for (text, width) in zip(layouts, widths) {
                cairo_set_line_width(cr, 0.6)
                cairo_rectangle(cr, x, y, width, height)
                cairo_stroke(cr)
                draw(text, x: x + padding, y: y + padding)
                x += width
            }
            y += height
        }
        let header = cells(table.columns.map(\.title), bold: true, header: true)
        let headerHeight = (header.map(\.height).max() ?? 0) + 2 * padding
        ensure(headerHeight * 2)
        drawRow(header)
        for (index, row) in table.rows.enumerated() {
            let layouts = cells(row, bold: table.boldRows.contains(index), header: false)
            let height = (layouts.map(\.height).max() ?? 0) + 2 * padding
            if height > remaining {
                newPage()
                drawRow(header)
            }
            drawRow(layouts)
        }
        y += 6
    }

    /// A QR code (libqrencode) with a caption to its right, kept on one page.
    func drawQRCode(_ payload: String, caption: String) {
        guard let code = QRCode(payload) else { return }
        let side = 72.0
        ensure(side + 6)
        let module = side / Double(code.size)
        cairo_set_source_rgb(cr, 0, 0, 0)
        for row in 0..<code.size {
            for column in 0..<code.size where code.isDark(row: row, column: column) {
                cairo_rectangle(cr, page.left + Double(column) * module, y + Double(row) * module, module, module)
            }
        }
        cairo_fill(cr)
        let text = layout(Markup.italic(caption), width: page.contentWidth - side - 12,
                          style: ParagraphStyle(size: bodySize - 2, alignment: .left, spaceAfter: 0))
        draw(text, x: page.left + side + 12, y: y + (side - text.height) / 2)
        y += side + 6
    }
}

private extension ParagraphStyle.Alignment {
    /// Justified text in a narrow cell looks ragged; cells align left instead.
    var forCell: ParagraphStyle.Alignment { self == .justify ? .left : self }
}
