import Foundation

/// The fields an audited change compares, each with the label its form shows, in the form's order.
/// A history says "Đã sửa: Họ và tên, Số điện thoại", computed from the entry's before/after JSON;
/// the JSON itself is never shown.
enum AuditFields {
    typealias Labels = [(key: String, label: String)]

    static let officer: Labels = [
        ("fullName", "Họ và tên"), ("dateOfBirth", "Ngày sinh"), ("gender", "Giới tính"), ("kind", "Chức danh"),
        ("position", "Chức vụ"), ("monthlyIncentive", "Mức ưu đãi hằng tháng"),
        ("incentiveEffectiveOn", "Ngày áp dụng mức ưu đãi"), ("agencyID", "Cơ quan"),
        ("division", "Phòng, ban"), ("idNumber", "Số định danh cá nhân"), ("phone", "Số điện thoại"),
        ("email", "Thư điện tử"), ("startDate", "Ngày bắt đầu làm công tác CNTT"),
        ("qualifications", "Trình độ chuyên môn"), ("certificates", "Chứng chỉ"),
        ("civilServiceStatus", "Loại cán bộ"), ("receivesIncentive", "Hưởng ưu đãi"),
        ("isITLeadership", "Lãnh đạo phụ trách CNTT"), ("isTelecomOfficer", "Cán bộ chuyên trách viễn thông"),
    ]

    static let agency: Labels = [
        ("name", "Tên cơ quan"), ("shortName", "Tên viết tắt"), ("kind", "Loại cơ quan"), ("level", "Cấp hành chính"),
        ("governingAgencyID", "Cơ quan chủ quản"), ("district", "Huyện/thị xã/thành phố"), ("address", "Địa chỉ"),
        ("headName", "Họ tên thủ trưởng"), ("headTitle", "Chức vụ thủ trưởng"), ("appliesByAnalogy", "Vận dụng Quy chế"),
    ]

    static let ticket: Labels = [
        ("taskGroup", "Nhóm công việc"), ("taskOther", "Loại khác"), ("details", "Chi tiết công việc"),
        ("workKind", "Loại công việc"), ("requesterUnit", "Nơi yêu cầu"), ("requesterName", "Người yêu cầu"),
        ("relatedRecords", "Hồ sơ liên quan"), ("requestedOn", "Ngày yêu cầu"), ("handling", "Hướng xử lý"),
        ("outcomes", "Kết quả thực hiện"), ("documentNumber", "Số hiệu văn bản"), ("documentDate", "Ngày ban hành"),
        ("outcomeOther", "Kết quả khác"), ("completedOn", "Ngày hoàn thành"), ("outOfHours", "Làm ngoài giờ"),
        ("escalatedTo", "Đơn vị được thuê"), ("externalCost", "Chi phí thuê ngoài"),
        ("externalHandoverOn", "Ngày nhận bàn giao kết quả"),
    ]

    static let profile: Labels = [
        ("code", "Mã bộ quy định"), ("title", "Tên bộ quy định"), ("provinceName", "Tỉnh/thành phố"),
        ("placeName", "Địa danh ghi ngày tháng"), ("peoplesCommitteeName", "Ủy ban nhân dân"),
        ("itAuthorityName", "Cơ quan chuyên trách CNTT tỉnh"), ("itAuthorityShortName", "Tên viết tắt"),
        ("itDivisionName", "Phòng CNTT"), ("homeAffairsName", "Sở Nội vụ"), ("financeDepartmentName", "Sở Tài chính"),
        ("districtITAuthorityName", "Cơ quan CNTT cấp huyện"), ("regulationIssuer", "Cơ quan ban hành"),
        ("regulationNumber", "Số văn bản quy định"),
        ("regulationSignedOn", "Ngày ký"), ("workLogDeadline", "Hạn nộp Sổ công tác"),
        ("resultsDeadline", "Hạn gửi kết quả đánh giá"), ("evaluationPeriodStart", "Ngày bắt đầu năm đánh giá"),
        ("staffingBothKindsFromLevel", "Mức cần cả chuyên trách và bán chuyên trách"),
        ("longLeaveDays", "Số ngày nghỉ dài hạn phải bàn giao"), ("rewardStreakYears", "Số năm loại A liên tiếp"),
        ("missingYearBreaksRun", "Năm không xếp loại làm đứt chuỗi"), ("flagDCDForReview", "Đánh dấu khi có D, C, D"),
        ("newOfficerExemptionDays", "Số ngày miễn loại D tự động"), ("timeZoneIdentifier", "Múi giờ"),
        ("signOffInterval", "Kỳ ký duyệt Sổ công tác"), ("authoritySigner", "Người ký thông báo kết quả đánh giá"),
    ]

    /// Keys kept in the JSON that are no field of the record: its version, a correction's reason.
    static let ignored: Set<String> = ["version", "correctionReason"]

    /// The labels of the fields whose values differ; a key without a label counts as "mục khác".
    /// Nil when either side is not a JSON object (an older entry, or a reason written instead).
    static func changed(before: String, after: String, labels: Labels) -> [String]? {
        guard let old = object(before), let new = object(after) else { return nil }
        let keys = Set(old.keys).union(new.keys).subtracting(ignored)
        let different = keys.filter { canonical(old[$0]) != canonical(new[$0]) }
        var names = labels.filter { different.contains($0.key) }.map(\.label)
        if different.contains(where: { key in !labels.contains { $0.key == key } }) { names.append("mục khác") }
        return names
    }

    static func object(_ text: String) -> [String: Any]? {
        guard text.hasPrefix("{"), let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// A value as comparable text: lists compared as sets (a ticket's outcomes have no order); an
    /// empty string, null and a missing key are the same (nothing entered).
    static func canonical(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let list as [Any]: return list.map { canonical($0) }.sorted().joined(separator: "\u{1F}")
        case let map as [String: Any]: return map.keys.sorted().map { "\($0)=\(canonical(map[$0]))" }.joined(separator: "\u{1F}")
        case let other?: return "\(other)"
        }
    }
}
