/* EXPLAIN QUERY PLAN with the very SQLite the server runs: bench/explain.sh links this file with the
 * release build's copy of SQLite (VaporCSQLite, whose functions carry the prefix sqlite_nio_), so a
 * statement the server logged without its plan is explained by the same version and options.
 * Built with QLCB_EXTENSIONS (and the server's objects of CIDSet and CTicketWordPairs), it knows
 * what the server registers with its SQLite: the function qlcb_id_in (ADR 0020) and the tokenizer
 * of ticket word pairs (ADR 0022), which the statements name.
 * Usage: eqp DATABASE SQL → the plan as a tree, drawn as the sqlite3 shell draws it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite_nio_sqlite3.h"
#ifdef QLCB_EXTENSIONS
#include "CIDSet.h"
#include "CTicketWordPairs.h"
#endif

enum { MAX_ROWS = 1000 };
static int ids[MAX_ROWS], parents[MAX_ROWS], count;
static char *details[MAX_ROWS];

/* The children of `parent`, each after "|--" (or "`--" for the last one) and its own children. */
static void draw(int parent, const char *prefix) {
    for (int i = 0; i < count; i++) {
        if (parents[i] != parent) continue;
        int last = 1;
        for (int j = i + 1; j < count; j++) if (parents[j] == parent) { last = 0; break; }
        printf("%s%s%s\n", prefix, last ? "`--" : "|--", details[i]);
        char next[1024];
        snprintf(next, sizeof next, "%s%s", prefix, last ? "   " : "|  ");
        draw(ids[i], next);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: eqp DATABASE SQL\n"); return 2; }
    sqlite3 *db;
    sqlite3_stmt *stmt;
#ifdef QLCB_EXTENSIONS
    if (qlcb_id_set_register() != SQLITE_OK || qlcb_word_pairs_register() != SQLITE_OK) return 1;
#endif
    if (sqlite_nio_sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite_nio_sqlite3_errmsg(db));
        return 1;
    }
    size_t length = strlen(argv[2]) + 32;
    char *sql = malloc(length);
    snprintf(sql, length, "EXPLAIN QUERY PLAN %s", argv[2]);
    if (sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite_nio_sqlite3_errmsg(db));
        return 1;
    }
    while (sqlite_nio_sqlite3_step(stmt) == SQLITE_ROW && count < MAX_ROWS) {
        ids[count] = sqlite_nio_sqlite3_column_int(stmt, 0);
        parents[count] = sqlite_nio_sqlite3_column_int(stmt, 1);
        details[count] = strdup((const char *)sqlite_nio_sqlite3_column_text(stmt, 3));
        count++;
    }
    sqlite_nio_sqlite3_finalize(stmt);
    sqlite_nio_sqlite3_close(db);
    draw(0, "");
    return 0;
}
