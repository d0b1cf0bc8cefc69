/// A citizen identity number (D13): the 12-digit CCCD / Căn cước or the legacy 9-digit CMND.
/// Stored as entered (digits only); shown masked except to the officer and HR roles.
public struct IdentityNumber: Hashable, Sendable {
    public enum Kind: String, Sendable { case cccd, cmnd }
    public let digits: String
    public let kind: Kind

    public enum Problem: Error, Equatable, Sendable {
        case notDigits, wrongLength, unknownProvince(String), birthYearMismatch, genderMismatch

        /// The message a user reads next to the field.
        public var message: String {
            switch self {
            case .notDigits: "Số định danh chỉ gồm chữ số."
            case .wrongLength: "Số CCCD/Căn cước gồm 12 chữ số, số CMND cũ gồm 9 chữ số."
            case .unknownProvince(let code): "Mã tỉnh \(code) ở 3 chữ số đầu của số CCCD không tồn tại."
            case .birthYearMismatch: "Số CCCD không khớp với năm sinh đã nhập."
            case .genderMismatch: "Số CCCD không khớp với giới tính đã nhập."
            }
        }
    }

    /// Province codes of the 12-digit CCCD (the first three digits), as issued since 2016.
    static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
        "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
        "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
        "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
        "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ]

    /// Validates a number; with a date of birth and gender, also the CCCD's century/gender digit
    /// and its two birth-year digits.
    public static func parse(_ text: String, birthYear: Int? = nil, gender: Gender? = nil)
        -> Result<IdentityNumber, Problem>
    {
        let digits = text.filter { $0 != " " && $0 != "." && $0 != "-" }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.notDigits) }
        switch digits.count {
        case 9:
            return .success(IdentityNumber(digits: digits, kind: .cmnd))
        case 12:
            let province = String(digits.prefix(3))
            guard provinceCodes.contains(province) else { return .failure(.unknownProvince(province)) }
            let chars = Array(digits)
            let code = chars[3].wholeNumberValue!
            let yy = Int(String(chars[4...5]))!
            if let birthYear {
                let century = [0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200,
                               8: 1800, 9: 1800][code]!
                if century + yy != birthYear { return .failure(.birthYearMismatch) }
            }
            if let gender, (code % 2 == 0) != (gender == .male) { return .failure(.genderMismatch) }
            return .success(IdentityNumber(digits: digits, kind: .cccd))
        default:
            return .failure(.wrongLength)
        }
    }

    /// "••••••••1234": the last four digits only.
    public static func masked(_ digits: String) -> String {
        guard digits.count > 4 else { return String(repeating: "•", count: digits.count) }
        return String(repeating: "•", count: digits.count - 4) + digits.suffix(4)
    }

    /// The name printed before a number (shown whole or masked, same length): a 12-digit number is a
    /// CCCD/Căn cước, a 9-digit one an old CMND; unknown, both names.
    public static func label(forShown text: String) -> String {
        switch text.count {
        case 12: "CCCD số"
        case 9: "CMND số"
        default: "CMND/CCCD số"
        }
    }
}
