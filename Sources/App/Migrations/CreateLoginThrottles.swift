import Fluent

/// Failed-login counters by account and by client address, and the addresses an account signed in
/// from (ADR 0007). Instants are seconds since 1970 (UTC) so that both databases compare them alike.
struct CreateLoginThrottles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginThrottle.table)
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int64, .required)
            .field("blocked_until", .double)
            .field("last_failure_at", .double)
            .field("last_success_at", .double)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginThrottle.table).delete()
    }
}
