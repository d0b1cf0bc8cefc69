@testable import App
import Foundation
import LeafKit
import NIOCore
import NIOPosix
import Testing

/// Issue 14, ADR 0021: `PageData` gives Leaf the same data its own encoder gave, for every shape a
/// page's values take — so every template prints what it printed before.
@Suite("A page's data as Leaf's encoder made it")
struct PageDataTests {
    /// What Leaf's own encoder (`LeafRenderer.render(path:context:)` with an `Encodable`) hands a
    /// template: a tag keeps the whole context it was rendered with.
    static func leafEncoded(_ value: some Encodable) async throws -> [String: LeafData] {
        let kept = Kept()
        let renderer = LeafRenderer(configuration: LeafConfiguration(rootDirectory: "/"), tags: ["keep": Keep(kept: kept)],
                                    cache: DefaultLeafCache(), sources: .singleSource(OneTemplate()),
                                    eventLoop: MultiThreadedEventLoopGroup.singleton.next())
        _ = try await renderer.render(path: "t", context: value).get()
        return kept.data
    }

    final class Kept: @unchecked Sendable { var data: [String: LeafData] = [:] }

    struct Keep: LeafTag {
        let kept: Kept
        func render(_ ctx: LeafContext) throws -> LeafData { kept.data = ctx.data; return .string("") }
    }

    struct OneTemplate: LeafSource {
        func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
            eventLoop.makeSucceededFuture(ByteBuffer(string: "#keep()"))
        }
    }

    /// Equal in type and value all the way down (LeafData's own `==` also calls a number equal to its text).
    static func same(_ a: LeafData, _ b: LeafData) -> Bool {
        guard a.celf == b.celf, a.isNil == b.isNil else { return false }
        switch a.celf {
        case .dictionary:
            let (x, y) = (a.dictionary ?? [:], b.dictionary ?? [:])
            return x.keys.sorted() == y.keys.sorted() && x.allSatisfy { key, value in same(value, y[key]!) }
        case .array:
            let (x, y) = (a.array ?? [], b.array ?? [])
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default:
            return a.description == b.description
        }
    }

    static func expectSame(_ value: some Encodable) async throws {
        let ours = try PageData.encode(value)
        let leafs = try await leafEncoded(value)
        #expect(same(.dictionary(ours), .dictionary(leafs)), "\(ours)\n≠ \(leafs)")
    }

    enum Kind: String, Codable { case full, part }
    enum Level: Int, Codable { case one = 1, four = 4 }
    struct Nothing: Codable {}
    struct Cell: Codable { var text: String; var count: Int?; var kinds: [Kind] }

    /// A value that asks for nested containers and a super encoder, as hand-written conformances may.
    struct Nested: Encodable {
        enum Keys: String, CodingKey { case inner, list, `super` }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encode("trong", forKey: .list)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var deeper = list.nestedContainer(keyedBy: Keys.self)
            try deeper.encode(true, forKey: .inner)
            try list.encode("sau")
            var single = container.superEncoder().singleValueContainer()
            try single.encode(2.5)
        }
    }

    struct EveryShape: Encodable {
        var text = "Sở Thông tin và Truyền thông <&> \"trích\" 'đơn'"
        var number = 42
        var negative = -7
        var yes = true
        var no = false
        var ratio = 0.125
        var single: Float = 1.5
        var small: Int8 = -3
        var large: UInt64 = 9_000_000_000
        var id = UUID(uuidString: "7CCCEEDE-1EA9-4B03-A3CF-803D4D25C1E6")!
        var when = Date(timeIntervalSince1970: 1_764_000_000.5)
        var present: String? = "có"
        var absent: String?
        var absentNumber: Int?
        var kind = Kind.part
        var level = Level.four
        var nothing = Nothing()
        var cells = [Cell(text: "một", count: 1, kinds: [.full]), Cell(text: "hai", count: nil, kinds: [])]
        var holes: [String?] = ["a", nil, "c"]
        var grid = [[1, 2], [], [3]]
        var byName = ["Dĩ An": 3, "Thủ Dầu Một": 5]
        var empty: [Int] = []
        var nested = Nested()
        @Printed var printed: Int = 1_500
        @PrintedEach var printedEach: [Int] = [1, 20]
    }

    @Test func everyShapeOfValueIsGivenToLeafAsItsOwnEncoderGaveIt() async throws {
        try await Self.expectSame(EveryShape())
    }

    @Test func aPageWithItsLayoutRowsPagingAndChartIsGivenAsBefore() async throws {
        let layout = Layout(title: "Bố trí cán bộ CNTT", nav: [NavItem(href: "/bien-che", label: "Bố trí", active: true)],
                            userName: "Nguyễn Văn A", roleLabels: ["Sở TT&TT"], csrf: "abc", flash: nil,
                            profileName: "Sở Thông tin và Truyền thông", signedIn: true, hasFlash: false)
        var summary = StaffingSummary([])
        summary.byDistrict = ["Dĩ An": [1, 0, 2, 0, 3], "": [4, 1, 0, 0, 0]]
        let chart = StaffingController.byDistrict(summary, year: 2026)
        var paging = try Paging(page: 2, per: 25)
        paging.total = 60
        try await Self.expectSame(Page(layout: layout, body: StaffingController.Body(
            year: 2026, years: [Choice(value: "2026", label: "2026", selected: true)],
            counts: [StaffingController.Count(code: "ok", label: "Đạt", count: 3, selected: false)],
            rows: [StaffingController.Row.empty], hasRows: true, paging: paging, status: "", anyStatus: true, q: "trường",
            threshold: 3, query: "&q=tr%C6%B0%E1%BB%9Dng", chart: chart)))
    }

    @Test func aValueThatIsNotAStructureIsRefused() throws {
        #expect(throws: (any Error).self) { try PageData.encode([1, 2, 3]) }
    }
}
