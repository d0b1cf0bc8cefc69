import Domain
import Foundation

/// A dated change of an officer's employment, as the officer page and the API receive it
/// (`POST /api/v1/officers/{id}/employment-events`). One validation for both, with Vietnamese messages
/// keyed by field. `transferred` alone means the officer left IT duty; a move to another agency of the
/// registry goes through `OfficerService.transfer`, which keeps the same record and history.
struct EmploymentChange: Sendable {
    var status: EmploymentStatus
    var effectiveOn: LocalDate
    var note: String
    /// The announced return from leave, study or assignment: sets the leave's length (D9).
    var returnsOn: LocalDate? = nil

    static let noteLimit = 1000

    /// The announced length of the absence in days, when a return date was given.
    var leaveDays: Int? { returnsOn.map { effectiveOn.days(until: $0) } }

    static func validate(status: String?, effectiveOn: String?, note: String?, returnsOn: String? = nil) -> Result<EmploymentChange, FieldErrors> {
        var errors = FieldErrors()
        let status = EmploymentStatus(rawValue: status ?? "")
        if status == nil { errors.add("status", "Chọn trạng thái công tác.") }
        let text = (effectiveOn ?? "").trimmingCharacters(in: .whitespaces)
        let date = LocalDate(iso: text) ?? LocalDate(userInput: text)
        if let date, !QueryNumbers.years.contains(date.year) {
            errors.add("effectiveOn", "Ngày hiệu lực phải trong khoảng năm 2000 đến 2100.")
        } else if date == nil {
            errors.add("effectiveOn", "Nhập ngày hiệu lực (dd/mm/yyyy).")
        }
        let note = VietnameseText.normalize(note ?? "")
        if note.count > noteLimit { errors.add("note", "Ghi chú tối đa \(noteLimit) ký tự.") }
        let returnText = (returnsOn ?? "").trimmingCharacters(in: .whitespaces)
        var back: LocalDate?
        if !returnText.isEmpty {
            back = LocalDate(iso: returnText) ?? LocalDate(userInput: returnText)
            if back == nil || !QueryNumbers.years.contains(back!.year) {
                errors.add("returnsOn", "Ngày dự kiến trở lại không hợp lệ (dd/mm/yyyy).")
            } else if let date, back! <= date {
                errors.add("returnsOn", "Ngày dự kiến trở lại phải sau ngày hiệu lực.")
            }
        }
        guard let status, let date, errors.isEmpty else { return .failure(errors) }
        return .success(EmploymentChange(status: status, effectiveOn: date, note: note, returnsOn: back))
    }
}
