import Domain
import Vapor

extension Request {
    /// Today in the province's time zone (the profile's), for rules that read dates.
    func today() async throws -> LocalDate {
        try await profile().date(of: now)
    }
}
