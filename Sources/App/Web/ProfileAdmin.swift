import Domain
import Vapor

/// The administrator edits the active regulation profile or switches to another shipped one.
enum ProfileAdmin {
    static func register(_ admin: any RoutesBuilder) {
        admin.get("quy-dinh", use: show)
        admin.post("quy-dinh", use: save)
    }

    struct Input: Content {
        var code: String = ""
        var activate: String?
        var title: String = ""
        var provinceName: String = ""
        var placeName: String = ""
        var peoplesCommitteeName: String = ""
        var itAuthorityName: String = ""
        var itAuthorityShortName: String = ""
        var itDivisionName: String = ""
        var homeAffairsName: String = ""
        var financeDepartmentName: String = ""
        var districtITAuthorityName: String = ""
        var regulationNumber: String = ""
        var regulationSignedOn: String = ""
        var regulationIssuer: String = ""
        var authoritySignerCapacity: String = ""
        var authoritySignerPosition: String = ""
        var authoritySignerName: String = ""
        var workLogDeadline: String = ""
        var resultsDeadline: String = ""
        var evaluationPeriodStart: String = ""
        var staffingBothKindsFromLevel: String = ""
        var longLeaveDays: String = ""
        var rewardStreakYears: String = ""
        var newOfficerExemptionDays: String = ""
        var missingYearBreaksRun: String?
        var flagDCDForReview: String?
        var signOffInterval: String = SignOffInterval.monthly.rawValue

        init() {}

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            activate = c.text(.activate).isEmpty ? nil : c.text(.activate)
            missingYearBreaksRun = c.text(.missingYearBreaksRun).isEmpty ? nil : "1"
            flagDCDForReview = c.text(.flagDCDForReview).isEmpty ? nil : "1"
            code = c.text(.code)
            title = c.text(.title)
            provinceName = c.text(.provinceName)
            placeName = c.text(.placeName)
            peoplesCommitteeName = c.text(.peoplesCommitteeName)
            itAuthorityName = c.text(.itAuthorityName)
            itAuthorityShortName = c.text(.itAuthorityShortName)
            itDivisionName = c.text(.itDivisionName)
            homeAffairsName = c.text(.homeAffairsName)
            financeDepartmentName = c.text(.financeDepartmentName)
            districtITAuthorityName = c.text(.districtITAuthorityName)
            regulationNumber = c.text(.regulationNumber)
            regulationSignedOn = c.text(.regulationSignedOn)
            regulationIssuer = c.text(.regulationIssuer)
            authoritySignerCapacity = c.text(.authoritySignerCapacity)
            authoritySignerPosition = c.text(.authoritySignerPosition)
            authoritySignerName = c.text(.authoritySignerName)
            workLogDeadline = c.text(.workLogDeadline)
            resultsDeadline = c.text(.resultsDeadline)
            evaluationPeriodStart = c.text(.evaluationPeriodStart)
            staffingBothKindsFromLevel = c.text(.staffingBothKindsFromLevel)
            longLeaveDays = c.text(.longLeaveDays)
            rewardStreakYears = c.text(.rewardStreakYears)
            newOfficerExemptionDays = c.text(.newOfficerExemptionDays)
            signOffInterval = c.text(.signOffInterval)
        }

        init(_ p: RegulationProfile) {
            code = p.code; title = p.title; provinceName = p.provinceName; placeName = p.placeName
            peoplesCommitteeName = p.peoplesCommitteeName; itAuthorityName = p.itAuthorityName
            itAuthorityShortName = p.itAuthorityShortName; itDivisionName = p.itDivisionName
            homeAffairsName = p.homeAffairsName; financeDepartmentName = p.financeDepartmentName
            districtITAuthorityName = p.districtITAuthorityName ?? ""; regulationNumber = p.regulationNumber
            regulationSignedOn = p.regulationSignedOn.vietnamese; workLogDeadline = p.workLogDeadline.vietnamese
            regulationIssuer = p.regulationIssuedBy
            let signer = p.authoritySignatory
            authoritySignerCapacity = signer.capacity; authoritySignerPosition = signer.position; authoritySignerName = signer.name
            resultsDeadline = p.resultsDeadline.vietnamese; evaluationPeriodStart = p.evaluationPeriodStart.vietnamese
            staffingBothKindsFromLevel = String(p.staffingBothKindsFromLevel); longLeaveDays = String(p.longLeaveDays)
            rewardStreakYears = String(p.rewardStreakYears); newOfficerExemptionDays = String(p.newOfficerExemptionDays)
            missingYearBreaksRun = p.missingYearBreaksRun ? "1" : nil; flagDCDForReview = p.flagDCDForReview ? "1" : nil
            signOffInterval = p.signOffEvery.rawValue
        }

        /// Applies the typed values over `base`; every problem is reported against its field.
        func profile(over base: RegulationProfile) -> Result<RegulationProfile, FieldErrors> {
            var errors = FieldErrors()
            var p = base
            let n = VietnameseText.normalize
            p.title = n(title); p.provinceName = n(provinceName); p.placeName = n(placeName)
            p.peoplesCommitteeName = n(peoplesCommitteeName); p.itAuthorityName = n(itAuthorityName)
            p.itAuthorityShortName = n(itAuthorityShortName); p.itDivisionName = n(itDivisionName)
            p.homeAffairsName = n(homeAffairsName); p.financeDepartmentName = n(financeDepartmentName)
            p.districtITAuthorityName = n(districtITAuthorityName).isEmpty ? nil : n(districtITAuthorityName)
            p.regulationNumber = n(regulationNumber)
            p.regulationIssuer = n(regulationIssuer)
            p.authoritySigner = PaperSigner(capacity: n(authoritySignerCapacity), position: n(authoritySignerPosition),
                                            name: n(authoritySignerName))
            if let date = LocalDate(userInput: regulationSignedOn) { p.regulationSignedOn = date }
            else { errors.add("regulationSignedOn", "Nhập ngày dạng dd/mm/yyyy.") }
            for (field, text, keyPath) in [("workLogDeadline", workLogDeadline, \RegulationProfile.workLogDeadline),
                                           ("resultsDeadline", resultsDeadline, \.resultsDeadline),
                                           ("evaluationPeriodStart", evaluationPeriodStart, \.evaluationPeriodStart)] {
                let parts = text.split(separator: "/").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                if parts.count == 2, LocalDate(year: 2001, month: parts[1], day: parts[0]) != nil {
                    p[keyPath: keyPath] = MonthDay(month: parts[1], day: parts[0])
                } else {
                    errors.add(field, "Nhập ngày và tháng dạng dd/mm, ví dụ 01/10.")
                }
            }
            for (field, text, keyPath) in [("staffingBothKindsFromLevel", staffingBothKindsFromLevel, \RegulationProfile.staffingBothKindsFromLevel),
                                           ("longLeaveDays", longLeaveDays, \.longLeaveDays),
                                           ("rewardStreakYears", rewardStreakYears, \.rewardStreakYears),
                                           ("newOfficerExemptionDays", newOfficerExemptionDays, \.newOfficerExemptionDays)] {
                if let value = Int(text.trimmingCharacters(in: .whitespaces)) { p[keyPath: keyPath] = value }
                else { errors.add(field, "Nhập một số nguyên.") }
            }
            p.missingYearBreaksRun = missingYearBreaksRun == "1"
            p.flagDCDForReview = flagDCDForReview == "1"
            // Left out of the form: the setting stays as it was.
            if let interval = SignOffInterval(rawValue: signOffInterval) { p.signOffInterval = interval }
            else if !signOffInterval.isEmpty { errors.add("signOffInterval", "Chọn kỳ ký duyệt hằng tháng hoặc hằng quý.") }
            for problem in p.problems() { errors.add(problem.field, problem.message) }
            return errors.isEmpty ? .success(p) : .failure(errors)
        }
    }

    struct Body: Encodable, Sendable {
        var input: Input
        var errors: FieldErrors
        var profiles: [Choice]
        var activeCode: String
        var intervals: [Choice]
    }

    static func page(_ req: Request, input: Input? = nil, errors: FieldErrors = .init(),
                     status: HTTPStatus = .ok) async throws -> Response {
        let all = try await ProfileStore.all(on: req.db)
        let active = all.first { $0.model.isActive }?.profile ?? .binhDuong2013
        let selected = req.queryText("code").flatMap { code in all.first { $0.profile.code == code }?.profile }
        let shown = input ?? Input(selected ?? active)
        return try await req.render("admin/profile", title: "Bộ quy định", active: "/quan-tri/quy-dinh", Body(
            input: shown, errors: errors,
            profiles: all.map { Choice(value: $0.profile.code, label: $0.profile.title, selected: $0.profile.code == shown.code) },
            activeCode: active.code,
            intervals: Choice.list(SignOffInterval.self, selected: shown.signOffInterval, label: \.label)), status: status)
    }

    static func show(req: Request) async throws -> Response { try await page(req) }

    static func save(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let input = try req.content.decode(Input.self)
        guard let base = try await ProfileStore.all(on: req.db).first(where: { $0.profile.code == input.code })?.profile else {
            throw Abort(.notFound)
        }
        switch input.profile(over: base) {
        case .failure(let errors):
            return try await page(req, input: input, errors: errors, status: .unprocessableEntity)
        case .success(let profile):
            try await req.write { try await ProfileStore.save(profile, activate: input.activate == "1", actor: viewer, on: $0) }
            req.application.profileCache.clear()
            req.flash(input.activate == "1" ? "Đã lưu và áp dụng bộ quy định." : "Đã lưu bộ quy định.")
            return req.redirect(to: "/quan-tri/quy-dinh?code=\(profile.code)")
        }
    }
}
