import Domain
import Fluent
import Vapor

/// The view of an agency's duties page (`DutiesController`).
enum DutiesPage {
    struct OfficerRow: Encodable, Sendable {
        var id, name, kind, duties, decision, commitment: String
        var commitmentID: String?, hasCommitment: Bool, needsVerification: Bool
        /// The scan of the signed letter (Art. 13.2): its name when the viewer reads the personnel file.
        var scanName: String, scanError: String
        var flags: [String]
        var dutyChoices: [Choice]
    }
    struct DecisionRow: Encodable, Sendable { var id, number, signedOn, signer, officers: String }
    struct SystemRow: Encodable, Sendable { var name, kind, categories, holders, note: String }
    struct HandoverRow: Encodable, Sendable { var id, officer, reason, openedOn, state: String; var open: Bool }

    struct Body: Encodable, Sendable {
        var id, name: String
        var officers: [OfficerRow], decisions: [DecisionRow], systems: [SystemRow], handovers: [HandoverRow]
        var uncovered: [String]
        var readsDecisions, canIssue, canRecordCommitments, canVerify, readsSystems, canKeepSystems: Bool
        var kinds, categories, holders: [Choice]
        var duties: [Choice]
        var form: DutiesController.Form, errors: FieldErrors
    }

    static func render(_ req: Request, form: DutiesController.Form = .init(), errors: FieldErrors = .init(),
                       status: HTTPStatus = .ok) async throws -> Response {
        let (viewer, agency, place) = try await DutiesController.agency(req)
        let id = agency.id!
        let profile = try await req.profile()
        let officers = try await DutyService.agencyOfficers(id, on: req.db)
        let current = try await DutyService.current(agencyID: id, on: req.db)
        let commitments = try await DutyService.commitments(agencyID: id, on: req.db)
        let facts = try await DutyFlags.facts(agencies: [id], on: req.db)
        let decisions = try await AssignmentDecisionModel.query(on: req.db).filter(\.$agency.$id == id).with(\.$assignments)
            .sort(\.$signedOn, .descending).sort(\.$createdAt, .descending).all()
        let numbers = Dictionary(uniqueKeysWithValues: decisions.map { ($0.id!, $0.number) })
        let names = Dictionary(uniqueKeysWithValues: officers.map { ($0.id!, $0.fullName) })
        let chosen = Set(form.a ?? [])
        let p = viewer.policy
        let rows = officers.map { o -> OfficerRow in
            let c = commitments[o.id!]
            let commitment = c.map { "Ký ngày \(LocalDate(iso: $0.signedOn)?.vietnamese ?? "")" + ($0.verifiedBy.map { "; tổ chức cán bộ xác nhận: \($0)" } ?? "; chờ xác nhận") }
            return OfficerRow(id: o.id!.canonicalText, name: o.fullName, kind: o.officerKind.label,
                              duties: current[o.id!].map { $0.duties.map { "Khoản \($0.clause.dropFirst(2))" }.joined(separator: ", ") } ?? "",
                              decision: current[o.id!].flatMap { numbers[$0.decision] } ?? "",
                              commitment: commitment ?? "Chưa có", commitmentID: c?.id?.canonicalText, hasCommitment: c != nil, needsVerification: c != nil && c?.verifiedBy == nil,
                              scanName: p.readsPersonnelFile(officerID: o.id!, at: place) ? c?.scanName ?? "" : "",
                              scanError: c?.id?.canonicalText == form.scanFor ? errors["scan"] ?? "" : "",
                              flags: DutyFlags.marks(.init(id: o.id!, name: o.fullName, agencyID: id, status: o.status, kind: o.officerKind), facts: facts)
                                .map { String($0.dropFirst(o.fullName.count + 2)) },
                              dutyChoices: [Choice(value: "\(o.id!.canonicalText):all", label: "Tất cả", selected: chosen.contains("\(o.id!.canonicalText):all"))]
                                + ITDuty.allCases.map { d in
                                    let v = "\(o.id!.canonicalText):\(d.rawValue)"
                                    return Choice(value: v, label: "Khoản \(d.clause.dropFirst(2))", selected: chosen.contains(v))
                                })
        }
        let readsSystems = p.readsSystemsInventory(at: place)
        let systems = readsSystems ? try await systemRows(id, names: names, on: req.db) : []
        let readsHandovers = p.readsHandover(officerID: UUID(), at: place)
        let handovers = readsHandovers ? try await HandoverModel.query(on: req.db).filter(\.$agency.$id == id).with(\.$officer)
            .sort(\.$openedOn, .descending).sort(\.$id).all() : []
        return try await req.render("duties/agency", title: "Phân công nhiệm vụ — \(agency.name)", active: "/co-quan", Body(
            id: id.canonicalText, name: agency.name, officers: rows,
            decisions: decisions.map { d in
                DecisionRow(id: d.id!.canonicalText, number: d.number, signedOn: LocalDate(iso: d.signedOn)?.vietnamese ?? "", signer: d.signer,
                            officers: d.assignments.compactMap { names[$0.$officer.id] }.sorted().joined(separator: ", "))
            },
            systems: systems,
            handovers: handovers.map { h in
                HandoverRow(id: h.id!.canonicalText, officer: h.officer.fullName, reason: h.triggerStatus.label,
                            openedOn: LocalDate(iso: h.openedOn)?.vietnamese ?? "",
                            state: h.isOpen ? "Đang bàn giao" : "Đã kết thúc ngày \(h.closedAt.map { profile.date(of: $0).vietnamese } ?? "")",
                            open: h.isOpen)
            },
            uncovered: officers.count >= 2 ? DutyAssignmentRules.uncovered(current.values.map { DutyAssignment(officerID: UUID(), duties: $0.duties) })
                .map { "Khoản \($0.clause.dropFirst(2)) Điều 5" } : [],
            readsDecisions: p.readsAssignmentDecisions(at: place), canIssue: p.issuesAssignmentDecisions(at: place),
            canRecordCommitments: p.recordsCommitments(at: place), canVerify: p.verifiesCommitments(at: place),
            readsSystems: readsSystems, canKeepSystems: p.keepsSystemsInventory(at: place),
            kinds: Choice.list(SystemKind.self, selected: form.kind, label: \.label),
            categories: SecretCategory.allCases.map { Choice(value: $0.rawValue, label: "\($0.label) (Điều 3.3.\($0.point))",
                                                             selected: form.categories?.contains($0.rawValue) == true) },
            holders: officers.map { Choice(value: $0.id!.canonicalText, label: $0.fullName, selected: form.holders?.contains($0.id!.canonicalText) == true) },
            duties: ITDuty.allCases.map { Choice(value: $0.rawValue, label: "Khoản \($0.clause.dropFirst(2)): \($0.title)", selected: false) },
            form: form, errors: errors), status: status)
    }

    static func systemRows(_ agencyID: UUID, names: [UUID: String], on db: any Database) async throws -> [SystemRow] {
        let systems = try await InformationSystemModel.query(on: db).filter(\.$agency.$id == agencyID).sort(\.$name).sort(\.$id).all()
        let holdings = try await SystemInventory.holdings(agencyID: agencyID, on: db)
        var holderNames: [UUID: [UUID: String]] = [:]
        let people = try await OfficerModel.query(on: db).filter(\.$id ~~ Array(Set(holdings.map { $0.holding.$officer.id }))).all()
        let everyone = names.merging(people.map { ($0.id!, $0.fullName) }) { a, _ in a }
        for pair in holdings { holderNames[pair.system.id!, default: [:]][pair.holding.$officer.id] = everyone[pair.holding.$officer.id] ?? "" }
        return systems.map { s in
            SystemRow(name: s.name, kind: s.systemKind.label, categories: s.categoryList.map(\.label).joined(separator: ", "),
                      holders: (holderNames[s.id!] ?? [:]).values.sorted().joined(separator: ", "), note: s.note)
        }
    }
}
