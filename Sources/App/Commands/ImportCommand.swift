import Domain
import Fluent
import Vapor

/// `qlcb import agencies|officers FILE.csv [--as USERNAME]`
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "agencies hoặc officers") var kind: String
        @Argument(name: "file") var file: String
        @Option(name: "as", help: "Người dùng ghi vào nhật ký (mặc định: admin)") var actor: String?
    }

    var help: String { "Nhập cơ quan hoặc cán bộ CNTT từ tệp CSV UTF-8; có lỗi thì không nhập dòng nào." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure(description: "Không đọc được tệp \(signature.file).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(description: "Tệp không phải UTF-8. Trong Excel chọn “CSV UTF-8 (phân tách bằng dấu phẩy)”.")
        }
        let username = signature.actor ?? "admin"
        guard let user = try await UserModel.query(on: app.db).filter(\.$username == username).first(),
              let viewer = try await Viewer.load(userID: user.id!, on: app.db) else {
            throw CommandFailure(description: "Không có người dùng “\(username)”; dùng --as USERNAME.")
        }
        let rows = CSVReader.parse(text)
        let console = context.console
        let progress: @Sendable (Int, Int) -> Void = { done, total in console.print("  \(done)/\(total)") }
        let profile = try await ProfileStore.active(on: app.db)
        let today = profile.date(of: app.clock.now())
        do {
            let count: Int
            switch signature.kind {
            case "agencies":
                count = try await app.write { try await RegistryImport.agencies(rows, by: viewer, on: $0, progress: progress) }
            case "officers":
                count = try await app.write { try await RegistryImport.officers(rows, by: viewer, today: today, on: $0, progress: progress) }
            default:
                throw CommandFailure(description: "Chọn agencies hoặc officers.")
            }
            console.print("Đã nhập \(count) bản ghi.")
        } catch let failure as RegistryImport.Failure {
            throw CommandFailure(description: failure.description)
        }
    }
}
