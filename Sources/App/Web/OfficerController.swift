import Domain
import Fluent
import Vapor

enum OfficerController {
    static func register(_ routes: any RoutesBuilder) {
        let officers = routes.grouped("can-bo")
        officers.get(use: index)
        officers.get("moi", use: new)
        officers.post(use: create)
        officers.get(":id", use: show)
        officers.get(":id", "sua", use: edit)
        officers.post(":id", use: update)
        officers.post(":id", "trang-thai", use: changeStatus)
        officers.post(":id", "chuyen-cong-tac", use: transfer)
    }

    struct ListRow: Hashable, Encodable, Sendable {
        var id: String, fullName: String, agency: String, agencyID: String, kind: String, position: String
        var status: String, scope: String, inScope: Bool, holdsPost: Bool
        init(_ o: OfficerModel) {
            id = o.id!.canonicalText; fullName = o.fullName; agency = o.agency.name; agencyID = o.$agency.id.canonicalText
            kind = o.officerKind.label; position = o.position; status = o.status.label; scope = o.scope.label
            inScope = o.scope == .inScope; holdsPost = o.status.holdsPost
        }
        init(_ o: OfficerListItem) {
            let employment = OfficerModel.status(o.employment_status)
            let inRegulation = OfficerModel.scope(o.scope_status)
            id = o.id.canonicalText; fullName = o.full_name; agency = o.agency_name; agencyID = o.agency_id.canonicalText
            kind = OfficerModel.officerKind(o.kind).label; position = o.position; status = employment.label
            scope = inRegulation.label; inScope = inRegulation == .inScope; holdsPost = employment.holdsPost
        }
    }

    struct ListBody: Hashable, Encodable, Sendable {
        var rows: [ListRow]
        var paging: Paging
        var q: String
        var kinds: [Choice]
        var statuses: [Choice]
        var agencyID: String
        var agencyName: String?
        var canCreate: Bool
        var query: String
    }

    static func index(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let q = try req.searchText()
        let kindChoice = try req.filterChoice("kind", ITOfficerKind.self, label: "Chức danh")
        let statusChoice = try req.filterChoice("status", EmploymentStatus.self, label: "Trạng thái công tác")
        let agencyID = try req.filterID("agency", label: "Cơ quan")
        let (kind, status, agencyText) = (kindChoice?.rawValue ?? "", statusChoice?.rawValue ?? "", agencyID?.canonicalText ?? "")
        var paging = try req.paging()
        let visible = VisibleAgencies(viewer.policy)
        let filter = OfficerFilter(q: q, agencyID: agencyID, kind: kindChoice, status: statusChoice)
        if let format = Exporter.format(req) {
            return try await Exporter.respond(ListExports.officers(filter, visible: visible, on: req.db), as: format, req: req)
        }
        let rows = try await RegistryQueries.officers(filter, visible: visible, paging: &paging, as: OfficerListItem.self,
                                                        kept: req.keptReadsWithoutTicketsAtStart, on: req.db)
        let canCreate = viewer.policy.createsOfficerRecords
        return try await req.render("officers/index", title: "Cán bộ CNTT", active: "/can-bo", content: ListBody(
            rows: rows.map(ListRow.init), paging: paging, q: q,
            kinds: Choice.list(ITOfficerKind.self, selected: kind, label: \.label),
            statuses: Choice.list(EmploymentStatus.self, selected: status, label: \.label),
            agencyID: agencyText, agencyName: try await agencyID.asyncMap { try await AgencyModel.find($0, on: req.db)?.name } ?? nil,
            canCreate: canCreate, query: keptQuery([("q", q), ("kind", kind), ("status", status), ("agency", agencyText)])))
    }

    struct FormBody: Encodable, Sendable {
        var id: String?
        var input: OfficerInput
        var errors: FieldErrors
        var agencyChoice: AgencyChoice
        var kinds: [Choice]
        var genders: [Choice]
        var statuses: [Choice]
        var stale: Bool
    }

    /// The agencies where the viewer may add or edit officers, narrowed by the name searched for in
    /// the choice's search box when there are many (`AgencyOptions.choice`).
    static func formBody(_ req: Request, viewer: Viewer, id: UUID?, input: OfficerInput,
                         errors: FieldErrors = .init(), stale: Bool = false) async throws -> FormBody {
        let kept = try await req.keptReadsAtHead()
        let db = req.db
        // Kept for each person at the head without tickets: their grants and the agencies' places
        // change only by audited writes, none a ticket's. Read at every view, a district head's 1,291
        // places cost 50 ms a form.
        let options = try await req.keptReadsWithoutTickets().value("officer form agencies \(viewer.userID)") {
            var options = try await AgencyOptions.active(req)
            if let visible = try await Visibility.agencyIDs(for: viewer, kept: kept, on: db) { options = options.filter { visible.contains($0.id) } }
            guard !viewer.policy.managesRegistry else { return options }
            // Each agency's place in one statement: one statement an agency was 1,291 for a district head.
            let places = try await Visibility.places(of: options.map(\.id), on: db)
            return options.filter { places[$0.id].map(viewer.policy.canManageOfficers(at:)) ?? true }
        }
        let choice = try await req.agencyChoice(options, placeholder: "— Chọn cơ quan —", selected: input.agencyID,
                                                action: id.map { "/can-bo/\($0.canonicalText)/sua" } ?? "/can-bo/moi")
        return FormBody(id: id?.canonicalText, input: input, errors: errors, agencyChoice: choice,
                        kinds: Choice.list(ITOfficerKind.self, selected: input.kind, label: \.label),
                        genders: Choice.list(Gender.self, selected: input.gender, label: \.label),
                        statuses: Choice.list(CivilServiceStatus.self, selected: input.civilServiceStatus, label: \.label),
                        stale: stale)
    }

    static func new(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        // Refused before the form is made: for someone who may add no officer it read every agency.
        guard viewer.policy.createsOfficerRecords else { throw await req.denied("officer") }
        var input = OfficerInput()
        input.agencyID = req.queryText("agency") ?? ""
        let body = try await formBody(req, viewer: viewer, id: nil, input: input)
        guard body.agencyChoice.total > 0 else { throw await req.denied("officer") }
        return try await req.render("officers/form", title: "Thêm cán bộ CNTT", active: "/can-bo", body)
    }

    static func create(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let input = try req.content.decode(OfficerInput.self)
        guard try await Permissions.mayAddOfficer(viewer, agencyText: input.agencyID, on: req.db) else { throw await req.denied("officer") }
        func again(_ errors: FieldErrors) async throws -> Response {
            try await req.render("officers/form", title: "Thêm cán bộ CNTT", active: "/can-bo",
                                 try await formBody(req, viewer: viewer, id: nil, input: input, errors: errors),
                                 status: .unprocessableEntity)
        }
        switch OfficerDraft.validate(input, today: try await req.today()) {
        case .failure(let errors): return try await again(errors)
        case .success(let draft):
            guard let place = try await Visibility.place(of: draft.agencyID, on: req.db) else {
                var errors = FieldErrors()
                errors.add("agencyID", "Không tìm thấy cơ quan.")
                return try await again(errors)
            }
            guard viewer.policy.canManageOfficers(at: place) else { throw await req.denied("officer") }
            do {
                let officer = try await req.write { try await OfficerService.create(draft, by: viewer, on: $0) }
                req.flash("Đã thêm cán bộ “\(officer.fullName)”.")
                return req.redirect(to: "/can-bo/\(officer.id!.canonicalText)")
            } catch let errors as FieldErrors {
                return try await again(errors)
            }
        }
    }

    /// The officer, if the viewer may see them: their agency is visible, or it is their own record.
    static func visibleOfficer(_ req: Request) async throws -> (Viewer, OfficerModel, AgencyPlace) {
        guard let id = req.parameters.get("id", as: UUID.self),
              let officer = try await OfficerModel.query(on: req.db).with(\.$agency).filter(\.$id == id).first() else { throw Abort(.notFound) }
        let (viewer, place) = try await visiblePlace(ofOfficer: id, at: officer.$agency.id, req)
        return (viewer, officer, place)
    }

    /// The viewer and the place of officer `id`'s agency, if the viewer may see them (404 when the
    /// agency is gone; a refusal is logged).
    private static func visiblePlace(ofOfficer id: UUID, at agencyID: UUID, _ req: Request) async throws -> (Viewer, AgencyPlace) {
        let viewer = try req.requireViewer()
        guard let place = try await Visibility.place(of: agencyID, on: req.db) else { throw Abort(.notFound) }
        guard viewer.policy.canSee(place) || viewer.officerID == id else { throw await req.denied("officer", entityID: id) }
        return (viewer, place)
    }

    struct EventRow: Encodable, Sendable { var date: String, status: String, agency: String, note: String }
    struct IncentiveRow: Encodable, Sendable { var date: String, receives: Bool, amount: String }

    struct ShowBody: Encodable, Sendable {
        var id: String
        var officer: OfficerInput
        var agencyName: String
        var agencyID: String
        var gender: String, kind: String, civilServiceStatus: String, scope: String, status: String
        var idNumber: String
        var monthlyIncentive: String
        var events: [EventRow]
        var incentives: [IncentiveRow]
        var history: [HistoryRow]
        var canManage: Bool
        /// The commitment letter belongs to the personnel file (`AccessPolicy.readsPersonnelFile`).
        var readsPersonnelFile: Bool
        /// The commitment at the current agency (Art. 13.2), shown to the personnel file's readers.
        var commitment: CommitmentLine?
        var canTransfer: Bool
        var statusOptions: [Choice]
        var agencyChoice: AgencyChoice
        var statusErrors: FieldErrors
    }

    static func show(req: Request) async throws -> Response {
        try await renderShow(req, statusErrors: .init(), status: .ok)
    }

    static func renderShow(_ req: Request, statusErrors: FieldErrors, status: HTTPStatus) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let officer = try await OfficerPageRows.record(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let (viewer, place) = try await visiblePlace(ofOfficer: id, at: officer.agencyID, req)
        let rows = try await OfficerPageRows.read(officer, on: req.db)
        let canManage = viewer.policy.canManageOfficers(at: place)
        var targets: [AgencyOptions.Option] = []
        if viewer.policy.managesRegistry {
            targets = try await AgencyOptions.active(req)
        }
        let choice = try await req.agencyChoice(targets, excluding: officer.agencyID, placeholder: "— Chọn cơ quan —",
                                                selected: AgencyOptions.posted(req), action: "/can-bo/\(id.canonicalText)")
        let digits = officer.idNumber
        let readsPersonnelFile = viewer.policy.readsPersonnelFile(officerID: id, at: place)
        return try await req.render("officers/show", title: officer.fullName, active: "/can-bo", ShowBody(
            id: id.canonicalText, officer: officer.input, agencyName: officer.agencyName,
            agencyID: officer.agencyID.canonicalText, gender: (Gender(rawValue: officer.gender) ?? .male).label,
            kind: officer.officerKind.label,
            civilServiceStatus: CivilServiceStatus(rawValue: officer.civilServiceStatus)?.label ?? "",
            scope: officer.scope.label, status: officer.status.label,
            idNumber: viewer.policy.seesFullIdentityNumber(officerID: id, at: place) ? digits : IdentityNumber.masked(digits),
            monthlyIncentive: officer.monthlyIncentive.map { Money.format(dong: $0) } ?? "Không có",
            events: rows.events.map { EventRow(date: LocalDate(iso: $0.effectiveOn)?.vietnamese ?? $0.effectiveOn,
                                               status: OfficerModel.status($0.status).label,
                                               agency: $0.agencyName, note: $0.note) },
            incentives: rows.incentives.map {
                IncentiveRow(date: LocalDate(iso: $0.effectiveOn)?.vietnamese ?? $0.effectiveOn, receives: $0.receives,
                             amount: $0.monthlyAmount.map { Money.format(dong: $0) } ?? "—")
            },
            history: try await HistoryRow.load(entityID: id, on: req.db), canManage: canManage,
            readsPersonnelFile: readsPersonnelFile,
            commitment: readsPersonnelFile ? try await CommitmentLine.load(officer: id, agency: officer.agencyID, on: req.db) : nil,
            canTransfer: viewer.policy.managesRegistry,
            statusOptions: EmploymentStatus.allCases.filter { $0 != .transferred }
                .map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == officer.status) },
            agencyChoice: choice, statusErrors: statusErrors), status: status)
    }

    static func requireManage(_ req: Request) async throws -> (Viewer, OfficerModel) {
        let (viewer, officer, place) = try await visibleOfficer(req)
        guard viewer.policy.canManageOfficers(at: place) else { throw await req.denied("officer", entityID: officer.id) }
        return (viewer, officer)
    }

    static func edit(req: Request) async throws -> Response {
        let (viewer, officer) = try await requireManage(req)
        return try await req.render("officers/form", title: "Sửa hồ sơ cán bộ", active: "/can-bo",
                                    try await formBody(req, viewer: viewer, id: officer.id, input: officer.input))
    }

    static func update(req: Request) async throws -> Response {
        let (viewer, officer) = try await requireManage(req)
        let id = officer.id!
        var input = try req.content.decode(OfficerInput.self)
        if input.agencyID.isEmpty { input.agencyID = officer.$agency.id.canonicalText }
        func again(_ errors: FieldErrors, stale: Bool = false) async throws -> Response {
            try await req.render("officers/form", title: "Sửa hồ sơ cán bộ", active: "/can-bo",
                                 try await formBody(req, viewer: viewer, id: id, input: input, errors: errors, stale: stale),
                                 status: stale ? .conflict : .unprocessableEntity)
        }
        let expected = input.version
        switch OfficerDraft.validate(input, today: try await req.today()) {
        case .failure(let errors): return try await again(errors)
        case .success(let draft):
            do {
                _ = try await req.write {
                    try await OfficerService.update(id, draft, expectedVersion: expected, by: viewer, on: $0)
                }
            } catch let errors as FieldErrors {
                return try await again(errors)
            } catch is StaleVersion {
                return try await again(.init(), stale: true)
            }
            req.flash("Đã lưu hồ sơ cán bộ.")
            return req.redirect(to: "/can-bo/\(id.canonicalText)")
        }
    }

    struct StatusInput: Content { var status: String?; var effectiveOn: String?; var note: String?; var returnsOn: String? }

    static func changeStatus(req: Request) async throws -> Response {
        let (viewer, officer) = try await requireManage(req)
        let input = try req.content.decode(StatusInput.self)
        let change: EmploymentChange
        switch EmploymentChange.validate(status: input.status, effectiveOn: input.effectiveOn, note: input.note, returnsOn: input.returnsOn) {
        case .success(let valid): change = valid
        case .failure(let errors): return try await renderShow(req, statusErrors: errors, status: .unprocessableEntity)
        }
        let handover: UUID?
        do {
            handover = try await HandoverService.recordEvent(change, officer: officer, by: viewer, profile: try await req.profile(), req)
        } catch let errors as FieldErrors {
            return try await renderShow(req, statusErrors: errors, status: .unprocessableEntity)
        }
        req.flash("Đã cập nhật trạng thái công tác." + (handover == nil ? "" : " Đã mở biên bản bàn giao (Điều 14)."))
        return req.redirect(to: handover.map { "/ban-giao/\($0.canonicalText)" } ?? "/can-bo/\(officer.id!.canonicalText)")
    }

    struct TransferInput: Content { var agencyID: String?; var effectiveOn: String?; var note: String? }

    static func transfer(req: Request) async throws -> Response {
        let (viewer, officer, _) = try await visibleOfficer(req)
        guard viewer.policy.managesRegistry else { throw await req.denied("officer", entityID: officer.id) }
        let input = try req.content.decode(TransferInput.self)
        var errors = FieldErrors()
        let target = UUID(uuidString: input.agencyID ?? "")
        if target == nil { errors.add("transferAgencyID", "Chọn cơ quan mới.") }
        let date = LocalDate(userInput: input.effectiveOn ?? "")
        if date == nil { errors.add("transferOn", "Nhập ngày chuyển công tác (dd/mm/yyyy).") }
        guard let target, let date else { return try await renderShow(req, statusErrors: errors, status: .unprocessableEntity) }
        let profile = try await req.profile()
        let (id, from) = (officer.id!, officer.$agency.id)
        do {
            try await req.write {
                try await OfficerService.transfer(id, to: target, on: date, note: input.note ?? "", by: viewer, on: $0)
                // Art. 14.1: a transfer opens a handover at the agency the officer leaves.
                _ = try await HandoverService.openIfTriggered(officerID: id, agencyID: from, status: .transferred, leaveDays: nil,
                                                              eventID: nil, on: date, profile: profile, by: viewer, on: $0)
            }
        } catch let errors as FieldErrors {
            var shown = FieldErrors()
            shown.add("transferAgencyID", errors["agencyID"] ?? "Không chuyển được.")
            return try await renderShow(req, statusErrors: shown, status: .unprocessableEntity)
        }
        req.flash("Đã chuyển công tác; hồ sơ và lịch sử của cán bộ được giữ nguyên.")
        return req.redirect(to: "/can-bo/\(officer.id!.canonicalText)")
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
