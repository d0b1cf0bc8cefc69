import Documents
import Domain
import Foundation
import Testing

/// Page 1 of every sample form against the PNG kept in References/ (pdftoppm, 50 dpi, grey).
/// A layout change beyond 0.5 % of the pixels fails; after an intended change, run the tests
/// with QLCB_UPDATE_REFERENCES=1 and commit the new images.
@Suite struct ReferenceImageTests {
    static let tolerance = 0.005

    /// `prefix` keeps the files of tests that run at the same time apart: two tests rendering the same
    /// form into one file made the comparison read a half-written image.
    func render(_ code: FormCode, prefix: String = "ref") throws -> URL {
        let pdf = try PDFTools.write(try PDF.render(Forms.sample(code, profile: .binhDuong2013)), name: "\(prefix)-\(code.rawValue).pdf")
        return try ImageCompare.firstPage(pdf)
    }

    @Test(arguments: FormCode.allCases)
    func firstPageLooksLikeItsReference(code: FormCode) throws {
        let image = try render(code)
        let reference = ImageCompare.referenceDirectory.appendingPathComponent("\(code.rawValue).png")
        if ProcessInfo.processInfo.environment["QLCB_UPDATE_REFERENCES"] == "1" {
            _ = try? FileManager.default.removeItem(at: reference)
            try FileManager.default.copyItem(at: image, to: reference)
        }
        let share = try #require(ImageCompare.differingShare(image, reference), "no reference image or a different size: \(reference.path)")
        #expect(share <= Self.tolerance, "\(code.rawValue): \(share * 100)% of pixels changed (rendered: \(image.path))")
    }

    /// The comparison can fail: two different forms are far apart.
    @Test func differentFormsExceedTheTolerance() throws {
        let share = try #require(ImageCompare.differingShare(try render(.commitment, prefix: "far"),
                                                                   try render(.keyInformation, prefix: "far")))
        #expect(share > Self.tolerance * 4)
    }
}
