import Foundation

/// Money is an integer number of đồng (design.md); shown as "1.500.000 đ" (D14).
public enum Money {
    public static func format(dong amount: Int) -> String {
        grouped(amount) + " đ"
    }

    /// A whole number with its thousands set apart by dots, as Vietnamese writes them: "10.000".
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(character)
        }
        return (number < 0 ? "-" : "") + grouped
    }

    /// Reads what a user types: "1.500.000", "1500000", "1 500 000 đ". Nil when it is not a
    /// whole, non-negative number of đồng.
    public static func parse(_ text: String) -> Int? {
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        for suffix in ["đồng", "đ", "VNĐ", "VND"] where cleaned.hasSuffix(suffix) {
            cleaned = String(cleaned.dropLast(suffix.count))
        }
        let digits = cleaned.filter { !". ".contains($0) }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              digits.count <= 15 else { return nil }
        return Int(digits)
    }
}
