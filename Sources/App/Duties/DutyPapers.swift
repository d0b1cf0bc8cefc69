import Documents
import Domain
import Fluent
import Foundation
import Vapor

/// Decisions and handover records → the papers the Documents target prints (Art. 13.1, 14).
extension OfficialPapers {
    static func dutyDecision(_ decision: AssignmentDecisionModel, profile: RegulationProfile, on db: any Database) async throws -> Paper {
        let agency = try await decision.$agency.get(on: db)
        let governing = try await governingName(of: agency, profile: profile, on: db)
        let assignments = try await DutyAssignmentModel.query(on: db).filter(\.$decision.$id == decision.id!).with(\.$officer).all()
            .sorted { ($0.officer.nameSortKey, $0.officer.id!.canonicalText) < ($1.officer.nameSortKey, $1.officer.id!.canonicalText) }
        let sheet = DutyDecisionSheet(governingName: governing, agencyName: agency.name, number: decision.number,
                                      signedOn: LocalDate(iso: decision.signedOn), signer: decision.signer, signerTitle: agency.headTitle,
                                      assignments: assignments.map { .init(officerName: $0.officer.fullName, position: $0.officer.position,
                                                                           duties: $0.dutyList) })
        return Paper(document: Forms.dutyDecision(sheet, profile: profile), fileName: fileName("quyet-dinh-phan-cong", decision.signedOn))
    }

    static func handoverRecord(_ handover: HandoverModel, profile: RegulationProfile, on db: any Database) async throws -> Paper {
        let agency = try await handover.$agency.get(on: db)
        let officer = try await handover.$officer.get(on: db)
        let governing = try await governingName(of: agency, profile: profile, on: db)
        let items = try await HandoverItemModel.query(on: db).filter(\.$handover.$id == handover.id!).with(\.$receiver)
            .sort(\.$position).all()
        let sheet = HandoverRecordSheet(
            governingName: governing, agencyName: agency.name, officerName: officer.fullName, reason: handover.triggerStatus.label,
            openedOn: LocalDate(iso: handover.openedOn), closedOn: handover.closedAt.map { profile.date(of: $0) },
            plan: handover.plan.map { $0.label + (handover.planNote.isEmpty ? "" : ": \(handover.planNote)") } ?? "",
            items: items.map { item in
                .init(label: item.line.label, receiver: item.receiver?.fullName ?? "",
                      acknowledgedOn: item.acknowledgedAt.map { profile.date(of: $0) },
                      rotation: item.rotationRecommended ? HandoverPage.rotationText(item) : nil)
            })
        return Paper(document: Forms.handoverRecord(sheet, profile: profile), fileName: fileName("bien-ban-ban-giao", officer.fullName))
    }
}
