import Domain

/// The pieces every official paper shares (Decree 30/2020/NĐ-CP Appendix I): the national name
/// and motto, the issuing body, "Số:", the italic place and date line, signature blocks.
enum FormParts {
    static let nationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    static let motto = "Độc lập - Tự do - Hạnh phúc"
    static let blank = "……"

    /// "Bình Dương, ngày 05 tháng 01 năm 2026": days below 10 and months 1–2 with a leading zero;
    /// an unknown date leaves the blanks of the template.
    static func placeAndDate(_ place: String, _ date: LocalDate?) -> String {
        guard let date else { return "\(place), ngày …… tháng …… năm ………" }
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month <= 2 ? "0\(date.month)" : "\(date.month)"
        return "\(place), ngày \(day) tháng \(month) năm \(date.year)"
    }

    /// "Bình Dương, tháng 10 năm 2026" (Form 1 carries a month, not a day).
    static func placeAndMonth(_ place: String, _ date: LocalDate?) -> String {
        guard let date else { return "\(place), tháng …… năm ……" }
        return "\(place), tháng \(date.month <= 2 ? "0\(date.month)" : "\(date.month)") năm \(date.year)"
    }

    static func national(width: Double, placeDate: String?) -> Column {
        var lines: [Line] = [
            .centered(Markup.escape(nationalName), size: 12, bold: true),
            .centered(Markup.escape(motto), size: 13, bold: true),
            .rule(fraction: 1),
        ]
        if let placeDate { lines += [.gap(6), .oneLine(Markup.escape(placeDate), size: 13, italic: true)] }
        return Column(width: width, lines)
    }

    /// The header block: governing body and issuing body on the left, national name and motto on
    /// the right; then "Số:" level with the place and date line, as the Decree places them.
    static func header(governing: String?, issuing: String?, number: String?, placeDate: String?) -> Block {
        var left: [Line] = []
        if let governing { left.append(.centered(Markup.escape(governingLine(governing)), size: 12)) }
        if let issuing {
            left.append(.centered(Markup.escape(issuing.uppercased()), size: 12, bold: true))
            left.append(.rule(fraction: 0.4))
        }
        return .group([.columns([Column(width: 0.46, left), national(width: 0.54, placeDate: nil)]), .space(4),
                       numberAndDate(number: number, placeDate: placeDate)])
    }

    /// "Số: …" on the left and the italic place and date on the right, level with each other. The
    /// date line stays one line at 13 pt, the Decree's smallest size for it: a long place name
    /// ("Thành phố Hồ Chí Minh") reaches left under the empty or short "Số:" instead of wrapping.
    static func numberAndDate(number: String?, placeDate: String?) -> Block {
        .columns([Column(width: 0.46, number.map { [.centered(Markup.escape($0), size: 13)] } ?? []),
                  Column(width: 0.54, placeDate.map { [.oneLine(Markup.escape($0), size: 13, italic: true)] } ?? [])])
    }

    /// The governing body in capitals, "Ủy ban nhân dân" shortened to "UBND" as the Decree allows
    /// for common phrases, so the line fits the cell.
    static func governingLine(_ name: String) -> String {
        let upper = name.uppercased()
        return upper.hasPrefix("ỦY BAN NHÂN DÂN ") ? "UBND " + upper.dropFirst("ỦY BAN NHÂN DÂN ".count) : upper
    }

    /// A signature block: title lines in bold, an italic note, room to sign, then the name.
    static func signature(width: Double, title: [String], note: String? = nil, name: String? = nil,
                          above: String? = nil, room: Double = 60) -> Column {
        var lines: [Line] = []
        if let above { lines.append(.oneLine(Markup.escape(above), italic: true)) }
        lines += title.map { .centered(Markup.escape($0), bold: true) }
        if let note { lines.append(.centered(Markup.escape(note), size: 12, italic: true)) }
        lines.append(.gap(room))
        if let name, !name.isEmpty { lines.append(.centered(Markup.escape(name), bold: true)) }
        return Column(width: width, lines)
    }

    /// Room for the signature and seal: 28 mm, inside the 25–30 mm usual on official papers.
    static let signatureRoom = 28 * 72 / 25.4

    /// Decree 30/2020 Appendix I: the capacity and position in bold capitals ("KT. GIÁM ĐỐC",
    /// "PHÓ GIÁM ĐỐC"), room for the signature and seal, then the full name in bold; a dotted line
    /// to fill by hand when the name is unknown, never a made-up one.
    static func signatory(width: Double, _ signer: PaperSigner) -> Column {
        let titles = signer.titleLines.isEmpty ? PaperSigner.director.titleLines : signer.titleLines
        let name = signer.name.trimmingCharacters(in: .whitespaces)
        return Column(width: width, titles.map { .centered(Markup.escape($0), bold: true) } + [
            .gap(signatureRoom),
            name.isEmpty ? .centered("……………………………") : .centered(Markup.escape(name), bold: true),
        ])
    }

    /// "Nơi nhận:" (12 pt bold italic) and its list (11 pt), level with a signature block.
    static func recipients(width: Double, _ entries: [String]) -> Column {
        Column(width: width, [.left("<b><i>Nơi nhận:</i></b>", size: 12)] + entries.map { .left(Markup.escape($0), size: 11) })
    }

    static func title(_ text: String, subtitle: String? = nil) -> [Block] {
        var blocks: [Block] = [.space(10), .paragraph(Markup.escape(text), .centeredTitle)]
        if let subtitle { blocks.append(.paragraph(Markup.escape(subtitle), ParagraphStyle(size: 13, bold: true, alignment: .center))) }
        blocks.append(.space(8))
        return blocks
    }

    static func date(_ date: LocalDate?) -> String? { date?.vietnamese }
}
