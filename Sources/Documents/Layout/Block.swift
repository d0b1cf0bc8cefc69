/// What an official document is made of. Forms are short declarations of these blocks; the
/// renderer turns them into pages (Decree 30/2020/NĐ-CP layout: A4, Times-metric serif).
public enum Block: Sendable {
    /// Side-by-side stacks of lines: the header block, signature blocks, "Nơi nhận".
    case columns([Column])
    /// A paragraph of Pango markup (build it with `Markup`), wrapped and split across pages.
    case paragraph(String, ParagraphStyle = ParagraphStyle())
    /// "Label: value", or the label followed by dotted blanks to the end of the line when the
    /// value is unknown, and `blankLines` more dotted lines.
    case field(String, value: String?, blankLines: Int = 0)
    /// Check boxes ("□ Nam □ Nữ"), laid out in `perRow` columns; a ticked box carries an X.
    case checkboxes([CheckItem], perRow: Int)
    /// A bordered table whose header row repeats on every page it spans.
    case table(Table)
    /// A QR code with a caption beside it.
    case qrCode(String, caption: String)
    case space(Double)
    case pageBreak
    /// Blocks drawn one after the other (a header made of two rows, say).
    case group([Block])
}

public struct ParagraphStyle: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case left, center, right, justify }
    public var size: Double?
    public var bold = false
    public var italic = false
    public var alignment: Alignment = .justify
    public var firstLineIndent: Double = 0
    public var leftIndent: Double = 0
    public var spaceAfter: Double = 3
    /// In a column: never wrapped (the place and date line, Decree 30/2020 Appendix I); see
    /// `Renderer.placeText` for where it goes when it is wider than its column.
    public var singleLine = false

    public init(size: Double? = nil, bold: Bool = false, italic: Bool = false, alignment: Alignment = .justify,
                firstLineIndent: Double = 0, leftIndent: Double = 0, spaceAfter: Double = 3) {
        self.size = size
        self.bold = bold
        self.italic = italic
        self.alignment = alignment
        self.firstLineIndent = firstLineIndent
        self.leftIndent = leftIndent
        self.spaceAfter = spaceAfter
    }

    public static let centeredTitle = ParagraphStyle(size: 14, bold: true, alignment: .center, spaceAfter: 2)
    public static let centered = ParagraphStyle(alignment: .center)
    public static let body = ParagraphStyle(firstLineIndent: 28.35, spaceAfter: 6)
    public static let plain = ParagraphStyle(alignment: .left)
}

/// One stack of a `columns` block.
public struct Column: Sendable {
    public var width: Double
    public var lines: [Line]
    public init(width: Double, _ lines: [Line]) {
        self.width = width
        self.lines = lines
    }
}

/// A line in a column: text (Pango markup) or a short rule under the previous text.
public enum Line: Sendable {
    case text(String, ParagraphStyle)
    /// A solid rule centred under the previous line, `fraction` of its width.
    case rule(fraction: Double)
    case gap(Double)

    public static func centered(_ markup: String, size: Double? = nil, bold: Bool = false, italic: Bool = false) -> Line {
        .text(markup, ParagraphStyle(size: size, bold: bold, italic: italic, alignment: .center, spaceAfter: 0))
    }

    /// Centred on one line in its column, reaching left past the column when it is wider.
    public static func oneLine(_ markup: String, size: Double? = nil, italic: Bool = false) -> Line {
        var style = ParagraphStyle(size: size, italic: italic, alignment: .center, spaceAfter: 0)
        style.singleLine = true
        return .text(markup, style)
    }

    public static func left(_ markup: String, size: Double? = nil, bold: Bool = false, italic: Bool = false) -> Line {
        .text(markup, ParagraphStyle(size: size, bold: bold, italic: italic, alignment: .left, spaceAfter: 0))
    }
}

public struct CheckItem: Sendable {
    public var label: String
    public var checked: Bool
    /// A caption in the row of boxes (such as "Giới tính:"), drawn without a box.
    public var isLabel = false
    public init(_ label: String, checked: Bool) {
        self.label = label
        self.checked = checked
    }

    public static func caption(_ label: String) -> CheckItem {
        var item = CheckItem(label, checked: false)
        item.isLabel = true
        return item
    }
}

public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var width: Double
        public var alignment: ParagraphStyle.Alignment
        public init(_ title: String, width: Double, alignment: ParagraphStyle.Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Rows (by index) printed in bold, such as a total.
    public var boldRows: Set<Int>

    public init(columns: [Column], rows: [[String]], boldRows: Set<Int> = []) {
        self.columns = columns
        self.rows = rows
        self.boldRows = boldRows
    }
}

/// An official document: its title (PDF metadata), body font size and blocks.
public struct OfficialDocument: Sendable {
    public var title: String
    public var bodySize: Double
    public var blocks: [Block]

    public init(title: String, bodySize: Double = 13, blocks: [Block]) {
        self.title = title
        self.bodySize = bodySize
        self.blocks = blocks
    }
}
