import Domain
import Foundation

/// A duty assignment decision as the page and the API send it, validated once for both with
/// Vietnamese messages by field (Art. 13.1; docs/duties-and-handover.md).
struct DutyDecisionDraft: Sendable {
    var number: String
    var signedOn: LocalDate
    var signer: String
    var assignments: [DutyAssignment]

    static let textLimit = 200

    /// `officers` are the agency's IT officers holding a post, by id, with their names.
    static func validate(number: String?, signedOn: String?, signer: String?, assignments: [(officer: String?, duties: [String])],
                         officers: [UUID: String]) -> Result<DutyDecisionDraft, FieldErrors> {
        var errors = FieldErrors()
        let number = VietnameseText.normalize(number ?? "").trimmingCharacters(in: .whitespaces)
        if number.isEmpty { errors.add("number", "Nhập số, ký hiệu của quyết định.") }
        if number.count > textLimit { errors.add("number", "Số, ký hiệu tối đa \(textLimit) ký tự.") }
        let signer = VietnameseText.normalize(signer ?? "").trimmingCharacters(in: .whitespaces)
        if signer.isEmpty { errors.add("signer", "Nhập họ tên người ký quyết định.") }
        if signer.count > textLimit { errors.add("signer", "Họ tên người ký tối đa \(textLimit) ký tự.") }
        let dateText = (signedOn ?? "").trimmingCharacters(in: .whitespaces)
        let date = LocalDate(iso: dateText) ?? LocalDate(userInput: dateText)
        if let date, !QueryNumbers.years.contains(date.year) {
            errors.add("signedOn", "Ngày ký phải trong khoảng năm 2000 đến 2100.")
        } else if date == nil {
            errors.add("signedOn", "Nhập ngày ký (dd/mm/yyyy).")
        }
        var parsed: [DutyAssignment] = []
        for (index, a) in assignments.enumerated() {
            guard let id = a.officer.flatMap(UUID.init(uuidString:)) else {
                errors.add("assignments[\(index)].officerId", "Chọn cán bộ CNTT được phân công.")
                continue
            }
            guard let duties = ITDuty.parse(a.duties) else {
                errors.add("assignments[\(index)].duties", "Nhiệm vụ là mã của Điều 5 hoặc “all” (tất cả nhiệm vụ).")
                continue
            }
            parsed.append(DutyAssignment(officerID: id, duties: duties))
        }
        if errors.isEmpty {
            for problem in DutyAssignmentRules.problems(parsed, agencyOfficers: Set(officers.keys)) {
                errors.add("assignments", message(problem, officers: officers))
            }
        }
        guard let date, errors.isEmpty else { return .failure(errors) }
        return .success(DutyDecisionDraft(number: number, signedOn: date, signer: signer, assignments: parsed))
    }

    static func message(_ problem: DutyAssignmentRules.Problem, officers: [UUID: String]) -> String {
        switch problem {
        case .empty: return "Quyết định phải phân công nhiệm vụ cho ít nhất một cán bộ CNTT."
        case .repeated(let id): return "Cán bộ \(officers[id] ?? "") được nêu hai lần trong quyết định."
        case .notOfTheAgency: return "Chỉ phân công cho cán bộ CNTT đang công tác tại cơ quan."
        case .noDuty(let id): return "Chọn ít nhất một nhiệm vụ cho cán bộ \(officers[id] ?? "")."
        case .soleOfficerMissesDuties(let id, _):
            return "Cơ quan chỉ có một cán bộ CNTT (\(officers[id] ?? "")): cán bộ đó đảm trách tất cả nhiệm vụ của Điều 5 (Điều 13.1.a)."
        }
    }
}
