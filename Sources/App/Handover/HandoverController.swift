import Domain
import Fluent
import Vapor

/// The handover page (Art. 14; D9): the checklist with each item's receiver and acknowledgement, the
/// credential changes recommended after it, the head's replacement plan, closing and printing.
enum HandoverController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("ban-giao", ":id", use: show)
        routes.post("ban-giao", ":id", "muc", ":item", "xac-nhan", use: acknowledge)
        routes.post("ban-giao", ":id", "muc", ":item", "doi-thong-tin", use: rotation)
        routes.post("ban-giao", ":id", "phuong-an", use: plan)
        routes.post("ban-giao", ":id", "ket-thuc", use: close)
        routes.get("ban-giao", ":id", "bien-ban.pdf", use: pdf)
    }

    struct Form: Content { var receiverId, rotated, replacement, note: String? }

    static func load(_ req: Request) async throws -> (Viewer, HandoverModel, AgencyPlace) {
        let viewer = try req.requireViewer()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let (handover, place) = try await HandoverAccess.readable(id, req)
        return (viewer, handover, place)
    }

    static func item(_ req: Request, _ handover: HandoverModel) async throws -> HandoverItemModel {
        guard let id = req.parameters.get("item", as: UUID.self) else { throw Abort(.notFound) }
        return try await HandoverAccess.item(id, of: handover, req)
    }

    static func show(req: Request) async throws -> Response { try await HandoverPage.render(req) }

    static func acknowledge(req: Request) async throws -> Response {
        let (viewer, handover, place) = try await load(req)
        let item = try await item(req, handover)
        let form = try req.content.decode(Form.self)
        do {
            try SystemDraft.refuseSecretValues(SecretValueGuard.fields(ofForm: req))
            try HandoverAccess.requireOpen(handover)
            let receiver = try await HandoverAccess.receiver(form.receiverId, item: item, handover: handover, req)
            guard viewer.policy.acknowledgesHandoverItem(receiverID: receiver, at: place) else { throw await req.denied("handover", entityID: handover.id) }
            let now = req.now
            try await req.write { try await HandoverService.acknowledge(item, handover: handover, receiverID: receiver, by: viewer, now: now, on: $0) }
        } catch let errors as FieldErrors {
            return try await HandoverPage.render(req, errors: errors, errorItem: item.id, status: .unprocessableEntity)
        }
        req.flash("Đã xác nhận nhận bàn giao: \(item.line.label).")
        return req.redirect(to: "/ban-giao/\(handover.id!.canonicalText)")
    }

    static func rotation(req: Request) async throws -> Response {
        let (viewer, handover, place) = try await load(req)
        let item = try await item(req, handover)
        guard viewer.policy.acknowledgesHandoverItem(receiverID: item.$receiver.id, at: place) else { throw await req.denied("handover", entityID: handover.id) }
        let form = try req.content.decode(Form.self)
        do {
            try HandoverAccess.requireRotatable(item)
            guard let rotated = ["1": true, "0": false][form.rotated ?? ""] else {
                var errors = FieldErrors()
                errors.add("rotated", "Chọn đã đổi hoặc chưa đổi.")
                throw errors
            }
            let now = req.now
            try await req.write { try await HandoverService.recordRotation(item, handover: handover, rotated: rotated, by: viewer, now: now, on: $0) }
        } catch let errors as FieldErrors {
            return try await HandoverPage.render(req, errors: errors, errorItem: item.id, status: .unprocessableEntity)
        }
        req.flash("Đã ghi việc đổi thông tin xác thực.")
        return req.redirect(to: "/ban-giao/\(handover.id!.canonicalText)")
    }

    static func plan(req: Request) async throws -> Response {
        let (viewer, handover, place) = try await load(req)
        guard viewer.policy.managesHandover(at: place) else { throw await req.denied("handover", entityID: handover.id) }
        let form = try req.content.decode(Form.self)
        do {
            try SystemDraft.refuseSecretValues(SecretValueGuard.fields(ofForm: req))
            try HandoverAccess.requireOpen(handover)
            let (plan, note) = try validatedPlan(form)
            guard let plan else {
                var errors = FieldErrors()
                errors.add("replacement", "Chọn phương án: người thay thế tạm thời hoặc tuyển dụng mới.")
                throw errors
            }
            try await req.write { try await HandoverService.setPlan(handover, plan: plan, note: note, by: viewer, on: $0) }
        } catch let errors as FieldErrors {
            return try await HandoverPage.render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        req.flash("Đã ghi phương án thay thế.")
        return req.redirect(to: "/ban-giao/\(handover.id!.canonicalText)")
    }

    static func close(req: Request) async throws -> Response {
        let (viewer, handover, place) = try await load(req)
        guard viewer.policy.managesHandover(at: place) else { throw await req.denied("handover", entityID: handover.id) }
        let form = try req.content.decode(Form.self)
        do {
            let (plan, note) = try validatedPlan(form)
            let now = req.now
            try await req.write { try await HandoverService.close(handover, plan: plan, note: note, by: viewer, now: now, on: $0) }
        } catch let errors as FieldErrors {
            var shown = FieldErrors()
            for (_, message) in errors.messages.sorted(by: { $0.key < $1.key }) { shown.add("closure", message) }
            return try await HandoverPage.render(req, form: form, errors: shown, status: .unprocessableEntity)
        }
        req.flash("Đã kết thúc bàn giao.")
        return req.redirect(to: "/ban-giao/\(handover.id!.canonicalText)")
    }

    static func validatedPlan(_ form: Form) throws -> (ReplacementPlan?, String) {
        var errors = FieldErrors()
        let text = form.replacement ?? ""
        let plan = ReplacementPlan(rawValue: text)
        if !text.isEmpty && plan == nil { errors.add("replacement", "Phương án không hợp lệ.") }
        let note = VietnameseText.normalize(form.note ?? "")
        if note.count > 1000 { errors.add("note", "Ghi chú tối đa 1000 ký tự.") }
        guard errors.isEmpty else { throw errors }
        return (plan, note)
    }

    static func pdf(req: Request) async throws -> Response {
        let (_, handover, _) = try await load(req)
        return try await OfficialPapers.response(try await OfficialPapers.handoverRecord(handover, profile: try await req.profile(), on: req.db), on: req)
    }
}
