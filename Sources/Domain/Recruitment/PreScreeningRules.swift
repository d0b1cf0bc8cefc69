import Foundation

/// The rules of a pre-screening as pure functions with Vietnamese messages keyed by field
/// (docs/pre-screening.md). A failure lists every problem at once.
extension PreScreening {
    /// Vietnamese messages keyed by the field they are about.
    public struct Problems: Error, Sendable, Equatable, ExpressibleByDictionaryLiteral {
        public var messages: [String: String] = [:]
        public init(dictionaryLiteral elements: (String, String)...) {
            for (k, v) in elements { messages[k] = v }
        }
        public subscript(field: String) -> String? {
            get { messages[field] }
            set { messages[field] = newValue }
        }
        public var isEmpty: Bool { messages.isEmpty }
    }

    /// What the agency's head files (Art. 12.1–12.2; Form 1).
    public struct Filing: Sendable, Equatable {
        public var candidateName: String
        public var birthYear: Int
        public var position: String
        public var format: ReplyFormat
        public var contact: String
        public var duties: Set<PlannedDuty>
        public var otherDuty: String
        public var replyBy: LocalDate?
    }

    /// intake (with F-II.1a on the planned duties): a candidate of working age, a position,
    /// a reply format, a contact; an agency with no full-time IT officer ticks every duty; a reply-by
    /// date, when given, after today.
    public static func validateFiling(candidateName: String, birthYear: String, position: String, format: String,
                                      contact: String, duties: [String], otherDuty: String, replyBy: String,
                                      agencyHasFullTimeOfficer: Bool, today: LocalDate) -> Result<Filing, Problems> {
        var p: Problems = [:]
        let name = VietnameseText.normalize(candidateName)
        if name.isEmpty { p["candidateName"] = "Nhập họ và tên ứng viên." }
        else if name.split(separator: " ").count < 2 { p["candidateName"] = "Nhập đầy đủ họ và tên ứng viên (ít nhất hai chữ)." }
        else if name.contains(where: \.isNumber) { p["candidateName"] = "Họ và tên không chứa chữ số." }
        let year = Int(birthYear.trimmingCharacters(in: .whitespaces))
        if year == nil { p["birthYear"] = "Nhập năm sinh gồm bốn chữ số, ví dụ 1998." }
        else if let year, !(today.year - 65...today.year - 18).contains(year) {
            p["birthYear"] = "Năm sinh phải từ \(today.year - 65) đến \(today.year - 18) (ứng viên từ 18 tuổi)."
        }
        let post = VietnameseText.normalize(position)
        if post.isEmpty { p["position"] = "Nhập vị trí cần tuyển (cán bộ chuyên trách CNTT)." }
        let reply = ReplyFormat(rawValue: format)
        if reply == nil { p["confidentiality"] = "Chọn hình thức văn bản trả lời." }
        let contactText = VietnameseText.normalize(contact)
        if contactText.isEmpty { p["contact"] = "Nhập thông tin liên hệ của ứng viên (điện thoại, thư điện tử)." }
        var planned = Set<PlannedDuty>()
        for code in duties {
            if let duty = PlannedDuty(rawValue: code) { planned.insert(duty) } else { p["duties"] = "Nhiệm vụ dự kiến không hợp lệ." }
        }
        if planned.isEmpty && otherDuty.isEmpty { p["duties"] = p["duties"] ?? "Chọn ít nhất một nhiệm vụ dự kiến cho vị trí." }
        else if !agencyHasFullTimeOfficer && planned.count < PlannedDuty.allCases.count {
            p["duties"] = "Cơ quan chưa có cán bộ chuyên trách CNTT: ứng viên phải đảm nhận tất cả các nhiệm vụ (đánh dấu tất cả các ô)."
        }
        var by: LocalDate?
        let replyText = replyBy.trimmingCharacters(in: .whitespaces)
        if !replyText.isEmpty {
            by = LocalDate(userInput: replyText) ?? LocalDate(iso: replyText)
            if by == nil { p["replyBy"] = "Nhập ngày cần có kết quả theo dạng dd/mm/yyyy." }
            else if let day = by, day <= today || day.year > today.year + 2 { p["replyBy"] = "Ngày cần có kết quả phải sau hôm nay và trong hai năm tới." }
        }
        guard p.isEmpty, let year, let reply else { return .failure(p) }
        return .success(Filing(candidateName: name, birthYear: year, position: post, format: reply, contact: contactText,
                               duties: planned, otherDuty: VietnameseText.normalize(otherDuty), replyBy: by))
    }

    /// R-12.1 (decision in rules.md): the director agrees only to a dossier holding a diploma and a
    /// transcript; certificates are optional but recorded. Returns what is missing.
    public static func missingDossier(_ held: Set<DossierKind>) -> [DossierKind] {
        [.diploma, .transcript].filter { !held.contains($0) }
    }

    /// a return carries its reason.
    public static func validateReturn(reason: String) -> Result<String, Problems> {
        let text = VietnameseText.normalize(reason)
        return text.isEmpty ? .failure(["reason": "Nhập lý do trả lại đề nghị."]) : .success(text)
    }

    /// the interview's day and time agreed with the candidate, and its place.
    public static func validateSchedule(day: String, time: String, place: String, today: LocalDate)
        -> Result<(day: LocalDate, time: String, place: String), Problems> {
        var p: Problems = [:]
        let text = day.trimmingCharacters(in: .whitespaces)
        let date = LocalDate(userInput: text) ?? LocalDate(iso: text)
        if date == nil { p["interviewOn"] = "Nhập ngày phỏng vấn theo dạng dd/mm/yyyy." }
        else if let date, date < today.adding(days: -30) || date > today.adding(days: 366) {
            p["interviewOn"] = "Ngày phỏng vấn phải trong khoảng 30 ngày trước đến một năm sau hôm nay."
        }
        let clock = time.trimmingCharacters(in: .whitespaces)
        let parts = clock.split(separator: ":").map { Int($0) }
        if parts.count != 2 || parts.contains(nil) || !(0...23).contains(parts[0]!) || !(0...59).contains(parts[1]!) {
            p["interviewAt"] = "Nhập giờ phỏng vấn dạng gg:pp, ví dụ 08:30."
        }
        let where_ = VietnameseText.normalize(place)
        if where_.isEmpty { p["place"] = "Nhập địa điểm phỏng vấn." }
        guard p.isEmpty, let date else { return .failure(p) }
        return .success((date, String(format: "%02d:%02d", parts[0]!, parts[1]!), where_))
    }

    /// One score of Art. 12.4 in tenths: 0 to 10 with at most one decimal ("7,5" or "7.5").
    public static func tenths(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]) else { return nil }
        var tenth = 0
        if parts.count == 2 {
            guard parts[1].count == 1, let d = Int(parts[1]) else { return nil }
            tenth = d
        }
        let value = whole * 10 + tenth
        return (0...100).contains(value) ? value : nil
    }

    /// A score sent as a number (the API): 0 to 10 with at most one decimal, in tenths.
    public static func tenths(_ value: Double) -> Int? {
        guard value.isFinite, (0...10).contains(value) else { return nil }
        let scaled = (value * 10).rounded()
        return abs(value * 10 - scaled) < 1e-6 ? Int(scaled) : nil
    }

    /// exactly three scores (one per topic), each 0–10 with one decimal, a recommendation and
    /// remarks. No total, no pass mark (D8).
    public static func validateResult(scores: [Int?], recommendation: String, remarks: String)
        -> Result<(scores: [Int], recommendation: Recommendation, remarks: String), Problems> {
        var p: Problems = [:]
        if scores.count != Topic.allCases.count { p["scores"] = "Nhập đúng ba điểm, mỗi nội dung phỏng vấn một điểm." }
        for (index, score) in scores.enumerated() where score == nil && index < 3 {
            p["score\(index + 1)"] = "Điểm từ 0 đến 10, tối đa một chữ số thập phân (ví dụ 7,5)."
            p["scores"] = p["scores"] ?? "Mỗi điểm từ 0 đến 10, tối đa một chữ số thập phân (ví dụ 7,5)."
        }
        let advice = Recommendation(rawValue: recommendation)
        if advice == nil { p["recommendation"] = "Chọn kiến nghị: đáp ứng hoặc chưa đáp ứng yêu cầu chuyên môn." }
        guard p.isEmpty, let advice else { return .failure(p) }
        return .success((scores.compactMap { $0 }, advice, VietnameseText.normalize(remarks)))
    }

    /// A score in tenths as Form 2 and the pages show it: "7,5" or "8".
    public static func display(tenths: Int) -> String {
        tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10),\(tenths % 10)"
    }

    /// recruiting against a report that advises against requires the head to record that
    /// they accept responsibility for what may follow.
    public static func needsAcceptedResponsibility(_ recommendation: Recommendation?) -> Bool {
        recommendation == .notSuitable
    }

    /// The sentence the head accepts (Art. 11.3).
    public static let responsibilityStatement =
        "Tôi quyết định tuyển dụng ứng viên dù báo cáo sơ tuyển kiến nghị chưa đáp ứng yêu cầu chuyên môn và chịu trách nhiệm về những vấn đề phát sinh (Điều 11.3)."
}
