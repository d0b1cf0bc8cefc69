@testable import App
import Foundation
import NIOCore
import Vapor
import VaporTesting

extension Application {
    /// Sends a request through the whole responder as the server would, with the connection's peer
    /// at `peer` (VaporTesting's in-memory requests have no peer address).
    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil,
              from peer: String?) async throws -> TestingHTTPResponse {
        guard let peer else { return try await testing().sendRequest(method, path, headers: headers, body: body) }
        var headers = headers
        headers.replaceOrAdd(name: .contentLength, value: String(body?.readableBytes ?? 0))
        let request = Request(application: self, method: method, url: URI(string: path), headers: headers,
                              collectedBody: body, remoteAddress: try SocketAddress(ipAddress: peer, port: 40_000),
                              logger: logger, on: eventLoopGroup.next())
        let response = try await responder.respond(to: request).get()
        let collected = try await response.body.collect(on: request.eventLoop).get() ?? ByteBuffer()
        // VaporTesting keeps the initialiser of its response to itself: reshape the answer of a probe.
        var shaped = try await testing().sendRequest(.GET, "/healthz")
        shaped.status = response.status
        shaped.headers = response.headers
        shaped.body = collected
        return shaped
    }
}
