import Domain
import Fluent
import Vapor

/// Demo of issue 12 part 2 (Art. 3.3, 7, 13, 14): decisions for the demo agencies, commitments, systems
/// inventories with one holder of a secret who has not signed a commitment (flagged), and an open
/// handover at the Department of Planning and Investment.
enum DemoDutiesLoader {
    static func load(province agencies: [AgencyModel], officers: [OfficerModel], profile: RegulationProfile, today: LocalDate,
                     on app: Application) async throws {
        func viewer(_ username: String) async throws -> Viewer {
            guard let user = try await UserModel.query(on: app.db).filter(\.$username == username).first(),
                  let viewer = try await Viewer.load(userID: user.id!, on: app.db) else { throw Abort(.internalServerError) }
            return viewer
        }
        let (head, head2, personnel) = (try await viewer("thutruong"), try await viewer("thutruong2"), try await viewer("tochuc"))
        guard let khoa = officers.first(where: { $0.fullName == "Trần Minh Khoa" }), let ha = officers.first(where: { $0.fullName == "Lê Thị Thu Hà" }),
              let bao = officers.first(where: { $0.fullName == "Phạm Quốc Bảo" }) else { return }
        let (agencyA, agencyB) = (khoa.$agency.id, bao.$agency.id)
        let signed = today.adding(days: -60), now = app.clock.now()
        try await app.write { db in
            _ = try await DutyService.issue(DutyDecisionDraft(number: "25/QĐ-SKHĐT", signedOn: signed, signer: "Ngô Thanh Tùng", assignments: [
                DutyAssignment(officerID: khoa.id!, duties: [.regulationsAndPlans, .systemAdministration, .dissemination, .reporting, .selfDevelopment, .mandatoryAttendance]),
                DutyAssignment(officerID: ha.id!, duties: [.humanResources, .reporting, .selfDevelopment, .mandatoryAttendance]),
            ]), agencyID: agencyA, by: head, on: db)
            _ = try await DutyService.issue(DutyDecisionDraft(number: "112/QĐ-UBND", signedOn: signed, signer: "Mai Văn Đạt",
                                                              assignments: [DutyAssignment(officerID: bao.id!, duties: ITDuty.allCases)]),
                                            agencyID: agencyB, by: head2, on: db)
            let kept = try await DutyService.recordCommitment(officer: khoa, signedOn: signed, verified: true, by: personnel, now: now, on: db)
            // Art. 13.2: the personnel section kept the scan of Khoa's signed letter.
            let scan = try app.uploadStore.store(data: Array("%PDF-1.4\n% Bản quét giấy cam kết mẫu\n%%EOF\n".utf8), name: "giay-cam-ket-tran-minh-khoa.pdf")
            try await DutyService.attachScan(scan, to: kept, by: personnel, on: db)
            _ = try await DutyService.recordCommitment(officer: bao, signedOn: signed, verified: false, by: head2, now: now, on: db)
            _ = try await SystemInventory.add(SystemDraft(name: "Cổng thông tin điện tử của Sở", kind: .website, categories: [.administratorAccount, .configurations],
                                                          note: "", holders: [.init(officerID: khoa.id!, categories: [.administratorAccount, .configurations])]),
                                              agencyID: agencyA, by: head, on: db)
            _ = try await SystemInventory.add(SystemDraft(name: "Máy chủ tệp nội bộ", kind: .server, categories: [.passwords, .networkDiagram],
                                                          note: "Phòng máy chủ tầng 2", holders: [.init(officerID: khoa.id!, categories: [.passwords, .networkDiagram]),
                                                                                                  .init(officerID: ha.id!, categories: [.networkDiagram])]),
                                              agencyID: agencyA, by: head, on: db)
            _ = try await SystemInventory.add(SystemDraft(name: "Hệ thống một cửa điện tử", kind: .software, categories: [.administratorAccount, .confidentialData],
                                                          note: "", holders: [.init(officerID: bao.id!, categories: [.administratorAccount, .confidentialData])]),
                                              agencyID: agencyB, by: head2, on: db)
        }
        // Hà is sent on long study: her handover is open, one item already received by Khoa.
        let change = EmploymentChange(status: .study, effectiveOn: today.adding(days: -5), note: "Học tập trung thạc sĩ hệ thống thông tin",
                                      returnsOn: today.adding(days: 360))
        let handover = try await app.write { db -> UUID? in
            let event = try await OfficerService.changeStatus(ha.id!, to: change.status, on: change.effectiveOn, note: change.note, by: head, on: db)
            return try await HandoverService.openIfTriggered(officerID: ha.id!, agencyID: agencyA, status: .study, leaveDays: change.leaveDays, eventID: event,
                                                             on: change.effectiveOn, profile: profile, by: head, on: db)
        }
        if let handover, let model = try await HandoverModel.find(handover, on: app.db),
           let first = try await HandoverItemModel.query(on: app.db).filter(\.$handover.$id == handover).sort(\.$position).first() {
            try await app.write { try await HandoverService.acknowledge(first, handover: model, receiverID: khoa.id!, by: head, now: now, on: $0) }
        }
        // Elsewhere: an officer holding a system's secrets without a commitment, flagged on staffing.
        if let other = officers.first(where: { $0.$agency.id != agencyA && $0.$agency.id != agencyB && $0.status == .active }),
           let authority = try? await viewer("sotttt") {
            try await app.write { db in
                _ = try await SystemInventory.add(SystemDraft(name: "Cổng thông tin điện tử", kind: .website, categories: [.administratorAccount],
                                                              note: "", holders: [.init(officerID: other.id!, categories: [.administratorAccount])]),
                                                  agencyID: other.$agency.id, by: authority, on: db)
            }
        }
    }
}
