import Vapor

/// Refuses, before any route or library reads them, the requests that libraries below would not
/// survive or would answer with a 500: a multipart body without a usable boundary (the multipart
/// parser stops the process on it), a body declared larger than the limit, and paths longer than a
/// file name may be (the static files' `stat` fails). Nothing a stranger sends may end the process.
struct RequestGuard: AsyncMiddleware {
    /// The largest body any route takes (forms are far smaller; the API's largest text is 4,000 characters).
    static let maxBody = 1_048_576
    static let maxPath = 2048
    static let maxSegment = 255

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The upload routes (`UploadRoutes`) take a file up to the upload store's limit (their own body limit checks it).
        let limit = UploadRoutes.isUpload(request.url.path) ? UploadRoutes.maxBody : Self.maxBody
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limit {
            throw Abort(.payloadTooLarge)
        }
        if let type = request.headers.contentType, type.type == "multipart" {
            let boundary = type.parameters["boundary"] ?? ""
            guard Self.usable(boundary: boundary) else {
                throw Abort(.badRequest, reason: "Dữ liệu gửi lên không hợp lệ: biểu mẫu nhiều phần thiếu dấu phân cách giữa các phần.")
            }
        }
        // Every body is read whole here, up to the limit, before any middleware or route looks at it.
        // A body that arrived in more than one TCP segment (usual on a slow link, and behind nginx) is
        // otherwise still streaming when the CSRF check reads the form's token: a valid form got 403.
        // A body sent in chunks has no declared length: reading it here gives every route (the API's
        // generated handlers too) the same cap, 413 beyond it. An upload's parts carry its CSRF token.
        if request.body.data == nil {
            _ = try await request.body.collect(max: limit).get()
        }
        let path = request.url.path
        if path.utf8.count > Self.maxPath || path.split(separator: "/").contains(where: { $0.utf8.count > Self.maxSegment }) {
            throw Abort(.notFound)
        }
        return try await next.respond(to: request)
    }

    /// RFC 2046 §5.1.1: 1 to 70 characters from a small set.
    static func usable(boundary: String) -> Bool {
        let text = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let allowed = CharacterSet(charactersIn: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
        return (1...70).contains(text.count) && text.unicodeScalars.allSatisfy(allowed.contains) && !text.hasSuffix(" ")
    }
}

/// Public files, for paths that can name one: a path that climbs out (`..`) is a page that does not
/// exist (404), not a refusal that tells a stranger something is there.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let decoded = request.url.path.removingPercentEncoding ?? request.url.path
        if decoded.split(separator: "/").contains("..") || decoded.contains("\0") { throw Abort(.notFound) }
        return try await files.respond(to: request, chainingTo: next).get()
    }
}
