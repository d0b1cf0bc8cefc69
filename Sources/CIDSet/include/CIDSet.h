#ifndef QLCB_ID_SET_H
#define QLCB_ID_SET_H

/// Registers the SQL function `qlcb_id_in(ids, id)` with every SQLite connection the process opens
/// from now on (an auto extension of the server's own SQLite). Harmless when called again.
/// `ids` is a JSON array of plain strings (no escapes), `id` a text: 1 when `id` is one of them,
/// 0 when not, NULL when `id` is NULL (0 for an empty array, as `IN` answers), an error when `ids` is not such an array. The array is read
/// and sorted once for each statement (SQLite keeps it beside the statement; the last four arrays
/// read are kept for the statements after it, which bind the same reach again), then each row is one
/// binary search: a district head's 1,291 agency ids cost a page 0.46 ms when `IN (SELECT value
/// FROM json_each(?))` put them in a temporary index first (docs/adr/0020-list-totals.md).
/// Returns SQLite's result code.
int qlcb_id_set_register(void);

#endif
