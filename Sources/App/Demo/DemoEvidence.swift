import Domain
import Fluent
import Foundation

/// Inspections, incidents and the authority's tests and meetings of the demo years.
enum DemoEvidence {
    static func load(officers: [OfficerModel], agencies: [AgencyModel], years: [Int], today: LocalDate,
                     rng: inout SeededRandom, on db: any Database) async throws {
        let active = officers.filter { $0.status.holdsPost && $0.scope != .excluded(.notEligible) }
        let withOfficers = Set(active.map { $0.$agency.id })
        let inspected = agencies.filter { withOfficers.contains($0.id!) }
        for year in years {
            let start = LocalDate(year: year - 1, month: 10, day: 1)!
            func day(_ offset: Int) -> LocalDate { min(today.adding(days: -1), start.adding(days: offset)) }
            for agency in inspected where agency.name == "Sở Kế hoạch và Đầu tư" || rng.chance(0.25) {
                let inspection = InspectionModel()
                inspection.$agency.id = agency.id!
                inspection.year = year
                inspection.inspectedOn = day(rng.int(60...300)).iso
                inspection.teamLevel = rng.pick(InspectionTeamLevel.allCases).rawValue
                inspection.score = rng.int(62...98)
                inspection.rating = inspection.score! >= 85 ? "Tốt" : inspection.score! >= 70 ? "Khá" : "Trung bình"
                inspection.findings = rng.pick(["Hạ tầng mạng ổn định; cần bổ sung phương án sao lưu dữ liệu định kỳ.",
                                                "Cổng thông tin điện tử cập nhật đầy đủ; còn máy trạm chưa cài phần mềm phòng chống mã độc.",
                                                "Hồ sơ công việc được xử lý trên môi trường mạng đạt tỷ lệ cao; cần tập huấn thêm về chữ ký số."])
                inspection.recordedBy = "sotttt"
                try await inspection.create(on: db)
            }
            for officer in active where officer.fullName == "Trần Minh Khoa" || rng.chance(0.08) {
                let incident = IncidentModel()
                incident.$agency.id = officer.$agency.id
                incident.$officer.id = officer.id
                incident.year = year
                let occurred = day(rng.int(30...330))
                incident.occurredOn = occurred.iso
                incident.system = rng.pick(["Máy chủ tệp dùng chung", "Hệ thống mạng nội bộ", "Phần mềm quản lý văn bản", "Cổng thông tin điện tử"])
                incident.impact = rng.pick(["Gián đoạn truy cập khoảng 4 giờ", "Mất kết nối Internet một buổi", "Chậm xử lý văn bản trong ngày"])
                incident.cause = rng.pick(["Ổ cứng hỏng", "Bộ lưu điện hết tuổi thọ", "Mã độc từ thiết bị lưu trữ di động"])
                incident.resolution = "Khắc phục, khôi phục dữ liệu từ bản sao lưu"
                let decision: ProposalDecision = officer.fullName == "Trần Minh Khoa" ? .rejected : rng.pick(ProposalDecision.allCases)
                incident.proposalDecision = decision.rawValue
                incident.proposal = decision == .none ? "" : "Đề xuất thay bộ lưu điện và mua thêm ổ cứng dự phòng"
                incident.proposedOn = decision == .none ? nil : occurred.adding(days: -rng.int(35...120)).iso
                incident.recordedBy = "thutruong"
                try await incident.create(on: db)
            }
            let events: [(TrainingKind, String, Int)] = [
                (.proficiencyTest, "Kiểm tra sát hạch cán bộ CNTT năm \(year)", 200),
                (.mandatoryTraining, "Tập huấn an toàn thông tin năm \(year)", 120),
                (.annualReview, "Hội nghị giao ban cán bộ CNTT năm \(year)", 330),
            ]
            for (kind, title, offset) in events where start.adding(days: offset) < today {
                let event = TrainingEventModel()
                event.kind = kind.rawValue
                event.title = title
                event.heldOn = day(offset).iso
                event.place = "Hội trường Sở Thông tin và Truyền thông"
                event.year = year
                try await event.create(on: db)
                var invitations: [InvitationModel] = []
                for officer in active {
                    let invitation = InvitationModel()
                    invitation.$event.id = event.id!
                    invitation.$officer.id = officer.id!
                    let roll = rng.int(0...99)
                    let status: Attendance = roll < 85 ? .attended : roll < 95 ? .excused : .absent
                    invitation.attendance = status.rawValue
                    invitation.score = kind.isScored && status == .attended ? Double(rng.int(50...100)) / 10 : nil
                    invitation.note = status == .excused ? "Đi công tác theo phân công của cơ quan" : ""
                    invitations.append(invitation)
                }
                for slice in stride(from: 0, to: invitations.count, by: 500) {
                    try await Array(invitations[slice..<min(invitations.count, slice + 500)]).create(on: db)
                }
            }
        }
    }
}
