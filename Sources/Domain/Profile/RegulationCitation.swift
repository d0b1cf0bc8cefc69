import Foundation

/// Who signs a paper (Decree 30/2020/NĐ-CP Art. 13 and Appendix I, "quyền hạn, chức vụ của người
/// ký"): the capacity when signing for the head ("KT. GIÁM ĐỐC"), the signer's own position
/// ("PHÓ GIÁM ĐỐC") and their full name. An empty name is left to be written by hand.
public struct PaperSigner: Codable, Sendable, Equatable {
    public var capacity: String
    public var position: String
    public var name: String

    public init(capacity: String = "", position: String, name: String = "") {
        self.capacity = capacity
        self.position = position
        self.name = name
    }

    /// The head signs in person; name unknown.
    public static let director = PaperSigner(position: "Giám đốc")

    /// The title lines as printed, in capitals: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["GIÁM ĐỐC"].
    public var titleLines: [String] {
        [capacity, position].map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    }
}

/// The regulation as the papers cite it. Its issuer is the province that issued it (Bình Dương,
/// 2013), kept apart from the province of today that heads the papers (decisions.md, "The
/// regulation profile"; docs/profile-and-papers.md).
extension RegulationProfile {
    /// The issuer of Decision 30/2013/QĐ-UBND.
    public static let binhDuongPeoplesCommittee = "Ủy ban nhân dân tỉnh Bình Dương"

    /// The issuer; for a profile stored before the setting existed, Bình Dương's People's Committee
    /// when the profile cites Bình Dương's decision, else the People's Committee it names (what the
    /// papers printed before).
    public var regulationIssuedBy: String {
        if let regulationIssuer { return regulationIssuer }
        let citesBinhDuong = regulationNumber == Self.binhDuong2013.regulationNumber
            && regulationSignedOn == Self.binhDuong2013.regulationSignedOn
        return citesBinhDuong ? Self.binhDuongPeoplesCommittee : peoplesCommitteeName
    }

    public var authoritySignatory: PaperSigner { authoritySigner ?? .director }

    /// "Quyết định số 30/2013/QĐ-UBND ngày 08/10/2013 của Ủy ban nhân dân tỉnh Bình Dương".
    public var regulationCitation: String {
        "Quyết định số \(regulationNumber) ngày \(regulationSignedOn.vietnamese) của \(regulationIssuedBy)"
    }

    /// The area the regulation was issued for, read from its issuer: "tỉnh Bình Dương" from
    /// "Ủy ban nhân dân tỉnh Bình Dương"; nil when the issuer is not a People's Committee.
    public var regulationArea: String? {
        let issuer = regulationIssuedBy.trimmingCharacters(in: .whitespaces)
        for prefix in ["Ủy ban nhân dân ", "UBND "] where issuer.lowercased().hasPrefix(prefix.lowercased()) {
            let area = issuer.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            return area.isEmpty ? nil : area.prefix(1).lowercased() + area.dropFirst()
        }
        return nil
    }

    /// The rules' own name (Decision 30/2013 Art. 1): "Quy chế quản lý … của các cơ quan nhà nước
    /// trên địa bàn tỉnh Bình Dương".
    public var regulationRulesName: String {
        "Quy chế quản lý cán bộ, công chức, viên chức chuyên trách, bán chuyên trách công nghệ thông tin "
            + "của các cơ quan nhà nước" + (regulationArea.map { " trên địa bàn \($0)" } ?? "")
    }
}
