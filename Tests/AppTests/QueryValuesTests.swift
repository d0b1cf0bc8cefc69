@testable import App
import Testing
import Vapor
import VaporTesting

/// `QueryValues` answers what Vapor's query decoder answered for a plain name (ADR 0025): both are
/// asked the same names of the same queries.
@Suite("The query parsed once (issue 14)")
struct QueryValuesTests {
    static let names = ["q", "per", "page", "a", "b", "bad", "x", "tên", "q[", "", "a[b]"]

    /// Queries a list could be sent, well or badly formed (a malformed name aside, below).
    static let queries = [
        "", "q=", "q", "q=a+b", "q=a%2Bb", "q=a%20b", "q=%E1%BA%A1", "q=tr%C6%B0%E1%BB%9Dng", "q=a&q=b", "q=a&q=",
        "q=a&q=%FF", "q=%FF&q=a", "page=3&page=%E0%A4", "%70er=5", "per=5&per", "=x", "x==y", "x=a=b", "a[b]=1",
        "a[]=1&a[]=2", "a=1&a[b]=2", "q[=tram", "[q=tram", "q[[=tram", "t%C3%AAn=An", "q=a&&&per=3", "bad=%ZZ",
        "q=%", "q=%2", "+q+=1", "q+=1", "page=1&per=25&q=nguyen+van&kind=fullTime&status=active",
    ]

    @Test func aNameAnswersWhatVaporsDecoderAnswered() async throws {
        let app = try await Application.make(.testing)
        for query in Self.queries {
            let request = Request(application: app, method: .GET, url: URI(string: "/phieu?" + query),
                                  on: app.eventLoopGroup.next())
            let values = QueryValues(request.url.query)
            for name in Self.names {
                #expect(values[name] == request.query[String.self, at: name], "?\(query) [\(name)]")
            }
        }
        try await app.asyncShutdown()
    }

    /// The one difference: Vapor refused the whole query for one malformed name.
    @Test func aMalformedNameLeavesOutOnlyItsPair() {
        let values = QueryValues("q=tram&a[b=1&page=2")
        #expect(values["q"] == "tram" && values["page"] == "2" && values["a"] == nil)
        #expect(values.all("q") == ["tram"] && QueryValues("q=a&q=%FF&q=b").all("q") == ["a", "b"])
    }
}
