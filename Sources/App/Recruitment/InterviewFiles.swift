import Domain
import Fluent
import Vapor

/// The dossier's files and the two papers of Appendix II, each for those who may see the request
/// (D8): the report only for those who may see the result.
enum InterviewFiles {
    static func register(_ routes: any RoutesBuilder) {
        // A route that takes a file (`UploadRoutes`): its body may reach the upload store's limit.
        routes.on(.POST, "so-tuyen", ":id", "ho-so", body: .collect(maxSize: ByteCount(value: UploadRoutes.maxBody)), use: upload)
        routes.get("so-tuyen", ":id", "ho-so", ":file", use: download)
        routes.get("so-tuyen", ":id", "mau-1.pdf", use: requestPaper)
        routes.get("so-tuyen", ":id", "mau-2.pdf", use: reportPaper)
    }

    struct Upload: Content {
        var kind: String?
        var file: File?
    }

    static func upload(req: Request) async throws -> Response {
        let (viewer, r, access) = try await InterviewController.load(req)
        guard access.upload else { throw await req.denied("interviewRequest", entityID: r.id) }
        let upload = try? req.content.decode(Upload.self)
        var errors = FieldErrors()
        let kind = PreScreening.DossierKind(rawValue: upload?.kind ?? "")
        if kind == nil { errors.add("kind", "Chọn loại giấy tờ.") }
        var stored: StoredFile?
        if let file = upload?.file, file.data.readableBytes > 0 {
            do { stored = try await req.application.uploadStore.store(data: file.data.readableBytesView, name: file.filename,
                                                                       on: req.application.threadPool) }
            catch let refused as UploadRefused { errors.add("file", refused.message) }
        } else {
            errors.add("file", "Chọn tệp cần tải lên (PDF, JPEG hoặc PNG, tối đa \(UploadStore.maxBytes / 1024 / 1024) MB).")
        }
        guard errors.isEmpty, let kind, let stored else {
            return try await InterviewPage.render(req, form: .init(kind: upload?.kind), errors: errors, open: "upload", status: .unprocessableEntity)
        }
        let now = req.now
        _ = try await req.write { try await InterviewService.attach(stored, kind: kind, to: r, by: viewer, now: now, on: $0) }
        req.flash("Đã tải lên \(kind.label.lowercased()).")
        return req.redirect(to: "/so-tuyen/\(r.id!.canonicalText)")
    }

    static func download(req: Request) async throws -> Response {
        let (_, r, _) = try await InterviewController.load(req)
        guard let fileID = req.parameters.get("file", as: UUID.self),
              let row = try await InterviewFileModel.query(on: req.db).filter(\.$id == fileID).filter(\.$request.$id == r.id!).first() else {
            throw NotFound()
        }
        return try await row.stored.download(req)
    }

    static func requestPaper(req: Request) async throws -> Response {
        let (_, r, _) = try await InterviewController.load(req)
        return try await OfficialPapers.response(try await InterviewPapers.request(r, on: req), on: req)
    }

    static func reportPaper(req: Request) async throws -> Response {
        let (_, r, access) = try await InterviewController.load(req)
        guard access.readResult else { throw await req.denied("interviewRequest", entityID: r.id) }
        guard r.scores != nil else { throw NotFound() }
        return try await OfficialPapers.response(try await InterviewPapers.report(r, on: req), on: req)
    }
}
