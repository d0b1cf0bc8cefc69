/// Where the lines of side-by-side columns go on the page, before they are drawn.
extension Renderer {
    /// A column's lines laid out at their place: `x` is where each text line starts on the page.
    struct PlacedColumn {
        var x: Double
        let width: Double
        var lines: [(line: Line, text: TextLayout?, x: Double)]
        let height: Double

        /// The right end of the widest text, on the page.
        var textRight: Double { lines.compactMap { item in item.text.map { item.x + $0.logicalRight } }.max() ?? x }
        var textLeft: Double { lines.compactMap { item in item.text.map { item.x + $0.logicalLeft } }.min() ?? x }

        func shifted(by delta: Double) -> PlacedColumn {
            var moved = self
            moved.x += delta
            moved.lines = lines.map { ($0.line, $0.text, $0.x + delta) }
            return moved
        }
    }

    /// Room kept between a one-line text reaching into the column on its left and that column's text.
    static let columnGap = 8.0

    func place(_ columns: [Column]) -> [PlacedColumn] {
        var x = page.left
        var placed: [PlacedColumn] = []
        for column in columns {
            let width = column.width * page.contentWidth
            var height = 0.0
            let lines = column.lines.map { line -> (line: Line, text: TextLayout?, x: Double) in
                switch line {
                case .text(let markup, let style):
                    let (text, at) = placeText(markup, style: style, columnX: x, width: width)
                    height += text.height + style.spaceAfter
                    return (line, text, at)
                case .rule:
                    height += 6
                case .gap(let points):
                    height += points
                }
                return (line, nil, x)
            }
            placed.append(PlacedColumn(x: x, width: width, lines: lines, height: height))
            x += width
        }
        return makeRoom(placed)
    }

    /// A one-line text is centred in its column when it fits; when it is wider, it keeps its right
    /// edge at the column's and reaches left into the page; wider than the page, it wraps.
    func placeText(_ markup: String, style: ParagraphStyle, columnX: Double, width: Double) -> (TextLayout, Double) {
        guard style.singleLine else { return (layout(markup, width: width, style: style), columnX) }
        let text = layout(markup, width: width, style: style)
        let natural = text.textWidth
        if natural <= width { return (text, columnX + (width - natural) / 2) }
        if natural <= page.contentWidth { return (text, max(page.left, columnX + width - natural)) }
        var wrapped = style
        wrapped.singleLine = false
        return (layout(markup, width: width, style: wrapped), columnX)
    }

    /// A one-line text reaching left into the previous column pushes that column left, as far as
    /// the margin allows, so that "Số: …" and a long place and date line never touch.
    func makeRoom(_ columns: [PlacedColumn]) -> [PlacedColumn] {
        var result = columns
        for index in result.indices.dropFirst() {
            let column = result[index]
            let reach = column.lines.filter { $0.text != nil && $0.x < column.x }.map(\.x).min()
            guard let reach, result[index - 1].lines.contains(where: { $0.text != nil }) else { continue }
            let overlap = result[index - 1].textRight - (reach - Self.columnGap)
            let slack = result[index - 1].textLeft - page.left
            if overlap > 0 { result[index - 1] = result[index - 1].shifted(by: -min(overlap, max(0, slack))) }
        }
        return result
    }
}
