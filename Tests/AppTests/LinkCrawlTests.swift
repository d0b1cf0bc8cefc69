@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Issue 11 §2: no page links to a page its reader may not open. Each demo account follows every
/// link its pages show, from its home page, and meets no 403, no 404 and no 5xx. Pages of the same
/// shape (an id or a number in the path) are sampled, so the crawl covers every kind of page.
@Suite("Every link a role is shown opens (issue 11)")
struct LinkCrawlTests {
    /// Links a crawler must not follow: leaving, and the static files.
    static func followable(_ href: String) -> Bool {
        href.hasPrefix("/") && !href.hasPrefix("//") && !href.hasPrefix("/dang-xuat")
            && !href.hasPrefix("/css/") && !href.hasPrefix("/js/") && !href.hasPrefix("/favicon")
    }

    /// The shape of a path: ids and numbers replaced, the query's names kept.
    static func shape(_ href: String) -> String {
        let parts = href.split(separator: "?", maxSplits: 1)
        let path = parts[0].split(separator: "/").map { part -> String in
            if UUID(uuidString: String(part)) != nil { return ":id" }
            if part.allSatisfy(\.isNumber) { return ":n" }
            if part.hasSuffix(".pdf") || part.hasSuffix(".xlsx") || part.hasSuffix(".csv") { return ":file." + (part.split(separator: ".").last ?? "") }
            return String(part)
        }.joined(separator: "/")
        let names = parts.count > 1 ? parts[1].split(separator: "&").map { $0.split(separator: "=").first ?? "" }.sorted().joined(separator: ",") : ""
        return path + "?" + names
    }

    static func links(in html: String) -> [String] {
        html.matches(of: /href="([^"#]*)/).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
            .filter(followable)
    }

    /// A deeper crawl for a review: QLCB_CRAWL_BUDGET pages per account, QLCB_CRAWL_SAMPLES per shape.
    static let budget = ProcessInfo.processInfo.environment["QLCB_CRAWL_BUDGET"].flatMap(Int.init) ?? 160
    static let samples = ProcessInfo.processInfo.environment["QLCB_CRAWL_SAMPLES"].flatMap(Int.init) ?? 2

    func crawl(_ app: Application, as username: String, samplesPerShape: Int = samples, budget: Int = budget) async throws -> [String] {
        var browser = try await Browser.signedIn(app, as: username)
        var queue = ["/"], seen: Set<String> = ["/"], shapes: [String: Int] = [:], failures: [String] = []
        var from: [String: String] = [:]
        var fetched = 0
        while !queue.isEmpty, fetched < budget {
            let href = queue.removeFirst()
            let response = try await browser.get(href)
            fetched += 1
            if response.status.code >= 400 {
                failures.append("\(username) \(href) → \(response.status.code) (từ \(from[href] ?? "-"))")
                continue
            }
            if response.status.code >= 300, let location = response.headers.first(name: .location), Self.followable(location),
               !seen.contains(location) {
                seen.insert(location)
                from[location] = href
                queue.append(location)
            }
            guard response.headers.contentType?.subType == "html" else { continue }
            for link in Self.links(in: response.body.string) where !seen.contains(link) {
                seen.insert(link)
                let shape = Self.shape(link)
                guard shapes[shape, default: 0] < samplesPerShape else { continue }
                shapes[shape, default: 0] += 1
                from[link] = href
                queue.append(link)
            }
        }
        return failures
    }

    @Test(arguments: DemoLoader.accounts.map(\.username))
    func everyLinkShownOpens(_ username: String) async throws {
        try await withWorld { app, _ in
            let failures = try await crawl(app, as: username)
            #expect(failures.isEmpty, "\(failures)")
        }
    }
}

/// Issue 11 §1–2: each section of the menu, for each demo account, opens exactly when the policy says
/// so, and the menu shows exactly those sections. A rule changed in `AccessPolicy.opens` changes the
/// expectation; a section's page that forgets the policy fails.
@Suite("Sections open as the policy says (issue 11)")
struct SectionMatrixTests {
    @Test(arguments: DemoLoader.accounts.map(\.username))
    func eachSectionOpensExactlyForThoseThePolicyNames(_ username: String) async throws {
        try await withWorld { app, _ in
            var browser = try await Browser.signedIn(app, as: username)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
            let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            let home = try await browser.get("/").body.string
            for section in Section.allCases {
                let response = try await browser.get(section.path)
                let opens = viewer.policy.opens(section)
                if opens {
                    #expect(response.status == .ok || response.status == .seeOther, "\(username) \(section.path) → \(response.status.code)")
                } else {
                    #expect(response.status == .forbidden, "\(username) \(section.path) → \(response.status.code), cần 403")
                }
                #expect(home.contains("href=\"\(section.path)\"") == opens || section == .home, "\(username): menu \(section.path)")
            }
        }
    }
}
