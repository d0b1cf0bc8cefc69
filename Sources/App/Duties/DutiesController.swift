import Domain
import Fluent
import Vapor

/// An agency's duties page (Art. 3.3, 7, 13, 14): current assignments with their flags, decisions,
/// commitments, the systems inventory and handovers, each part shown only to its readers.
enum DutiesController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("co-quan", ":id", "phan-cong", use: show)
        routes.post("co-quan", ":id", "quyet-dinh-phan-cong", use: issue)
        routes.post("co-quan", ":id", "he-thong", use: addSystem)
        routes.post("can-bo", ":id", "giay-cam-ket", use: recordCommitment)
        CommitmentScans.register(routes)
        routes.get("quyet-dinh-phan-cong", ":id", "quyet-dinh.pdf", use: decisionPDF)
    }

    /// What was typed, kept when a form comes back with errors.
    struct Form: Content {
        var number, signedOn, signer: String?
        var a: [String]?
        var name, kind, note: String?
        var categories, holders: [String]?
        /// The commitment whose scan came back refused (its row shows the message).
        var scanFor: String?
    }

    static func agency(_ req: Request) async throws -> (Viewer, AgencyModel, AgencyPlace) {
        let (viewer, agency) = try await AgencyController.visibleAgency(req)
        let place = try await DutyAccess.place(agency.id!, req)
        guard viewer.policy.opensDutiesPage(at: place) else { throw await req.denied("assignmentDecision", entityID: agency.id) }
        return (viewer, agency, place)
    }

    static func show(req: Request) async throws -> Response { try await DutiesPage.render(req) }

    static func issue(req: Request) async throws -> Response {
        let (viewer, agency, place) = try await agency(req)
        guard viewer.policy.issuesAssignmentDecisions(at: place) else { throw await req.denied("assignmentDecision", entityID: agency.id) }
        let form = try req.content.decode(Form.self)
        let officers = try await DutyService.agencyOfficers(agency.id!, on: req.db)
        var chosen: [String: [String]] = [:]
        for pair in form.a ?? [] {
            let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 { chosen[parts[0], default: []].append(parts[1]) }
        }
        let assignments = officers.compactMap { o in chosen[o.id!.canonicalText].map { (officer: Optional(o.id!.canonicalText), duties: $0.contains("all") ? ["all"] : $0) } }
        let draft: DutyDecisionDraft
        switch DutyDecisionDraft.validate(number: form.number, signedOn: form.signedOn, signer: form.signer, assignments: assignments,
                                          officers: Dictionary(uniqueKeysWithValues: officers.map { ($0.id!, $0.fullName) })) {
        case .success(let valid): draft = valid
        case .failure(let errors): return try await DutiesPage.render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        let agencyID = agency.id!
        _ = try await req.write { try await DutyService.issue(draft, agencyID: agencyID, by: viewer, on: $0) }
        req.flash("Đã ban hành quyết định phân công nhiệm vụ số \(draft.number).")
        return req.redirect(to: "/co-quan/\(agencyID.canonicalText)/phan-cong")
    }

    static func addSystem(req: Request) async throws -> Response {
        let (viewer, agency, place) = try await agency(req)
        guard viewer.policy.keepsSystemsInventory(at: place) else { throw await req.denied("informationSystem", entityID: agency.id) }
        let form = try req.content.decode(Form.self)
        let officers = try await DutyService.agencyOfficers(agency.id!, on: req.db)
        let draft: SystemDraft
        do {
            // Art. 7.1: a form carrying something like a secret's value is refused whole, with the reason.
            do { try SystemDraft.refuseSecretValues(SecretValueGuard.fields(ofForm: req)) } catch let refused as FieldErrors {
                // Next to the field that carried it when the form has one, else above the form.
                var shown = FieldErrors()
                for (field, message) in refused.messages { shown.add(["name", "note"].contains(field) ? field : "secret", message) }
                throw shown
            }
            draft = try SystemDraft.validate(name: form.name, kind: form.kind, categories: form.categories ?? [], note: form.note,
                                             holders: (form.holders ?? []).map { (officer: $0, categories: nil) },
                                             officers: Set(officers.compactMap(\.id))).get()
        } catch let errors as FieldErrors {
            return try await DutiesPage.render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        let agencyID = agency.id!
        _ = try await req.write { try await SystemInventory.add(draft, agencyID: agencyID, by: viewer, on: $0) }
        req.flash("Đã ghi hệ thống “\(draft.name)” vào danh mục.")
        return req.redirect(to: "/co-quan/\(agencyID.canonicalText)/phan-cong")
    }

    static func recordCommitment(req: Request) async throws -> Response {
        let (viewer, officer, place) = try await OfficerController.visibleOfficer(req)
        guard viewer.policy.recordsCommitments(at: place) else { throw await req.denied("commitment", entityID: officer.id) }
        let form = try req.content.decode(Form.self)
        let date: LocalDate
        do { date = try DutyAccess.signedOn(form.signedOn) } catch let errors as FieldErrors {
            var shown = FieldErrors()
            shown.add("commitment", errors["signedOn"] ?? "")
            req.parameters.set("id", to: officer.$agency.id.canonicalText)
            return try await DutiesPage.render(req, errors: shown, status: .unprocessableEntity)
        }
        let verified = viewer.policy.verifiesCommitments(at: place)
        let now = req.now
        _ = try await req.write {
            try await DutyService.recordCommitment(officer: officer, signedOn: date, verified: verified, by: viewer, now: now, on: $0)
        }
        req.flash("Đã ghi giấy cam kết của \(officer.fullName)" + (verified ? "." : "; chờ bộ phận tổ chức cán bộ xác nhận."))
        return req.redirect(to: "/co-quan/\(officer.$agency.id.canonicalText)/phan-cong")
    }

    static func decisionPDF(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let decision = try await DutyAccess.readableDecision(id, req)
        return try await OfficialPapers.response(try await OfficialPapers.dutyDecision(decision, profile: try await req.profile(), on: req.db), on: req)
    }
}
