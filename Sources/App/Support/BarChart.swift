import Foundation

/// A chart of horizontal stacked bars, drawn as SVG by `Resources/Views/chart.leaf` beside a table of
/// its numbers (issue 11 §4): each row a label, its segments and their counts. Geometry is computed
/// here, in the units of the SVG's 100-wide view box, so the page needs no script and no inline style.
struct BarChart: Hashable, Encodable, Sendable {
    struct Key: Hashable, Encodable, Sendable { var label: String, kind: String }
    struct Segment: Hashable, Encodable, Sendable { @Printed var x: Double; @Printed var width: Double; var kind: String; @Printed var value: Int }
    struct Row: Hashable, Encodable, Sendable { var label: String; @Printed var total: Int; var segments: [Segment]; @PrintedEach var values: [Int] }

    var title: String
    var caption: String
    /// The heading of the rows' column ("Huyện", "Cơ quan"…).
    var rowHeading: String
    var keys: [Key]
    var rows: [Row]

    /// `kinds` name the CSS classes of the segments (ok, warning, serious, grade-a…), in order.
    init(title: String, caption: String, rowHeading: String, keys: [(label: String, kind: String)], rows: [(label: String, values: [Int])]) {
        self.title = title
        self.caption = caption
        self.rowHeading = rowHeading
        self.keys = keys.map { Key(label: $0.label, kind: $0.kind) }
        let widest = max(1, rows.map { $0.values.reduce(0, +) }.max() ?? 1)
        self.rows = rows.map { row in
            var x = 0.0
            var segments: [Segment] = []
            for (index, value) in row.values.enumerated() where value > 0 && index < keys.count {
                let width = Double(value) * 100 / Double(widest)
                segments.append(Segment(x: x, width: width, kind: keys[index].kind, value: value))
                x += width
            }
            return Row(label: row.label, total: row.values.reduce(0, +), segments: segments, values: row.values)
        }
    }
}
