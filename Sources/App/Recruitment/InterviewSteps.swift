import Domain
import Fluent
import Vapor

/// The step forms of a request's page; each asks the policy, runs the service in one transaction and
/// comes back to the page (422 with the typed values and the messages when something is wrong).
enum InterviewSteps {
    static func register(_ routes: any RoutesBuilder) {
        routes.post("so-tuyen", ":id", "dong-y", use: agree)
        routes.post("so-tuyen", ":id", "tra-lai", use: giveBack)
        routes.post("so-tuyen", ":id", "lich", use: schedule)
        routes.post("so-tuyen", ":id", "ket-qua", use: result)
        routes.post("so-tuyen", ":id", "tuyen-dung", use: hire)
        routes.post("so-tuyen", ":id", "khong-tuyen", use: decline)
    }

    typealias Form = InterviewPage.Form

    /// Runs one step for whoever `allowed` names; FieldErrors come back on the page under `open`.
    static func step(_ req: Request, _ open: String, allowed: (InterviewAccess) -> Bool, flash: String,
                     _ body: @escaping @Sendable (Viewer, InterviewRequestModel, Form, LocalDate, Date) async throws -> Void) async throws -> Response {
        let (viewer, r, access) = try await InterviewController.load(req)
        guard allowed(access) else { throw await req.denied("interviewRequest", entityID: r.id) }
        let form = try req.content.decode(Form.self)
        let today = try await req.today()
        let now = req.now
        do {
            try await body(viewer, r, form, today, now)
        } catch let errors as FieldErrors {
            return try await InterviewPage.render(req, form: form, errors: errors, open: open, status: .unprocessableEntity)
        }
        req.flash(flash)
        return req.redirect(to: "/so-tuyen/\(r.id!.canonicalText)")
    }

    static func agree(req: Request) async throws -> Response {
        try await step(req, "agree", allowed: \.agree, flash: "Đã đồng ý đề nghị và giao Trưởng phòng CNTT phỏng vấn.") { viewer, r, form, _, now in
            let assignee = UUID(uuidString: form.assigneeId ?? "")
            try await req.write { try await InterviewService.agree(r, assigneeID: assignee, by: viewer, now: now, on: $0) }
        }
    }

    static func giveBack(req: Request) async throws -> Response {
        try await step(req, "return", allowed: \.agree, flash: "Đã trả lại đề nghị kèm lý do.") { viewer, r, form, _, now in
            try await req.write { try await InterviewService.giveBack(r, reason: form.reason ?? "", by: viewer, now: now, on: $0) }
        }
    }

    static func schedule(req: Request) async throws -> Response {
        try await step(req, "schedule", allowed: \.schedule, flash: "Đã xếp lịch phỏng vấn.") { viewer, r, form, today, _ in
            try await req.write {
                try await InterviewService.schedule(r, day: form.interviewOn ?? "", time: form.interviewAt ?? "", place: form.place ?? "",
                                                    today: today, by: viewer, on: $0)
            }
        }
    }

    static func result(req: Request) async throws -> Response {
        try await step(req, "result", allowed: \.score, flash: "Đã lập báo cáo kết quả sơ tuyển (Mẫu 2).") { viewer, r, form, _, now in
            let scores = [form.score1, form.score2, form.score3].map { PreScreening.tenths($0 ?? "") }
            try await req.write {
                try await InterviewService.record(r, scores: scores, recommendation: form.recommendation ?? "", remarks: form.remarks ?? "",
                                                  by: viewer, now: now, on: $0)
            }
        }
    }

    static func hire(req: Request) async throws -> Response {
        try await step(req, "hire", allowed: \.decide, flash: "Đã tuyển dụng và tạo hồ sơ cán bộ chuyên trách CNTT.") { viewer, r, form, today, now in
            let input = InterviewDecision.HireInput(dateOfBirth: form.dateOfBirth ?? "", gender: form.gender ?? "", idNumber: form.idNumber ?? "",
                                                    startDate: form.startDate ?? "", civilServiceStatus: form.civilServiceStatus ?? "",
                                                    acceptsResponsibility: form.acceptsResponsibility == "true",
                                                    responsibilityNote: form.responsibilityNote ?? "")
            let draft = try InterviewDecision.draft(r, input, today: today).get()
            _ = try await req.write { try await InterviewDecision.hire(r, draft, input: input, by: viewer, now: now, on: $0) }
        }
    }

    static func decline(req: Request) async throws -> Response {
        try await step(req, "hire", allowed: \.decide, flash: "Đã ghi nhận quyết định không tuyển dụng.") { viewer, r, _, _, now in
            try await req.write { try await InterviewDecision.decline(r, by: viewer, now: now, on: $0) }
        }
    }
}
