/* Reading the per-record history that the write API keeps. */
#include "model/history.h"
#include "model/store_internal.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

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

char *history_text(const struct kind *k, const struct history_entry *h, history_value_fn text, void *ctx)
{
    if (strcmp(h->field, "*") == 0)
        return xstrdup(_("Created"));
    if (strcmp(h->field, "deleted") == 0)
        return xstrdup(h->new_value && strcmp(h->new_value, "0") != 0 ? _("Deleted") : _("Restored"));
    const struct field *f = kind_field(k, h->field);
    char *old = f ? text(f, h->old_value, ctx) : xstrdup(h->old_value ? h->old_value : "");
    char *new = f ? text(f, h->new_value, ctx) : xstrdup(h->new_value ? h->new_value : "");
    char *out = xasprintf(_("%s: %s → %s"), f ? _(f->label) : h->field, *old ? old : "∅", *new ? new : "∅");
    free(old);
    free(new);
    return out;
}
