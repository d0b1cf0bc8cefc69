import Fluent
import Foundation

/// One line of a record's history, from the audit log.
struct HistoryRow: Encodable, Sendable {
    var at: String
    var actor: String
    var action: String

    static let labels: [String: String] = [
        "agency.create": "Tạo cơ quan", "agency.update": "Sửa thông tin", "agency.deactivate": "Ngừng hoạt động",
        "agency.reactivate": "Khôi phục hoạt động", "agency.itLevel": "Cập nhật mức ứng dụng CNTT",
        "officer.create": "Tạo hồ sơ", "officer.update": "Sửa hồ sơ", "officer.status": "Đổi trạng thái công tác",
        "officer.transfer": "Chuyển công tác", "permission.denied": "Bị từ chối truy cập",
    ]

    static func load(entityID: UUID, on db: any Database) async throws -> [HistoryRow] {
        try await RegistryQueries.history(entityID: entityID, on: db).filter { $0.action != "permission.denied" }.map {
            HistoryRow(at: Self.local($0.at), actor: $0.actorName, action: labels[$0.action] ?? $0.action)
        }
    }

    /// The stored UTC instant shown in Asia/Ho_Chi_Minh as dd/MM/yyyy HH:mm.
    static func local(_ iso: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = parser.date(from: iso) else { return iso }
        return VietnameseTime.format(date)
    }
}

/// An instant as Vietnamese pages show it: dd/MM/yyyy HH:mm where the regulation applies.
enum VietnameseTime {
    static func format(_ date: Date, zone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        formatter.timeZone = zone
        return formatter.string(from: date)
    }
}
