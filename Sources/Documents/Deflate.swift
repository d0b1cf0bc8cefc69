import CDeflateLevel

/// The compression of the spreadsheets the exports write. libxlsxwriter (through libminizip) leaves
/// the deflate level to zlib, whose default, 6, spent half of a 190,000-row export compressing it
/// (3 s of 6, on one thread, after every row was written); level 1 packs the same bytes in a third
/// of the time, into a file 40 % larger (ADR 0019). PDFs keep zlib's default: their fonts and pages
/// are small, and a Form 3 took no measurable time less.
public enum Deflate {
    /// The level the spreadsheets ask for.
    public static let spreadsheets: Int32 = 1

    /// Runs `body` with `level` as this thread's deflate level, then restores the one before. `body`
    /// must be synchronous: the level belongs to the thread, not to a task.
    public static func with<T>(level: Int32, _ body: () throws -> T) rethrows -> T {
        let before = qlcb_deflate_level()
        qlcb_deflate_set_level(level)
        defer { qlcb_deflate_set_level(before) }
        return try body()
    }

    /// This thread's level (-1: zlib's default).
    public static var level: Int32 { qlcb_deflate_level() }

    /// Whether zlib's own entry points were found behind ours: without them no deflate stream can be
    /// made, for a spreadsheet or a PDF (checked when the server starts).
    public static var isReady: Bool { qlcb_deflate_ready() == 1 }
}
