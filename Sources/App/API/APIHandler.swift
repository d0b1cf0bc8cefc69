import Domain
import Fluent
import Foundation
import Vapor

/// Implements the generated `APIProtocol`: the same permissions, validation and audit as the pages.
/// Errors are thrown and rendered as problem+json by `AppErrorMiddleware`.
struct APIHandler: APIProtocol {
    func context() throws -> (Request, Viewer) {
        let req = try APIContext.current()
        return (req, try req.requireViewer())
    }

    /// A year in the path: one the product does not know is a record that does not exist.
    func knownYear(_ value: Int) throws -> Int {
        guard QueryNumbers.years.contains(value) else { throw NotFound() }
        return value
    }

    func uuid(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw Abort(.notFound) }
        return id
    }

    // MARK: Agencies

    func listAgencies(_ input: Operations.ListAgencies.Input) async throws -> Operations.ListAgencies.Output {
        let (req, viewer) = try context()
        let q = input.query
        var paging = try Paging(page: q.page, per: q.per)
        let filter = AgencyFilter(q: q.q, kind: q.kind.flatMap { AgencyKind(rawValue: $0.rawValue) },
                                  level: q.level.flatMap { AdminLevel(rawValue: $0.rawValue) }, district: q.district,
                                  includeInactive: q.includeInactive ?? false)
        let visible = VisibleAgencies(viewer.policy)
        let rows = try await RegistryQueries.agencies(filter, visible: visible, paging: &paging, as: AgencyRecord.self,
                                                        kept: req.keptReadsWithoutTicketsAtStart, on: req.db)
        let levels = try await RegistryQueries.itLevels(of: rows.map(\.id), kept: req.keptReadsWithoutTicketsAtStart, on: req.db)
        return .ok(.init(body: .json(.init(items: rows.map { .init($0, levels: levels[$0.id] ?? []) },
                                           page: paging.page, per: paging.per, total: paging.total))))
    }

    func createAgency(_ input: Operations.CreateAgency.Input) async throws -> Operations.CreateAgency.Output {
        let (req, viewer) = try context()
        guard viewer.policy.managesRegistry else { throw await req.denied("agency") }
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let draft = try AgencyDraft.validate(AgencyInput(body)).get()
        let agency = try await req.write { try await AgencyService.create(draft, by: viewer, on: $0) }
        return .created(.init(body: .json(.init(AgencyRecord(agency), levels: []))))
    }

    func getAgency(_ input: Operations.GetAgency.Input) async throws -> Operations.GetAgency.Output {
        let (req, _) = try context()
        let agency = try await visibleAgency(try uuid(input.path.id), req)
        return .ok(.init(body: .json(try await body(agency, on: req.db))))
    }

    func updateAgency(_ input: Operations.UpdateAgency.Input) async throws -> Operations.UpdateAgency.Output {
        let (req, viewer) = try context()
        let agency = try await visibleAgency(try uuid(input.path.id), req)
        guard viewer.policy.managesRegistry else { throw await req.denied("agency", entityID: agency.id) }
        guard case .json(let patch) = input.body else { throw Abort(.unsupportedMediaType) }
        var merged = agency.input
        merged.apply(patch)
        let draft = try AgencyDraft.validate(merged).get()
        let id = agency.id!
        let expected = patch.version
        let saved = try await req.write { db -> AgencyModel in
            var saved = try await AgencyService.update(id, draft, expectedVersion: expected, by: viewer, on: db)
            if let active = patch.isActive, active != saved.isActive {
                try await AgencyService.setActive(id, active, by: viewer, on: db)
                saved = try await AgencyModel.find(id, on: db) ?? saved
            }
            return saved
        }
        return .ok(.init(body: .json(try await body(saved, on: req.db))))
    }

    func body(_ agency: AgencyModel, on db: any Database) async throws -> Components.Schemas.Agency {
        let record = AgencyRecord(agency)
        return .init(record, levels: try await RegistryQueries.itLevels(of: [record.id], on: db)[record.id] ?? [])
    }

    func visibleAgency(_ id: UUID, _ req: Request) async throws -> AgencyModel {
        let viewer = try req.requireViewer()
        guard let agency = try await AgencyModel.find(id, on: req.db),
              let place = try await Visibility.place(of: id, on: req.db) else { throw NotFound() }
        guard viewer.policy.canSee(place) else { throw await req.denied("agency", entityID: id) }
        return agency
    }

    // MARK: Officers

    func listOfficers(_ input: Operations.ListOfficers.Input) async throws -> Operations.ListOfficers.Output {
        let (req, viewer) = try context()
        let q = input.query
        var paging = try Paging(page: q.page, per: q.per)
        let filter = OfficerFilter(q: q.q, agencyID: q.agency.flatMap(UUID.init(uuidString:)),
                                   kind: q.kind.flatMap { ITOfficerKind(rawValue: $0.rawValue) },
                                   status: q.status.flatMap { EmploymentStatus(rawValue: $0.rawValue) })
        let visible = VisibleAgencies(viewer.policy)
        let rows = try await RegistryQueries.officers(filter, visible: visible, paging: &paging, as: OfficerRecord.self,
                                                        kept: req.keptReadsWithoutTicketsAtStart, on: req.db)
        let places = try await placesForIdentityNumbers(rows, viewer: viewer, on: req.db)
        let items = rows.map { Components.Schemas.Officer($0, showFullID: showsFullID($0, viewer: viewer, places)) }
        return .ok(.init(body: .json(.init(items: items, page: paging.page, per: paging.per, total: paging.total))))
    }

    func createOfficer(_ input: Operations.CreateOfficer.Input) async throws -> Operations.CreateOfficer.Output {
        let (req, viewer) = try context()
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        guard try await Permissions.mayAddOfficer(viewer, agencyText: body.agencyId, on: req.db) else { throw await req.denied("officer") }
        let draft = try OfficerDraft.validate(OfficerInput(body), today: try await req.today()).get()
        guard let place = try await Visibility.place(of: draft.agencyID, on: req.db) else {
            var errors = FieldErrors()
            errors.add("agencyId", "Không tìm thấy cơ quan.")
            throw errors
        }
        guard viewer.policy.canManageOfficers(at: place) else { throw await req.denied("officer") }
        let officer = try await req.write { try await OfficerService.create(draft, by: viewer, on: $0) }
        let agencyName = try await AgencyModel.find(draft.agencyID, on: req.db)?.name ?? ""
        return .created(.init(body: .json(try await self.body(officer, agencyName: agencyName, viewer: viewer, on: req.db))))
    }

    func getOfficer(_ input: Operations.GetOfficer.Input) async throws -> Operations.GetOfficer.Output {
        let (req, viewer) = try context()
        let (officer, _) = try await visibleOfficer(try uuid(input.path.id), req)
        return .ok(.init(body: .json(try await body(officer, agencyName: officer.agency.name, viewer: viewer, on: req.db))))
    }

    func updateOfficer(_ input: Operations.UpdateOfficer.Input) async throws -> Operations.UpdateOfficer.Output {
        let (req, viewer) = try context()
        let (officer, place) = try await visibleOfficer(try uuid(input.path.id), req)
        guard viewer.policy.canManageOfficers(at: place) else { throw await req.denied("officer", entityID: officer.id) }
        guard case .json(let patch) = input.body else { throw Abort(.unsupportedMediaType) }
        var merged = officer.input
        merged.apply(patch)
        let draft = try OfficerDraft.validate(merged, today: try await req.today()).get()
        let id = officer.id!
        let expected = patch.version
        let saved = try await req.write { try await OfficerService.update(id, draft, expectedVersion: expected, by: viewer, on: $0) }
        return .ok(.init(body: .json(try await body(saved, agencyName: officer.agency.name, viewer: viewer, on: req.db))))
    }

    func visibleOfficer(_ id: UUID, _ req: Request) async throws -> (OfficerModel, AgencyPlace) {
        let viewer = try req.requireViewer()
        guard let officer = try await OfficerModel.query(on: req.db).with(\.$agency).filter(\.$id == id).first(),
              let place = try await Visibility.place(of: officer.$agency.id, on: req.db) else { throw NotFound() }
        guard viewer.policy.canSee(place) || viewer.officerID == id else { throw await req.denied("officer", entityID: id) }
        return (officer, place)
    }

    func body(_ officer: OfficerModel, agencyName: String, viewer: Viewer, on db: any Database) async throws -> Components.Schemas.Officer {
        let record = OfficerRecord(officer, agencyName: agencyName)
        let places = try await placesForIdentityNumbers([record], viewer: viewer, on: db)
        return .init(record, showFullID: showsFullID(record, viewer: viewer, places))
    }

    /// The places the identity-number rule needs (only officers the policy cannot decide without
    /// their agency's place), in one statement for a page.
    func placesForIdentityNumbers(_ officers: [OfficerRecord], viewer: Viewer, on db: any Database) async throws -> [UUID: AgencyPlace] {
        let undecided = officers.filter { viewer.policy.seesFullIdentityNumber(officerID: $0.id) == nil }
        return try await Visibility.places(of: undecided.map(\.agencyID), on: db)
    }

    func showsFullID(_ officer: OfficerRecord, viewer: Viewer, _ places: [UUID: AgencyPlace]) -> Bool {
        places[officer.agencyID].map { viewer.policy.seesFullIdentityNumber(officerID: officer.id, at: $0) }
            ?? viewer.policy.seesFullIdentityNumber(officerID: officer.id) ?? false
    }

    // MARK: Staffing and profile

    func getStaffing(_ input: Operations.GetStaffing.Input) async throws -> Operations.GetStaffing.Output {
        let (req, viewer) = try context()
        let profile = try await req.profile()
        let year = try QueryNumbers.year(input.query.year) ?? profile.date(of: req.now).year
        let kept = try await req.keptReadsAtHead()
        let visible = try await Visibility.agencyIDs(for: viewer, kept: try await req.keptReadsWithoutTickets(), on: req.db)
        var paging = try Paging(page: input.query.page, per: input.query.per)
        let (rows, summary, shown) = try await req.staffing(year: year, visible: visible, threshold: profile.staffingBothKindsFromLevel,
                                                            at: kept.head, status: input.query.status?.rawValue ?? "", q: input.query.q ?? "")
        let counts = Dictionary(uniqueKeysWithValues: StaffingStatus.allCases.map { ($0.rawValue, summary.byStatus[$0] ?? 0) })
        paging.total = shown.count
        return .ok(.init(body: .json(.init(year: year, counts: .init(additionalProperties: counts),
                                           items: shown.dropFirst(paging.offset).prefix(paging.per).map { Components.Schemas.StaffingRow(rows[$0]) },
                                           page: paging.page, per: paging.per, total: paging.total))))
    }

    func getProfile(_ input: Operations.GetProfile.Input) async throws -> Operations.GetProfile.Output {
        let (req, _) = try context()
        return .ok(.init(body: .json(.init(try await req.profile()))))
    }
}

extension APIHandler {
    /// The same permission, validation and audit as the status form of the officer page.
    func createEmploymentEvent(_ input: Operations.CreateEmploymentEvent.Input) async throws -> Operations.CreateEmploymentEvent.Output {
        let (req, viewer) = try context()
        let (officer, place) = try await visibleOfficer(try uuid(input.path.id), req)
        guard viewer.policy.canManageOfficers(at: place) else { throw await req.denied("officer", entityID: officer.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let change = try EmploymentChange.validate(status: b.status.rawValue, effectiveOn: b.effectiveOn, note: b.note,
                                                   returnsOn: b.returnsOn).get()
        let (event, handover) = try await HandoverService.recordEventWithID(change, officer: officer, by: viewer,
                                                                            profile: try await req.profile(), req)
        return .created(.init(body: .json(.init(id: event?.canonicalText ?? "", handoverId: handover?.canonicalText))))
    }
}
