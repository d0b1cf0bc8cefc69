import Domain
import Fluent
import Foundation
import OpenAPIRuntime
import Vapor

/// Files through the API (Art. 12.1 dossier, Art. 13.2 commitment scan): the body is the file itself,
/// checked by the upload store exactly as on the pages (type by its first bytes, 10 MB), with the
/// same permissions (D8 for the dossier, the personnel file for the scan) and audit.
extension APIHandler {
    /// The bytes of an upload body; anything beyond the store's limit is refused as the pages refuse it.
    func uploaded(_ body: HTTPBody, name: String?, field: String, _ req: Request) async throws -> StoredFile {
        let data: Data
        do { data = try await Data(collecting: body, upTo: UploadRoutes.maxBody) } catch {
            throw FieldErrors([field: "Tệp lớn hơn \(UploadStore.maxBytes / 1024 / 1024) MB; hãy nén hoặc quét lại với độ phân giải thấp hơn."])
        }
        do { return try await req.application.uploadStore.store(data: data, name: name ?? "", on: req.application.threadPool) }
        catch let refused as UploadRefused { throw FieldErrors([field: refused.message]) }
    }

    func storedFile(_ file: StoredFile, _ req: Request) async throws -> Components.Responses.StoredFile {
        guard let data = try await req.application.uploadStore.open(file, on: req.application.threadPool) else { throw NotFound() }
        req.storage[DownloadName.self] = file.asciiName
        let body = HTTPBody(data)
        switch file.contentType {
        case "application/pdf": return .init(body: .pdf(body))
        case "image/png": return .init(body: .png(body))
        default: return .init(body: .jpeg(body))
        }
    }

    func uploadInterviewFile(_ input: Operations.UploadInterviewFile.Input) async throws -> Operations.UploadInterviewFile.Output {
        let (req, _) = try context()
        let (viewer, r, access) = try await interview(input.path.id, req)
        guard access.upload else { throw await req.denied("interviewRequest", entityID: r.id) }
        guard let kind = PreScreening.DossierKind(rawValue: input.query.kind.rawValue) else { throw FieldErrors(["kind": "Chọn loại giấy tờ."]) }
        let body: HTTPBody
        switch input.body {
        case .pdf(let b), .jpeg(let b), .png(let b), .binary(let b): body = b
        }
        let stored = try await uploaded(body, name: input.query.name, field: "file", req)
        let now = req.now
        let row = try await req.write { try await InterviewService.attach(stored, kind: kind, to: r, by: viewer, now: now, on: $0) }
        return .created(.init(body: .json(.init(id: row.id!.canonicalText, kind: row.kind, name: row.name, contentType: row.contentType,
                                                size: row.size, checksum: row.checksum))))
    }

    func getInterviewFile(_ input: Operations.GetInterviewFile.Input) async throws -> Operations.GetInterviewFile.Output {
        let (req, _) = try context()
        let (_, r, _) = try await interview(input.path.id, req)
        guard let row = try await InterviewFileModel.query(on: req.db).filter(\.$id == (try uuid(input.path.fileId)))
            .filter(\.$request.$id == r.id!).first() else { throw NotFound() }
        return .ok(try await storedFile(row.stored, req))
    }

    func uploadCommitmentScan(_ input: Operations.UploadCommitmentScan.Input) async throws -> Operations.UploadCommitmentScan.Output {
        let (req, viewer) = try context()
        let (commitment, place) = try await CommitmentScans.commitment(try uuid(input.path.id), req)
        guard viewer.policy.verifiesCommitments(at: place) else { throw await req.denied("commitment", entityID: commitment.id) }
        let body: HTTPBody
        switch input.body {
        case .pdf(let b), .jpeg(let b), .png(let b), .binary(let b): body = b
        }
        let stored = try await uploaded(body, name: input.query.name, field: "scan", req)
        try await CommitmentScans.verify(commitment, scan: stored, by: viewer, req)
        return .created(.init(body: .json(.init(name: stored.name, contentType: stored.contentType, size: stored.size, checksum: stored.checksum))))
    }

    func getCommitmentScan(_ input: Operations.GetCommitmentScan.Input) async throws -> Operations.GetCommitmentScan.Output {
        let (req, viewer) = try context()
        let (commitment, place) = try await CommitmentScans.commitment(try uuid(input.path.id), req)
        guard viewer.policy.readsPersonnelFile(officerID: commitment.$officer.id, at: place) else {
            throw await req.denied("commitment", entityID: commitment.id)
        }
        guard let scan = commitment.scan else { throw NotFound() }
        return .ok(try await storedFile(scan, req))
    }
}
