import Domain
import Fluent
import Vapor

/// The view of a handover page (`HandoverController`).
enum HandoverPage {
    struct ItemRow: Encodable, Sendable {
        var id, label, kind, receiver, acknowledged, rotation: String
        var isAcknowledged, rotationRecommended, canAcknowledge, canRotate: Bool
        var error: String?
    }

    struct Body: Encodable, Sendable {
        var id, agencyID, agencyName, officer, reason, openedOn, state: String
        var open: Bool
        var items: [ItemRow]
        var plan, planNote, prompt: String
        var receivers, plans: [Choice]
        var manages: Bool
        var interviewHint: Bool
        var form: HandoverController.Form, errors: FieldErrors
    }

    /// "Đã đổi (…, ngày …)", "Chưa đổi (…)" or "Chưa ghi nhận".
    static func rotationText(_ item: HandoverItemModel) -> String {
        guard let rotated = item.rotated else { return "Nên đổi; chưa ghi nhận" }
        let by = item.rotationRecordedBy.map { " — \($0)" } ?? ""
        let when = item.rotationRecordedAt.map { ", \(RegulationProfile.binhDuong2013.date(of: $0).vietnamese)" } ?? ""
        return (rotated ? "Đã đổi" : "Chưa đổi") + by + when
    }

    static func render(_ req: Request, form: HandoverController.Form = .init(), errors: FieldErrors = .init(), errorItem: UUID? = nil,
                       status: HTTPStatus = .ok) async throws -> Response {
        let (viewer, handover, place) = try await HandoverController.load(req)
        let profile = try await req.profile()
        let agency = try await handover.$agency.get(on: req.db)
        let officer = try await handover.$officer.get(on: req.db)
        let items = try await HandoverItemModel.query(on: req.db).filter(\.$handover.$id == handover.id!).with(\.$receiver)
            .sort(\.$position).all()
        let receivers = try await DutyService.agencyOfficers(agency.id!, on: req.db).filter { $0.id != officer.id }
        let p = viewer.policy
        let rows = items.map { item in
            ItemRow(id: item.id!.canonicalText, label: item.line.label, kind: item.kind == "secret" ? "Bí mật hệ thống" : "Nhiệm vụ",
                    receiver: item.receiver?.fullName ?? "",
                    acknowledged: item.acknowledgedAt.map { "Đã nhận ngày \(profile.date(of: $0).vietnamese)" + (item.acknowledgedBy.map { " (\($0) ghi nhận)" } ?? "") } ?? "Chưa nhận",
                    rotation: item.rotationRecommended ? rotationText(item) : "",
                    isAcknowledged: item.acknowledgedAt != nil, rotationRecommended: item.rotationRecommended,
                    canAcknowledge: handover.isOpen && item.acknowledgedAt == nil && (p.managesHandover(at: place)
                        || p.acknowledgesHandoverItem(receiverID: item.$receiver.id, at: place)),
                    canRotate: item.rotationRecommended && item.acknowledgedAt != nil && p.acknowledgesHandoverItem(receiverID: item.$receiver.id, at: place),
                    error: item.id == errorItem ? errors.messages.values.sorted().first : nil)
        }
        return try await req.render("handover/show", title: "Bàn giao — \(officer.fullName)", active: "/co-quan", Body(
            id: handover.id!.canonicalText, agencyID: agency.id!.canonicalText, agencyName: agency.name, officer: officer.fullName,
            reason: handover.triggerStatus.label, openedOn: LocalDate(iso: handover.openedOn)?.vietnamese ?? "",
            state: handover.isOpen ? "Đang bàn giao" : "Đã kết thúc ngày \(handover.closedAt.map { profile.date(of: $0).vietnamese } ?? "")"
                + (handover.closedBy.map { " — \($0)" } ?? ""),
            open: handover.isOpen, items: rows, plan: handover.plan?.label ?? "", planNote: handover.planNote, prompt: handover.plan?.prompt ?? "",
            receivers: [Choice(value: "", label: "— Chọn người nhận —", selected: false)]
                + receivers.map { Choice(value: $0.id!.canonicalText, label: $0.fullName, selected: false) },
            plans: [Choice(value: "", label: "— Chọn phương án —", selected: (form.replacement ?? handover.replacementPlan ?? "").isEmpty)]
                + Choice.list(ReplacementPlan.self, selected: form.replacement ?? handover.replacementPlan, label: \.label),
            manages: p.managesHandover(at: place), interviewHint: handover.plan == .recruitment && p.filesInterviewRequests.contains(place.id),
            form: form, errors: errors), status: status)
    }
}
