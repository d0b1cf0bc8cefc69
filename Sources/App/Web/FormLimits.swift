import Vapor

/// The web forms keep the API's limits (issue 10 §4): a form posted to a route named here is checked
/// field by field against the spec property it mirrors; every other field, on every web form,
/// against the spec's `FormText`. Templates print the same numbers with `#limit("Schema.property")`,
/// so the browser stops the typing where the server would refuse. A form that still breaks a limit
/// (sent without the browser) is refused whole with 422: nothing is stored.
struct FormLimitsMiddleware: AsyncMiddleware {
    let limits: SpecLimits

    struct Form: Sendable {
        var schema: String
        /// Form fields named differently from the schema's properties: field → "Schema.property".
        var fields: [String: String] = [:]
    }

    static let ticket = Form(schema: "TicketInput", fields: [
        "outcomeOtherText": "TicketInput.outcomeOther", "correctionReason": "TicketPatch.correctionReason",
        "agencyID": "TicketInput.agencyId",
    ])

    /// Each route (as registered) whose form mirrors an input of the API.
    static let forms: [String: Form] = [
        "phieu": ticket, "phieu/:id": ticket, "phieu/:id/hoan-thanh": ticket, "yeu-cau": ticket,
        "phieu/:id/tu-choi": Form(schema: "Confirmation"), "xac-nhan/:token": Form(schema: "Confirmation"),
        "co-quan": Form(schema: "AgencyInput", fields: ["governingAgencyID": "AgencyInput.governingAgencyId"]),
        "co-quan/:id": Form(schema: "AgencyPatch", fields: ["governingAgencyID": "AgencyPatch.governingAgencyId"]),
        "co-quan/:id/muc-ung-dung": Form(schema: "ITLevel"),
        "co-quan/:id/kiem-tra": Form(schema: "InspectionInput"),
        "co-quan/:id/su-co": Form(schema: "IncidentInput", fields: ["officer": "IncidentInput.officerId"]),
        "can-bo": Form(schema: "OfficerInput", fields: ["agencyID": "OfficerInput.agencyId"]),
        "can-bo/:id": Form(schema: "OfficerPatch"),
        "can-bo/:id/trang-thai": Form(schema: "EmploymentEventInput"),
        "can-bo/:id/chuyen-cong-tac": Form(schema: "EmploymentEventInput", fields: ["agencyID": "OfficerInput.agencyId"]),
        "tap-huan": Form(schema: "TrainingInput"),
        "tap-huan/:id/diem-danh/:invitation": Form(schema: "AttendanceInput"),
        "danh-gia/:year/can-bo/:officer": Form(schema: "GradeInput"),
        "danh-gia/:year/de-xuat/:id/ky": Form(schema: "NoteInput"),
        "danh-gia/:year/nhiem-vu/:id": Form(schema: "NoteInput"),
        "danh-gia/:year/khen-thuong/:id": Form(schema: "DecisionInput"),
        "so-cong-tac/:officer/:year/ky-duyet": Form(schema: "NoteInput"),
        "so-cong-tac/:officer/:year/y-kien": Form(schema: "NoteInput", fields: ["opinion": "NoteInput.note"]),
        "so-cong-tac/:officer/:year/ngoai-le": Form(schema: "NoteInput", fields: ["reason": "NoteInput.note"]),
        "so-tuyen": Form(schema: "InterviewRequestInput"),
        "so-tuyen/:id/tra-lai": Form(schema: "InterviewReturnInput"),
        "so-tuyen/:id/lich": Form(schema: "InterviewScheduleInput"),
        "so-tuyen/:id/ket-qua": Form(schema: "InterviewResultInput"),
        "so-tuyen/:id/tuyen-dung": Form(schema: "InterviewDecisionInput"),
    ]

    /// The spec property that limits `field` of the form posted to `route`.
    func schema(route: String, field: String) -> SpecLimits.Schema? {
        let form = Self.forms[route]
        if let key = form?.fields[field] { return limits.schema(key) }
        if let form, let own = limits.schema("\(form.schema).\(field)") { return own }
        return limits.schema("FormText")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST, request.headers.contentType == .urlEncodedForm,
              let route = request.route?.path.string else { return try await next.respond(to: request) }
        let data = try await request.body.collect(max: RequestGuard.maxBody).get()
        let fields = data.flatMap { try? URLEncodedFormDecoder().decode([String: FormValue].self, from: String(buffer: $0)) } ?? [:]
        var errors = FieldErrors()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard let schema = schema(route: route, field: name) else { continue }
            for text in value.texts {
                SpecLimits.problems(.string(text), schema, at: name, into: &errors)
            }
        }
        guard let (_, message) = errors.messages.sorted(by: { $0.key < $1.key }).first else {
            return try await next.respond(to: request)
        }
        throw Abort(.unprocessableEntity, reason: "Nội dung nhập quá dài, chưa lưu gì: \(message) Hãy quay lại, rút gọn rồi gửi lại.")
    }

    /// One field of a form: a single value or a repeated one (`criterion[]`).
    enum FormValue: Decodable {
        case one(String), many([String])
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let text = try? c.decode(String.self) { self = .one(text) } else { self = .many((try? c.decode([String].self)) ?? []) }
        }
        var texts: [String] { switch self { case .one(let t): [t]; case .many(let list): list } }
    }
}
