import Domain
import Fluent
import Foundation
import Vapor

/// The facts the access policy needs about a handover, and the checks its pages and API share.
enum HandoverAccess {
    /// A handover the viewer may read (`AccessPolicy.readsHandover`), with its agency's place.
    static func readable(_ id: UUID, _ req: Request) async throws -> (HandoverModel, AgencyPlace) {
        let viewer = try req.requireViewer()
        guard let handover = try await HandoverModel.find(id, on: req.db),
              let place = try await Visibility.place(of: handover.$agency.id, on: req.db) else { throw NotFound() }
        guard viewer.policy.readsHandover(officerID: handover.$officer.id, at: place) else { throw await req.denied("handover", entityID: id) }
        return (handover, place)
    }

    static func item(_ id: UUID, of handover: HandoverModel, _ req: Request) async throws -> HandoverItemModel {
        guard let item = try await HandoverItemModel.find(id, on: req.db), item.$handover.id == handover.id else { throw NotFound() }
        return item
    }

    /// The receiver named by the request, else the item's; an IT officer holding a post at the agency,
    /// other than the one who hands over.
    static func receiver(_ text: String?, item: HandoverItemModel, handover: HandoverModel, _ req: Request) async throws -> UUID {
        var errors = FieldErrors()
        let named = text.flatMap { $0.isEmpty ? nil : $0 }
        guard let id = named.map({ UUID(uuidString: $0) }) ?? item.$receiver.id else {
            errors.add("receiverId", named == nil ? "Chọn người nhận bàn giao." : "Người nhận không hợp lệ.")
            throw errors
        }
        let officers = try await DutyService.agencyOfficers(handover.$agency.id, on: req.db).compactMap(\.id)
        guard id != handover.$officer.id, officers.contains(id) else {
            errors.add("receiverId", "Người nhận phải là cán bộ CNTT khác đang công tác tại cơ quan.")
            throw errors
        }
        return id
    }

    static func requireOpen(_ handover: HandoverModel) throws {
        guard handover.isOpen else {
            var errors = FieldErrors()
            errors.add("handover", "Biên bản bàn giao này đã kết thúc.")
            throw errors
        }
    }

    static func requireRotatable(_ item: HandoverItemModel) throws {
        guard item.rotationRecommended else {
            var errors = FieldErrors()
            errors.add("rotated", "Mục này không phải thông tin xác thực nên không cần đổi.")
            throw errors
        }
    }

    static func body(_ handover: HandoverModel, _ req: Request) async throws -> Components.Schemas.Handover {
        let officer = try await handover.$officer.get(on: req.db)
        let items = try await HandoverItemModel.query(on: req.db).filter(\.$handover.$id == handover.id!).with(\.$receiver)
            .sort(\.$position).all()
        return .init(id: handover.id!.canonicalText, officerId: officer.id!.canonicalText, officerName: officer.fullName,
                     agencyId: handover.$agency.id.canonicalText, trigger: .init(rawValue: handover.trigger) ?? .transferred,
                     openedOn: handover.openedOn, open: handover.isOpen,
                     replacement: handover.replacementPlan.flatMap { .init(rawValue: $0) }, prompt: handover.plan?.prompt,
                     closedBy: handover.closedBy,
                     items: items.map { item in
                         .init(id: item.id!.canonicalText, kind: .init(rawValue: item.kind) ?? .duty, label: item.line.label,
                               systemId: item.systemID?.canonicalText, code: item.code, receiverId: item.$receiver.id?.canonicalText,
                               receiverName: item.receiver?.fullName, acknowledged: item.acknowledgedAt != nil,
                               acknowledgedAt: item.acknowledgedAt, acknowledgedBy: item.acknowledgedBy,
                               rotationRecommended: item.rotationRecommended, rotated: item.rotated,
                               rotationRecordedBy: item.rotationRecordedBy)
                     })
    }
}
