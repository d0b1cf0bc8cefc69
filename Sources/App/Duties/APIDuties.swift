import Domain
import Fluent
import Foundation
import Vapor

/// The API of duty assignment decisions, commitments and the systems inventory (Art. 3.3, 7, 13):
/// the same permissions, validation and audit as the agency's duties pages.
extension APIHandler {
    func createAssignmentDecision(_ input: Operations.CreateAssignmentDecision.Input) async throws -> Operations.CreateAssignmentDecision.Output {
        let (req, viewer) = try context()
        let agency = try await visibleAgency(try uuid(input.path.id), req)
        let place = try await DutyAccess.place(agency.id!, req)
        guard viewer.policy.issuesAssignmentDecisions(at: place) else { throw await req.denied("assignmentDecision", entityID: agency.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let officers = try await DutyService.agencyOfficers(agency.id!, on: req.db)
        let draft = try DutyDecisionDraft.validate(number: b.number, signedOn: b.signedOn, signer: b.signer,
                                                   assignments: b.assignments.map { (officer: $0.officerId, duties: $0.duties) },
                                                   officers: Dictionary(uniqueKeysWithValues: officers.map { ($0.id!, $0.fullName) })).get()
        let agencyID = agency.id!
        let decision = try await req.write { try await DutyService.issue(draft, agencyID: agencyID, by: viewer, on: $0) }
        return .created(.init(body: .json(.init(id: decision.id!.canonicalText))))
    }

    func getAssignmentDecisionPdf(_ input: Operations.GetAssignmentDecisionPdf.Input) async throws -> Operations.GetAssignmentDecisionPdf.Output {
        let (req, _) = try context()
        let decision = try await DutyAccess.readableDecision(try uuid(input.path.id), req)
        return .ok(try await pdf(try await OfficialPapers.dutyDecision(decision, profile: try await req.profile(), on: req.db), req))
    }

    func createCommitment(_ input: Operations.CreateCommitment.Input) async throws -> Operations.CreateCommitment.Output {
        let (req, viewer) = try context()
        let (officer, place) = try await visibleOfficer(try uuid(input.path.id), req)
        guard viewer.policy.recordsCommitments(at: place) else { throw await req.denied("commitment", entityID: officer.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let date = try DutyAccess.signedOn(b.signedOn)
        let verified = viewer.policy.verifiesCommitments(at: place)
        let now = req.now
        let commitment = try await req.write {
            try await DutyService.recordCommitment(officer: officer, signedOn: date, verified: verified, by: viewer, now: now, on: $0)
        }
        return .created(.init(body: .json(.init(id: commitment.id!.canonicalText))))
    }

    func createInformationSystem(_ input: Operations.CreateInformationSystem.Input) async throws -> Operations.CreateInformationSystem.Output {
        let (req, viewer) = try context()
        let agency = try await visibleAgency(try uuid(input.path.id), req)
        let place = try await DutyAccess.place(agency.id!, req)
        guard viewer.policy.keepsSystemsInventory(at: place) else { throw await req.denied("informationSystem", entityID: agency.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let officers = try await DutyService.agencyOfficers(agency.id!, on: req.db)
        let draft = try SystemDraft.validate(name: b.name, kind: b.kind.rawValue, categories: b.secretCategories.map(\.rawValue), note: b.note,
                                             holders: b.holders.map { (officer: $0.officerId, categories: $0.secretCategories?.map(\.rawValue)) },
                                             officers: Set(officers.compactMap(\.id))).get()
        let agencyID = agency.id!
        let system = try await req.write { try await SystemInventory.add(draft, agencyID: agencyID, by: viewer, on: $0) }
        return .created(.init(body: .json(.init(id: system.id!.canonicalText))))
    }
}

/// The facts the access policy needs about duties' records, gathered once for pages and API.
enum DutyAccess {
    static func place(_ agencyID: UUID, _ req: Request) async throws -> AgencyPlace {
        guard let place = try await Visibility.place(of: agencyID, on: req.db) else { throw NotFound() }
        return place
    }

    /// A decision the viewer may read (Art. 13.1: the agency, the IT authority and Home Affairs).
    static func readableDecision(_ id: UUID, _ req: Request) async throws -> AssignmentDecisionModel {
        let viewer = try req.requireViewer()
        guard let decision = try await AssignmentDecisionModel.find(id, on: req.db) else { throw NotFound() }
        let place = try await place(decision.$agency.id, req)
        guard viewer.policy.readsAssignmentDecisions(at: place) else { throw await req.denied("assignmentDecision", entityID: id) }
        return decision
    }

    static func signedOn(_ text: String?) throws -> LocalDate {
        let value = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard let date = LocalDate(iso: value) ?? LocalDate(userInput: value), QueryNumbers.years.contains(date.year) else {
            var errors = FieldErrors()
            errors.add("signedOn", "Nhập ngày ký giấy cam kết (dd/mm/yyyy).")
            throw errors
        }
        return date
    }
}
