import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Login, throttled by account and by client address (`LoginThrottle`, ADR 0007). An unknown or
/// inactive name is checked against a dummy hash, takes as long and gets the same message.
enum Login {
    enum Outcome: Sendable, Equatable { case success(UUID, sessionEpoch: Int), wrongCredentials, throttled(seconds: Int) }

    static func attempt(username: String, password: String, on req: Request) async throws -> Outcome {
        let name = String(username.trimmingCharacters(in: .whitespaces).lowercased().prefix(80))
        let address = req.clientOrigin.address
        let keys = LoginThrottle.Keys(username: name, address: address)
        let now = req.now
        switch try await req.write({ try await LoginThrottle.reserve(keys, now: now, on: $0) }) {
        case .refused(let seconds):
            return .throttled(seconds: seconds)
        case .check:
            let user = try await UserModel.query(on: req.db).filter(\.$username == name).first()
            let account = user?.isActive == true ? user : nil
            let hash = if let account { account.passwordHash } else { try await req.application.dummyPasswordHash() }
            let matches = try await req.password.async.verify(password, created: hash)
            let userID = account?.id
            let success = matches && userID != nil
            try await req.write { db in
                try await LoginThrottle.settle(keys, success: success, now: now, on: db)
                try await AuditLog.append(AuditEvent(actorID: user?.id, actorName: name, action: success ? "login" : "login.failed",
                                                     entityType: "user", entityID: user?.id,
                                                     after: success ? "" : "địa chỉ \(address)"), on: db)
            }
            if success, let userID { return .success(userID, sessionEpoch: account?.sessionEpoch ?? 0) }
            return .wrongCredentials
        }
    }

    /// The message of a refused attempt.
    static func throttledMessage(seconds: Int) -> String {
        "Bạn đã nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau \(seconds) giây."
    }

    /// Rules for a new password, with the message shown next to the field.
    static func problem(newPassword: String) -> String? {
        if newPassword.count < 10 { return "Mật khẩu mới cần ít nhất 10 ký tự." }
        if newPassword.allSatisfy(\.isNumber) { return "Mật khẩu không được chỉ gồm chữ số." }
        return nil
    }
}

extension Application {
    private struct DummyPasswordKey: StorageKey { typealias Value = NIOLockedValueBox<String?> }

    /// Made at configure, empty: the hash is computed on the first login with an unknown name, not
    /// by every command at start (bcrypt at cost 10 is a tenth of a second).
    func prepareDummyPasswordHash() { storage[DummyPasswordKey.self] = NIOLockedValueBox(nil) }

    /// A bcrypt hash of a random password, made once with the same cost as real ones: checking an
    /// unknown name against it takes as long as checking a real account. Made on the thread pool,
    /// not under the lock: a tenth of a second would hold an event loop (ADR 0028). Two first
    /// attempts at once may each make one; the first kept is used from then on.
    func dummyPasswordHash() async throws -> String {
        guard let box = storage[DummyPasswordKey.self] else { throw Abort(.internalServerError) }
        if let hash = box.withLockedValue({ $0 }) { return hash }
        let made = try await threadPool.runIfActive { try self.password.hash(Secrets.token(bytes: 18)) }
        return box.withLockedValue { hash in
            if let hash { return hash }
            hash = made
            return made
        }
    }
}
