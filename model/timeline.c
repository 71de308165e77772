/* The timeline: one keyset query per logbook, merged. A page of n rows
 * costs at most four index walks of n rows, at the top of the list or deep
 * inside it; counts and frequencies are per-logbook aggregates, added. */
#include "model/timeline.h"
#include "model/format.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const timeline_fields[TL_FILTERS] = {
    "from", "to", "logbook", "centre", "territory", "qpv", "facilitator", "theme", "criterion", "status", "body",
};

/* The column each filter is on, by timeline_fields' order from "centre". */
static const char *const columns[TL_FILTERS] = {
    NULL, NULL, NULL, "centre", "territory", "qpv", "created_by", "themes", "criteria", "status", "body",
};

static const char *const logbooks[] = {"initiative", "meeting", "action", "difficulty"};

/* Whether kind is among the comma-separated names of list. */
static bool listed(const char *list, const char *kind)
{
    size_t n = strlen(kind);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ",");
        size_t end = len;
        while (end && p[end - 1] == ' ')
            end--;
        if (end == n && strncmp(p, kind, n) == 0)
            return true;
        p += len;
    }
    return false;
}

static bool choice_offered(const struct field *f, const char *value)
{
    for (const struct choice *c = f->choices; c && c->code; c++)
        if (strcasecmp(c->code, value) == 0)
            return true;
    return false;
}

/* q for kind k under f: 1 when k is kept, 0 when a filter leaves it out. */
static int build(const struct kind *k, const struct timeline_filter *f, struct query *q)
{
    query_init(q, k);
    const char *books = f->value[2];
    if (books && *books && !listed(books, k->name))
        return 0;
    q->from = f->value[0] && *f->value[0] ? f->value[0] : NULL;
    q->to = f->value[1] && *f->value[1] ? f->value[1] : NULL;
    q->text = f->text && *f->text ? f->text : NULL;
    for (int i = 3; i < TL_FILTERS; i++) {
        if (!f->value[i] || !*f->value[i])
            continue;
        /* A field the kind does not have, or a choice it does not offer
         * (status "open" for initiatives): this logbook holds no match. */
        const struct field *fd = kind_field(k, columns[i]);
        if (fd && fd->type == FT_CHOICE && !choice_offered(fd, f->value[i]))
            return 0;
        if (query_where_add(q, columns[i], f->value[i], NULL) != 0)
            return 0;
    }
    return 1;
}

int timeline_kinds(const struct timeline_filter *f, const struct kind *out[5])
{
    int n = 0;
    for (size_t i = 0; i < sizeof logbooks / sizeof *logbooks; i++) {
        struct query q;
        if (build(kind_find(logbooks[i]), f, &q))
            out[n++] = q.kind;
    }
    out[n] = NULL;
    return n;
}

const char *timeline_date(const struct record *r)
{
    const char *d = r->kind->date_field ? record_get(r, r->kind->date_field) : NULL;
    return d ? d : "";
}

struct gather {
    struct record **v;
    int n, cap;
};

static int gather_fn(struct record *r, bool *keep, void *ctx)
{
    struct gather *g = ctx;
    if (g->n == g->cap)
        g->v = xrealloc(g->v, (size_t)(g->cap = g->cap ? g->cap * 2 : 64) * sizeof *g->v);
    g->v[g->n++] = r;
    *keep = true;
    return 0;
}

static int newest_first(const void *a, const void *b)
{
    const struct record *x = *(struct record *const *)a, *y = *(struct record *const *)b;
    int c = strcmp(timeline_date(y), timeline_date(x));
    return c ? c : strcmp(y->id, x->id);
}

static int oldest_first(const void *a, const void *b)
{
    return newest_first(b, a);
}

int timeline_run(struct store *s, const struct timeline_filter *f, const char *cur_date, const char *cur_id,
                 bool before, bool inclusive, int limit, record_fn fn, void *ctx, struct error *err)
{
    /* Just past the cursor's id, so that the strict comparison keeps the
     * cursor's own row (ids are lowercase hex: '~' sorts after them). */
    char *id = cur_id ? xasprintf("%s%s", cur_id, inclusive && !before ? "~" : "") : NULL;
    struct gather g = {NULL, 0, 0};
    int rc = 0;
    for (size_t i = 0; i < sizeof logbooks / sizeof *logbooks && rc >= 0; i++) {
        struct query q;
        if (!build(kind_find(logbooks[i]), f, &q))
            continue;
        q.limit = limit;
        if (id) {
            q.after_value = cur_date ? cur_date : "";
            q.after_id = id;
            q.before = before;
        }
        rc = query_run(s, &q, gather_fn, &g, err);
    }
    int passed = 0;
    if (rc >= 0) {
        if (g.n)
            qsort(g.v, (size_t)g.n, sizeof *g.v, before ? oldest_first : newest_first);
        bool stop = false;
        for (int i = 0; i < g.n; i++) {
            bool keep = false;
            if (!stop && (limit <= 0 || passed < limit)) {
                passed++;
                stop = fn && fn(g.v[i], &keep, ctx);
            }
            if (!keep)
                record_free(g.v[i]);
        }
    } else {
        for (int i = 0; i < g.n; i++)
            record_free(g.v[i]);
    }
    free(g.v);
    free(id);
    return rc < 0 ? rc : passed;
}

long timeline_count(struct store *s, const struct timeline_filter *f, struct error *err)
{
    long total = 0;
    for (size_t i = 0; i < sizeof logbooks / sizeof *logbooks; i++) {
        struct query q;
        if (!build(kind_find(logbooks[i]), f, &q))
            continue;
        long n = query_count(s, &q, err);
        if (n < 0)
            return n;
        total += n;
    }
    return total;
}

struct tally {
    char **value;
    long *count;
    size_t n;
};

static int tally_fn(const char *value, long count, void *ctx)
{
    struct tally *t = ctx;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->value[i], value) == 0) {
            t->count[i] += count;
            return 0;
        }
    t->value = xrealloc(t->value, (t->n + 1) * sizeof *t->value);
    t->count = xrealloc(t->count, (t->n + 1) * sizeof *t->count);
    t->value[t->n] = xstrdup(value);
    t->count[t->n++] = count;
    return 0;
}

int timeline_frequency(struct store *s, const struct timeline_filter *f, const char *field, query_freq_fn fn,
                       void *ctx, struct error *err)
{
    struct tally t = {NULL, NULL, 0};
    int rc = 0;
    for (size_t i = 0; i < sizeof logbooks / sizeof *logbooks && rc >= 0; i++) {
        struct query q;
        if (!build(kind_find(logbooks[i]), f, &q))
            continue;
        if (strcmp(field, "logbook") == 0) {
            long n = query_count(s, &q, err);
            if (n < 0)
                rc = (int)n;
            else if (n > 0)
                tally_fn(q.kind->name, n, &t);
        } else if (kind_field(q.kind, field) || strcmp(field, "created_by") == 0) {
            rc = query_frequency(s, &q, field, tally_fn, &t, err);
        }
    }
    int passed = 0;
    if (rc >= 0) {
        /* Most frequent first, then by value: a selection sort of a few dozen values. */
        for (size_t i = 0; i < t.n; i++) {
            size_t best = i;
            for (size_t j = i + 1; j < t.n; j++)
                if (t.count[j] > t.count[best] || (t.count[j] == t.count[best] && strcmp(t.value[j], t.value[best]) < 0))
                    best = j;
            char *v = t.value[i];
            long c = t.count[i];
            t.value[i] = t.value[best], t.count[i] = t.count[best];
            t.value[best] = v, t.count[best] = c;
        }
        for (size_t i = 0; i < t.n; i++) {
            passed++;
            if (fn && fn(t.value[i], t.count[i], ctx))
                break;
        }
    }
    for (size_t i = 0; i < t.n; i++)
        free(t.value[i]);
    free(t.value);
    free(t.count);
    return rc < 0 ? rc : passed;
}

char *timeline_frequency_text(struct store *s, const char *field, const char *value)
{
    if (!*value)
        return xstrdup(_("(empty)"));
    if (strcmp(field, "logbook") == 0) {
        const struct kind *k = kind_find(value);
        return xstrdup(k ? _(k->plural) : value);
    }
    static const char *const kinds_with[] = {"initiative", "action", "difficulty", "meeting"};
    for (size_t i = 0; i < 4; i++) {
        const struct field *f = kind_field(kind_find(kinds_with[i]), field);
        if (f && (f->type != FT_CHOICE || field_choice_label(f, value)))
            return format_value_text(s, f, value);
    }
    return xstrdup(value);
}
