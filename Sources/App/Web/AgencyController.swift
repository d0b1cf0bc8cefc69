import Domain
import Fluent
import Vapor

enum AgencyController {
    static func register(_ routes: any RoutesBuilder) {
        let agencies = routes.grouped("co-quan")
        agencies.get(use: index)
        agencies.get("moi", use: new)
        agencies.post(use: create)
        agencies.get(":id", use: show)
        agencies.get(":id", "sua", use: edit)
        agencies.post(":id", use: update)
        agencies.post(":id", "trang-thai", use: setActive)
        agencies.post(":id", "muc-ung-dung", use: setITLevel)
    }

    struct ListRow: Hashable, Encodable, Sendable {
        var id: String, name: String, shortName: String, kind: String, level: String, district: String, isActive: Bool
        /// The viewer may open it (lists hold only such agencies; a page's related agencies may not).
        var linked = true
        init(_ a: AgencyModel) {
            id = a.id!.canonicalText; name = a.name; shortName = a.shortName; kind = a.agencyKind.label
            level = a.adminLevel.label; district = a.district; isActive = a.isActive
        }
        init(_ a: AgencyListItem) {
            id = a.id.canonicalText; name = a.name; shortName = a.short_name
            kind = AgencyModel.agencyKind(a.kind).label
            level = AgencyModel.adminLevel(a.level).label; district = a.district; isActive = a.is_active
        }
    }

    struct ListBody: Hashable, Encodable, Sendable {
        var rows: [ListRow]
        var paging: Paging
        var q: String
        var kinds: [Choice]
        var levels: [Choice]
        var districts: [Choice]
        var includeInactive: Bool
        var canCreate: Bool
        var query: String
    }

    static func index(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let q = try req.searchText()
        let kindChoice = try req.filterChoice("kind", AgencyKind.self, label: "Loại cơ quan")
        let levelChoice = try req.filterChoice("level", AdminLevel.self, label: "Cấp hành chính")
        let (kind, level) = (kindChoice?.rawValue ?? "", levelChoice?.rawValue ?? "")
        let district = req.filterText("district")
        let inactive = try req.filterWord("inactive", among: ["1"], label: "Gồm cơ quan ngừng hoạt động") == "1"
        var paging = try req.paging()
        let filter = AgencyFilter(q: q, kind: kindChoice, level: levelChoice, district: district, includeInactive: inactive)
        let visible = VisibleAgencies(viewer.policy)
        if let format = Exporter.format(req) {
            return try await Exporter.respond(ListExports.agencies(filter, visible: visible, on: req.db), as: format, req: req)
        }
        let rows = try await RegistryQueries.agencies(filter, visible: visible, paging: &paging, as: AgencyListItem.self,
                                                        kept: req.keptReadsWithoutTicketsAtStart, on: req.db)
        let districts = try await RegistryQueries.districts(at: paging.head, kept: req.application.keptReadsWithoutTickets, on: req.db)
        return try await req.render("agencies/index", title: "Cơ quan", active: "/co-quan", content: ListBody(
            rows: rows.map(ListRow.init), paging: paging, q: q,
            kinds: Choice.list(AgencyKind.self, selected: kind, label: \.label),
            levels: Choice.list(AdminLevel.self, selected: level, label: \.label),
            districts: districts.map { Choice(value: $0, label: $0, selected: $0 == district) },
            includeInactive: inactive, canCreate: viewer.policy.managesRegistry,
            query: keptQuery([("q", q), ("kind", kind), ("level", level), ("district", district), ("inactive", inactive ? "1" : "")])))
    }

    struct FormBody: Encodable, Sendable {
        var id: String?
        var input: AgencyInput
        var errors: FieldErrors
        var kinds: [Choice]
        var levels: [Choice]
        var parents: [Choice]
        var stale: Bool
    }

    static func formBody(_ req: Request, id: UUID?, input: AgencyInput, errors: FieldErrors = .init(),
                         stale: Bool = false) async throws -> FormBody {
        // The active agencies kept at the head without tickets (`AgencyOptions`): read as models, the province's 59
        // governing candidates were half of the server's time on this form (issue 14).
        let options = try await AgencyOptions.active(req)
        let chosen = UUID(uuidString: input.governingAgencyID)
        let parents = [Choice(value: "", label: "— Không có —", selected: input.governingAgencyID.isEmpty)] +
            options.lazy.filter { $0.level != AdminLevel.commune.rawValue && $0.id != id }.map {
                Choice(value: $0.id.canonicalText, label: $0.name, selected: $0.id == chosen)
            }
        return FormBody(id: id?.canonicalText, input: input, errors: errors,
                        kinds: Choice.list(AgencyKind.self, selected: input.kind, label: \.label),
                        levels: Choice.list(AdminLevel.self, selected: input.level, label: \.label),
                        parents: parents, stale: stale)
    }

    static func requireManager(_ req: Request) async throws -> Viewer {
        let viewer = try req.requireViewer()
        guard viewer.policy.managesRegistry else { throw await req.denied("agency") }
        return viewer
    }

    static func new(req: Request) async throws -> Response {
        _ = try await requireManager(req)
        return try await req.render("agencies/form", title: "Thêm cơ quan", active: "/co-quan",
                                    try await formBody(req, id: nil, input: AgencyInput()))
    }

    static func create(req: Request) async throws -> Response {
        let viewer = try await requireManager(req)
        let input = try req.content.decode(AgencyInput.self)
        switch AgencyDraft.validate(input) {
        case .failure(let errors):
            return try await req.render("agencies/form", title: "Thêm cơ quan", active: "/co-quan",
                                        try await formBody(req, id: nil, input: input, errors: errors),
                                        status: .unprocessableEntity)
        case .success(let draft):
            do {
                let agency = try await req.write { try await AgencyService.create(draft, by: viewer, on: $0) }
                req.flash("Đã thêm cơ quan “\(agency.name)”.")
                return req.redirect(to: "/co-quan/\(agency.id!.canonicalText)")
            } catch let errors as FieldErrors {
                return try await req.render("agencies/form", title: "Thêm cơ quan", active: "/co-quan",
                                            try await formBody(req, id: nil, input: input, errors: errors),
                                            status: .unprocessableEntity)
            }
        }
    }

    /// Finds an agency the viewer may see; a hidden one is refused and the refusal logged.
    static func visibleAgency(_ req: Request) async throws -> (Viewer, AgencyModel) {
        let (viewer, id, _) = try await visiblePlace(req)
        guard let agency = try await AgencyModel.find(id, on: req.db) else { throw Abort(.notFound) }
        return (viewer, agency)
    }

    /// The place of the agency the path names, if the viewer may see it: one that does not exist has
    /// none (404); a hidden one is refused and the refusal logged, before anything of it is read.
    static func visiblePlace(_ req: Request) async throws -> (Viewer, UUID, AgencyPlace) {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self),
              let place = try await Visibility.place(of: id, on: req.db) else { throw Abort(.notFound) }
        guard viewer.policy.canSee(place) else { throw await req.denied("agency", entityID: id) }
        return (viewer, id, place)
    }

    struct ShowBody: Encodable, Sendable {
        var agency: AgencyInput
        var id: String
        var kind: String
        var level: String
        var isActive: Bool
        var governingName: String?
        var governingID: String?
        var subordinates: [ListRow]
        var officers: [OfficerController.ListRow]
        var itLevels: [ITLevelRow]
        var staffing: StaffingController.Row
        var history: [HistoryRow]
        var canManage: Bool
        var canAddOfficer: Bool
        var currentYear: Int
        var levelErrors: FieldErrors
        /// The duties, commitments, systems and handovers page (Art. 13, 14), for those who read any of it.
        var dutiesLink = false
    }

    struct ITLevelRow: Encodable, Sendable { var year: Int, level: Int, source: String }

    static func show(req: Request) async throws -> Response {
        try await renderShow(req, levelErrors: .init(), status: .ok)
    }

    static func renderShow(_ req: Request, levelErrors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let (viewer, id, place) = try await visiblePlace(req)
        guard let rows = try await AgencyPageRows.read(id, on: req.db) else { throw Abort(.notFound) }
        let agency = rows.agency
        let profile = try await req.profile()
        let year = profile.date(of: req.now).year
        let levels = try await RegistryQueries.itLevels(of: [id], on: req.db)[id] ?? []
        let staffing = try await req.application.staffingCache.row(of: id, year: year, threshold: profile.staffingBothKindsFromLevel,
                                                                   at: req.auditHeadAtStart, on: req.db)
        // Links only to the agencies this viewer may open (issue 11): the rest are named, not linked.
        let parent = agency.governingAgencyID
        let parentDistrict = rows.governingDistrict.flatMap { $0.isEmpty ? nil : $0 }
        let parentVisible = parent != nil && viewer.policy.canSee(AgencyPlace(chain: Array(place.chain.dropFirst()), district: parentDistrict))
        let subordinates = rows.subordinates.map { child in
            var row = ListRow(child)
            row.linked = viewer.policy.canSee(AgencyPlace(chain: [child.id] + place.chain, district: child.district.isEmpty ? nil : child.district))
            return row
        }
        let kind = AgencyModel.agencyKind(agency.kind)
        return try await req.render("agencies/show", title: agency.name, active: "/co-quan", ShowBody(
            agency: agency.input, id: id.canonicalText, kind: kind.label, level: AgencyModel.adminLevel(agency.level).label,
            isActive: agency.isActive, governingName: rows.governingName, governingID: parentVisible ? parent?.canonicalText : nil,
            subordinates: subordinates, officers: rows.officers.map(OfficerController.ListRow.init),
            itLevels: levels.map { ITLevelRow(year: $0.year, level: $0.level, source: $0.sourceDocument) },
            staffing: staffing.map(StaffingController.Row.init) ?? StaffingController.Row.empty,
            history: try await HistoryRow.load(entityID: id, on: req.db), canManage: viewer.policy.managesRegistry,
            canAddOfficer: viewer.policy.canManageOfficers(at: place) && agency.isActive, currentYear: year,
            levelErrors: levelErrors, dutiesLink: viewer.policy.opensDutiesPage(at: place)), status: status)
    }

    static func edit(req: Request) async throws -> Response {
        _ = try await requireManager(req)
        let (_, agency) = try await visibleAgency(req)
        return try await req.render("agencies/form", title: "Sửa cơ quan", active: "/co-quan",
                                    try await formBody(req, id: agency.id, input: agency.input))
    }

    static func update(req: Request) async throws -> Response {
        let viewer = try await requireManager(req)
        let (_, agency) = try await visibleAgency(req)
        let id = agency.id!
        let input = try req.content.decode(AgencyInput.self)
        func again(_ errors: FieldErrors, stale: Bool = false) async throws -> Response {
            try await req.render("agencies/form", title: "Sửa cơ quan", active: "/co-quan",
                                 try await formBody(req, id: id, input: input, errors: errors, stale: stale),
                                 status: stale ? .conflict : .unprocessableEntity)
        }
        switch AgencyDraft.validate(input) {
        case .failure(let errors): return try await again(errors)
        case .success(let draft):
            do {
                _ = try await req.write {
                    try await AgencyService.update(id, draft, expectedVersion: input.version, by: viewer, on: $0)
                }
            } catch let errors as FieldErrors {
                return try await again(errors)
            } catch is StaleVersion {
                return try await again(.init(), stale: true)
            }
            req.flash("Đã lưu thay đổi.")
            return req.redirect(to: "/co-quan/\(id.canonicalText)")
        }
    }

    struct ActiveInput: Content { var active: String? }

    static func setActive(req: Request) async throws -> Response {
        let viewer = try await requireManager(req)
        let (_, agency) = try await visibleAgency(req)
        let active = (try req.content.decode(ActiveInput.self)).active == "1"
        do {
            try await req.write { try await AgencyService.setActive(agency.id!, active, by: viewer, on: $0) }
            req.flash(active ? "Đã khôi phục hoạt động của cơ quan." : "Đã ngừng hoạt động cơ quan; dữ liệu vẫn được lưu giữ.")
        } catch let errors as FieldErrors {
            req.flash(errors["isActive"] ?? "Không thực hiện được.")
        }
        return req.redirect(to: "/co-quan/\(agency.id!.canonicalText)")
    }

    struct LevelInput: Content { var year: String?; var level: String?; var sourceDocument: String? }

    static func setITLevel(req: Request) async throws -> Response {
        let viewer = try await requireManager(req)
        let (_, agency) = try await visibleAgency(req)
        let input = try req.content.decode(LevelInput.self)
        do {
            try await req.write {
                try await AgencyService.setITLevel(agency.id!, year: Int(input.year ?? "") ?? 0,
                                                   level: Int(input.level ?? "") ?? 0,
                                                   source: input.sourceDocument ?? "", by: viewer, on: $0)
            }
        } catch let errors as FieldErrors {
            return try await renderShow(req, levelErrors: errors, status: .unprocessableEntity)
        }
        req.flash("Đã cập nhật mức độ ứng dụng CNTT.")
        return req.redirect(to: "/co-quan/\(agency.id!.canonicalText)")
    }
}
