import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A real SMTP server on loopback for the tests (issue 13 §3): it speaks enough of RFC 5321 for
/// msmtp (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every message it accepts, and can be told
/// to refuse mail for a while (`failing`: 451, a temporary failure) to exercise the retries.
final class SMTPSink: Sendable {
    struct Received: Sendable {
        var from: String
        var to: [String]
        var data: String

        func header(_ name: String) -> String? {
            let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
            var value: String?
            for line in head.components(separatedBy: "\r\n") {
                if value != nil, line.hasPrefix(" ") || line.hasPrefix("\t") { value! += line.trimmingCharacters(in: .whitespaces); continue }
                if value != nil { break }
                if line.lowercased().hasPrefix(name.lowercased() + ":") { value = String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
            }
            return value.map(Self.decodeWords)
        }

        /// The decoded body of the part of this content type (`text/plain`, `text/html`).
        func part(_ type: String) -> String? {
            guard let start = data.range(of: "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n") else { return nil }
            let rest = data[start.upperBound...]
            let encoded = rest.prefix { $0 != "-" }.replacingOccurrences(of: "\r\n", with: "")
            return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }
        }

        static func decodeWords(_ text: String) -> String {
            var out = "", rest = Substring(text)
            while let open = rest.range(of: "=?UTF-8?B?"), let close = rest[open.upperBound...].range(of: "?=") {
                out += rest[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
                out += Data(base64Encoded: String(rest[open.upperBound..<close.lowerBound])).map { String(decoding: $0, as: UTF8.self) } ?? ""
                rest = rest[close.upperBound...]
            }
            return out + rest
        }
    }

    private struct State {
        var messages: [Received] = []
        var failing = false
        var refusals = 0
    }
    private let state = NIOLockedValueBox(State())
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel: NIOLockedValueBox<(any Channel)?> = .init(nil)
    let port: Int

    var messages: [Received] { state.withLockedValue { $0.messages } }
    /// How many times a sender was refused (the 451s).
    var refusals: Int { state.withLockedValue { $0.refusals } }
    var failing: Bool {
        get { state.withLockedValue { $0.failing } }
        set { state.withLockedValue { $0.failing = newValue } }
    }

    init(failing: Bool = false) async throws {
        state.withLockedValue { $0.failing = failing }
        let state = self.state
        let bound = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Session(state: state)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = bound.localAddress?.port ?? 0
        channel.withLockedValue { $0 = bound }
    }

    func stop() async {
        let bound = channel.withLockedValue { $0 }
        try? await bound?.close()
        try? await group.shutdownGracefully()
    }

    private final class Session: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let state: NIOLockedValueBox<State>
        var buffer = ""
        var inData = false
        var current = Received(from: "", to: [], data: "")
        var dataLines: [String] = []

        init(state: NIOLockedValueBox<State>) { self.state = state }

        func channelActive(context: ChannelHandlerContext) {
            reply(context, "220 qlcb-test-sink ESMTP")
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            buffer += bytes.readString(length: bytes.readableBytes) ?? ""
            while let end = buffer.range(of: "\r\n") {
                let line = String(buffer[..<end.lowerBound])
                buffer = String(buffer[end.upperBound...])
                handle(line, context)
            }
        }

        func handle(_ line: String, _ context: ChannelHandlerContext) {
            if inData {
                if line == "." {
                    inData = false
                    current.data = dataLines.joined(separator: "\r\n")
                    let message = current
                    state.withLockedValue { $0.messages.append(message) }
                    reply(context, "250 2.0.0 accepted")
                } else {
                    dataLines.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
                }
                return
            }
            let verb = line.prefix(4).uppercased()
            switch verb {
            case "EHLO": reply(context, "250-qlcb-test-sink\r\n250 8BITMIME")
            case "HELO": reply(context, "250 qlcb-test-sink")
            case "MAIL":
                let refused = state.withLockedValue { s -> Bool in
                    if s.failing { s.refusals += 1 }
                    return s.failing
                }
                if refused { reply(context, "451 4.3.0 temporarily unavailable"); return }
                current = Received(from: Self.address(line), to: [], data: "")
                reply(context, "250 2.1.0 ok")
            case "RCPT":
                current.to.append(Self.address(line))
                reply(context, "250 2.1.5 ok")
            case "DATA":
                inData = true
                dataLines = []
                reply(context, "354 end with <CRLF>.<CRLF>")
            case "RSET", "NOOP": reply(context, "250 ok")
            case "QUIT":
                reply(context, "221 bye")
                context.close(promise: nil)
            default: reply(context, "502 5.5.2 not implemented")
            }
        }

        static func address(_ line: String) -> String {
            guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">") else { return "" }
            return String(line[line.index(after: open)..<close])
        }

        func reply(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
        }
    }
}
