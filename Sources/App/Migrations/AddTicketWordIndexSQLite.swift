import Fluent
import SQLKit

/// A ticket list searched for a text (`q`) walked the year's tickets newest first and tested each
/// one's folded text: a text few tickets hold read the whole year (1.4 s of CPU at 600,000 tickets
/// a year). An FTS5 index of the words of each ticket's folded text, with their positions, now names
/// the tickets that may hold it (`TicketText`, ADR 0017). SQLite only.
///
/// - Contentless (`content=''`): the index keeps the words and where they stand, not the text, which
///   stays in `work_tickets.search_folded` (the index: 291 MB in a 3.2 GB file at 1.9 M tickets). A contentless index
///   removes a text only when told the text it removes, which the triggers have (`old`).
/// - Words as `unicode61` makes them, diacritics kept: the text is folded already (`VietnameseText`).
/// - The index's own rowid links it to a ticket through `ticket_word_keys`, whose integer key is
///   stable: a ticket's `rowid` is not (`VACUUM INTO` and the restore may renumber it), and the
///   names' way (the id as an unindexed column) would make each ticket's update scan the index.
///   The restore fills the index again from the keys and the tickets (`DatabaseCopy`).
struct AddTicketWordIndexSQLite: AsyncMigration {
    static let index = "ticket_words"
    static let keys = "ticket_word_keys"

    /// In one transaction, like the names' index: no ticket is written between the filling and the
    /// triggers, and a failure leaves nothing half made.
    func prepare(on database: any Database) async throws {
        guard (database as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            let (t, i, k) = (WorkTicketModel.schema, Self.index, Self.keys)
            try await sql.raw("CREATE TABLE \(name: k) (key INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE)").run()
            try await sql.raw("""
                CREATE VIRTUAL TABLE \(name: i) USING fts5(search_folded, content = '', tokenize = 'unicode61 remove_diacritics 0')
                """).run()
            try await sql.raw("INSERT INTO \(name: k) (ticket_id) SELECT id FROM \(name: t) ORDER BY rowid").run()
            try await sql.raw(Self.fill(i, schema: "main")).run()
            try await Self.createTriggers([i], sql)
        }
    }

    /// Indexes every ticket's text under its key: the migration, and the restore of a copy (a
    /// contentless index cannot give its texts back to be copied).
    static func fill(_ index: String, schema: String) -> SQLQueryString {
        """
        INSERT INTO \(name: schema).\(name: index) (rowid, search_folded)
        SELECT k.key, t.search_folded FROM \(name: schema).\(name: keys) k
        JOIN \(name: schema).\(name: WorkTicketModel.schema) t ON t.id = k.ticket_id ORDER BY k.key
        """
    }

    /// The triggers that keep `indexes` (contentless, under the tickets' keys) as the tickets are
    /// written: a new ticket's key is made before any index is written under it, and a removed
    /// ticket's key goes after. A contentless index removes a text only when told the text (`old`).
    static func createTriggers(_ indexes: [String], _ sql: any SQLDatabase) async throws {
        let (t, k) = (WorkTicketModel.schema, keys)
        let key: (String) -> SQLQueryString = { "(SELECT key FROM \(name: k) WHERE ticket_id = \(unsafeRaw: $0).id)" }
        let add: (String) -> [SQLQueryString] = { row in indexes.map { i in
            "INSERT INTO \(name: i) (rowid, search_folded) VALUES (\(key(row)), \(unsafeRaw: row).search_folded);" } }
        let remove: (String) -> [SQLQueryString] = { row in indexes.map { i in
            "INSERT INTO \(name: i) (\(name: i), rowid, search_folded) VALUES ('delete', \(key(row)), old.search_folded);" } }
        try await sql.raw("""
            CREATE TRIGGER \(name: index + "_insert") AFTER INSERT ON \(name: t) BEGIN
              INSERT INTO \(name: k) (ticket_id) VALUES (new.id);
              \(add("new").joined(separator: "\n"))
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER \(name: index + "_update") AFTER UPDATE OF id, search_folded ON \(name: t)
            WHEN old.id IS NOT new.id OR old.search_folded IS NOT new.search_folded BEGIN
              UPDATE \(name: k) SET ticket_id = new.id WHERE ticket_id = old.id;
              \(remove("new").joined(separator: "\n"))
              \(add("new").joined(separator: "\n"))
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER \(name: index + "_delete") AFTER DELETE ON \(name: t) BEGIN
              \(remove("old").joined(separator: "\n"))
              DELETE FROM \(name: k) WHERE ticket_id = old.id;
            END
            """).run()
    }

    static func dropTriggers(_ sql: any SQLDatabase) async throws {
        for suffix in ["_insert", "_update", "_delete"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(name: index + suffix)").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await Self.dropTriggers(sql)
        try await sql.raw("DROP TABLE IF EXISTS \(name: Self.index)").run()
        try await sql.raw("DROP TABLE IF EXISTS \(name: Self.keys)").run()
    }
}
