import CPangoCairo

extension Renderer {
    func draw(_ block: Block) {
        switch block {
        case .paragraph(let markup, let style):
            let text = layout(markup, width: page.contentWidth, style: style)
            flow(text, x: page.left + style.leftIndent)
            y += style.spaceAfter
        case .field(let label, let value, let blankLines):
            drawField(label: label, value: value, blankLines: blankLines)
        case .columns(let columns):
            drawColumns(columns)
        case .checkboxes(let items, let perRow):
            drawCheckboxes(items, perRow: max(1, perRow))
        case .table(let table):
            drawTable(table)
        case .qrCode(let payload, let caption):
            drawQRCode(payload, caption: caption)
        case .space(let points):
            y += points
        case .pageBreak:
            newPage()
        case .group(let blocks):
            blocks.forEach(draw)
        }
    }

    /// "Label value" or "Label ........" to the end of the line (dotted blanks of the templates).
    func drawField(label: String, value: String?, blankLines: Int) {
        let style = ParagraphStyle(alignment: .left, spaceAfter: 4)
        var markup = Markup.escape(label)
        if let value, !value.isEmpty {
            markup += " " + Markup.escape(value)
        } else {
            let probe = layout(markup, width: page.contentWidth, style: style)
            markup += " " + dots(page.contentWidth - probe.lastLineEnd - dotWidth(style) * 2, style: style)
        }
        flow(layout(markup, width: page.contentWidth, style: style), x: page.left)
        for _ in 0..<blankLines {
            flow(layout(dots(page.contentWidth - dotWidth(style), style: style), width: page.contentWidth, style: style), x: page.left)
        }
        y += style.spaceAfter
    }

    func dotWidth(_ style: ParagraphStyle) -> Double {
        layout(String(repeating: ".", count: 20), width: page.contentWidth, style: style).textWidth / 20
    }

    func dots(_ width: Double, style: ParagraphStyle) -> String {
        String(repeating: ".", count: max(3, Int(width / dotWidth(style))))
    }

    func drawColumns(_ columns: [Column]) {
        let placed = place(columns)
        let height = placed.map(\.height).max() ?? 0
        ensure(height)
        for column in placed {
            var cy = y
            var previousWidth = 0.0
            for (line, text, x) in column.lines {
                switch line {
                case .text(_, let style):
                    guard let text else { continue }
                    draw(text, x: x, y: cy)
                    previousWidth = text.textWidth
                    cy += text.height + style.spaceAfter
                case .rule(let fraction):
                    let length = previousWidth * fraction
                    strokeLine(x1: column.x + (column.width - length) / 2, y1: cy + 2.5,
                               x2: column.x + (column.width + length) / 2, y2: cy + 2.5)
                    cy += 6
                case .gap(let points):
                    cy += points
                }
            }
        }
        y += height
    }

    func drawCheckboxes(_ items: [CheckItem], perRow: Int) {
        let cell = page.contentWidth / Double(perRow)
        let box = bodySize * 0.75
        let style = ParagraphStyle(alignment: .left, spaceAfter: 0)
        for start in stride(from: 0, to: items.count, by: perRow) {
            let row = items[start..<min(items.count, start + perRow)]
            let texts = row.map { layout(Markup.escape($0.label), width: cell - box - 10, style: style) }
            let height = (texts.map(\.height).max() ?? 0) + 3
            ensure(height)
            for (index, (item, text)) in zip(row, texts).enumerated() {
                let x = page.left + Double(index) * cell
                if item.isLabel {
                    draw(text, x: x, y: y)
                    continue
                }
                let top = y + text.firstBaseline - box
                cairo_set_line_width(cr, 0.7)
                cairo_rectangle(cr, x, top, box, box)
                cairo_stroke(cr)
                if item.checked {
                    let mark = layout("X", width: box, style: ParagraphStyle(size: box, bold: true, alignment: .center, spaceAfter: 0))
                    draw(mark, x: x, y: top + (box - mark.height) / 2)
                }
                draw(text, x: x + box + 6, y: y)
            }
            y += height
        }
        y += 2
    }
}
