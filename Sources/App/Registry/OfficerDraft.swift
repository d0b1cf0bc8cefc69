import Domain
import Foundation

/// What a person submits for an IT officer, as typed (Appendix I Form 1 and more).
struct OfficerInput: Codable, Sendable {
    var fullName: String = ""
    var dateOfBirth: String = ""
    var gender: String = ""
    var position: String = ""
    var kind: String = ""
    var monthlyIncentive: String = ""
    var agencyID: String = ""
    var division: String = ""
    var idNumber: String = ""
    var phone: String = ""
    var email: String = ""
    var qualifications: String = ""
    var certificates: String = ""
    var civilServiceStatus: String = CivilServiceStatus.civilServant.rawValue
    var receivesIncentive: Bool = false
    var isITLeadership: Bool = false
    var isTelecomOfficer: Bool = false
    var startDate: String = ""
    /// The day a change of the amount or of receiving takes effect (an edit; blank: today). Not part of
    /// the record: each change is an entry of the incentive history (ADR 0009).
    var incentiveEffectiveOn: String?
    var version: Int?

    init() {}

    init(fullName: String, dateOfBirth: String, gender: String, position: String, kind: String, monthlyIncentive: String,
         agencyID: String, division: String, idNumber: String, phone: String, email: String, qualifications: String,
         certificates: String, civilServiceStatus: String, receivesIncentive: Bool, isITLeadership: Bool,
         isTelecomOfficer: Bool, startDate: String, version: Int?) {
        self.fullName = fullName; self.dateOfBirth = dateOfBirth; self.gender = gender; self.position = position
        self.kind = kind; self.monthlyIncentive = monthlyIncentive; self.agencyID = agencyID; self.division = division
        self.idNumber = idNumber; self.phone = phone; self.email = email; self.qualifications = qualifications
        self.certificates = certificates; self.civilServiceStatus = civilServiceStatus
        self.receivesIncentive = receivesIncentive; self.isITLeadership = isITLeadership
        self.isTelecomOfficer = isTelecomOfficer; self.startDate = startDate; self.version = version
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fullName = c.text(.fullName)
        dateOfBirth = c.text(.dateOfBirth)
        gender = c.text(.gender)
        position = c.text(.position)
        kind = c.text(.kind)
        monthlyIncentive = c.text(.monthlyIncentive)
        agencyID = c.text(.agencyID)
        division = c.text(.division)
        idNumber = c.text(.idNumber)
        phone = c.text(.phone)
        email = c.text(.email)
        qualifications = c.text(.qualifications)
        certificates = c.text(.certificates)
        civilServiceStatus = c.text(.civilServiceStatus)
        receivesIncentive = c.flag(.receivesIncentive)
        isITLeadership = c.flag(.isITLeadership)
        isTelecomOfficer = c.flag(.isTelecomOfficer)
        startDate = c.text(.startDate)
        let effective = c.text(.incentiveEffectiveOn).trimmingCharacters(in: .whitespaces)
        incentiveEffectiveOn = effective.isEmpty ? nil : effective
        version = c.number(.version)
    }
}

/// A checked officer, ready to save.
struct OfficerDraft: Sendable {
    var fullName: String
    var dateOfBirth: LocalDate
    var gender: Gender
    var position: String
    var kind: ITOfficerKind
    var monthlyIncentive: Int?
    var agencyID: UUID
    var division: String
    var idNumber: String
    var phone: String
    var email: String
    var qualifications: String
    var certificates: String
    var civilServiceStatus: CivilServiceStatus
    var receivesIncentive: Bool
    var isITLeadership: Bool
    var isTelecomOfficer: Bool
    var startDate: LocalDate
    /// When an edit's change of the incentive takes effect: the date typed, or today (ADR 0009).
    var incentiveEffectiveOn: LocalDate

    static func validate(_ input: OfficerInput, today: LocalDate) -> Result<OfficerDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = VietnameseText.normalize(input.fullName)
        if name.isEmpty { errors.add("fullName", "Nhập họ và tên.") }
        else if name.split(separator: " ").count < 2 { errors.add("fullName", "Nhập đầy đủ họ và tên (ít nhất hai chữ).") }
        else if name.contains(where: { $0.isNumber }) { errors.add("fullName", "Họ và tên không chứa chữ số.") }
        let birth = LocalDate(userInput: input.dateOfBirth)
        if input.dateOfBirth.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("dateOfBirth", "Nhập ngày sinh (dd/mm/yyyy).") }
        else if birth == nil { errors.add("dateOfBirth", "Ngày sinh không hợp lệ; nhập theo dạng dd/mm/yyyy.") }
        else if let birth, birth.days(until: today) < 18 * 365 || birth.year < 1940 {
            errors.add("dateOfBirth", "Ngày sinh không hợp lý cho cán bộ đang công tác.")
        }
        let gender = Gender(rawValue: input.gender)
        if gender == nil { errors.add("gender", "Chọn giới tính Nam hoặc Nữ.") }
        let kind = ITOfficerKind(rawValue: input.kind)
        if kind == nil { errors.add("kind", "Chọn chức danh: chuyên trách hoặc bán chuyên trách.") }
        let position = VietnameseText.normalize(input.position)
        if position.isEmpty { errors.add("position", "Nhập chức vụ.") }
        var incentive: Int?
        if !input.monthlyIncentive.trimmingCharacters(in: .whitespaces).isEmpty {
            incentive = Money.parse(input.monthlyIncentive)
            if incentive == nil { errors.add("monthlyIncentive", "Mức ưu đãi là số tiền đồng, ví dụ 1.500.000.") }
            else if let amount = incentive, amount > 100_000_000 { errors.add("monthlyIncentive", "Mức ưu đãi hàng tháng quá lớn.") }
        }
        let agencyID = UUID(uuidString: input.agencyID.trimmingCharacters(in: .whitespaces))
        if agencyID == nil { errors.add("agencyID", "Chọn cơ quan.") }
        var idDigits = ""
        switch IdentityNumber.parse(input.idNumber, birthYear: birth?.year, gender: gender) {
        case .success(let number): idDigits = number.digits
        case .failure(let problem): errors.add("idNumber", problem.message)
        }
        let email = input.email.trimmingCharacters(in: .whitespaces)
        if !email.isEmpty, !Self.looksLikeEmail(email) { errors.add("email", "Địa chỉ thư điện tử không hợp lệ.") }
        let phone = input.phone.filter { !" .-".contains($0) }
        if !phone.isEmpty, !(phone.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "+") } && (9...12).contains(phone.count)) {
            errors.add("phone", "Số điện thoại gồm 10 chữ số, ví dụ 0274 3822 123.")
        }
        let status = CivilServiceStatus(rawValue: input.civilServiceStatus)
        if status == nil { errors.add("civilServiceStatus", "Chọn loại cán bộ, công chức, viên chức.") }
        let start = LocalDate(userInput: input.startDate)
        if start == nil { errors.add("startDate", "Nhập ngày bắt đầu làm công tác CNTT (dd/mm/yyyy).") }
        else if let start, start > today { errors.add("startDate", "Ngày bắt đầu không được sau hôm nay.") }
        else if let start, let birth, start < birth.adding(days: 18 * 365) {
            errors.add("startDate", "Ngày bắt đầu phải sau khi cán bộ đủ 18 tuổi.")
        }
        let effective = incentiveEffective(input.incentiveEffectiveOn, today: today, errors: &errors)
        guard errors.isEmpty, let birth, let gender, let kind, let agencyID, let status, let start else {
            return .failure(errors)
        }
        return .success(OfficerDraft(
            fullName: name, dateOfBirth: birth, gender: gender, position: position, kind: kind,
            monthlyIncentive: incentive, agencyID: agencyID, division: VietnameseText.normalize(input.division),
            idNumber: idDigits, phone: phone, email: email, qualifications: VietnameseText.normalize(input.qualifications),
            certificates: VietnameseText.normalize(input.certificates), civilServiceStatus: status,
            receivesIncentive: input.receivesIncentive, isITLeadership: input.isITLeadership,
            isTelecomOfficer: input.isTelecomOfficer, startDate: start, incentiveEffectiveOn: effective))
    }

    /// The day an incentive change takes effect: a valid day not after today; blank means today.
    static func incentiveEffective(_ text: String?, today: LocalDate, errors: inout FieldErrors) -> LocalDate {
        guard let text, !text.isEmpty else { return today }
        guard let date = LocalDate(userInput: text), QueryNumbers.years.contains(date.year) else {
            errors.add("incentiveEffectiveOn", "Ngày áp dụng mức ưu đãi không hợp lệ; nhập theo dạng dd/mm/yyyy.")
            return today
        }
        if date > today { errors.add("incentiveEffectiveOn", "Ngày áp dụng mức ưu đãi không được sau hôm nay.") }
        return date
    }

    /// Whether the draft changes the amount or the receiving of the incentive that `officer` records.
    func changesIncentive(of officer: OfficerModel) -> Bool {
        monthlyIncentive != officer.monthlyIncentive || receivesIncentive != officer.receivesIncentive
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}

extension OfficerModel {
    func apply(_ draft: OfficerDraft, agency: AgencyModel) {
        fullName = draft.fullName
        nameFolded = VietnameseText.fold(draft.fullName)
        nameSortKey = VietnameseCollation.sortKey(fullName: draft.fullName)
        dateOfBirth = draft.dateOfBirth.iso
        gender = draft.gender.rawValue
        position = draft.position
        kind = draft.kind.rawValue
        monthlyIncentive = draft.monthlyIncentive
        $agency.id = draft.agencyID
        division = draft.division
        idNumber = draft.idNumber
        phone = draft.phone
        email = draft.email
        qualifications = draft.qualifications
        certificates = draft.certificates
        civilServiceStatus = draft.civilServiceStatus.rawValue
        receivesIncentive = draft.receivesIncentive
        isITLeadership = draft.isITLeadership
        isTelecomOfficer = draft.isTelecomOfficer
        startDate = draft.startDate.iso
        refreshScope(agency: agency)
    }

    func refreshScope(agency: AgencyModel) {
        scopeStatus = ScopeStatus.of(.init(
            civilServiceStatus: CivilServiceStatus(rawValue: civilServiceStatus) ?? .civilServant,
            agencyKind: agency.agencyKind, receivesIncentive: receivesIncentive, isITLeadership: isITLeadership,
            isTelecomOfficer: isTelecomOfficer, agencyAppliesByAnalogy: agency.appliesByAnalogy)).code
    }

    /// The form's values of the record (`OfficerRecord.input`).
    var input: OfficerInput { OfficerRecord(self, agencyName: "").input }
}

extension OfficerRecord {
    /// The record as the officer form shows it: dates dd/MM/yyyy, the amount as money.
    var input: OfficerInput {
        OfficerInput(fullName: fullName, dateOfBirth: LocalDate(iso: dateOfBirth)?.vietnamese ?? dateOfBirth,
                     gender: gender, position: position, kind: kind,
                     monthlyIncentive: monthlyIncentive.map { Money.format(dong: $0) } ?? "",
                     agencyID: agencyID.canonicalText, division: division, idNumber: idNumber, phone: phone,
                     email: email, qualifications: qualifications, certificates: certificates,
                     civilServiceStatus: civilServiceStatus, receivesIncentive: receivesIncentive,
                     isITLeadership: isITLeadership, isTelecomOfficer: isTelecomOfficer,
                     startDate: LocalDate(iso: startDate)?.vietnamese ?? startDate, version: version)
    }
}
