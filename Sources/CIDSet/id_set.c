/* qlcb_id_in(ids, id): whether a text is one of the strings of a JSON array (CIDSet.h).
 *
 * Its answers are those of `id IN (SELECT value FROM json_each(ids))` for an array of plain
 * strings: equal as bytes (SQLite's BINARY collation); for a NULL id, NULL, or 0 when the array is
 * empty. The array is parsed into a sorted table of its strings once for each statement
 * (sqlite3_set_auxdata), so a walk that tests a few hundred rows does not first build a temporary
 * index of every id. The last `CACHED` arrays parsed are kept for the statements after it: a
 * reader's reach is bound again, byte for byte, in each statement of each request, and comparing
 * its text costs a fraction of parsing it (a district head's 1,291 ids, 49 kB: 3.4–5.3 % of the
 * server's CPU for each of their pages went to parsing; ADR 0017, twenty-sixth part).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite_nio_sqlite3.h"
#include "CIDSet.h"

typedef struct { const unsigned char *bytes; int length; } id_text;

/* The array's strings, sorted, pointing into `copy` (the array's text, `length` bytes, owned);
 * `holders`: the statements and the cache holding it (under `cache_lock`). */
typedef struct {
    int count;
    int length;
    int holders;
    unsigned char *copy;
    id_text *ids;
} id_set;

static int compare_ids(const void *a, const void *b) {
    const id_text *x = a, *y = b;
    int shorter = x->length < y->length ? x->length : y->length;
    int c = memcmp(x->bytes, y->bytes, (size_t)shorter);
    if (c != 0) return c;
    return (x->length > y->length) - (x->length < y->length);
}

static void free_set(void *pointer) {
    id_set *set = pointer;
    if (set == NULL) return;
    free(set->ids);
    free(set->copy);
    free(set);
}

/* The last arrays parsed, the oldest replaced first (`cache_next`). */
#define CACHED 4
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static id_set *cache[CACHED];
static int cache_next = 0;

/* A statement or the cache lets go of `set`; the last one frees it. */
static void release_set(void *pointer) {
    id_set *set = pointer;
    if (set == NULL) return;
    pthread_mutex_lock(&cache_lock);
    int last = --set->holders == 0;
    pthread_mutex_unlock(&cache_lock);
    if (last) free_set(set);
}

/* The kept set of exactly this text, held for the caller; NULL when none is kept. */
static id_set *cached_set(const unsigned char *text, int length) {
    id_set *found = NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < CACHED && found == NULL; i++) {
        id_set *set = cache[i];
        if (set != NULL && set->length == length && memcmp(set->copy, text, (size_t)length) == 0) found = set;
    }
    if (found != NULL) found->holders++;
    pthread_mutex_unlock(&cache_lock);
    return found;
}

/* Keeps `set` (held by the caller) for the statements after it, in place of the oldest kept. */
static void keep_set(id_set *set) {
    pthread_mutex_lock(&cache_lock);
    id_set *oldest = cache[cache_next];
    cache[cache_next] = set;
    cache_next = (cache_next + 1) % CACHED;
    set->holders++;
    pthread_mutex_unlock(&cache_lock);
    release_set(oldest);
}

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The set of `text` (length bytes), or NULL when it is not a JSON array of plain strings or memory
 * runs out (`*invalid` tells which). */
static id_set *parse_set(const unsigned char *text, int length, int *invalid) {
    *invalid = 0;
    id_set *set = calloc(1, sizeof(id_set));
    if (set == NULL) return NULL;
    set->copy = malloc((size_t)length + 1);
    int capacity = 0;
    for (int i = 0; i < length; i++) if (text[i] == '"') capacity++;
    set->ids = malloc(sizeof(id_text) * (size_t)(capacity / 2 + 1));
    if (set->copy == NULL || set->ids == NULL) { free_set(set); return NULL; }
    memcpy(set->copy, text, (size_t)length);
    set->length = length;
    set->holders = 1;
    const unsigned char *s = set->copy;
    int i = 0, sorted = 1;
    while (i < length && is_space(s[i])) i++;
    if (i >= length || s[i] != '[') goto invalid;
    i++;
    while (i < length && is_space(s[i])) i++;
    if (i < length && s[i] == ']') { i++; goto end; }
    for (;;) {
        if (i >= length || s[i] != '"') goto invalid;
        int start = ++i;
        while (i < length && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20) i++;
        if (i >= length || s[i] != '"') goto invalid;
        id_text id = { s + start, i - start };
        if (set->count > 0 && compare_ids(&set->ids[set->count - 1], &id) > 0) sorted = 0;
        set->ids[set->count++] = id;
        i++;
        while (i < length && is_space(s[i])) i++;
        if (i < length && s[i] == ',') { i++; while (i < length && is_space(s[i])) i++; continue; }
        if (i < length && s[i] == ']') { i++; break; }
        goto invalid;
    }
end:
    while (i < length && is_space(s[i])) i++;
    if (i != length) goto invalid;
    if (!sorted) qsort(set->ids, (size_t)set->count, sizeof(id_text), compare_ids);
    return set;
invalid:
    *invalid = 1;
    free_set(set);
    return NULL;
}

static void id_in(sqlite3_context *context, int argc, sqlite3_value **argv) {
    (void)argc;
    id_set *set = sqlite_nio_sqlite3_get_auxdata(context, 0);
    int fresh = 0;
    if (set == NULL) {
        const unsigned char *text = sqlite_nio_sqlite3_value_text(argv[0]);
        int length = sqlite_nio_sqlite3_value_bytes(argv[0]);
        int invalid = 0;
        set = text == NULL ? NULL : cached_set(text, length);
        if (set == NULL && text != NULL) {
            set = parse_set(text, length, &invalid);
            if (set != NULL) keep_set(set);
        }
        if (set == NULL) {
            if (text == NULL || invalid) sqlite_nio_sqlite3_result_error(context, "qlcb_id_in: ids must be a JSON array of plain strings", -1);
            else sqlite_nio_sqlite3_result_error_nomem(context);
            return;
        }
        fresh = 1;
    }
    if (set->count == 0) {
        sqlite_nio_sqlite3_result_int(context, 0);
    } else if (sqlite_nio_sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite_nio_sqlite3_result_null(context);
    } else {
        const unsigned char *bytes = sqlite_nio_sqlite3_value_text(argv[1]);
        id_text id = { bytes, sqlite_nio_sqlite3_value_bytes(argv[1]) };
        int found = bytes != NULL && bsearch(&id, set->ids, (size_t)set->count, sizeof(id_text), compare_ids) != NULL;
        sqlite_nio_sqlite3_result_int(context, found);
    }
    /* Kept beside the statement for its next rows; SQLite may let go of it at once (the next row
     * then finds it kept, or parses it again). */
    if (fresh) sqlite_nio_sqlite3_set_auxdata(context, 0, set, release_set);
}

static int id_set_install(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
    (void)error; (void)api;
    return sqlite_nio_sqlite3_create_function_v2(db, "qlcb_id_in", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                                 NULL, id_in, NULL, NULL, NULL);
}

int qlcb_id_set_register(void) {
    return sqlite_nio_sqlite3_auto_extension((void (*)(void))id_set_install);
}
