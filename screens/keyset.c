/* Feeding a tui list from a query: the rows around an anchor record, by
 * keyset pagination (model/query.h), for every list screen alike. */
#include "screens/screens.h"
#include "util/xalloc.h"

struct keyset_collect {
    struct tui_list_row *out;
    size_t n, ncols;
    screens_row_fn fill;
    void *ctx;
};

static int collect(struct record *r, bool *keep, void *ctx)
{
    struct keyset_collect *c = ctx;
    (void)keep;
    struct tui_list_row *row = &c->out[c->n++];
    tui_list_row_init(row, r->id, c->ncols);
    c->fill(r, row, c->ctx);
    return 0;
}

int screens_keyset_fetch(const struct query *base, const char *anchor, int dir, size_t max, struct tui_list_row *out,
                         size_t ncols, screens_row_fn fill, void *ctx)
{
    struct store *s = screens_store();
    struct keyset_collect c = {out, 0, ncols, fill, ctx};
    struct query q = *base;
    struct error err;
    error_clear(&err);
    char *sort_value = NULL;
    if (anchor) {
        struct record *a = record_load(s, anchor, &err);
        if (a && a->kind == q.kind) {
            sort_value = xstrdup(query_sort_value(&q, a));
        } else {
            anchor = NULL;      /* gone for good: start from the top */
            dir = dir < 0 ? 0 : dir;
        }
        record_free(a);
        error_clear(&err);
    }
    int rc = 0;
    if (anchor && dir == 0) {
        /* The anchor itself, when it still belongs to the list. */
        struct query one = q;
        one.limit = 1;
        if (query_where_add(&one, "id", anchor, &err) == 0)
            rc = query_run(s, &one, collect, &c, &err);
    }
    if (rc >= 0 && c.n < max) {
        q.after_value = sort_value;
        q.after_id = anchor;
        q.before = dir < 0;
        q.limit = (int)(max - c.n);
        rc = query_run(s, &q, collect, &c, &err);
    }
    free(sort_value);
    if (rc < 0) {
        for (size_t i = 0; i < c.n; i++) {
            for (size_t j = 0; j < ncols; j++)
                free(out[i].cells[j]);
            free(out[i].cells);
            free(out[i].key);
        }
        screens_error_message(&err);
        return -1;
    }
    return (int)c.n;
}
