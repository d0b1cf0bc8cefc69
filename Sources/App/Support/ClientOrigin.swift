#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vapor

/// The proxies whose forwarding headers are believed: `QLCB_TRUSTED_PROXIES`, comma-separated IP
/// addresses and CIDR ranges (`10.0.0.5, 192.168.0.0/16, ::1`). Empty: no proxy is trusted, and the
/// client is the connection's peer.
struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        var bytes: [UInt8]
        var prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var bits = prefix
            for (a, b) in zip(address, bytes) {
                guard bits > 0 else { return true }
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if a & mask != b & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    var ranges: [Range]

    static let none = TrustedProxies(ranges: [])

    init(ranges: [Range]) { self.ranges = ranges }

    init(parsing text: String) throws {
        ranges = try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { entry in
            let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let bytes = parts.first.flatMap(Self.bytes(of:)) else {
                throw ConfigError(message: "QLCB_TRUSTED_PROXIES: “\(entry)” không phải địa chỉ IP hoặc dải CIDR.")
            }
            var prefix = bytes.count * 8
            if parts.count == 2 {
                guard let p = Int(parts[1]), (0...prefix).contains(p) else {
                    throw ConfigError(message: "QLCB_TRUSTED_PROXIES: độ dài tiền tố của “\(entry)” không hợp lệ.")
                }
                prefix = p
            }
            return Range(bytes: bytes, prefix: prefix)
        }
    }

    func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The 4 or 16 bytes of an IP address; an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) gives its
    /// IPv4 bytes, so that one entry matches both spellings.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes.prefix(10).allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes.suffix(4)) }
        return bytes
    }

    /// Where a request came from: the peer of the connection, or — only when that peer is a trusted
    /// proxy — what the proxy forwarded: the nearest address in `X-Forwarded-For` that is not itself
    /// a trusted proxy, and `X-Forwarded-Proto`.
    func origin(peer: String?, headers: HTTPHeaders, overTLS: Bool) -> ClientOrigin {
        let direct = ClientOrigin(address: peer ?? ClientOrigin.unknown, isHTTPS: overTLS)
        guard let peer, contains(peer) else { return direct }
        var address = peer
        let forwarded = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in forwarded.reversed() {
            guard Self.bytes(of: hop) != nil else { break }
            address = hop
            if !contains(hop) { break }
        }
        let proto = headers.first(name: "X-Forwarded-Proto")?.split(separator: ",").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        return ClientOrigin(address: address, isHTTPS: overTLS || proto == "https")
    }
}

/// The client of one request as the login throttle and the transport headers see it.
struct ClientOrigin: Sendable, Equatable {
    /// No socket: a request made inside the process (tests).
    static let unknown = "-"
    var address: String
    var isHTTPS: Bool
}

extension Application {
    private struct TrustedProxiesKey: StorageKey { typealias Value = TrustedProxies }
    var trustedProxies: TrustedProxies {
        get { storage[TrustedProxiesKey.self] ?? .none }
        set { storage[TrustedProxiesKey.self] = newValue }
    }
}

extension Request {
    var clientOrigin: ClientOrigin {
        application.trustedProxies.origin(peer: remoteAddress?.ipAddress, headers: headers,
                                          overTLS: application.http.server.configuration.tlsConfiguration != nil)
    }
}
