import Foundation

/// The regulation a deployment runs under (decisions.md, "The regulation profile"): names of the
/// institutions, the place line of the forms, every deadline and threshold. Nothing
/// institution-specific is a constant elsewhere in the code.
public struct RegulationProfile: Codable, Sendable, Equatable {
    public var code: String
    public var title: String
    /// Today's province: it heads the papers (through `peoplesCommitteeName`). Not the regulation's
    /// issuer, which `regulationIssuer` names (RegulationCitation.swift).
    public var provinceName: String
    /// The place of the date line: "Bình Dương, ngày … tháng … năm …".
    public var placeName: String
    public var peoplesCommitteeName: String
    public var itAuthorityName: String
    public var itAuthorityShortName: String
    public var itDivisionName: String
    public var homeAffairsName: String
    public var financeDepartmentName: String
    /// Nil when the province has no district tier (after 1/7/2025).
    public var districtITAuthorityName: String?
    public var regulationNumber: String
    public var regulationSignedOn: LocalDate
    /// Who issued the regulation: "Ủy ban nhân dân tỉnh Bình Dương" even when the province of today
    /// is another one. Optional so that profiles stored before the setting existed still decode;
    /// `regulationIssuedBy` gives the value with its default.
    public var regulationIssuer: String?
    /// Who signs the IT authority's papers of the evaluation (results notice, reward list); nil
    /// in profiles stored before the setting existed: `authoritySignatory` gives the default.
    public var authoritySigner: PaperSigner?
    /// D2: the work log must be received before this day, 00:00 local time.
    public var workLogDeadline: MonthDay
    /// D4: results are published before this day.
    public var resultsDeadline: MonthDay
    /// D3: the evaluation year Y runs from this day of Y−1 to the day before it in Y.
    public var evaluationPeriodStart: MonthDay
    /// D6: from this IT-application level an agency needs full-time and part-time officers.
    public var staffingBothKindsFromLevel: Int
    /// D9: leave of at least this many days triggers a handover.
    public var longLeaveDays: Int
    /// D5: A in this many consecutive years makes a candidate for a raised incentive level.
    public var rewardStreakYears: Int
    /// D1: whether a year with no grade breaks a run of consecutive years.
    public var missingYearBreaksRun: Bool
    /// D1: D,C,D raises a "needs review" flag.
    public var flagDCDForReview: Bool
    /// D2: officers in role fewer than this many days before the deadline are exempt.
    public var newOfficerExemptionDays: Int
    public var timeZoneIdentifier: String
    /// Art. 13.3: how often the head signs the log. Optional so that profiles stored before the
    /// setting existed still decode; `signOffEvery` gives the value with its default.
    public var signOffInterval: SignOffInterval?

    public var signOffEvery: SignOffInterval { signOffInterval ?? .monthly }

    /// Decision 30/2013/QĐ-UBND of Bình Dương, as written.
    public static let binhDuong2013 = RegulationProfile(
        code: "binh-duong-30-2013",
        title: "Quyết định 30/2013/QĐ-UBND tỉnh Bình Dương",
        provinceName: "Tỉnh Bình Dương",
        placeName: "Bình Dương",
        peoplesCommitteeName: "Ủy ban nhân dân tỉnh Bình Dương",
        itAuthorityName: "Sở Thông tin và Truyền thông",
        itAuthorityShortName: "Sở TT&TT",
        itDivisionName: "Phòng Công nghệ thông tin",
        homeAffairsName: "Sở Nội vụ",
        financeDepartmentName: "Sở Tài chính",
        districtITAuthorityName: "Phòng Văn hóa và Thông tin",
        regulationNumber: "30/2013/QĐ-UBND",
        regulationSignedOn: LocalDate(year: 2013, month: 10, day: 8)!,
        regulationIssuer: "Ủy ban nhân dân tỉnh Bình Dương",
        authoritySigner: .director,
        workLogDeadline: MonthDay(month: 10, day: 1),
        resultsDeadline: MonthDay(month: 11, day: 15),
        evaluationPeriodStart: MonthDay(month: 10, day: 1),
        staffingBothKindsFromLevel: 3,
        longLeaveDays: 30,
        rewardStreakYears: 3,
        missingYearBreaksRun: true,
        flagDCDForReview: true,
        newOfficerExemptionDays: 0,
        timeZoneIdentifier: "Asia/Ho_Chi_Minh",
        signOffInterval: .monthly
    )

    /// After 2025: Bình Dương merged into Ho Chi Minh City, the Department of Information and
    /// Communications into the Department of Science and Technology, no district tier. The
    /// regulation is still Bình Dương's decision: its number, date and issuer stay as they were.
    public static let hoChiMinh2025: RegulationProfile = {
        var profile = binhDuong2013
        profile.code = "tp-hcm-2025"
        profile.title = "Thành phố Hồ Chí Minh (sau sắp xếp 2025)"
        profile.provinceName = "Thành phố Hồ Chí Minh"
        profile.placeName = "Thành phố Hồ Chí Minh"
        profile.peoplesCommitteeName = "Ủy ban nhân dân Thành phố Hồ Chí Minh"
        profile.itAuthorityName = "Sở Khoa học và Công nghệ"
        profile.itAuthorityShortName = "Sở KH&CN"
        profile.itDivisionName = "Phòng Công nghệ thông tin"
        profile.districtITAuthorityName = nil
        return profile
    }()

    public static let shipped = [binhDuong2013, hoChiMinh2025]

    /// The calendar date of an instant where the regulation applies (D14: Asia/Ho_Chi_Minh).
    public func date(of instant: Date) -> LocalDate {
        LocalDate(instant, in: TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!)
    }

    /// R-D.1: the regulation takes effect ten days after signing.
    public var effectiveDate: LocalDate { regulationSignedOn.adding(days: 10) }

    /// D3: the evaluation period of year Y, both ends included.
    /// Total for any year: years outside 2…9999 are clamped, so no input can make it fail.
    public func evaluationPeriod(year: Int) -> ClosedRange<LocalDate> {
        let y = min(9999, max(2, year))
        let day = min(evaluationPeriodStart.day, 28)
        let start = LocalDate(year: y - 1, month: evaluationPeriodStart.month, day: evaluationPeriodStart.day)
            ?? LocalDate(year: y - 1, month: evaluationPeriodStart.month, day: day)!
        let next = LocalDate(year: y, month: evaluationPeriodStart.month, day: evaluationPeriodStart.day)
            ?? LocalDate(year: y, month: evaluationPeriodStart.month, day: day)!
        return start...next.adding(days: -1)
    }

    /// The evaluation year a date belongs to (D3).
    public func evaluationYear(of date: LocalDate) -> Int {
        evaluationPeriod(year: date.year).contains(date) ? date.year : date.year + 1
    }

    /// Art. 15.6: the year being evaluated on `today` — the one whose log deadline came last.
    public func yearUnderEvaluation(today: LocalDate) -> Int { evaluationYear(of: today) - 1 }

    /// Problems that make a profile unusable, each with the field it concerns.
    public func problems() -> [(field: String, message: String)] {
        var found: [(String, String)] = []
        let required: [(String, String)] = [
            ("provinceName", provinceName), ("placeName", placeName),
            ("itAuthorityName", itAuthorityName), ("itAuthorityShortName", itAuthorityShortName),
            ("itDivisionName", itDivisionName), ("homeAffairsName", homeAffairsName),
            ("financeDepartmentName", financeDepartmentName), ("regulationNumber", regulationNumber),
            ("peoplesCommitteeName", peoplesCommitteeName), ("title", title),
            ("regulationIssuer", regulationIssuedBy), ("authoritySignerPosition", authoritySignatory.position),
        ]
        for (field, value) in required where value.trimmingCharacters(in: .whitespaces).isEmpty {
            found.append((field, "Không được để trống."))
        }
        for (field, value) in [("workLogDeadline", workLogDeadline), ("resultsDeadline", resultsDeadline),
                               ("evaluationPeriodStart", evaluationPeriodStart)]
            where value.inYear(2001) == nil {
            found.append((field, "Ngày, tháng không hợp lệ."))
        }
        if !(1...4).contains(staffingBothKindsFromLevel) {
            found.append(("staffingBothKindsFromLevel", "Mức ứng dụng CNTT từ 1 đến 4."))
        }
        if !(1...30).contains(rewardStreakYears) {
            found.append(("rewardStreakYears", "Số năm liên tiếp từ 1 đến 30."))
        }
        if !(1...3650).contains(longLeaveDays) { found.append(("longLeaveDays", "Số ngày từ 1 đến 3650.")) }
        if !(0...365).contains(newOfficerExemptionDays) {
            found.append(("newOfficerExemptionDays", "Số ngày từ 0 đến 365."))
        }
        return found
    }
}
