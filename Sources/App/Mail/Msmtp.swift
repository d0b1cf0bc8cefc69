import Foundation

/// Hands one message to the mail server through Debian's `msmtp` (ADR 0015): the RFC 5322 text on
/// standard input, the recipient on the command line, the server from `SMTP_URL`. The password never
/// appears in the arguments: it travels in the child's environment, read back by `--passwordeval`.
struct Msmtp: Sendable {
    var server: SMTPServer
    var from: String
    var executable: String

    /// `msmtp` on PATH (or `QLCB_MSMTP`); nil with a Vietnamese explanation when it is missing.
    static func locate(environment env: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let given = env["QLCB_MSMTP"], !given.isEmpty { return FileManager.default.isExecutableFile(atPath: given) ? given : nil }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        return dirs.map { $0 + "/msmtp" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let missing = "Không tìm thấy chương trình gửi thư msmtp (cài gói Debian: apt-get install msmtp)."

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var arguments: [String] {
        var args = ["--file=/dev/null", "--host=\(server.host)", "--port=\(server.port)", "--timeout=30",
                    "--from=\(MailSettings.address(in: from))", "--domain=\(MailSettings.address(in: from).split(separator: "@").last.map(String.init) ?? "localhost")"]
        switch server.security {
        case .none: args += ["--tls=off"]
        case .startTLS: args += ["--tls=on", "--tls-starttls=on", "--tls-trust-file=system"]
        case .tls: args += ["--tls=on", "--tls-starttls=off", "--tls-trust-file=system"]
        }
        if let user = server.user {
            args += ["--auth=on", "--user=\(user)", "--passwordeval=printf '%s' \"$QLCB_SMTP_PASSWORD\""]
        } else {
            args += ["--auth=off"]
        }
        return args
    }

    /// A msmtp that gives up before reading its input (server unreachable) closes the pipe we write
    /// to; the write must then fail with EPIPE, not kill the server with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// Sends `message` to `recipient`; throws with msmtp's own words when the server refuses.
    func send(_ message: String, to recipient: String) async throws {
        _ = Self.ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["--", recipient]
        var environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        if let password = server.password { environment["QLCB_SMTP_PASSWORD"] = password }
        process.environment = environment
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure(description: Self.missing))
                return
            }
            // Standard input is written from its own thread so a large message never blocks on the pipe.
            Thread.detachNewThread {
                try? input.fileHandleForWriting.write(contentsOf: Data(message.utf8))
                try? input.fileHandleForWriting.close()
            }
        }
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else {
            let line = said.split(separator: "\n").map(String.init).filter { !$0.isEmpty }.suffix(2).joined(separator: " ")
            throw Failure(description: "\(Self.meaning(status)) (msmtp, mã \(status)): \(line.isEmpty ? "không rõ lỗi" : line)")
        }
    }

    /// msmtp's exit status (sysexits.h) in the words the recipient's page shows.
    static func meaning(_ status: Int32) -> String {
        switch status {
        case 65: "Máy chủ thư từ chối nội dung thư"
        case 68, 69: "Không kết nối được hoặc máy chủ thư không nhận thư"
        case 75: "Máy chủ thư tạm thời chưa nhận thư"
        case 76: "Trao đổi với máy chủ thư bị lỗi"
        case 77: "Máy chủ thư từ chối đăng nhập hoặc người nhận"
        case 78: "Cấu hình máy chủ thư (SMTP_URL) chưa đúng"
        default: "Gửi thư không thành công"
        }
    }
}
