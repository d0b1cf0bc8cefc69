import Fluent
import SQLKit

/// SQLite's twin of `AddNameTrigramIndexes`: a search by name scanned every agency or officer
/// (`instr`, 4–5 ms for the count and as much for a page of a rare name). Each table gets an FTS5
/// index of the trigrams of its folded names, kept by triggers, which names the records that may
/// hold a text of three characters or more (`NameTrigrams`, ADR 0017). Nothing on PostgreSQL (its
/// GIN indexes).
///
/// The index keeps the record's id beside its name, not a `rowid` link to the table: `VACUUM INTO`
/// (the backups, `DatabaseCopy`) may renumber the rowids of tables whose key is not an integer.
struct AddNameTrigramSearchSQLite: AsyncMigration {
    /// An index of names: the FTS5 table, the column holding the record's id, the table it follows.
    struct NameIndex: Sendable {
        var table: String
        var key: String
        var source: String
    }

    static let agencies = NameIndex(table: "agency_name_trigrams", key: "agency_id", source: AgencyModel.schema)
    static let officers = NameIndex(table: "officer_name_trigrams", key: "officer_id", source: OfficerModel.schema)

    /// In one transaction: a server still writing while `qlcb migrate` runs (the upgrade does not
    /// stop it) waits, so no record is written between the filling and the triggers; a failure
    /// leaves nothing half made.
    func prepare(on database: any Database) async throws {
        guard (database as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for index in [Self.agencies, Self.officers] { try await Self.make(index, on: sql) }
        }
    }

    private static func make(_ index: NameIndex, on sql: any SQLDatabase) async throws {
        let (t, k, s) = (index.table, index.key, index.source)
        try await sql.raw("""
            CREATE VIRTUAL TABLE \(name: t) USING fts5(\(name: k) UNINDEXED, name_folded, tokenize = 'trigram')
            """).run()
        try await sql.raw("""
            INSERT INTO \(name: t) (\(name: k), name_folded) SELECT id, name_folded FROM \(name: s)
            """).run()
        try await sql.raw("""
            CREATE TRIGGER \(name: t + "_insert") AFTER INSERT ON \(name: s) BEGIN
              INSERT INTO \(name: t) (\(name: k), name_folded) VALUES (new.id, new.name_folded);
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER \(name: t + "_update") AFTER UPDATE OF id, name_folded ON \(name: s)
            WHEN old.id IS NOT new.id OR old.name_folded IS NOT new.name_folded BEGIN
              DELETE FROM \(name: t) WHERE \(name: k) = old.id;
              INSERT INTO \(name: t) (\(name: k), name_folded) VALUES (new.id, new.name_folded);
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER \(name: t + "_delete") AFTER DELETE ON \(name: s) BEGIN
              DELETE FROM \(name: t) WHERE \(name: k) = old.id;
            END
            """).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for index in [Self.agencies, Self.officers] {
            for suffix in ["_insert", "_update", "_delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(name: index.table + suffix)").run()
            }
            try await sql.raw("DROP TABLE IF EXISTS \(name: index.table)").run()
        }
    }
}
