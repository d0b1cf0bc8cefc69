import Documents
import Domain
import Foundation
import Testing

/// Each form's text, read back with `pdftotext -layout`, holds the labels of the regulation's
/// template (shared/domain/regulation-vi.txt, Appendices I–III) and the record's values, in order.
@Suite struct FormTextTests {
    let profile = RegulationProfile.binhDuong2013

    func text(_ document: OfficialDocument, _ name: String) throws -> String {
        let url = try PDFTools.write(try PDF.render(document), name: name)
        return try PDFTools.run("pdftotext", ["-layout", url.path, "-"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func expectInOrder(_ needles: [String], _ text: String) {
        let missing = firstMissing(needles, in: text)
        #expect(missing == nil, "missing or out of order: \(missing ?? "") in \(text)")
    }

    @Test func F_I_1_form1KeyInformation() throws {
        let t = try text(Forms.sample(.keyInformation, profile: profile), "t-pl1-m1.pdf")
        expectInOrder(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "MẪU 1 - NHỮNG THÔNG TIN CHÍNH",
                       "Cơ quan, đơn vị công tác: Sở Kế hoạch và Đầu tư", "Phòng ban: Văn phòng Sở", "Họ và tên: Trần Minh Khoa",
                       "Ngày sinh: 14/03/1988", "Giới tính: X Nam Nữ", "Chức vụ: Chuyên viên", "Chức danh:",
                       "X Chuyên trách công nghệ thông tin", "Bán chuyên trách công nghệ thông tin",
                       "Mức ưu đãi hàng tháng (nếu có): 1.500.000 đ", "Bình Dương, tháng 10 năm 2026", "Thủ trưởng cơ quan",
                       "(Chữ ký và con dấu)"], t)
        #expect(!t.contains("X Bán chuyên trách"))
    }

    @Test func F_I_1_form1WithUnknownValuesLeavesDottedBlanks() throws {
        let blank = OfficerKeyInformation(agencyName: "", division: "", fullName: "Nguyễn Văn A", dateOfBirth: nil, gender: nil,
                                          position: "", kind: nil, monthlyIncentive: nil, signedOn: nil)
        let t = try text(Forms.keyInformation(blank, profile: profile), "t-pl1-m1-blank.pdf")
        expectInOrder(["Cơ quan, đơn vị công tác: ......", "Phòng ban: ......", "Họ và tên: Nguyễn Văn A", "Ngày sinh: ......",
                       "Chức vụ: ......", "Mức ưu đãi hàng tháng (nếu có): ......", "Bình Dương, tháng …… năm ……"], t)
        #expect(!t.contains("X "))
    }

    @Test func F_I_2_form2AnnualSummaryWithCostAndPeriod() throws {
        let t = try text(Forms.sample(.annualSummary, profile: profile), "t-pl1-m2.pdf")
        expectInOrder(["UBND TỈNH BÌNH DƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
                       "Bình Dương, ngày 25 tháng 9 năm 2026", "MẪU 2 - TỔNG HỢP KẾT QUẢ CÔNG TÁC NĂM 2026",
                       "(Từ ngày 01/10/2025 đến ngày 30/09/2026)",
                       "Họ và tên Cán bộ chuyên trách (hoặc bán chuyên trách) công nghệ thông tin:", "Trần Minh Khoa",
                       "STT Nhóm nhiệm vụ, công việc Đơn vị", "Số lượng Ghi chú",
                       "1 Bảo trì thiết bị (trừ TB mạng) phiếu 42", "2 Bảo trì hệ thống mạng phiếu 18 1 phiếu đang thực",
                       "3 Quản trị mạng phiếu 25", "4 Quản trị phần mềm, cơ sở dữ liệu phiếu 31", "5 Quản trị website phiếu 12",
                       "6 Tham mưu quản lý về công nghệ", "7 Sáng kiến về chuyên môn kỹ thuật sáng kiến 1",
                       "8 Công việc khác phiếu 3", "Tổng cộng: 138",
                       "Tổng chi phí thuê dịch vụ bên ngoài thực hiện các công việc bảo trì, khắc phục sự cố",
                       "12.500.000 đ", "(số liệu do bộ phận tài chính cung cấp)", "Ý kiến và xác nhận", "Cán bộ lập biểu",
                       "của Thủ trưởng cơ quan", "Hoàn thành tốt nhiệm vụ", "(chữ ký và con dấu)", "Trần Minh Khoa"], t)
    }

    @Test func F_I_3_form3WorkTicketWithQRWhenUnconfirmed() throws {
        let t = try text(Forms.sample(.workTicket, profile: profile), "t-pl1-m3.pdf")
        expectInOrder(["Số phiếu: 017", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "MẪU 3 - PHIẾU CÔNG TÁC", "I. Mô tả công việc",
                       "Bảo trì thiết bị (trừ TB mạng) X Bảo trì hệ thống mạng", "Quản trị mạng Quản trị phần mềm, cơ sở dữ liệu",
                       "Quản trị website Tham mưu quản lý về CNTT", "Loại khác", "Chi tiết công việc: Khắc phục sự cố",
                       "II. Nơi yêu cầu (cơ quan, cá nhân):", "+ Cơ quan, đơn vị, phòng ban: Phòng Tổng hợp",
                       "+ Họ tên: Nguyễn Thị Hồng Nhung", "+ Hồ sơ liên quan (nếu có): Phiếu yêu cầu số 45/PTH",
                       "+ Ngày yêu cầu: 02/03/2026", "Xác nhận của nơi yêu cầu", "(ký và ghi rõ họ tên)", "III. Phần thực hiện:",
                       "+ Hướng xử lý: Kiểm tra đường truyền", "+ Kết quả thực hiện:",
                       "X Văn bản, số hiệu và ngày ban hành: 12/BC-VP ngày 04/03/2026", "Thiết bị đã được khắc phục lỗi;",
                       "X Hệ thống mạng đã được vận hành tốt;", "Phần mềm, cơ sở dữ liệu, website đã hoạt động theo yêu cầu;",
                       "Hoàn thành tập huấn, hướng dẫn;", "Kết quả khác. Ghi rõ:", "+ Ngày hoàn thành: 03/03/2026",
                       "Xác nhận hoàn thành của Người yêu cầu", "hoặc Thủ trưởng trực tiếp của", "Cán bộ công nghệ thông tin",
                       "quét mã"], t)
    }

    @Test func F_I_3_form3OfAConfirmedTicketNamesTheConfirmerAndHasNoQRCode() throws {
        var sheet = FormSamples.ticket
        sheet.confirmedBy = "Nguyễn Thị Hồng Nhung"
        sheet.confirmedOn = LocalDate(year: 2026, month: 3, day: 5)
        let t = try text(Forms.workTicket(sheet, year: 2026), "t-pl1-m3-confirmed.pdf")
        expectInOrder(["Xác nhận hoàn thành của Người yêu cầu", "Đã xác nhận trên hệ thống ngày 05/03/2026", "Nguyễn Thị Hồng Nhung"], t)
        #expect(!t.contains("quét mã"))
    }

    @Test func F_II_1b_interviewRequestCitesTheRegulationFromTheProfile() throws {
        let t = try text(Forms.sample(.interviewRequest, profile: profile), "t-pl2-m1.pdf")
        expectInOrder(["Số: 215/SKHĐT-VP", "Bình Dương, ngày 06 tháng 4 năm 2026", "Kính gửi: Sở Thông tin và Truyền thông.",
                       "Căn cứ Quy chế quản lý cán bộ, công chức, viên chức chuyên trách, bán chuyên trách công nghệ thông tin",
                       "Quyết định số 30/2013/QĐ-UBND ngày 08/10/2013 của Ủy ban nhân dân tỉnh Bình Dương;",
                       "Căn cứ thực tế nhu cầu công tác,", "dự định tuyển một nhân sự làm cán bộ chuyên trách công nghệ thông tin",
                       "X Tham mưu xây dựng: Quy chế", "X Thống kê báo cáo về công nghệ thông tin;", "Đối tượng dự tuyển",
                       "Họ và tên ứng viên: Lê Hoàng Phúc", "Sinh năm: 1996", "trước ngày 15/05/2026.", "Hình thức văn bản trả lời:",
                       "Báo cáo kết quả phỏng vấn của Phòng Công nghệ thông tin;",
                       "X Báo cáo kết quả phỏng vấn của Phòng Công nghệ thông tin có xác nhận của Lãnh",
                       "Thông tin liên hệ:", "Hồ sơ đính kèm:", "X Văn bằng, bảng điểm", "Trân trọng./.", "Nơi nhận:",
                       "GIÁM ĐỐC", "- Như trên;", "Võ Văn Minh", "(*) Ghi chú"], t)
    }

    @Test func F_II_2_screeningReportWithAndWithoutLeadershipConfirmation() throws {
        let t = try text(Forms.sample(.screeningReport, profile: profile), "t-pl2-m2.pdf")
        expectInOrder(["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "PHÒNG CÔNG NGHỆ THÔNG TIN", "Số: 38/BC-CNTT", "BÁO CÁO",
                       "Kết quả sơ tuyển chuyên môn công nghệ thông tin", "Kính gửi: Sở Kế hoạch và Đầu tư",
                       "Họ và tên người được phỏng vấn: Lê Hoàng Phúc", "Năm sinh: 1996", "Kết quả phỏng vấn:",
                       "1. Kiến thức chung về công nghệ thông tin, ứng dụng công nghệ thông tin trong cơ quan nhà nước: 8/10.",
                       "2. Kiến thức căn bản về mạng máy tính: 7/10.", "3. Kiến thức căn bản về lập trình và quản trị cơ sở dữ liệu: 6/10.",
                       "Hồ sơ đính kèm:", "Kiến nghị:", "Kết quả phỏng vấn là một dạng thông tin cá nhân của ứng viên",
                       "Đề nghị Quý cơ quan tham khảo./.", "XÁC NHẬN CỦA", "TRƯỞNG PHÒNG CNTT", "Nguyễn Văn Tâm", "Nơi nhận:"], t)
        var report = FormSamples.screeningReport
        report.leadershipConfirmation = false
        let without = try text(OfficialDocument(title: "x", blocks: RecruitmentForms.screeningReport(report, profile: profile)), "t-pl2-m2-b.pdf")
        #expect(!without.contains("XÁC NHẬN CỦA"))
        #expect(without.contains("TRƯỞNG PHÒNG CNTT"))
    }

    @Test func F_III_commitmentLetter() throws {
        let t = try text(Forms.sample(.commitment, profile: profile), "t-pl3.pdf")
        expectInOrder(["SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số: 16/CK-VP", "Bình Dương, ngày 01 tháng 6 năm 2026", "GIẤY CAM KẾT",
                       "Về việc thực hiện đúng chức trách, nhiệm vụ công nghệ thông tin", "Tôi tên là: Trần Minh Khoa",
                       "CCCD số: 074088001234", "là Cán bộ công nghệ thông tin của cơ quan Sở Kế hoạch và Đầu tư",
                       "được phân công quản trị, vận hành hệ thống thông tin của cơ quan.", "Tôi cam kết:",
                       "1. Thực hiện đúng, đầy đủ các nhiệm vụ do cơ quan phân công.", "2. Không tiết lộ những bí mật",
                       "3. Không lợi dụng vai trò", "Tôi xin chịu hoàn toàn trách nhiệm", "XÁC NHẬN CỦA LÃNH ĐẠO", "NGƯỜI CAM KẾT",
                       "(Ký tên, đóng dấu)", "(Họ tên, chữ ký)", "Trần Minh Khoa", "Nơi nhận:", "- Lưu: VT."], t)
    }

    @Test func placeNameComesFromTheProfile() throws {
        let t = try text(Forms.sample(.commitment, profile: .hoChiMinh2025), "t-pl3-hcm.pdf")
        #expect(t.contains("Thành phố Hồ Chí Minh, ngày 01 tháng 6 năm 2026"))
    }
}

@Suite struct EvaluationDocumentTests {
    let profile = RegulationProfile.binhDuong2013
    let day = LocalDate(year: 2026, month: 11, day: 10)

    func text(_ document: OfficialDocument, _ name: String) throws -> String {
        try FormTextTests().text(document, name)
    }

    @Test func R15_6b_resultsNoticeToAManagingAgency() throws {
        let notice = ResultsNotice(year: 2026, agencyName: "Sở Kế hoạch và Đầu tư", date: day, lines: [
            GradeLine(name: "Trần Minh Khoa", title: "Chuyên trách", grade: "A", note: ""),
            GradeLine(name: "Lê Văn Bình", title: "Bán chuyên trách", grade: "D", note: "Không nộp Sổ công tác đúng hạn"),
        ])
        let t = try text(EvaluationDocuments.resultsNotice(notice, profile: profile), "e-notice.pdf")
        let missing = firstMissing(["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: /TB-CNTT", "Bình Dương, ngày 10 tháng 11 năm 2026", "THÔNG BÁO",
                                    "Kết quả đánh giá, xếp loại cán bộ công nghệ thông tin năm 2026", "Kính gửi: Sở Kế hoạch và Đầu tư.",
                                    "Quyết định số 30/2013/QĐ-UBND", "1 Trần Minh Khoa Chuyên trách A",
                                    "2 Lê Văn Bình Bán chuyên trách D Không nộp Sổ công tác đúng hạn", "Nơi nhận:", "GIÁM ĐỐC"], in: t)
        #expect(missing == nil, "\(missing ?? "") in \(t)")
    }

    func notice(_ profile: RegulationProfile) -> OfficialDocument {
        EvaluationDocuments.resultsNotice(ResultsNotice(year: 2026, agencyName: "Sở Kế hoạch và Đầu tư", date: day, lines: [
            GradeLine(name: "Trần Minh Khoa", title: "Chuyên trách", grade: "A", note: ""),
        ]), profile: profile)
    }

    /// Where a word is on the page (points from the top), from `pdftotext -bbox`; the last one when it repeats.
    func box(of word: String, in url: URL) throws -> (top: Double, bottom: Double)? {
        let xml = try PDFTools.run("pdftotext", ["-bbox", url.path, "-"])
        guard let line = xml.split(separator: "\n").last(where: { $0.hasSuffix(">\(word)</word>") }) else { return nil }
        func value(_ key: String) -> Double? {
            guard let range = line.range(of: "\(key)=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        guard let top = value("yMin"), let bottom = value("yMax") else { return nil }
        return (top, bottom)
    }

    /// Decree 30/2020 Appendix I: capacity and position, 25–30 mm of room to sign and seal, the name in bold.
    @Test func Decree30_resultsNoticeLeavesRoomToSignAndNamesTheSignerFromTheProfile() throws {
        var profile = self.profile
        profile.authoritySigner = PaperSigner(capacity: "KT. Giám đốc", position: "Phó Giám đốc", name: "Nguyễn Văn An")
        let url = try PDFTools.write(try PDF.render(notice(profile)), name: "e-notice-signer.pdf")
        let t = try PDFTools.run("pdftotext", ["-layout", url.path, "-"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let missing = firstMissing(["Nơi nhận:", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"], in: t)
        #expect(missing == nil, "\(missing ?? "") in \(t)")
        let title = try #require(try box(of: "PHÓ", in: url)), name = try #require(try box(of: "Nguyễn", in: url))
        let room = (name.top - title.bottom) / (72 / 25.4)
        #expect(room >= 25 && room <= 30, "\(room) mm between the title and the name")
    }

    @Test func Decree30_anUnknownSignerLeavesADottedLineNeverAName() throws {
        let t = try text(notice(profile), "e-notice-unknown.pdf")
        let missing = firstMissing(["Nơi nhận:", "GIÁM ĐỐC", "- Như trên;", "……………"], in: t)
        #expect(missing == nil, "\(missing ?? "") in \(t)")
        #expect(!t.contains("KT."))
    }

    /// The regulation is Bình Dương's decision even where the province of today is Ho Chi Minh City.
    @Test func papersOfHoChiMinhCityCiteTheRegulationWithItsIssuer() throws {
        let hcm = RegulationProfile.hoChiMinh2025
        let t = try text(notice(hcm), "e-notice-hcm.pdf")
        let missing = firstMissing(["UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                                    "Thành phố Hồ Chí Minh, ngày 10 tháng 11 năm 2026",
                                    "Căn cứ Quyết định số 30/2013/QĐ-UBND ngày 08/10/2013 của Ủy ban nhân dân tỉnh Bình Dương ban hành Quy chế",
                                    "của các cơ quan nhà nước trên địa bàn tỉnh Bình Dương;"], in: t)
        #expect(missing == nil, "\(missing ?? "") in \(t)")
        let request = try text(Forms.sample(.interviewRequest, profile: hcm), "t-pl2-m1-hcm.pdf")
        #expect(request.contains("trên địa bàn tỉnh Bình Dương được ban hành kèm theo Quyết định số 30/2013/QĐ-UBND ngày 08/10/2013 "
                                 + "của Ủy ban nhân dân tỉnh Bình Dương;"), "\(request)")
        let rewards = try text(EvaluationDocuments.rewardList(year: 2026, lines: [], date: day, profile: hcm), "e-rewards-hcm.pdf")
        #expect(rewards.contains("Quyết định số 30/2013/QĐ-UBND ngày 08/10/2013 của Ủy ban nhân dân tỉnh Bình Dương)"), "\(rewards)")
        for paper in [t, request, rewards] {
            #expect(!paper.contains("của Ủy ban nhân dân Thành phố Hồ Chí Minh"))
        }
    }

    @Test func R16_3b_cessationProposalIsSignedByBothDepartments() throws {
        let letter = CessationLetter(officerName: "Phạm Quốc Bảo", agencyName: "Ủy ban nhân dân thành phố Dĩ An",
                                     pattern: DisciplinePattern.twoCOneD.label, grades: [(2024, "C"), (2025, "C"), (2026, "D")], date: day)
        let t = try text(EvaluationDocuments.cessationLetter(letter, profile: profile), "e-cessation.pdf")
        let missing = firstMissing(["ĐỀ XUẤT", "Về việc thôi hưởng chế độ ưu đãi đối với cán bộ công nghệ thông tin",
                                    "Kính gửi: Ủy ban nhân dân thành phố Dĩ An.", "Sở Thông tin và Truyền thông và Sở Nội vụ thống nhất đề xuất",
                                    "Phạm Quốc Bảo", "năm 2024: loại C; năm 2025: loại C; năm 2026: loại D",
                                    "Ba năm liên tiếp có hai năm loại C và một năm loại D", "thôi hưởng chế độ ưu đãi",
                                    "SỞ NỘI VỤ", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "GIÁM ĐỐC GIÁM ĐỐC", "Nơi nhận:"], in: t)
        #expect(missing == nil, "\(missing ?? "") in \(t)")
    }

    @Test func R16_2a_R16_2b_rewardCandidatesList() throws {
        let document = EvaluationDocuments.rewardList(year: 2026, lines: [
            RewardLine(name: "Trần Minh Khoa", agency: "Sở Kế hoạch và Đầu tư", candidacy: RewardCandidacy.certificateOfMerit.label, decision: "Đề nghị"),
        ], date: day, profile: profile)
        let t = try text(document, "e-rewards.pdf")
        let missing = firstMissing(["DANH SÁCH", "Cán bộ công nghệ thông tin được đề xuất khen thưởng năm 2026", "STT Họ và tên Cơ quan",
                                    "1 Trần Minh Khoa Sở Kế hoạch và", "Đề nghị Giấy khen", "GIÁM ĐỐC"], in: t)
        #expect(missing == nil, "\(missing ?? "") in \(t)")
    }
}
