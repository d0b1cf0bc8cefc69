import Domain

/// Fixed sample data for every form (the API's sample PDFs and the reference images).
public enum FormSamples {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    public static let officer = OfficerKeyInformation(
        agencyName: "Sở Kế hoạch và Đầu tư", division: "Văn phòng Sở", fullName: "Trần Minh Khoa",
        dateOfBirth: day(1988, 3, 14), gender: .male, position: "Chuyên viên", kind: .fullTime,
        monthlyIncentive: 1_500_000, signedOn: day(2026, 10, 1))

    public static func summary(profile: RegulationProfile) -> AnnualSummarySheet {
        let counts: [TaskGroup: (total: Int, open: Int)] = [
            .equipmentMaintenance: (42, 0), .networkMaintenance: (18, 1), .networkAdministration: (25, 0),
            .softwareAndDatabaseAdministration: (31, 2), .websiteAdministration: (12, 0), .itManagementAdvisory: (6, 0),
            .other: (3, 0),
        ]
        let summary = AnnualSummary.compute(year: 2026, period: profile.evaluationPeriod(year: 2026), counts: counts,
                                            initiatives: 1, outsourcedCost: 12_500_000)
        return AnnualSummarySheet(governingName: "Ủy ban nhân dân tỉnh Bình Dương", agencyName: "Sở Kế hoạch và Đầu tư",
                                  officerName: "Trần Minh Khoa", summary: summary,
                                  headOpinion: "Hoàn thành tốt nhiệm vụ được giao; sổ công tác ghi chép đầy đủ, đúng quy định.",
                                  preparedOn: day(2026, 9, 25))
    }

    public static let ticket = WorkTicketSheet(
        number: 17,
        content: WorkTicketContent(
            taskGroup: .networkMaintenance, details: "Khắc phục sự cố mất kết nối mạng nội bộ tầng 3, thay bộ chuyển mạch hỏng.",
            workKind: .incidentRemediation, requesterUnit: "Phòng Tổng hợp – Sở Kế hoạch và Đầu tư",
            requesterName: "Nguyễn Thị Hồng Nhung", relatedRecords: "Phiếu yêu cầu số 45/PTH", requestedOn: day(2026, 3, 2),
            handling: "Kiểm tra đường truyền, xác định bộ chuyển mạch hỏng, thay thiết bị dự phòng và cấu hình lại VLAN.",
            outcomes: [.networkOperational, .documentIssued], documentNumber: "12/BC-VP", documentDate: day(2026, 3, 4),
            completedOn: day(2026, 3, 3)),
        confirmationLink: "http://127.0.0.1:8080/xac-nhan/mau-lien-ket-xac-nhan")

    public static let interviewRequest = InterviewRequest(
        governingName: "Ủy ban nhân dân tỉnh Bình Dương", agencyName: "Sở Kế hoạch và Đầu tư", number: "215/SKHĐT-VP",
        date: day(2026, 4, 6), duties: [0, 1, 2, 3, 4, 5, 6], otherDuty: "", candidateName: "Lê Hoàng Phúc", birthYear: 1996,
        replyBy: day(2026, 5, 15), leadershipConfirmation: true, contact: "Văn phòng Sở, điện thoại 0274 3822 000",
        attachments: [0, 1], signerTitle: "Giám đốc", signerName: "Võ Văn Minh")

    public static let screeningReport = ScreeningReport(
        number: "38/BC-CNTT", date: day(2026, 5, 8), recipient: "Sở Kế hoạch và Đầu tư", intervieweeName: "Lê Hoàng Phúc",
        birthYear: 1996, generalKnowledge: 8, networking: 7, programmingAndDatabases: 6,
        attachments: "Bằng kỹ sư công nghệ thông tin, bảng điểm, chứng chỉ tiếng Anh B1.",
        recommendation: "Ứng viên đáp ứng yêu cầu chuyên môn của vị trí cán bộ chuyên trách công nghệ thông tin.",
        leadershipConfirmation: true, divisionHeadName: "Nguyễn Văn Tâm")

    public static let commitment = CommitmentLetter(
        governingName: "Ủy ban nhân dân tỉnh Bình Dương", agencyName: "Sở Kế hoạch và Đầu tư", number: "16/CK-VP",
        date: day(2026, 6, 1), officerName: "Trần Minh Khoa", idNumber: "074088001234")
}
