import Fluent
import Vapor

/// Login with lockout: after `maxFailures` wrong passwords the account is locked for `lockMinutes`.
enum Login {
    static let maxFailures = 5
    static let lockMinutes = 15.0

    enum Outcome: Sendable { case success(UUID), wrongCredentials, locked(Date) }

    static func attempt(username: String, password: String, on req: Request) async throws -> Outcome {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await UserModel.query(on: req.db).filter(\.$username == name).first(),
              user.isActive, let userID = user.id else {
            try await req.write { try await AuditLog.append(
                AuditEvent(actorID: nil, actorName: name, action: "login.failed", entityType: "user"), on: $0) }
            return .wrongCredentials
        }
        if let until = user.lockedUntil, until > Date() {
            try await req.write { try await AuditLog.append(
                AuditEvent(actorID: userID, actorName: name, action: "login.locked", entityType: "user", entityID: userID), on: $0) }
            return .locked(until)
        }
        let ok = try await req.password.async.verify(password, created: user.passwordHash)
        return try await req.write { db in
            guard let fresh = try await UserModel.find(userID, on: db) else { return .wrongCredentials }
            if ok {
                fresh.failedLogins = 0
                fresh.lockedUntil = nil
                try await fresh.save(on: db)
                try await AuditLog.append(AuditEvent(actorID: userID, actorName: name, action: "login",
                                                     entityType: "user", entityID: userID), on: db)
                return .success(userID)
            }
            fresh.failedLogins += 1
            var outcome = Outcome.wrongCredentials
            if fresh.failedLogins >= maxFailures {
                let until = Date().addingTimeInterval(lockMinutes * 60)
                fresh.lockedUntil = until
                fresh.failedLogins = 0
                outcome = .locked(until)
            }
            try await fresh.save(on: db)
            try await AuditLog.append(AuditEvent(actorID: userID, actorName: name, action: "login.failed",
                                                 entityType: "user", entityID: userID), on: db)
            return outcome
        }
    }

    /// Rules for a new password, with the message shown next to the field.
    static func problem(newPassword: String) -> String? {
        if newPassword.count < 10 { return "Mật khẩu mới cần ít nhất 10 ký tự." }
        if newPassword.allSatisfy(\.isNumber) { return "Mật khẩu không được chỉ gồm chữ số." }
        return nil
    }
}
