import Fluent
import SQLKit

/// The index of ticket word pairs (`TicketWordPairs`, ADR 0022). SQLite only.
///
/// - Contentless like the index of words, under the same keys (`ticket_word_keys`), and without
///   positions (`detail = none`): a pair is asked only whether a ticket holds it, and each candidate
///   is tested against the whole text anyway.
/// - Its tokens come from the tokenizer `qlcb_word_pairs`, which the server registers with every
///   connection of its SQLite: another program (the `sqlite3` shell) can read the tickets but not
///   write them, since the triggers below write this index.
/// - The words index's triggers are made again with a statement for each index, in order: the key
///   a new ticket gets is made first (SQLite does not say in which order two triggers run).
struct AddTicketWordPairIndexSQLite: AsyncMigration {
    static let index = "ticket_word_pairs"

    func prepare(on database: any Database) async throws {
        guard (database as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            try await sql.raw("""
                CREATE VIRTUAL TABLE \(name: Self.index) USING fts5(search_folded, content = '', detail = none, tokenize = 'qlcb_word_pairs')
                """).run()
            try await sql.raw(AddTicketWordIndexSQLite.fill(Self.index, schema: "main")).run()
            try await AddTicketWordIndexSQLite.dropTriggers(sql)
            try await AddTicketWordIndexSQLite.createTriggers([AddTicketWordIndexSQLite.index, Self.index], sql)
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await AddTicketWordIndexSQLite.dropTriggers(sql)
        try await AddTicketWordIndexSQLite.createTriggers([AddTicketWordIndexSQLite.index], sql)
        try await sql.raw("DROP TABLE IF EXISTS \(name: Self.index)").run()
    }
}
