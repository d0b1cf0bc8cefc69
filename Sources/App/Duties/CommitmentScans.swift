import Domain
import Fluent
import Vapor

/// Art. 13.2: the personnel section verifies a commitment against the signed paper and may keep its
/// scan (PDF, JPEG or PNG through the upload store, with its limits); the scan is part of the
/// personnel file, downloaded only by those who read it (`AccessPolicy.readsPersonnelFile`).
/// docs/duties-and-handover.md.
enum CommitmentScans {
    static func register(_ routes: any RoutesBuilder) {
        // An upload route (`UploadRoutes`): verifying may carry the scan.
        routes.on(.POST, "cam-ket", ":id", "xac-nhan", body: .collect(maxSize: ByteCount(value: UploadRoutes.maxBody)), use: submit)
        routes.get("cam-ket", ":id", "ban-quet", use: download)
    }

    struct Upload: Content {
        var scan: File?
    }

    static func commitment(_ id: UUID?, _ req: Request) async throws -> (CommitmentModel, AgencyPlace) {
        guard let id, let commitment = try await CommitmentModel.find(id, on: req.db) else { throw Abort(.notFound) }
        return (commitment, try await DutyAccess.place(commitment.$agency.id, req))
    }

    /// Verifies the commitment if not yet, and keeps the scan if given: both in one transaction with their audit.
    static func verify(_ commitment: CommitmentModel, scan stored: StoredFile?, by viewer: Viewer, _ req: Request) async throws {
        let now = req.now
        let verifying = commitment.verifiedAt == nil
        try await req.write {
            if verifying { try await DutyService.verifyCommitment(commitment, by: viewer, now: now, on: $0) }
            if let stored { try await DutyService.attachScan(stored, to: commitment, by: viewer, on: $0) }
        }
    }

    /// Keeps the bytes of an upload, or says why not next to the field; nil when no file was chosen.
    static func store(_ file: File?, on app: Application) async throws -> StoredFile? {
        guard let file, file.data.readableBytes > 0 else { return nil }
        do { return try await app.uploadStore.store(data: file.data.readableBytesView, name: file.filename, on: app.threadPool) }
        catch let refused as UploadRefused { throw FieldErrors(["scan": refused.message]) }
    }

    static let chooseFile = "Chọn tệp bản quét giấy cam kết đã ký (PDF, JPEG hoặc PNG, tối đa \(UploadStore.maxBytes / 1024 / 1024) MB)."

    static func submit(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let (commitment, place) = try await commitment(req.parameters.get("id", as: UUID.self), req)
        guard viewer.policy.verifiesCommitments(at: place) else { throw await req.denied("commitment", entityID: commitment.id) }
        let stored: StoredFile?
        do {
            stored = try await store((try? req.content.decode(Upload.self))?.scan, on: req.application)
            // Already verified: the form is there only to add the scan.
            if stored == nil, commitment.verifiedAt != nil { throw FieldErrors(["scan": chooseFile]) }
        } catch let errors as FieldErrors {
            // Nothing is saved, not even the verification: the page says why next to the file field.
            req.parameters.set("id", to: commitment.$agency.id.canonicalText)
            return try await DutiesPage.render(req, form: .init(scanFor: commitment.id!.canonicalText), errors: errors, status: .unprocessableEntity)
        }
        let verifying = commitment.verifiedAt == nil
        try await verify(commitment, scan: stored, by: viewer, req)
        req.flash([verifying ? "Đã xác nhận giấy cam kết" : nil, stored.map { _ in "Đã lưu bản quét" }].compactMap { $0 }.joined(separator: "; ") + ".")
        return req.redirect(to: "/co-quan/\(commitment.$agency.id.canonicalText)/phan-cong")
    }

    static func download(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let (commitment, place) = try await commitment(req.parameters.get("id", as: UUID.self), req)
        guard viewer.policy.readsPersonnelFile(officerID: commitment.$officer.id, at: place) else {
            throw await req.denied("commitment", entityID: commitment.id)
        }
        guard let scan = commitment.scan else { throw Abort(.notFound) }
        return try await scan.download(req)
    }
}

/// The officer page's line about their commitment at their current agency (Art. 13.2).
struct CommitmentLine: Encodable, Sendable {
    var id, text, scanName: String

    /// The latest commitment of `officer` at `agency`, their current one.
    static func load(officer: UUID, agency: UUID, on db: any Database) async throws -> CommitmentLine? {
        guard let c = try await CommitmentModel.query(on: db).filter(\.$officer.$id == officer).filter(\.$agency.$id == agency)
            .sort(\.$signedOn, .descending).sort(\.$createdAt, .descending).first() else { return nil }
        let signed = "Ký ngày \(LocalDate(iso: c.signedOn)?.vietnamese ?? "")"
        return CommitmentLine(id: c.id!.canonicalText, text: signed + (c.verifiedBy.map { "; bộ phận tổ chức cán bộ xác nhận: \($0)" } ?? "; chờ xác nhận"),
                              scanName: c.scanName ?? "")
    }
}
