/// A4 portrait with the margins of Decree 30/2020/NĐ-CP Appendix I (top and bottom 20 mm, left
/// 30 mm, right 15 mm), in PostScript points.
struct PageGeometry {
    static let millimetre = 72.0 / 25.4
    var width = 210 * millimetre
    var height = 297 * millimetre
    var top = 20 * millimetre
    var bottom = 20 * millimetre
    var left = 30 * millimetre
    var right = 15 * millimetre

    var contentWidth: Double { width - left - right }
    var contentBottom: Double { height - bottom }
}
