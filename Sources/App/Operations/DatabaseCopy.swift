import Fluent
import Foundation
import SQLKit
import Vapor

/// A consistent copy of the running database and its way back (docs/operations.md).
/// SQLite: `VACUUM INTO` writes a snapshot of one read transaction while the server keeps writing;
/// the restore copies its tables into the empty database through `ATTACH` on one connection.
/// PostgreSQL: `pg_dump --format=custom` (one snapshot) and `pg_restore --single-transaction`.
enum DatabaseCopy {
    enum Kind: String { case sqlite, postgresql }

    static func kind(of app: Application) -> Kind {
        (app.db as? any SQLDatabase)?.dialect.name == "sqlite" ? .sqlite : .postgresql
    }

    static func fileName(_ kind: Kind) -> String { kind == .sqlite ? "database.sqlite" : "database.pgdump" }

    /// Writes the copy to `path`.
    static func dump(_ app: Application, to path: String) async throws {
        switch kind(of: app) {
        case .sqlite:
            guard let sql = app.db as? any SQLDatabase else { return }
            try await sql.raw("VACUUM INTO \(unsafeRaw: literal(path))").run()
        case .postgresql:
            let (uri, password) = try connection(app)
            try Tools.run(try Tools.find("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges",
                                                      "--file=\(path)", "--dbname=\(uri)"],
                          environment: password.map { ["PGPASSWORD": $0] } ?? [:], what: "chạy pg_dump")
        }
    }

    /// True when the database has no table of its own: never migrated, nothing to overwrite.
    static func isEmpty(_ app: Application) async throws -> Bool {
        guard let sql = app.db as? any SQLDatabase else { return false }
        let query: SQLQueryString = kind(of: app) == .sqlite
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
        return try await sql.raw(query).first()?.decode(column: "n", as: Int.self) == 0
    }

    /// Loads the copy at `path` into the (empty) database.
    static func restore(_ app: Application, from path: String) async throws {
        switch kind(of: app) {
        case .sqlite:
            try await app.db.withConnection { connection in
                guard let sql = connection as? any SQLDatabase else { return }
                try await sql.raw("ATTACH DATABASE \(unsafeRaw: literal(path)) AS backup").run()
                do {
                    try await copyTables(sql)
                } catch {
                    try? await sql.raw("DETACH DATABASE backup").run()
                    throw error
                }
                try await sql.raw("DETACH DATABASE backup").run()
            }
            try await SQLiteStatistics.refresh(on: app.db)
        case .postgresql:
            let (uri, password) = try connection(app)
            try Tools.run(try Tools.find("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error",
                                                         "--single-transaction", "--dbname=\(uri)", path],
                          environment: password.map { ["PGPASSWORD": $0] } ?? [:], what: "chạy pg_restore")
        }
    }

    /// Tables first (in the order they were created), their rows, then indexes and triggers — one
    /// transaction, foreign keys checked at its end. A virtual table (the trigram indexes of names)
    /// makes its own shadow tables and is filled through itself: its shadow tables are not copied.
    /// The indexes of ticket words and word pairs keep no texts to copy: each is filled from the
    /// tickets, under the keys copied before it (`AddTicketWordIndexSQLite`).
    private static func copyTables(_ sql: any SQLDatabase) async throws {
        struct Object: Decodable { var type: String; var name: String; var sql: String }
        let objects = try await sql.raw("""
            SELECT type, name, sql FROM backup.sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
              AND name NOT IN (SELECT name FROM pragma_table_list WHERE schema = 'backup' AND type = 'shadow')
            ORDER BY rowid
            """).all(decoding: Object.self)
        try await sql.raw("BEGIN IMMEDIATE").run()
        do {
            try await sql.raw("PRAGMA defer_foreign_keys = ON").run()
            for table in objects where table.type == "table" {
                try await sql.raw("\(unsafeRaw: table.sql)").run()
                if [AddTicketWordIndexSQLite.index, AddTicketWordPairIndexSQLite.index].contains(table.name) {
                    try await sql.raw(AddTicketWordIndexSQLite.fill(table.name, schema: "main")).run()
                } else {
                    try await sql.raw("INSERT INTO main.\(name: table.name) SELECT * FROM backup.\(name: table.name)").run()
                }
            }
            let hasSequence = try await sql.raw("SELECT COUNT(*) AS n FROM backup.sqlite_master WHERE name = 'sqlite_sequence'")
                .first()?.decode(column: "n", as: Int.self) ?? 0 > 0
            if hasSequence { try await sql.raw("INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence").run() }
            for other in objects where other.type != "table" {
                try await sql.raw("\(unsafeRaw: other.sql)").run()
            }
            try await sql.raw("COMMIT").run()
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    /// The PostgreSQL address for libpq without its password (given through PGPASSWORD instead, so
    /// that it never shows in the process list).
    private static func connection(_ app: Application) throws -> (String, String?) {
        guard case .postgres(let url) = app.databaseChoice, var parts = URLComponents(string: url) else {
            throw CommandFailure(description: "Không xác định được địa chỉ PostgreSQL (DATABASE_URL).")
        }
        let password = parts.password
        parts.password = nil
        return (parts.string ?? url, password)
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

extension Application {
    private struct DatabaseChoiceKey: StorageKey { typealias Value = AppConfig.DatabaseChoice }
    /// The database `configure` chose (from `DATABASE_URL` or the tests' URL).
    var databaseChoice: AppConfig.DatabaseChoice? {
        get { storage[DatabaseChoiceKey.self] }
        set { storage[DatabaseChoiceKey.self] = newValue }
    }
}
