import Fluent

/// A head's dashboard counts how many of their officers were signed for the month
/// (`Reminders.headedLogs`, issue 14): this index reads the month's sign-offs alone. With only the
/// unique (officer, period) index, PostgreSQL probed it once per officer in reach (a district head at
/// 200,000 officers: 25,810 probes, 157 ms) or read every sign-off of every month (227 ms); with it,
/// 27 ms (ADR 0017, fifteenth part).
struct AddSignOffPeriodIndex: IndexMigration {
    static let table = SignOffModel.schema
    static let columns = ["period_start", "officer_id"]
}
