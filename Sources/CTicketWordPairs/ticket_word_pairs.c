/* The tokenizer of the index of ticket word pairs (docs/adr/0022-ticket-word-pairs.md).
 *
 * A ticket's folded text is cut into words: runs of the bytes 0-9 and a-z, every other byte a
 * separator (the same words the search text is cut into, TicketText.swift). For each two words u, v
 * that stand next to each other it gives two tokens:
 *   "u>v"   u, then v      (asked as "u>v" or, v being the start of a word, "u>v" *)
 *   "v<ū"   v after u, ū being u reversed   (asked as "v<ū" or, u being the end of a word, "v<ū" *)
 * Each word keeps at most QLCB_WORD_PAIRS_WORD_LIMIT bytes: the first ones in u>v and in v of v<ū,
 * the last ones in ū. A question (FTS5_TOKENIZE_QUERY) is one token, as written: the server forms it.
 */
#include <string.h>
#include "sqlite_nio_sqlite3.h"
#include "CTicketWordPairs.h"

typedef int (*TokenCallback)(void *, int, const char *, int, int, int);

static int is_word_byte(unsigned char b) { return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z'); }

static int pairs_create(void *context, const char **arguments, int count, Fts5Tokenizer **tokenizer) {
    (void)context; (void)arguments; (void)count;
    static int instance;
    *tokenizer = (Fts5Tokenizer *)&instance;
    return SQLITE_OK;
}

static void pairs_delete(Fts5Tokenizer *tokenizer) { (void)tokenizer; }

/* The two tokens of the words text[us, ue) and text[vs, ve). */
static int emit_pair(const char *text, int us, int ue, int vs, int ve, void *ctx, TokenCallback token) {
    enum { L = QLCB_WORD_PAIRS_WORD_LIMIT };
    char buffer[2 * L + 1];
    int ul = ue - us < L ? ue - us : L, vl = ve - vs < L ? ve - vs : L, n = 0;
    memcpy(buffer, text + us, (size_t)ul);
    n = ul;
    buffer[n++] = '>';
    memcpy(buffer + n, text + vs, (size_t)vl);
    n += vl;
    int rc = token(ctx, 0, buffer, n, us, ve);
    if (rc != SQLITE_OK) return rc;
    memcpy(buffer, text + vs, (size_t)vl);
    n = vl;
    buffer[n++] = '<';
    for (int i = 0; i < ul; i++) buffer[n++] = text[ue - 1 - i];
    return token(ctx, 0, buffer, n, us, ve);
}

static int pairs_tokenize(Fts5Tokenizer *tokenizer, void *ctx, int flags, const char *text, int length,
                          TokenCallback token) {
    (void)tokenizer;
    if (flags & FTS5_TOKENIZE_QUERY) return length > 0 ? token(ctx, 0, text, length, 0, length) : SQLITE_OK;
    int previous_start = -1, previous_end = -1, i = 0;
    while (i < length) {
        while (i < length && !is_word_byte((unsigned char)text[i])) i++;
        if (i == length) break;
        int start = i;
        while (i < length && is_word_byte((unsigned char)text[i])) i++;
        if (previous_start >= 0) {
            int rc = emit_pair(text, previous_start, previous_end, start, i, ctx, token);
            if (rc != SQLITE_OK) return rc;
        }
        previous_start = start;
        previous_end = i;
    }
    return SQLITE_OK;
}

static int pairs_install(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
    (void)error; (void)api;
    fts5_api *fts5 = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite_nio_sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) != SQLITE_OK) return SQLITE_ERROR;
    sqlite_nio_sqlite3_bind_pointer(statement, 1, (void *)&fts5, "fts5_api_ptr", NULL);
    sqlite_nio_sqlite3_step(statement);
    sqlite_nio_sqlite3_finalize(statement);
    if (fts5 == NULL || fts5->iVersion < 2) return SQLITE_ERROR;
    static fts5_tokenizer pairs = { pairs_create, pairs_delete, pairs_tokenize };
    return fts5->xCreateTokenizer(fts5, "qlcb_word_pairs", NULL, &pairs, NULL);
}

int qlcb_word_pairs_register(void) {
    return sqlite_nio_sqlite3_auto_extension((void (*)(void))pairs_install);
}
