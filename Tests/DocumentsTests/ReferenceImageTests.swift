import Documents
import Domain
import Foundation
import Testing

/// Page 1 of every sample form against the PNG kept in References/ (pdftoppm, 50 dpi, grey).
/// A layout change beyond 0.5 % of the pixels fails; after an intended change, run the tests
/// with QLCB_UPDATE_REFERENCES=1 and commit the new images.
@Suite struct ReferenceImageTests {
    static let tolerance = 0.005

    /// `prefix` keeps the files of tests that run at the same time apart: two tests rendering the same
    /// form into one file made the comparison read a half-written image.
    func render(_ code: FormCode, prefix: String = "ref") throws -> URL {
        let pdf = try PDFTools.write(try PDF.render(Forms.sample(code, profile: .binhDuong2013)), name: "\(prefix)-\(code.rawValue).pdf")
        return try ImageCompare.firstPage(pdf)
    }

    @Test(arguments: FormCode.allCases)
    func firstPageLooksLikeItsReference(code: FormCode) throws {
        let image = try render(code)
        let reference = ImageCompare.referenceDirectory.appendingPathComponent("\(code.rawValue).png")
        if ProcessInfo.processInfo.environment["QLCB_UPDATE_REFERENCES"] == "1" {
            _ = try? FileManager.default.removeItem(at: reference)
            try FileManager.default.copyItem(at: image, to: reference)
        }
        let share = try #require(ImageCompare.differingShare(image, reference), "no reference image or a different size: \(reference.path)")
        #expect(share <= Self.tolerance, "\(code.rawValue): \(share * 100)% of pixels changed (rendered: \(image.path))")
    }

    /// Papers whose layout issue 10 §5 fixed, beyond the samples: the results notice's signature
    /// block (Decree 30/2020) and Form 2's date line with a long place name and no date.
    enum Paper: String, CaseIterable, Sendable {
        case resultsNotice = "tb-ket-qua"
        case form2UndatedInHoChiMinhCity = "pl1-m2-tphcm-chua-ghi-ngay"
        // Issue 12: the papers printed from records rather than samples (Appendix II Forms 1 and 2,
        // the Art. 13.1 decision, the Appendix III letter, the Art. 14 handover record).
        case interviewRequestFromRecord = "pl2-m1-tu-ho-so"
        case screeningReportFromRecord = "pl2-m2-tu-ho-so"
        case dutyDecision = "qd-phan-cong"
        case commitmentFromRecord = "pl3-tu-ho-so"
        case handoverRecord = "bien-ban-ban-giao"

        var document: OfficialDocument {
            switch self {
            case .resultsNotice:
                var profile = RegulationProfile.binhDuong2013
                profile.authoritySigner = PaperSigner(capacity: "KT. Giám đốc", position: "Phó Giám đốc", name: "Nguyễn Văn An")
                let notice = ResultsNotice(year: 2026, agencyName: "Sở Kế hoạch và Đầu tư", date: LocalDate(year: 2026, month: 11, day: 10), lines: [
                    GradeLine(name: "Trần Minh Khoa", title: "Chuyên trách", grade: "A", note: ""),
                    GradeLine(name: "Lê Văn Bình", title: "Bán chuyên trách", grade: "D", note: "Không nộp Sổ công tác đúng hạn"),
                ])
                return EvaluationDocuments.resultsNotice(notice, profile: profile)
            case .form2UndatedInHoChiMinhCity:
                var sheet = FormSamples.summary(profile: .hoChiMinh2025)
                sheet.preparedOn = nil
                return Forms.annualSummary(sheet, profile: .hoChiMinh2025)
            case .interviewRequestFromRecord:
                return Forms.interviewRequest(InterviewRequest(
                    governingName: "Ủy ban nhân dân tỉnh Bình Dương", agencyName: "Sở Kế hoạch và Đầu tư", number: nil,
                    date: LocalDate(year: 2026, month: 11, day: 20), duties: [1, 2, 3], otherDuty: "Quản trị mạng nội bộ",
                    candidateName: "Lê Hoàng Phúc", birthYear: 1998, replyBy: LocalDate(year: 2026, month: 12, day: 10),
                    leadershipConfirmation: true, contact: "0912 345 678, phuc@example.vn", attachments: [1, 2],
                    signerTitle: "Giám đốc", signerName: "Ngô Thanh Tùng"), profile: .binhDuong2013)
            case .screeningReportFromRecord:
                return Forms.screeningReport(ScreeningReport(
                    number: nil, date: LocalDate(year: 2026, month: 11, day: 27), recipient: "Sở Kế hoạch và Đầu tư",
                    intervieweeName: "Lê Hoàng Phúc", birthYear: 1998, generalKnowledge: 7.5, networking: 8, programmingAndDatabases: 6,
                    attachments: "Văn bằng CNTT; Bảng điểm đào tạo CNTT", recommendation: "Chưa đáp ứng yêu cầu chuyên môn. Cần bồi dưỡng thêm về lập trình",
                    leadershipConfirmation: true, divisionHeadName: "Võ Quốc Hưng"), profile: .binhDuong2013)
            case .dutyDecision:
                return Forms.dutyDecision(DutyDecisionSheet(
                    governingName: "Ủy ban nhân dân tỉnh Bình Dương", agencyName: "Sở Kế hoạch và Đầu tư", number: "25/QĐ-SKHĐT",
                    signedOn: LocalDate(year: 2026, month: 11, day: 20), signer: "Ngô Thanh Tùng", signerTitle: "Giám đốc", assignments: [
                        .init(officerName: "Trần Minh Khoa", position: "Chuyên viên", duties: [.regulationsAndPlans, .systemAdministration, .reporting]),
                        .init(officerName: "Lê Thị Thu Hà", position: "Chuyên viên", duties: [.humanResources, .selfDevelopment, .mandatoryAttendance]),
                    ]), profile: .binhDuong2013)
            case .commitmentFromRecord:
                return Forms.commitment(CommitmentLetter(governingName: "Ủy ban nhân dân tỉnh Bình Dương", agencyName: "Sở Kế hoạch và Đầu tư",
                                                         number: nil, date: LocalDate(year: 2026, month: 11, day: 21), officerName: "Trần Minh Khoa",
                                                         idNumber: "074090001234"), profile: .binhDuong2013)
            case .handoverRecord:
                return Forms.handoverRecord(HandoverRecordSheet(
                    governingName: "Ủy ban nhân dân tỉnh Bình Dương", agencyName: "Sở Kế hoạch và Đầu tư", officerName: "Lê Thị Thu Hà",
                    reason: "Đi học tập", openedOn: LocalDate(year: 2026, month: 11, day: 24), closedOn: LocalDate(year: 2026, month: 11, day: 28),
                    plan: "Bố trí người thay thế tạm thời: Trần Minh Khoa", items: [
                        .init(label: "Máy chủ tệp nội bộ: Sơ đồ mạng", receiver: "Trần Minh Khoa", acknowledgedOn: LocalDate(year: 2026, month: 11, day: 25), rotation: nil),
                        .init(label: "Máy chủ tệp nội bộ: Mật khẩu", receiver: "Trần Minh Khoa", acknowledgedOn: LocalDate(year: 2026, month: 11, day: 26),
                              rotation: "Đã đổi, Trần Minh Khoa ghi ngày 26/11/2026"),
                        .init(label: "Nhiệm vụ: Báo cáo (Khoản 6 Điều 5)", receiver: "Trần Minh Khoa", acknowledgedOn: LocalDate(year: 2026, month: 11, day: 27), rotation: nil),
                    ]), profile: .binhDuong2013)
            }
        }
    }

    @Test(arguments: Paper.allCases)
    func paperLooksLikeItsReference(paper: Paper) throws {
        let image = try ImageCompare.firstPage(try PDFTools.write(try PDF.render(paper.document), name: "ref-\(paper.rawValue).pdf"))
        let reference = ImageCompare.referenceDirectory.appendingPathComponent("\(paper.rawValue).png")
        if ProcessInfo.processInfo.environment["QLCB_UPDATE_REFERENCES"] == "1" {
            _ = try? FileManager.default.removeItem(at: reference)
            try FileManager.default.copyItem(at: image, to: reference)
        }
        let share = try #require(ImageCompare.differingShare(image, reference), "no reference image or a different size: \(reference.path)")
        #expect(share <= Self.tolerance, "\(paper.rawValue): \(share * 100)% of pixels changed (rendered: \(image.path))")
    }

    /// The comparison can fail: two different forms are far apart.
    @Test func differentFormsExceedTheTolerance() throws {
        let share = try #require(ImageCompare.differingShare(try render(.commitment, prefix: "far"),
                                                                   try render(.keyInformation, prefix: "far")))
        #expect(share > Self.tolerance * 4)
    }
}
