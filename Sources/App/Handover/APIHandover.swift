import Domain
import Fluent
import Foundation
import Vapor

/// The API of handovers (Art. 14; D9): the same permissions, rules and audit as the handover page.
extension APIHandler {
    func getHandover(_ input: Operations.GetHandover.Input) async throws -> Operations.GetHandover.Output {
        let (req, _) = try context()
        let (handover, _) = try await HandoverAccess.readable(try uuid(input.path.id), req)
        return .ok(.init(body: .json(try await HandoverAccess.body(handover, req))))
    }

    func acknowledgeHandoverItem(_ input: Operations.AcknowledgeHandoverItem.Input) async throws -> Operations.AcknowledgeHandoverItem.Output {
        let (req, viewer) = try context()
        let (handover, place) = try await HandoverAccess.readable(try uuid(input.path.id), req)
        let item = try await HandoverAccess.item(try uuid(input.path.itemId), of: handover, req)
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let receiver = try await HandoverAccess.receiver(b.receiverId, item: item, handover: handover, req)
        guard viewer.policy.acknowledgesHandoverItem(receiverID: receiver, at: place) else { throw await req.denied("handover", entityID: handover.id) }
        try HandoverAccess.requireOpen(handover)
        let now = req.now
        try await req.write { try await HandoverService.acknowledge(item, handover: handover, receiverID: receiver, by: viewer, now: now, on: $0) }
        return .ok(.init(body: .json(try await HandoverAccess.body(handover, req))))
    }

    func recordCredentialRotation(_ input: Operations.RecordCredentialRotation.Input) async throws -> Operations.RecordCredentialRotation.Output {
        let (req, viewer) = try context()
        let (handover, place) = try await HandoverAccess.readable(try uuid(input.path.id), req)
        let item = try await HandoverAccess.item(try uuid(input.path.itemId), of: handover, req)
        guard viewer.policy.acknowledgesHandoverItem(receiverID: item.$receiver.id, at: place) else {
            throw await req.denied("handover", entityID: handover.id)
        }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        try HandoverAccess.requireRotatable(item)
        let now = req.now
        try await req.write { try await HandoverService.recordRotation(item, handover: handover, rotated: b.rotated, by: viewer, now: now, on: $0) }
        return .ok(.init(body: .json(try await HandoverAccess.body(handover, req))))
    }

    func closeHandover(_ input: Operations.CloseHandover.Input) async throws -> Operations.CloseHandover.Output {
        let (req, viewer) = try context()
        let (handover, place) = try await HandoverAccess.readable(try uuid(input.path.id), req)
        guard viewer.policy.managesHandover(at: place) else { throw await req.denied("handover", entityID: handover.id) }
        guard case .json(let b) = input.body else { throw Abort(.unsupportedMediaType) }
        let plan = b.replacement.flatMap { ReplacementPlan(rawValue: $0.rawValue) }
        let note = b.note.map { VietnameseText.normalize($0) }
        let now = req.now
        try await req.write { try await HandoverService.close(handover, plan: plan, note: note, by: viewer, now: now, on: $0) }
        return .ok(.init(body: .json(try await HandoverAccess.body(handover, req))))
    }

    func getHandoverRecordPdf(_ input: Operations.GetHandoverRecordPdf.Input) async throws -> Operations.GetHandoverRecordPdf.Output {
        let (req, _) = try context()
        let (handover, _) = try await HandoverAccess.readable(try uuid(input.path.id), req)
        return .ok(try await pdf(try await OfficialPapers.handoverRecord(handover, profile: try await req.profile(), on: req.db), req))
    }
}
