/// The routes that take a file, which `RequestGuard` lets carry a body up to the upload store's limit
/// (`UploadStore.maxRequestBytes`) and reads whole before the CSRF check. Every other route keeps
/// `RequestGuard.maxBody`. A new upload route is appended here and registered with
/// `body: .collect(maxSize: UploadRoutes.maxBody)`.
enum UploadRoutes {
    static let maxBody = UploadStore.maxRequestBytes

    /// Each upload path by its segments; `*` stands for one segment (an id).
    static let patterns: [[String]] = [
        ["so-tuyen", "*", "ho-so"],                          // the pre-screening dossier (Art. 12.1)
        ["cam-ket", "*", "xac-nhan"],                        // the commitment's scan, on verifying it (Art. 13.2)
        ["api", "v1", "interview-requests", "*", "files"],   // the dossier through the API
        ["api", "v1", "commitments", "*", "scan"],           // the commitment's scan through the API
    ]

    static func isUpload(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return patterns.contains { pattern in
            pattern.count == parts.count && zip(pattern, parts).allSatisfy { $0 == "*" || $0 == $1 }
        }
    }
}
