import Domain

/// A column of an exported list: its Vietnamese header, width (characters) and type.
public struct SheetColumn: Sendable {
    public enum Kind: Sendable { case text, integer, money, date }
    public var title: String
    public var width: Double
    public var kind: Kind

    public init(_ title: String, width: Double = 18, _ kind: Kind = .text) {
        self.title = title
        self.width = width
        self.kind = kind
    }
}

/// One value of an exported row; numbers and dates stay numbers and dates in a spreadsheet.
public enum Cell: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case date(LocalDate)
    case empty

    public static func optional(_ value: Int?) -> Cell { value.map(Cell.integer) ?? .empty }
    public static func optional(_ value: LocalDate?) -> Cell { value.map(Cell.date) ?? .empty }

    /// The value as CSV prints it: dates as dd/MM/yyyy, numbers without separators.
    var csvText: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .date(let date): date.vietnamese
        case .empty: ""
        }
    }
}
