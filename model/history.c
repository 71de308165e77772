/* Reading the per-record history that the write API keeps. */
#include "model/history.h"
#include "model/store_internal.h"

int history_list(struct store *s, const char *id, history_fn fn, void *ctx, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT field, old, new, login, at FROM history WHERE rec_id = ? ORDER BY seq", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct history_entry h = {
            (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
            (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
            (const char *)sqlite3_column_text(st, 4),
        };
        n++;
        if (fn && fn(&h, ctx))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        n = db_error(s, err, "reading the history");
    db_release(s, st);
    return n;
}
