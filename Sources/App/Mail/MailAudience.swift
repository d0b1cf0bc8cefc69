import Domain
import Fluent
import Foundation

/// The accounts a letter goes to: every active account the policy chooses (`AccessPolicy`'s
/// `receives…` in Domain/Access/MailAccess.swift) that has an address — its own, or else its
/// officer record's. An account without either gets no letter (docs/operations.md).
enum MailAudience {
    struct Member: Sendable {
        var recipient: MailRecipient
        var policy: AccessPolicy
    }

    static func members(on db: any Database) async throws -> [Member] {
        let users = try await UserModel.query(on: db).filter(\.$isActive == true).with(\.$grants).sort(\.$username).all()
        let officerIDs = users.compactMap(\.officerID)
        let officers = officerIDs.isEmpty ? [] : try await OfficerModel.query(on: db).filter(\.$id ~~ officerIDs).all()
        let officerMail = Dictionary(officers.map { ($0.id!, $0.email) }, uniquingKeysWith: { a, _ in a })
        return users.compactMap { user in
            let own = user.email.trimmingCharacters(in: .whitespaces)
            let address = own.isEmpty ? (user.officerID.flatMap { officerMail[$0] } ?? "").trimmingCharacters(in: .whitespaces) : own
            guard !address.isEmpty else { return nil }
            return Member(recipient: MailRecipient(userID: user.id, name: user.fullName, address: address),
                          policy: AccessPolicy(grants: user.grants.compactMap(\.grant), officerID: user.officerID))
        }
    }

    static func recipients(on db: any Database, where chosen: (AccessPolicy) -> Bool) async throws -> [MailRecipient] {
        try await members(on: db).filter { chosen($0.policy) }.map(\.recipient)
    }

    /// One account's recipient entry (nil: inactive, or no address).
    static func user(_ id: UUID, on db: any Database) async throws -> MailRecipient? {
        guard let user = try await UserModel.find(id, on: db), user.isActive else { return nil }
        var address = user.email.trimmingCharacters(in: .whitespaces)
        if address.isEmpty, let officerID = user.officerID {
            address = try await OfficerModel.find(officerID, on: db)?.email.trimmingCharacters(in: .whitespaces) ?? ""
        }
        return address.isEmpty ? nil : MailRecipient(userID: user.id, name: user.fullName, address: address)
    }
}
