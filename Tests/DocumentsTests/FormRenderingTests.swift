import Documents
import Domain
import Foundation
import Testing

@Suite struct FormRenderingTests {
    let profile = RegulationProfile.binhDuong2013

    @Test(arguments: FormCode.allCases)
    func sampleIsOneA4PageInLiberationSerif(code: FormCode) throws {
        let url = try PDFTools.write(try PDF.render(Forms.sample(code, profile: profile)), name: "\(code.rawValue).pdf")
        let info = try PDFTools.info(url)
        #expect(info["Page size"]?.hasPrefix("595.276 x 841.89") == true, "A4: \(info["Page size"] ?? "?")")
        #expect(info["Pages"] == (code == .interviewRequest ? "2" : "1"))
        let fonts = try PDFTools.fonts(url)
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.hasPrefix("LiberationSerif") }, "\(fonts)")
    }
}
