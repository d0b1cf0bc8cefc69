/// Renders official documents to PDF bytes. Rendering is synchronous and uses the calling
/// thread's Pango font map: call it from a thread pool, not an event loop.
public enum PDF {
    public static func render(_ document: OfficialDocument) throws -> [UInt8] {
        let renderer = try Renderer(title: document.title, bodySize: document.bodySize)
        for block in document.blocks { renderer.draw(block) }
        return try renderer.finish()
    }
}
