import Domain
import Fluent
import Vapor

/// `qlcb create-user --username U --full-name "…" --role ROLE [--agency ID] [--officer ID] [--password P]`
struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username") var username: String?
        @Option(name: "full-name") var fullName: String?
        @Option(name: "role", help: "Một trong: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String?
        @Option(name: "agency") var agency: String?
        @Option(name: "officer") var officer: String?
        @Option(name: "password", help: "Bỏ trống để nhập ẩn") var password: String?
    }

    var help: String { "Tạo tài khoản người dùng với một vai trò." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let username = signature.username ?? context.console.ask("Tên đăng nhập:")
        let fullName = signature.fullName ?? context.console.ask("Họ và tên:")
        guard let role = Role(rawValue: signature.role ?? context.console.ask("Vai trò:")) else {
            throw CommandFailure(description: "Vai trò không hợp lệ. Chọn một trong: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let password = signature.password ?? context.console.ask("Mật khẩu:", isSecure: true)
        let errors = UserService.validate(username: username, fullName: fullName, password: password)
        guard errors.isEmpty else {
            throw CommandFailure(description: errors.messages.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "\n"))
        }
        let hash = try await app.password.async.hash(password)
        let grant = RoleGrant(role: role, agencyID: signature.agency.flatMap(UUID.init(uuidString:)))
        let officerID = signature.officer.flatMap(UUID.init(uuidString:))
        do {
            let user = try await app.write { try await UserService.create(
                username: username, fullName: fullName, passwordHash: hash, grants: [grant], officerID: officerID,
                actor: (nil, "qlcb create-user"), on: $0) }
            context.console.print("Đã tạo tài khoản \(user.username) (\(role.label)).")
        } catch let errors as FieldErrors {
            throw CommandFailure(description: errors.messages.values.sorted().joined(separator: "\n"))
        }
    }
}

/// `qlcb token create --user USERNAME [--name NAME]`: prints a new bearer token once.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action") var action: String
        @Option(name: "user") var user: String?
        @Option(name: "name") var name: String?
    }

    var help: String { "Tạo mã truy cập API cho một người dùng (token create --user U)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CommandFailure(description: "Chỉ hỗ trợ: qlcb token create --user USERNAME") }
        guard let username = signature.user?.lowercased(),
              let user = try await UserModel.query(on: context.application.db).filter(\.$username == username).first() else {
            throw CommandFailure(description: "Không tìm thấy người dùng.")
        }
        let name = signature.name ?? "Tạo bằng dòng lệnh"
        let userID = user.id!
        let token = try await context.application.write {
            try await APITokens.issue(userID: userID, actor: "qlcb token", name: name, on: $0)
        }
        context.console.print(token)
    }
}
