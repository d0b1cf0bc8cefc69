import CPangoCairo
import Foundation

/// Page 1 of a PDF as a PNG (pdftoppm, grey, 50 dpi) and the share of pixels that differ from a
/// reference by more than a quarter of the grey range.
enum ImageCompare {
    static let referenceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("References")

    static func firstPage(_ pdf: URL) throws -> URL {
        let stem = pdf.deletingPathExtension().path
        _ = try PDFTools.run("pdftoppm", ["-r", "50", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", pdf.path, stem])
        return URL(fileURLWithPath: stem + ".png")
    }

    /// nil when the two images differ in size (always a visual change).
    static func differingShare(_ a: URL, _ b: URL) -> Double? {
        guard let first = cairo_image_surface_create_from_png(a.path), let second = cairo_image_surface_create_from_png(b.path) else {
            return nil
        }
        defer {
            cairo_surface_destroy(first)
            cairo_surface_destroy(second)
        }
        guard cairo_surface_status(first) == CAIRO_STATUS_SUCCESS, cairo_surface_status(second) == CAIRO_STATUS_SUCCESS else { return nil }
        let width = Int(cairo_image_surface_get_width(first)), height = Int(cairo_image_surface_get_height(first))
        guard width == Int(cairo_image_surface_get_width(second)), height == Int(cairo_image_surface_get_height(second)),
              cairo_image_surface_get_format(first) == cairo_image_surface_get_format(second) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(first))
        let bytesPerPixel = cairo_image_surface_get_format(first) == CAIRO_FORMAT_A8 ? 1 : 4
        guard let p = cairo_image_surface_get_data(first), let q = cairo_image_surface_get_data(second) else { return nil }
        var differing = 0
        for y in 0..<height {
            for x in 0..<width {
                let offset = y * stride + x * bytesPerPixel
                if abs(Int(p[offset]) - Int(q[offset])) > 64 { differing += 1 }
            }
        }
        return Double(differing) / Double(width * height)
    }
}
