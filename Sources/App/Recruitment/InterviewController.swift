import Domain
import Fluent
import Vapor

/// The pre-screening pages (Art. 12; docs/pre-screening.md): the list, the head's request form and
/// each request's page, whose forms post to `InterviewSteps`.
enum InterviewController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("so-tuyen", use: index)
        routes.get("so-tuyen", "moi", use: new)
        routes.post("so-tuyen", use: create)
        routes.get("so-tuyen", ":id", use: show)
        InterviewSteps.register(routes)
        InterviewFiles.register(routes)
    }

    struct Row: Encodable, Sendable { var id, candidate, agency, position, stage, filedOn: String }

    static func index(req: Request) async throws -> Response {
        let viewer = try await req.requireSection(.preScreening)
        let query = InterviewRequestModel.query(on: req.db).with(\.$agency)
        if let agencies = viewer.policy.interviewListAgencies { query.filter(\.$agency.$id ~~ Array(agencies)) }
        let profile = try await req.profile()
        let rows = try await query.sort(\.$filedAt, .descending).sort(\.$id).limit(500).all().map { r in
            Row(id: r.id!.canonicalText, candidate: r.candidateName, agency: r.agency.name, position: r.position,
                stage: r.currentStage.label, filedOn: profile.date(of: r.filedAt).vietnamese)
        }
        struct Body: Encodable, Sendable { var rows: [Row], canFile: Bool }
        return try await req.render("recruitment/index", title: "Sơ tuyển cán bộ chuyên trách CNTT", active: Section.preScreening.path,
                                    Body(rows: rows, canFile: viewer.policy.offers(.fileInterviewRequest)))
    }

    /// What the head typed, kept when the form comes back.
    struct Form: Content {
        var agencyID, candidateName, birthYear, position, confidentiality, contact, otherDuty, replyBy: String?
        var duties: [String]?
    }

    struct FormBody: Encodable, Sendable {
        var form: Form, errors: FieldErrors
        var agencies, formats, duties: [Choice]
    }

    static func new(req: Request) async throws -> Response {
        try await renderForm(req, form: Form(position: "Cán bộ chuyên trách công nghệ thông tin", confidentiality: PreScreening.ReplyFormat.confirmed.rawValue,
                                             duties: PreScreening.PlannedDuty.allCases.map(\.rawValue)))
    }

    static func renderForm(_ req: Request, form: Form, errors: FieldErrors = .init(), status: HTTPStatus = .ok) async throws -> Response {
        let viewer = try await req.requireSection(.preScreening)
        let headed = viewer.policy.filesInterviewRequests
        guard !headed.isEmpty else { throw await req.denied("interviewRequest") }
        let agencies = try await AgencyModel.query(on: req.db).filter(\.$id ~~ Array(headed)).sort(\.$nameFolded).all()
        let chosen = Set(form.duties ?? [])
        return try await req.render("recruitment/new", title: "Đề nghị phỏng vấn sơ tuyển", active: Section.preScreening.path, FormBody(
            form: form, errors: errors,
            agencies: agencies.map { Choice(value: $0.id!.canonicalText, label: $0.name, selected: $0.id!.canonicalText == form.agencyID) },
            formats: Choice.list(PreScreening.ReplyFormat.self, selected: form.confidentiality, label: \.label),
            duties: PreScreening.PlannedDuty.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: chosen.contains($0.rawValue)) }),
            status: status)
    }

    static func create(req: Request) async throws -> Response {
        let viewer = try await req.requireSection(.preScreening)
        let form = try req.content.decode(Form.self)
        let headed = viewer.policy.filesInterviewRequests
        let chosen = UUID(uuidString: form.agencyID ?? "")
        if headed.isEmpty || chosen.map({ !headed.contains($0) }) == true { throw await req.denied("interviewRequest", entityID: chosen) }
        guard let agencyID = chosen ?? (headed.count == 1 ? headed.first : nil) else {
            return try await renderForm(req, form: form, errors: InterviewService.refuse("agencyID", "Chọn cơ quan đề nghị."), status: .unprocessableEntity)
        }
        do {
            let r = try await InterviewFiling.file(form, agencyID: agencyID, by: viewer, req: req)
            req.flash("Đã gửi đề nghị phỏng vấn sơ tuyển. Hãy tải lên hồ sơ của ứng viên (văn bằng, bảng điểm, chứng chỉ).")
            return req.redirect(to: "/so-tuyen/\(r.id!.canonicalText)")
        } catch let errors as FieldErrors {
            return try await renderForm(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    /// A request the viewer may see (D8), with what they may do; anyone else is refused (audited).
    static func load(_ req: Request) async throws -> (Viewer, InterviewRequestModel, InterviewAccess) {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self),
              let r = try await InterviewRequestModel.query(on: req.db).with(\.$agency).filter(\.$id == id).first() else { throw NotFound() }
        let access = InterviewService.access(viewer, r)
        guard access.read else { throw await req.denied("interviewRequest", entityID: id) }
        return (viewer, r, access)
    }

    static func show(req: Request) async throws -> Response { try await InterviewPage.render(req) }
}

/// Filing, shared by the page and the API.
enum InterviewFiling {
    static func file(_ form: InterviewController.Form, agencyID: UUID, by viewer: Viewer, req: Request) async throws -> InterviewRequestModel {
        let today = try await req.today()
        let full = try await InterviewService.hasFullTimeOfficer(agencyID, on: req.db)
        let filing = try PreScreening.validateFiling(
            candidateName: form.candidateName ?? "", birthYear: form.birthYear ?? "", position: form.position ?? "",
            format: form.confidentiality ?? "", contact: form.contact ?? "", duties: form.duties ?? [], otherDuty: form.otherDuty ?? "",
            replyBy: form.replyBy ?? "", agencyHasFullTimeOfficer: full, today: today).mapError(InterviewService.fieldErrors).get()
        let now = req.now
        return try await req.write { try await InterviewService.file(filing, agencyID: agencyID, by: viewer, now: now, on: $0) }
    }
}
