import Domain
import Fluent
import Foundation

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

    static func load(for entries: [AuditEntryModel], on db: any Database) async throws -> AuditNames {
        var names = AuditNames()
        let ids = Set(entries.compactMap(\.entityID))
        let typed = { (type: String) in Array(Set(entries.filter { $0.entityType == type }.compactMap(\.entityID))) }
        try await names.loadUsers(ids: Array(Set(entries.compactMap(\.actorID)).union(typed("user"))),
                                  usernames: Array(Set(entries.filter { $0.actorID == nil }.map(\.actorName))), on: db)
        let officerIDs = Array(ids)
        if !officerIDs.isEmpty {
            names.officers = named(try await OfficerModel.query(on: db).filter(\.$id ~~ officerIDs).all()) { $0.fullName }
        }
        let agencyIDs = Array(ids.union(entries.flatMap { Self.referencedAgencies(in: $0) }))
        if !agencyIDs.isEmpty {
            names.agencies = named(try await AgencyModel.query(on: db).filter(\.$id ~~ agencyIDs).all()) { $0.name }
        }
        let ticketIDs = typed("ticket")
        if !ticketIDs.isEmpty {
            names.tickets = named(try await WorkTicketModel.query(on: db).with(\.$officer).filter(\.$id ~~ ticketIDs).all(), ticketName)
        }
        let trainingIDs = typed("trainingEvent")
        if !trainingIDs.isEmpty {
            names.trainings = named(try await TrainingEventModel.query(on: db).filter(\.$id ~~ trainingIDs).all()) { $0.title }
        }
        let yearIDs = typed("evaluationYear")
        if !yearIDs.isEmpty {
            names.years = named(try await EvaluationYearModel.query(on: db).filter(\.$id ~~ yearIDs).all()) { String($0.year) }
        }
        let profileIDs = typed("profile")
        if !profileIDs.isEmpty {
            names.profiles = named(try await ProfileModel.query(on: db).filter(\.$id ~~ profileIDs).all()) { $0.code }
        }
        let tokenIDs = typed("apiToken")
        if !tokenIDs.isEmpty {
            names.tokens = named(try await APITokenModel.query(on: db).filter(\.$id ~~ tokenIDs).all()) { $0.name }
        }
        return names
    }

    /// Accounts by id or username, each shown as "Họ và tên (vai trò)".
    mutating func loadUsers(ids: [UUID], usernames: [String], on db: any Database) async throws {
        var found = ids.isEmpty ? [] : try await UserModel.query(on: db).filter(\.$id ~~ ids).all()
        if !usernames.isEmpty { found += try await UserModel.query(on: db).filter(\.$username ~~ usernames).all() }
        let grants = found.isEmpty ? [] : try await RoleGrantModel.query(on: db).filter(\.$user.$id ~~ found.compactMap(\.id)).all()
        for user in found {
            guard let id = user.id else { continue }
            let roles = grants.filter { $0.$user.id == id }.compactMap { Role(rawValue: $0.role) }
            let labels = Role.allCases.filter(roles.contains).map(\.label)
            let shown = labels.isEmpty || labels == [user.fullName] ? user.fullName : "\(user.fullName) (\(labels.joined(separator: ", ")))"
            actors[id] = shown
            actorsByUsername[user.username] = shown
            users[id] = user.fullName
        }
    }

    /// Who a username is, for records that kept only the username (the steps of an evaluation year).
    static func actor(username: String, in names: AuditNames) -> String {
        names.actorsByUsername[username] ?? systemActors[username] ?? username
    }

    private static func named<M: Model>(_ models: [M], _ name: (M) -> String) -> [UUID: String] where M.IDValue == UUID {
        Dictionary(models.compactMap { model in model.id.map { ($0, name(model)) } }, uniquingKeysWith: { first, _ in first })
    }

    /// "số 3/2026 của Trần Minh Khoa"; a request not yet taken has no number.
    static func ticketName(_ t: WorkTicketModel) -> String {
        let number = t.number.map { "số \($0)/\(t.year)" } ?? "yêu cầu ngày \(LocalDate(iso: t.requestedOn)?.vietnamese ?? t.requestedOn)"
        return t.officer.map { "\(number) của \($0.fullName)" } ?? number
    }

    /// Agencies named inside an entry: the two ends of a transfer, the agency of a role grant.
    static func referencedAgencies(in entry: AuditEntryModel) -> [UUID] {
        guard ["officer.transfer", "user.create", "user.grant", "user.revoke"].contains(entry.action) else { return [] }
        return (entry.before + " " + entry.after).split(whereSeparator: { " @,".contains($0) }).compactMap { UUID(uuidString: String($0)) }
    }
}
