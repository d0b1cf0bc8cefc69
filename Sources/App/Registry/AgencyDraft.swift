import Domain
import Foundation

/// What a person submits for an agency, as typed; `validate` turns it into checked values.
struct AgencyInput: Codable, Sendable {
    var name: String = ""
    var shortName: String = ""
    var kind: String = AgencyKind.administrative.rawValue
    var level: String = AdminLevel.province.rawValue
    var governingAgencyID: String = ""
    var district: String = ""
    var address: String = ""
    var headName: String = ""
    var headTitle: String = ""
    var appliesByAnalogy: Bool = false
    var version: Int?

    init() {}

    init(name: String, shortName: String, kind: String, level: String, governingAgencyID: String, district: String,
         address: String, headName: String, headTitle: String, appliesByAnalogy: Bool, version: Int?) {
        self.name = name; self.shortName = shortName; self.kind = kind; self.level = level
        self.governingAgencyID = governingAgencyID; self.district = district; self.address = address
        self.headName = headName; self.headTitle = headTitle; self.appliesByAnalogy = appliesByAnalogy
        self.version = version
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = c.text(.name)
        shortName = c.text(.shortName)
        kind = c.text(.kind)
        level = c.text(.level)
        governingAgencyID = c.text(.governingAgencyID)
        district = c.text(.district)
        address = c.text(.address)
        headName = c.text(.headName)
        headTitle = c.text(.headTitle)
        appliesByAnalogy = c.flag(.appliesByAnalogy)
        version = c.number(.version)
    }
}

/// A checked agency, ready to save.
struct AgencyDraft: Sendable, Encodable {
    var name: String
    var shortName: String
    var kind: AgencyKind
    var level: AdminLevel
    var governingAgencyID: UUID?
    var district: String
    var address: String
    var headName: String
    var headTitle: String
    var appliesByAnalogy: Bool

    static func validate(_ input: AgencyInput) -> Result<AgencyDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = VietnameseText.normalize(input.name)
        if name.isEmpty { errors.add("name", "Nhập tên cơ quan.") }
        if name.count > 250 { errors.add("name", "Tên cơ quan tối đa 250 ký tự.") }
        let kind = AgencyKind(rawValue: input.kind)
        if kind == nil { errors.add("kind", "Chọn loại cơ quan.") }
        let level = AdminLevel(rawValue: input.level)
        if level == nil { errors.add("level", "Chọn cấp hành chính.") }
        var parent: UUID?
        let parentText = input.governingAgencyID.trimmingCharacters(in: .whitespaces)
        if !parentText.isEmpty {
            parent = UUID(uuidString: parentText)
            if parent == nil { errors.add("governingAgencyID", "Cơ quan chủ quản không hợp lệ.") }
        }
        let district = VietnameseText.normalize(input.district)
        if let level, level != .province, district.isEmpty {
            errors.add("district", "Cơ quan cấp huyện, cấp xã cần có tên huyện/thị xã/thành phố.")
        }
        for (field, value, limit) in [("shortName", input.shortName, 50), ("address", input.address, 300),
                                      ("headName", input.headName, 120), ("headTitle", input.headTitle, 120),
                                      ("district", input.district, 120)]
            where VietnameseText.normalize(value).count > limit {
            errors.add(field, "Tối đa \(limit) ký tự.")
        }
        guard errors.isEmpty, let kind, let level else { return .failure(errors) }
        return .success(AgencyDraft(
            name: name, shortName: VietnameseText.normalize(input.shortName), kind: kind, level: level,
            governingAgencyID: parent, district: district, address: VietnameseText.normalize(input.address),
            headName: VietnameseText.normalize(input.headName), headTitle: VietnameseText.normalize(input.headTitle),
            appliesByAnalogy: input.appliesByAnalogy))
    }
}

extension AgencyModel {
    func apply(_ draft: AgencyDraft) {
        name = draft.name
        nameFolded = VietnameseText.fold(draft.name + " " + draft.shortName)
        shortName = draft.shortName
        kind = draft.kind.rawValue
        level = draft.level.rawValue
        $governingAgency.id = draft.governingAgencyID
        district = draft.district
        address = draft.address
        headName = draft.headName
        headTitle = draft.headTitle
        appliesByAnalogy = draft.appliesByAnalogy
    }

    var input: AgencyInput { AgencyRecord(self).input }
}

extension AgencyRecord {
    /// The record as its form shows it.
    var input: AgencyInput {
        AgencyInput(name: name, shortName: shortName, kind: kind, level: level,
                    governingAgencyID: governingAgencyID?.canonicalText ?? "", district: district,
                    address: address, headName: headName, headTitle: headTitle,
                    appliesByAnalogy: appliesByAnalogy, version: version)
    }
}
