import Domain
import Fluent
import Vapor

/// `qlcb demo [--seed N] [--agencies N] [--officers N]`: migrates if needed, then loads the demo
/// province once (a second run only prints the logins).
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seed") var seed: Int?
        @Option(name: "agencies", help: "Số cơ quan tối thiểu (để đo hiệu năng)") var agencies: Int?
        @Option(name: "officers", help: "Số cán bộ tối thiểu (để đo hiệu năng)") var officers: Int?
        @Option(name: "tickets-per-officer-year", help: "Số phiếu công tác trung bình mỗi cán bộ mỗi năm (mặc định 12)")
        var ticketsPerOfficerYear: Int?
    }

    var help: String { "Tạo dữ liệu mẫu: một tỉnh với cơ quan, cán bộ CNTT và tài khoản cho mọi vai trò." }

    static let password = "qlcb-demo"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        if try await UserModel.query(on: app.db).filter(\.$username == "admin").first() != nil {
            context.console.print("Dữ liệu mẫu đã có sẵn.")
        } else {
            let today = LocalDate(app.clock.now(), in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
            let province = DemoProvince(seed: UInt64(signature.seed ?? 2013), extraAgencies: signature.agencies ?? 0,
                                        extraOfficers: signature.officers ?? 0, today: today).build()
            try await DemoLoader.load(province, on: app, console: context.console)
            try await DemoMail.load(now: Date(), on: app)
            let profile = try await ProfileStore.active(on: app.db)
            try await DemoWorkLogLoader.load(officers: province.officers, agencies: province.agencies,
                                             ticketsPerOfficerYear: max(1, signature.ticketsPerOfficerYear ?? 12),
                                             seed: UInt64(signature.seed ?? 2013), profile: profile, today: today,
                                             on: app, console: context.console)
            try await DemoEvaluationLoader.load(officers: province.officers, agencies: province.agencies, profile: profile,
                                                today: today, seed: UInt64(signature.seed ?? 2013), on: app)
            try await DemoPreScreening.load(today: today, on: app)
            try await DemoDutiesLoader.load(province: province.agencies, officers: province.officers, profile: profile, today: today, on: app)
            try await SQLiteStatistics.gather(on: app.db)
        }
        context.console.print("")
        context.console.print("Tài khoản mẫu (mật khẩu chung: \(Self.password)):")
        for account in DemoLoader.accounts {
            context.console.print("  \(account.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(account.role.label)\(account.agency.map { " — " + $0 } ?? "")")
        }
    }
}
