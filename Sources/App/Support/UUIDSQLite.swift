import Foundation
import SQLiteNIO

/// A UUID is bound to SQLite and read from it as its canonical text, the form Fluent has always stored
/// there (upper case, what `uuidString` writes), through `UUIDText` instead of Foundation's `snprintf`
/// and `sscanf`: sqlite-kit encoded every bound id through `Encodable` (a head's evaluation page: 0.7 %
/// of the server's samples in `snprintf` for its binds alone; issue 14, ADR 0025). PostgreSQL binds its
/// own `uuid` type and is not concerned. `@retroactive`: SQLiteNIO does not say how a UUID is stored.
/// Should a later version say it, Swift only warns and takes that version's; the test of the bound
/// text (`anIdIsBoundToSQLiteAsTheTextFluentStoredAndReadBackFromIt`) then fails if it differs.
extension UUID: @retroactive SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        guard case .text(let text) = sqliteData else { return nil }
        self.init(canonical: text)
    }

    public var sqliteData: SQLiteData? { .text(canonicalText) }
}
