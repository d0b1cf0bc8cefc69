import Domain
import Fluent
import Foundation
import SQLKit

/// The names a page of audit entries mentions, looked up together: each actor by full name and role,
/// each record by what people call it (an officer's or agency's name, a ticket's number and year).
struct AuditNames: Sendable {
    var actors: [UUID: String] = [:]
    var actorsByUsername: [String: String] = [:]
    var users: [UUID: String] = [:]
    var officers: [UUID: String] = [:]
    var agencies: [UUID: String] = [:]
    var tickets: [UUID: String] = [:]
    var trainings: [UUID: String] = [:]
    var years: [UUID: String] = [:]
    var profiles: [UUID: String] = [:]
    var tokens: [UUID: String] = [:]

    /// Who acted: "Họ và tên (vai trò)"; the commands and the demo are the system; a name typed at the
    /// login form that matches no account is shown as typed.
    func actor(of entry: AuditEntryModel) -> String {
        if let id = entry.actorID, let name = actors[id] { return name }
        if let name = actorsByUsername[entry.actorName] { return name }
        if let system = Self.systemActors[entry.actorName] { return system }
        if entry.actorName == "(khách)" { return "Người chưa đăng nhập" }
        if entry.action == "login.failed" { return "Tên đăng nhập “\(entry.actorName)”" }
        return entry.actorName
    }

    static let systemActors = [
        "qlcb demo": "Hệ thống (nạp dữ liệu mẫu)", "qlcb migrate": "Hệ thống (nâng cấp cơ sở dữ liệu)",
        "qlcb evaluate": "Hệ thống (xét cuối năm)", "qlcb create-user": "Hệ thống (lệnh tạo tài khoản)",
        "qlcb token": "Hệ thống (lệnh cấp mã truy cập)",
    ]

    /// Every name is read as a plain row of its id and name (ADR 0006): as models, the history of a
    /// record read each actor's account, its grants and every named record whole, and Fluent's
    /// decoding of them cost more than the statements (issue 14).
    static func load(for entries: [AuditEntryModel], on db: any Database) async throws -> AuditNames {
        var names = AuditNames()
        let ids = Set(entries.compactMap(\.entityID))
        let typed = { (type: String) in Array(Set(entries.filter { $0.entityType == type }.compactMap(\.entityID))) }
        try await names.loadUsers(ids: Array(Set(entries.compactMap(\.actorID)).union(typed("user"))),
                                  usernames: Array(Set(entries.filter { $0.actorID == nil }.map(\.actorName))), on: db)
        names.officers = try await named(OfficerModel.schema, "full_name", Array(ids), on: db)
        names.agencies = try await named(AgencyModel.schema, "name", Array(ids.union(entries.flatMap { Self.referencedAgencies(in: $0) })), on: db)
        let ticketIDs = typed("ticket")
        if !ticketIDs.isEmpty {
            names.tickets = Dictionary(try await RawRows.all("""
                SELECT t.id, t.number, t.year, t.requested_on, o.full_name FROM \(name: WorkTicketModel.schema) t
                LEFT JOIN \(name: OfficerModel.schema) o ON o.id = t.officer_id WHERE t.id IN (\(binds: ticketIDs.sorted()))
                """, on: db) { row in
                (try row.required("id", row.uuid), ticketName(number: try row.int("number"), year: try row.int("year") ?? 0,
                                                             requestedOn: try row.string("requested_on", default: ""),
                                                             officer: try row.string("full_name")))
            }, uniquingKeysWith: { first, _ in first })
        }
        names.trainings = try await named(TrainingEventModel.schema, "title", typed("trainingEvent"), on: db)
        names.years = try await named(EvaluationYearModel.schema, "CAST(year AS TEXT)", typed("evaluationYear"), on: db)
        names.profiles = try await named(ProfileModel.schema, "code", typed("profile"), on: db)
        names.tokens = try await named(APITokenModel.schema, "name", typed("apiToken"), on: db)
        return names
    }

    /// Accounts by id or username, each shown as "Họ và tên (vai trò)", read as plain rows.
    mutating func loadUsers(ids: [UUID], usernames: [String], on db: any Database) async throws {
        guard !ids.isEmpty || !usernames.isEmpty else { return }
        let byID: SQLQueryString = ids.isEmpty ? "FALSE" : "id IN (\(binds: ids.sorted()))"
        let byName: SQLQueryString = usernames.isEmpty ? "FALSE" : "username IN (\(binds: usernames.sorted()))"
        let found = try await RawRows.all("""
            SELECT id, username, full_name FROM \(name: UserModel.schema) WHERE \(byID) OR \(byName) ORDER BY id
            """, on: db) { row in
            (id: try row.required("id", row.uuid), username: try row.string("username", default: ""), fullName: try row.string("full_name", default: ""))
        }
        guard !found.isEmpty else { return }
        var roles: [UUID: Set<Role>] = [:]
        for (user, role) in try await RawRows.all("""
            SELECT user_id, role FROM \(name: RoleGrantModel.schema) WHERE user_id IN (\(binds: found.map(\.id)))
            """, on: db, { row in (try row.required("user_id", row.uuid), Role(rawValue: try row.string("role", default: ""))) }) {
            if let role { roles[user, default: []].insert(role) }
        }
        for user in found {
            let labels = Role.allCases.filter { roles[user.id]?.contains($0) == true }.map(\.label)
            let shown = labels.isEmpty || labels == [user.fullName] ? user.fullName : "\(user.fullName) (\(labels.joined(separator: ", ")))"
            actors[user.id] = shown
            actorsByUsername[user.username] = shown
            users[user.id] = user.fullName
        }
    }

    /// Who a username is, for records that kept only the username (the steps of an evaluation year).
    static func actor(username: String, in names: AuditNames) -> String {
        names.actorsByUsername[username] ?? systemActors[username] ?? username
    }

    /// The `name` (a column, or an expression of the row's columns) of each row of `table` among `ids`.
    private static func named(_ table: String, _ name: String, _ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await RawRows.all("""
            SELECT id, \(unsafeRaw: name) AS name FROM \(name: table) WHERE id IN (\(binds: ids.sorted()))
            """, on: db) { row in (try row.required("id", row.uuid), try row.string("name", default: "")) }, uniquingKeysWith: { first, _ in first })
    }

    /// "số 3/2026 của Trần Minh Khoa"; a request not yet taken has no number.
    static func ticketName(number: Int?, year: Int, requestedOn: String, officer: String?) -> String {
        let number = number.map { "số \($0)/\(year)" } ?? "yêu cầu ngày \(LocalDate(iso: requestedOn)?.vietnamese ?? requestedOn)"
        return officer.map { "\(number) của \($0)" } ?? number
    }

    /// Agencies named inside an entry: the two ends of a transfer, the agency of a role grant.
    static func referencedAgencies(in entry: AuditEntryModel) -> [UUID] {
        guard ["officer.transfer", "user.create", "user.grant", "user.revoke"].contains(entry.action) else { return [] }
        return (entry.before + " " + entry.after).split(whereSeparator: { " @,".contains($0) }).compactMap { UUID(uuidString: String($0)) }
    }
}
