import Fluent
import SQLKit

/// A ticket list searched for a text (`q`) walked the year's tickets newest first and tested each
/// one's folded text: a text few tickets hold read the whole year (25 ms of CPU at 20,000 tickets a
/// year, the better part of a second at 600,000). An FTS5 index of the trigrams of each ticket's
/// folded text now names the tickets that may hold it (`TicketText`, ADR 0017). SQLite only.
///
/// - `detail=none`: only which tickets hold a trigram, not where; the search checks each candidate
///   against the whole text anyway. The index is about the size of the text it indexes.
/// - The index's own rowid links it to a ticket through `ticket_text_keys`, whose integer key is
///   stable: a ticket's `rowid` is not (`VACUUM INTO` and the restore may renumber it), and the
///   names' way (the id as an unindexed column) would make each ticket's update scan the index.
///   The restore copies a virtual table's rows with their rowids (`DatabaseCopy`).
struct AddTicketTextSearchSQLite: AsyncMigration {
    static let index = "ticket_text_trigrams"
    static let keys = "ticket_text_keys"

    /// In one transaction, like the names' index: no ticket is written between the filling and the
    /// triggers, and a failure leaves nothing half made.
    func prepare(on database: any Database) async throws {
        guard (database as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            let (t, i, k) = (WorkTicketModel.schema, Self.index, Self.keys)
            try await sql.raw("CREATE TABLE \(ident: k) (key INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE)").run()
            try await sql.raw("""
                CREATE VIRTUAL TABLE \(ident: i) USING fts5(search_folded, tokenize = 'trigram', detail = 'none')
                """).run()
            try await sql.raw("INSERT INTO \(ident: k) (ticket_id) SELECT id FROM \(ident: t) ORDER BY rowid").run()
            try await sql.raw("""
                INSERT INTO \(ident: i) (rowid, search_folded)
                SELECT k.key, t.search_folded FROM \(ident: k) k JOIN \(ident: t) t ON t.id = k.ticket_id ORDER BY k.key
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(ident: i + "_insert") AFTER INSERT ON \(ident: t) BEGIN
                  INSERT INTO \(ident: k) (ticket_id) VALUES (new.id);
                  INSERT INTO \(ident: i) (rowid, search_folded)
                  VALUES ((SELECT key FROM \(ident: k) WHERE ticket_id = new.id), new.search_folded);
                END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(ident: i + "_update") AFTER UPDATE OF id, search_folded ON \(ident: t)
                WHEN old.id IS NOT new.id OR old.search_folded IS NOT new.search_folded BEGIN
                  UPDATE \(ident: k) SET ticket_id = new.id WHERE ticket_id = old.id;
                  UPDATE \(ident: i) SET search_folded = new.search_folded
                  WHERE rowid = (SELECT key FROM \(ident: k) WHERE ticket_id = new.id);
                END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(ident: i + "_delete") AFTER DELETE ON \(ident: t) BEGIN
                  DELETE FROM \(ident: i) WHERE rowid = (SELECT key FROM \(ident: k) WHERE ticket_id = old.id);
                  DELETE FROM \(ident: k) WHERE ticket_id = old.id;
                END
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for suffix in ["_insert", "_update", "_delete"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(ident: Self.index + suffix)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS \(ident: Self.index)").run()
        try await sql.raw("DROP TABLE IF EXISTS \(ident: Self.keys)").run()
    }
}
