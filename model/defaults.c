/* The defaults of a new record, resolved from the rule each field declares
 * in model/kinds.c (enum field_default): the one place both the forms and
 * `carnet add` take them from, so the two never disagree. Reads only. */
#include "model/governance.h"
#include "model/query.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct only {
    char id[37];
    int n;
};

static int count_ids(struct record *r, bool *keep, void *ctx)
{
    struct only *o = ctx;
    (void)keep;
    if (o->n++ == 0)
        snprintf(o->id, sizeof o->id, "%s", r->id);
    return 0;
}

/* The id of the only live record of kind k, or NULL (none, or several:
 * then no choice is better than another, and the user must make it). */
static char *only_record(struct store *s, const struct kind *k, struct error *err)
{
    struct query q;
    struct only o = {"", 0};
    query_init(&q, k);
    q.limit = 2;
    if (query_run(s, &q, count_ids, &o, err) < 0 || o.n != 1)
        return NULL;
    return xstrdup(o.id);
}

char *record_default(struct store *s, const struct field *f, struct error *err)
{
    switch (f->dflt) {
    case DFLT_TODAY: {
        char today[11];
        store_today(today);
        return xstrdup(today);
    }
    case DFLT_VALUE:
        return f->dflt_value ? xstrdup(f->dflt_value) : NULL;
    case DFLT_MY_CENTRE: {
        char *mine = gov_login_centre(s);
        if (mine)
            return mine;
    }
        /* fall through */
    case DFLT_ONLY:
        return f->ref ? only_record(s, kind_find(f->ref), err) : NULL;
    default:
        return NULL;
    }
}

int record_defaults(struct store *s, struct record *r, struct error *err)
{
    for (int i = 0; i < r->kind->nfields; i++) {
        const struct field *f = &r->kind->fields[i];
        if (r->v[i] || f->dflt == DFLT_NONE)
            continue;
        r->v[i] = record_default(s, f, err);
        if (err->code)
            return err->code;
    }
    return 0;
}
