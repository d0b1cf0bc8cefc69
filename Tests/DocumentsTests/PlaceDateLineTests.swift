@testable import Documents
import Domain
import Testing

/// Issue 10 §5: the place and date line ("Thành phố Hồ Chí Minh, ngày …… tháng …… năm ………") is one
/// line at 13 pt, the Decree's smallest size for it, whatever the place; measured on the Pango
/// layouts the renderer draws.
@Suite struct PlaceDateLineTests {
    /// A date line's Pango line count and place; `neighbourRight`: where the text of the column on its
    /// left ends, when the line reaches into that column.
    struct Measured { var lines: Int; var x: Double; var width: Double; var neighbourRight: Double? }

    /// The place and date lines of `blocks`, laid out and placed as `Renderer.drawColumns` does.
    func placeDateLines(_ document: OfficialDocument, place: String) throws -> [Measured] {
        let renderer = try Renderer(title: document.title, bodySize: document.bodySize)
        func walk(_ block: Block) -> [Measured] {
            switch block {
            case .group(let blocks): return blocks.flatMap(walk)
            case .columns(let columns):
                let placed = renderer.place(columns)
                return placed.indices.flatMap { index in
                    placed[index].lines.compactMap { item -> Measured? in
                        guard case .text(let markup, _) = item.line, markup.hasPrefix(place + ","), let text = item.text else { return nil }
                        let reaches = index > 0 && item.x < placed[index].x && placed[index - 1].lines.contains { $0.text != nil }
                        return Measured(lines: text.lineCount, x: item.x, width: text.textWidth,
                                        neighbourRight: reaches ? placed[index - 1].textRight : nil)
                    }
                }
            default: return []
            }
        }
        return document.blocks.flatMap(walk)
    }

    func expectOneLineOnThePage(_ document: OfficialDocument, place: String) throws -> [Measured] {
        let page = PageGeometry()
        let found = try placeDateLines(document, place: place)
        #expect(!found.isEmpty, "no place and date line in \(document.title)")
        for line in found {
            #expect(line.lines == 1, "\(document.title): \(line.lines) lines")
            #expect(line.x >= page.left - 0.01 && line.x + line.width <= page.left + page.contentWidth + 0.01,
                    "\(document.title): from \(line.x) to \(line.x + line.width)")
            if let neighbour = line.neighbourRight {
                #expect(line.x - neighbour >= Renderer.columnGap - 0.01, "\(document.title): touches the text on its left")
            }
        }
        return found
    }

    @Test(arguments: [RegulationProfile.binhDuong2013, .hoChiMinh2025], [nil, LocalDate(year: 2026, month: 12, day: 25)])
    func F_I_2_form2DateLineIsOneLineForLongPlaceNames(profile: RegulationProfile, date: LocalDate?) throws {
        var sheet = FormSamples.summary(profile: profile)
        sheet.preparedOn = date
        let alone = try expectOneLineOnThePage(Forms.annualSummary(sheet, profile: profile), place: profile.placeName)
        let book = Forms.workLogBook(FormSamples.officer, sheet, tickets: [], profile: profile)
        _ = try expectOneLineOnThePage(book, place: profile.placeName)
        if profile == .hoChiMinh2025 && date == nil {
            // The case that wrapped: wider than the right-hand column it is centred in.
            #expect((alone.first?.width ?? 0) > 0.54 * PageGeometry().contentWidth)
        }
    }

    /// Form 3 has no place and date line.
    @Test(arguments: FormCode.allCases.filter { $0 != .workTicket })
    func everyFormKeepsItsDateLineOnOneLineInHoChiMinhCity(code: FormCode) throws {
        let profile = RegulationProfile.hoChiMinh2025
        _ = try expectOneLineOnThePage(Forms.sample(code, profile: profile), place: profile.placeName)
    }

    /// Undated, with a number and a long place name: "Số: …" moves left rather than touch the date line.
    @Test func undatedFormsWithANumberKeepTheNumberClearOfTheDateLine() throws {
        let profile = RegulationProfile.hoChiMinh2025
        var request = FormSamples.interviewRequest
        request.date = nil
        request.number = nil
        let found = try expectOneLineOnThePage(OfficialDocument(title: "pl2-m1", blocks: RecruitmentForms.interviewRequest(request, profile: profile)),
                                               place: profile.placeName)
        #expect(found.contains { $0.neighbourRight != nil })
    }

    @Test func evaluationPapersKeepTheirDateLineOnOneLine() throws {
        let profile = RegulationProfile.hoChiMinh2025
        let notice = ResultsNotice(year: 2026, agencyName: "Sở Kế hoạch và Đầu tư", date: nil, lines: [])
        let letter = CessationLetter(officerName: "Phạm Quốc Bảo", agencyName: "Sở Y tế", pattern: "x", grades: [], date: nil)
        for document in [EvaluationDocuments.resultsNotice(notice, profile: profile),
                         EvaluationDocuments.cessationLetter(letter, profile: profile),
                         EvaluationDocuments.rewardList(year: 2026, lines: [], date: nil, profile: profile)] {
            _ = try expectOneLineOnThePage(document, place: profile.placeName)
        }
    }
}
