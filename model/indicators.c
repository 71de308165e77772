/* The indicators of a year (definitions in indicators.h). Each figure is
 * an aggregate run through query_select, whose WHERE clause is the lists'
 * one: a scope is a struct query (kind, centre, from/to), so the dashboard's
 * drill-down lists exactly the records a figure counts. Governance comes
 * from model/governance.h. */
#include "model/format.h"
#include "model/indicators.h"
#include "model/ind_source.h"
#include "model/query_internal.h"
#include "model/record_internal.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/numdate.h"
#include "util/xalloc.h"

#include <math.h>
#include <stddef.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The records of kind dated in sc's year (dated: false drops the bounds),
 * in sc's centre. */
static int scope_query(struct ind_log_query *sq, const char *kind, const struct ind_scope *sc, bool dated,
                       struct error *err)
{
    query_init(&sq->q, kind_find(kind));
    snprintf(sq->from, sizeof sq->from, "%04d-01-01", sc->year);
    snprintf(sq->to, sizeof sq->to, "%04d-12-31", sc->year);
    if (dated) {
        sq->q.from = sq->from;
        sq->q.to = sq->to;
    }
    if (sc->centre)
        return query_where_add(&sq->q, "centre", sc->centre, err);
    return 0;
}

static void today_of(const struct ind_scope *sc, char out[11])
{
    if (sc->today && numdate_date_valid(sc->today))
        snprintf(out, 11, "%s", sc->today);
    else
        store_today(out);
}

void ind_counts_free(struct ind_counts *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].value);
    free(c->v);
    c->v = NULL;
    c->n = 0;
}

static int collect_count(const char *value, long count, void *ctx)
{
    struct ind_counts *c = ctx;
    c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
    c->v[c->n].value = xstrdup(value);
    c->v[c->n].count = count;
    c->n++;
    return 0;
}

static int open_query(struct ind_log_query *o, const struct ind_scope *sc, struct error *err);

/* The query of a window of kind for sc. */
static int window_query(struct ind_log_query *w, const char *kind, enum ind_window win, const struct ind_scope *sc,
                        struct error *err)
{
    if (win == IND_OPEN)
        return open_query(w, sc, err);
    if (scope_query(w, kind, sc, win == IND_IN_YEAR, err) != 0)
        return err->code;
    if (win == IND_BY_END)
        w->q.to = w->to;
    return 0;
}

void ind_bind_sql(struct strbuf *b, const char *sql, const char *from, const char *to, const char *today)
{
    for (const char *p = sql; *p; p++) {
        if (strncmp(p, ":today", 6) == 0) {
            strbuf_adds(b, today);
            p += 5;
        } else if (strncmp(p, ":from", 5) == 0) {
            strbuf_adds(b, from);
            p += 4;
        } else if (strncmp(p, ":to", 3) == 0) {
            strbuf_adds(b, to);
            p += 2;
        } else {
            strbuf_addc(b, *p);
        }
    }
}

/* sql with :from, :to and :today replaced by quoted ISO dates (written
 * from ints or a checked date, never from user text). */
static char *bind_dates(const char *sql, int year, const char *today)
{
    char from[40], to[40], day[16];
    snprintf(from, sizeof from, "'%04d-01-01'", year);
    snprintf(to, sizeof to, "'%04d-12-31'", year);
    snprintf(day, sizeof day, "'%.10s'", today);
    struct strbuf b;
    strbuf_init(&b);
    ind_bind_sql(&b, sql, from, to, day);
    return strbuf_detach(&b);
}

struct row_values {
    size_t n;
    double *v;
    bool *null;
};

/* ---- The store as a source (model/ind_source.h) ---- */

static int values_row(sqlite3_stmt *st, void *ctx)
{
    struct row_values *r = ctx;
    for (size_t i = 0; i < r->n && (int)i < sqlite3_column_count(st); i++) {
        r->null[i] = sqlite3_column_type(st, (int)i) == SQLITE_NULL;
        r->v[i] = sqlite3_column_double(st, (int)i);
    }
    return 1;
}

static int store_values(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc,
                        const char *select, size_t ncols, double *v, bool *null, struct error *err)
{
    struct ind_log_query w;
    if (window_query(&w, kind, win, sc, err) != 0)
        return err->code;
    struct row_values r = {ncols, v, null};
    int rc = query_select(ctx, &w.q, select, NULL, NULL, values_row, &r, err);
    return rc < 0 ? rc : 0;
}

static int store_frequency(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc,
                           const char *field, query_freq_fn fn, void *fctx, struct error *err)
{
    struct ind_log_query w;
    if (window_query(&w, kind, win, sc, err) != 0)
        return err->code;
    int rc = query_frequency(ctx, &w.q, field, fn, fctx, err);
    return rc < 0 ? rc : 0;
}

static int store_members(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc,
                         const char *field, const char *by, query_freq_fn fn, void *fctx, struct error *err);

static int store_governance(void *ctx, const struct ind_scope *sc, struct ind_governance *out, struct error *err)
{
    return ind_governance(ctx, sc, out, err);
}

static int store_open_list(void *ctx, const struct ind_scope *sc, struct ind_open_difficulty **out, size_t *n,
                      struct error *err)
{
    return ind_open_difficulties(ctx, sc, out, n, err);
}

static int store_monthly(void *ctx, const struct ind_scope *sc, long out[IND_LOGS][12], struct error *err)
{
    return ind_monthly(ctx, sc, out, err);
}

static struct ind_source store_source(struct store *s)
{
    return (struct ind_source){s, store_values, store_frequency, store_members, format_member_label_of, store_governance,
                               store_open_list, store_monthly};
}

static void choice_list(struct ind_list *l, const struct field *f, const long *counts, long unset);
static int nchoices(const struct field *f);

/* Whether a breakdown is counted in its kind and window's pass. */
static bool list_in_pass(const struct ind_list *l)
{
    return l->def->labels == IND_CHOICES && l->def->window != IND_GOVERNANCE;
}

/* The figures of sec whose definition has sql and its breakdowns of
 * choices, in one SELECT per kind and window (a year of a large store is
 * read once, not once per figure): count(*) (the figures' basis), each
 * figure's aggregate, then one count per choice of each breakdown. */
static int sql_figures(const struct ind_source *src, const struct ind_scope *sc, struct ind_section *sec,
                       struct error *err)
{
    char today[11];
    today_of(sc, today);
    size_t nitems = sec->nfig + sec->nlist;
    bool *done = xcalloc(nitems ? nitems : 1, sizeof *done);
    int rc = 0;
    for (size_t i = 0; i < nitems && rc == 0; i++) {
        const char *kind;
        enum ind_window win;
        if (done[i])
            continue;
        if (i < sec->nfig) {
            if (!sec->fig[i].def->sql)
                continue;
            kind = sec->fig[i].def->kind;
            win = sec->fig[i].def->window;
        } else {
            const struct ind_list *l = &sec->list[i - sec->nfig];
            if (!list_in_pass(l))
                continue;
            kind = l->def->kind;
            win = l->def->window;
        }
        struct strbuf sel;
        strbuf_init(&sel);
        strbuf_adds(&sel, "count(*)");
        size_t *which = xcalloc(nitems, sizeof *which), n = 0, ncols = 1;
        for (size_t j = i; j < nitems; j++) {
            if (done[j])
                continue;
            if (j < sec->nfig) {
                const struct ind_def *e = sec->fig[j].def;
                if (!e->sql || e->window != win || strcmp(e->kind, kind) != 0)
                    continue;
                char *bound = bind_dates(e->sql, sc->year, today);
                strbuf_addf(&sel, ", %s", bound);
                free(bound);
                ncols++;
            } else {
                const struct ind_list *l = &sec->list[j - sec->nfig];
                if (!list_in_pass(l) || l->def->window != win || strcmp(l->def->kind, kind) != 0)
                    continue;
                /* codes and field names come from the descriptors */
                const struct field *f = kind_field(kind_find(kind), l->def->field);
                for (int c = 0; f->choices[c].code; c++)
                    strbuf_addf(&sel, ", count(*) FILTER (WHERE t.%s = '%s')", f->name, f->choices[c].code);
                ncols += (size_t)nchoices(f);
            }
            which[n++] = j;
            done[j] = true;
        }
        struct row_values r = {ncols, xcalloc(ncols, sizeof(double)), xcalloc(ncols, sizeof(bool))};
        if (src->values(src->ctx, kind, win, sc, sel.s, ncols, r.v, r.null, err) != 0)
            rc = err->code;
        for (size_t k = 0, col = 1; k < n && rc == 0; k++) {
            if (which[k] < sec->nfig) {
                struct ind_figure *f = &sec->fig[which[k]];
                f->known = !r.null[col];
                f->value = r.v[col++];
                f->basis = (long)r.v[0];
                continue;
            }
            struct ind_list *l = &sec->list[which[k] - sec->nfig];
            const struct field *f = kind_field(kind_find(kind), l->def->field);
            int nc = nchoices(f);
            long *counts = xcalloc((size_t)nc + 1, sizeof *counts), sum = 0;
            for (int c = 0; c < nc; c++)
                sum += counts[c] = (long)r.v[col++];
            choice_list(l, f, counts, (long)r.v[0] - sum);
            free(counts);
        }
        free(r.v);
        free(r.null);
        free(which);
        strbuf_free(&sel);
    }
    free(done);
    return rc;
}

static struct ind_figure *figure_of(struct ind_section *sec, const char *code)
{
    for (size_t i = 0; i < sec->nfig; i++)
        if (strcmp(sec->fig[i].def->code, code) == 0)
            return &sec->fig[i];
    return NULL;
}

/* Shares from the figures they divide. */
static void share_figures(struct ind_section *sec)
{
    for (size_t i = 0; i < sec->nfig; i++) {
        struct ind_figure *f = &sec->fig[i];
        if (f->def->type != IND_SHARE)
            continue;
        const struct ind_figure *part = figure_of(sec, f->def->part), *whole = figure_of(sec, f->def->whole);
        int p = part && whole ? gov_percent((long)part->value, (long)whole->value) : -1;
        f->known = p >= 0;
        f->value = p;
        f->basis = whole ? (long)whole->value : 0;
    }
}

/* The governance figures, from model/governance.h, by code. */
static void governance_figure(const struct ind_governance *g, struct ind_figure *f)
{
    static const struct {
        const char *code;
        size_t off;
        bool real;
    } year[] = {
        {"sittings", offsetof(struct gov_year, sittings), false},
        {"planned", offsetof(struct gov_year, planned), false},
        {"planned_held", offsetof(struct gov_year, planned_held), false},
        {"first_timers", offsetof(struct gov_year, first_timers), false},
        {"avg_attendees", offsetof(struct gov_year, avg_attendees), true},
        {"avg_inhabitants", offsetof(struct gov_year, avg_inhabitants), true},
    };
    const char *c = f->def->code;
    f->known = true;
    f->basis = (long)g->n;
    for (size_t i = 0; i < sizeof year / sizeof *year; i++)
        if (strcmp(c, year[i].code) == 0) {
            const char *p = (const char *)&g->total + year[i].off;
            f->value = year[i].real ? *(const double *)(const void *)p : (double)*(const long *)(const void *)p;
            f->basis = g->total.sittings;
            return;
        }
    const struct gov_composition *tc = &g->total_comp;
    const struct {
        const char *code;
        long v;
    } other[] = {
        {"bodies", (long)g->n},
        {"seats", tc->seats},
        {"seats_inhabitants", tc->inhabitants},
        {"seats_women", tc->women},
        {"seats_qpv", tc->from_qpv},
        {"councils", g->councils},
        {"councils_few_inhabitants", g->councils_few_inhabitants},
        {"councils_no_parity", g->councils_no_parity},
    };
    if (strcmp(c, "composition_date") == 0) {
        f->text = xstrdup(g->date);
        return;
    }
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        if (strcmp(c, other[i].code) == 0) {
            f->value = (double)other[i].v;
            return;
        }
    f->known = false;
}

static void list_add(struct ind_list *l, const char *code, const char *label, long value)
{
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n].code = xstrdup(code ? code : "");
    l->v[l->n].label = xstrdup(label ? label : "");
    l->v[l->n].value = value;
    l->v[l->n].prev_known = false;
    l->v[l->n].prev = 0;
    l->n++;
}

/* Every choice of the field with its count (zeros too: a funder sees
 * what was possible), then "not given" when unset is nonzero. */
static void choice_list(struct ind_list *l, const struct field *f, const long *counts, long unset)
{
    for (int i = 0; f->choices[i].code; i++)
        list_add(l, f->choices[i].code, _(f->choices[i].label), counts[i]);
    if (l->def->unset && unset)
        list_add(l, "", _("not given"), unset);
}

static int nchoices(const struct field *f)
{
    int n = 0;
    while (f->choices[n].code)
        n++;
    return n;
}

struct freq_ctx {
    const struct field *f;
    long *counts;
    long unset;
    struct ind_counts raw;
};

static int freq_row(const char *value, long count, void *ctx)
{
    struct freq_ctx *c = ctx;
    if (!c->counts)
        return collect_count(value, count, &c->raw);
    for (int i = 0; c->f->choices[i].code; i++)
        if (strcmp(c->f->choices[i].code, value) == 0) {
            c->counts[i] += count;
            return 0;
        }
    c->unset += count;
    return 0;
}

struct member_ctx {
    query_freq_fn fn;
    void *ctx;
};

static int member_row(sqlite3_stmt *st, void *ctx)
{
    struct member_ctx *m = ctx;
    const char *v = (const char *)sqlite3_column_text(st, 0);
    return m->fn(v ? v : "", (long)sqlite3_column_int64(st, 1), m->ctx);
}

/* IND_MEMBERS_BY: the distinct live records that the set field of the
 * window's records names, counted by their choice field by. Names come
 * from the descriptors, never from user text. */
static int store_members(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc,
                         const char *field, const char *by, query_freq_fn fn, void *fctx, struct error *err)
{
    struct ind_log_query w;
    if (window_query(&w, kind, win, sc, err) != 0)
        return err->code;
    const struct kind *k = kind_find(kind), *t = kind_find(kind_field(k, field)->ref);
    struct member_ctx m = {fn, fctx};
    char *select = xasprintf("coalesce(p.%s, ''), count(DISTINCT p.id)", by);
    char *join = xasprintf("CROSS JOIN set_member m ON m.rec_id = t.id AND m.field = '%s.%s' JOIN %s p ON p.%s = m.code "
                           "AND p.deleted = 0", k->name, field, t->name, kind_set_key(t));
    int rc = query_select(ctx, &w.q, select, join, "GROUP BY 1", member_row, &m, err);
    free(select);
    free(join);
    return rc < 0 ? rc : 0;
}

static int sql_list(const struct ind_source *src, const struct ind_scope *sc, const char *column,
                    struct ind_list *l, struct error *err)
{
    const struct ind_breakdown_def *d = l->def;
    if (d->labels == IND_MEMBERS_BY) {
        const struct field *by = kind_field(kind_find(kind_field(kind_find(d->kind), d->field)->ref), d->label_kind);
        struct freq_ctx c = {by, xcalloc((size_t)nchoices(by) + 1, sizeof *c.counts), 0, {NULL, 0}};
        int rc = src->members(src->ctx, d->kind, d->window, sc, d->field, by->name, freq_row, &c, err);
        if (rc == 0)
            choice_list(l, by, c.counts, c.unset);
        free(c.counts);
        return rc;
    }
    const struct field *f = kind_field(kind_find(d->kind), d->field);
    struct freq_ctx c = {f, NULL, 0, {NULL, 0}};
    if (d->labels == IND_CHOICES)
        c.counts = xcalloc((size_t)nchoices(f) + 1, sizeof *c.counts);
    int rc = src->frequency(src->ctx, d->kind, d->window, sc, d->field, freq_row, &c, err);
    if (rc >= 0) {
        if (d->labels == IND_CHOICES)
            choice_list(l, f, c.counts, c.unset);
        for (size_t i = 0; i < c.raw.n; i++) {
            char *label = d->labels == IND_CODES ? src->label(src->ctx, d->label_kind, column, c.raw.v[i].value) : NULL;
            list_add(l, c.raw.v[i].value, label ? label : c.raw.v[i].value, c.raw.v[i].count);
            free(label);
        }
    }
    free(c.counts);
    ind_counts_free(&c.raw);
    return rc < 0 ? rc : 0;
}

static void table_add(struct ind_section *sec, const char *code, const char *title, int ncols,
                      const char *const *col_codes, const char *const *titles, char **cells, size_t nrows)
{
    sec->table = xrealloc(sec->table, (sec->ntable + 1) * sizeof *sec->table);
    struct ind_table *t = &sec->table[sec->ntable++];
    t->code = code;
    t->title = title ? xstrdup(title) : NULL;
    t->ncols = ncols;
    t->col_codes = col_codes;
    t->titles = xcalloc((size_t)ncols, sizeof *t->titles);
    for (int i = 0; i < ncols; i++)
        t->titles[i] = xstrdup(titles[i]);
    t->cells = cells;
    t->nrows = nrows;
}

static char *body_check(const struct gov_body *b)
{
    struct strbuf t;
    strbuf_init(&t);
    if (b->warnings & GOV_WARN_NO_SEATS)
        strbuf_adds(&t, _("no seat recorded"));
    if (b->warnings & GOV_WARN_FEW_INHABITANTS)
        strbuf_adds(&t, _("inhabitants below 50%"));
    if (b->warnings & GOV_WARN_NO_PARITY)
        strbuf_addf(&t, "%s%s", t.len ? "; " : "", _("no gender parity"));
    if (!t.len)
        strbuf_adds(&t, _("ok"));
    return strbuf_detach(&t);
}

static char *pct_cell(long part, long whole)
{
    int p = gov_percent(part, whole);
    return p < 0 ? xstrdup("n/a") : xasprintf("%d%%", p);
}

static void governance_tables(struct ind_section *sec, const struct ind_governance *g)
{
    if (!g->n)
        return;
    static const char *const codes1[] = {"body", "centre", "seats", "inhabitants", "women", "from_qpv", "check"};
    const char *titles1[] = {_("Body"), _("Centre"), _("Seats"), _("Inhabitants"), _("Women"), _("From a QPV"),
                             _("Check")};
    static const char *const codes2[] = {"body", "sittings", "planned", "planned_held", "avg_attendees",
                                         "avg_inhabitants", "first_timers"};
    const char *titles2[] = {_("Body"), _("Sittings"), _("Planned"), _("Held as planned"), _("Avg. present"),
                             _("Avg. inhabitants"), _("First-timers")};
    char **c1 = xcalloc(g->n * 7, sizeof *c1), **c2 = xcalloc(g->n * 7, sizeof *c2);
    for (size_t i = 0; i < g->n; i++) {
        const struct gov_body *b = &g->bodies[i];
        const struct gov_composition *c = &g->comp[i];
        const struct gov_year *y = &g->year[i];
        char **row = &c1[i * 7];
        row[0] = xstrdup(b->name ? b->name : "");
        row[1] = xstrdup(b->centre_name ? b->centre_name : "");
        row[2] = xasprintf("%ld", c->seats);
        row[3] = pct_cell(c->inhabitants, c->seats);
        row[4] = pct_cell(c->women, c->seats);
        row[5] = pct_cell(c->from_qpv, c->seats);
        row[6] = body_check(b);
        row = &c2[i * 7];
        row[0] = xstrdup(b->name ? b->name : "");
        row[1] = xasprintf("%ld", y->sittings);
        row[2] = xasprintf("%ld", y->planned);
        row[3] = xasprintf("%ld", y->planned_held);
        /* machine form ("7.7"): each renderer writes it for its readers */
        char v[48];
        numdate_fixed(y->avg_attendees, 1, false, v);
        row[4] = xstrdup(v);
        numdate_fixed(y->avg_inhabitants, 1, false, v);
        row[5] = xstrdup(v);
        row[6] = xasprintf("%ld", y->first_timers);
    }
    table_add(sec, "body_composition", NULL, 7, codes1, titles1, c1, g->n);
    table_add(sec, "body_activity", NULL, 7, codes2, titles2, c2, g->n);
}

static int governance_part(const struct ind_source *src, const struct ind_scope *sc, struct ind_section *sec,
                           struct error *err)
{
    struct ind_governance g;
    if (src->governance(src->ctx, sc, &g, err) != 0)
        return err->code;
    for (size_t i = 0; i < sec->nfig; i++)
        if (sec->fig[i].def->window == IND_GOVERNANCE)
            governance_figure(&g, &sec->fig[i]);
    for (size_t i = 0; i < sec->nlist; i++) {
        struct ind_list *l = &sec->list[i];
        if (l->def->window != IND_GOVERNANCE)
            continue;
        const struct field *f = kind_field(kind_find(l->def->kind), l->def->field);
        if (strcmp(l->def->code, "seats_by_college") == 0)
            choice_list(l, f, g.total_comp.by_college, 0);
        else
            choice_list(l, f, g.total.levels, g.total.level_unset);
    }
    governance_tables(sec, &g);
    ind_governance_free(&g);
    return 0;
}

static const char *choice_text(const char *kind, const char *field, const char *code)
{
    const char *l = field_choice_label(kind_field(kind_find(kind), field), code);
    return l ? _(l) : (code ? code : "");
}

static int open_table(const struct ind_source *src, const struct ind_scope *sc, const char *column,
                      struct ind_section *sec, struct error *err)
{
    struct ind_open_difficulty *open;
    size_t n;
    if (src->open_difficulties(src->ctx, sc, &open, &n, err) != 0)
        return err->code;
    if (n) {
        static const char *const codes[] = {"raised_on", "centre", "kind", "severity", "summary", "partners_informed",
                                            "informed_on"};
        const char *titles[] = {_("Raised on"), _("Centre"), _("Kind"), _("Severity"), _("Summary"),
                                _("Partners informed"), _("Informed on")};
        char **cells = xcalloc(n * 7, sizeof *cells);
        for (size_t i = 0; i < n; i++) {
            char **row = &cells[i * 7];
            row[0] = xstrdup(open[i].raised_on ? open[i].raised_on : "");
            row[1] = xstrdup(open[i].centre_name ? open[i].centre_name : "");
            row[2] = xstrdup(choice_text("difficulty", "kind", open[i].kind));
            row[3] = xstrdup(choice_text("difficulty", "severity", open[i].severity));
            row[4] = xstrdup(open[i].summary ? open[i].summary : "");
            row[5] = open[i].partners ? format_set_labels(kind_field(kind_find("difficulty"), "partners_informed"),
                                                          open[i].partners, column, src->label, src->ctx)
                                      : xstrdup(_("none"));
            row[6] = xstrdup(open[i].informed_on ? open[i].informed_on : _("not yet"));
        }
        table_add(sec, "open", _("Open difficulties"), 7, codes, titles, cells, n);
    }
    ind_open_difficulties_free(open, n);
    return 0;
}

static int monthly_table(const struct ind_source *src, const struct ind_scope *sc, struct ind_report *rep,
                         struct ind_section *sec, struct error *err)
{
    if (src->monthly(src->ctx, sc, rep->monthly, err) != 0)
        return err->code;
    static const char *const codes[] = {"month", "initiatives", "sittings", "actions", "difficulties"};
    const char *titles[] = {_("Month"), _(ind_log_title(IND_INITIATIVES)), _(ind_log_title(IND_SITTINGS)),
                            _(ind_log_title(IND_ACTIONS)), _(ind_log_title(IND_DIFFICULTIES))};
    char **cells = xcalloc(13 * 5, sizeof *cells);
    long total[IND_LOGS] = {0};
    for (int i = 0; i < 13; i++) {
        char **row = &cells[i * 5];
        row[0] = i < 12 ? xasprintf("%04d-%02d", sc->year, i + 1) : xstrdup(_("Total"));
        for (int l = 0; l < IND_LOGS; l++) {
            if (i < 12)
                total[l] += rep->monthly[l][i];
            row[l + 1] = xasprintf("%ld", i < 12 ? rep->monthly[l][i] : total[l]);
        }
    }
    table_add(sec, "per_month", NULL, 5, codes, titles, cells, 13);
    return 0;
}

static int section_compute(const struct ind_source *s, const struct ind_scope *sc, const char *column,
                           struct ind_report *rep, struct ind_section *sec, struct error *err)
{
    for (const struct ind_def *d = ind_defs; d->code; d++)
        if (strcmp(d->section, sec->code) == 0) {
            sec->fig = xrealloc(sec->fig, (sec->nfig + 1) * sizeof *sec->fig);
            memset(&sec->fig[sec->nfig], 0, sizeof *sec->fig);
            sec->fig[sec->nfig++].def = d;
        }
    for (const struct ind_breakdown_def *d = ind_breakdown_defs; d->code; d++)
        if (strcmp(d->section, sec->code) == 0) {
            sec->list = xrealloc(sec->list, (sec->nlist + 1) * sizeof *sec->list);
            memset(&sec->list[sec->nlist], 0, sizeof *sec->list);
            sec->list[sec->nlist++].def = d;
        }
    if (sql_figures(s, sc, sec, err) != 0)
        return err->code;
    for (size_t i = 0; i < sec->nlist; i++)
        if (sec->list[i].def->window != IND_GOVERNANCE && !list_in_pass(&sec->list[i]) &&
            sql_list(s, sc, column, &sec->list[i], err) != 0)
            return err->code;
    if (strcmp(sec->code, "governance") == 0 && governance_part(s, sc, sec, err) != 0)
        return err->code;
    share_figures(sec);
    if (strcmp(sec->code, "difficulties") == 0 && open_table(s, sc, column, sec, err) != 0)
        return err->code;
    if (strcmp(sec->code, "monthly") == 0 && monthly_table(s, sc, rep, sec, err) != 0)
        return err->code;
    return 0;
}

int ind_report(struct store *s, const struct ind_scope *sc, const char *label_column, const char *section,
               struct ind_report *out, struct error *err)
{
    struct ind_source src = store_source(s);
    return ind_report_from(&src, sc, label_column, section, out, err);
}

int ind_report_from(const struct ind_source *s, const struct ind_scope *sc, const char *label_column,
                    const char *section, struct ind_report *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    out->year = sc->year;
    const char *column = label_column && strcmp(label_column, "label_fr") == 0 ? "label_fr" : "label_en";
    for (const struct ind_section_def *d = ind_section_defs; d->code; d++) {
        if (section && strcmp(section, d->code) != 0)
            continue;
        out->sec = xrealloc(out->sec, (out->nsec + 1) * sizeof *out->sec);
        struct ind_section *sec = &out->sec[out->nsec++];
        memset(sec, 0, sizeof *sec);
        sec->code = d->code;
        sec->title = d->title;
        if (section_compute(s, sc, column, out, sec, err) != 0) {
            ind_report_free(out);
            return err->code;
        }
    }
    return 0;
}

static const struct ind_item *item_of(const struct ind_list *l, const char *code)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (strcmp(l->v[i].code, code) == 0)
            return &l->v[i];
    return NULL;
}

int ind_report_compare(struct store *s, struct ind_report *r, const struct ind_scope *sc, int compare_year,
                       const char *label_column, struct error *err)
{
    struct ind_source src = store_source(s);
    return ind_report_compare_from(&src, r, sc, compare_year, label_column, err);
}

int ind_report_compare_from(const struct ind_source *s, struct ind_report *r, const struct ind_scope *sc,
                            int compare_year, const char *label_column, struct error *err)
{
    struct ind_scope psc = *sc;
    psc.year = compare_year;
    struct ind_report p;
    if (ind_report_from(s, &psc, label_column, NULL, &p, err) != 0)
        return err->code;
    r->compare = compare_year;
    for (size_t i = 0; i < r->nsec; i++) {
        struct ind_section *sec = &r->sec[i];
        for (size_t j = 0; j < sec->nfig; j++) {
            struct ind_figure *f = &sec->fig[j];
            const struct ind_figure *pf = ind_report_figure(&p, sec->code, f->def->code);
            if (f->def->type == IND_TEXT || !pf)
                continue;
            f->prev_set = true;
            f->prev_known = pf->known && pf->basis > 0;
            f->prev = pf->value;
        }
        for (size_t j = 0; j < sec->nlist; j++) {
            struct ind_list *l = &sec->list[j];
            const struct ind_list *pl = ind_report_list(&p, sec->code, l->def->code);
            long total = 0;
            for (size_t k = 0; pl && k < pl->n; k++)
                total += pl->v[k].value;
            l->prev_set = pl != NULL;
            for (size_t k = 0; k < l->n; k++) {
                const struct ind_item *pi = item_of(pl, l->v[k].code);
                l->v[k].prev_known = total > 0;
                l->v[k].prev = pi ? pi->value : 0;
            }
        }
    }
    ind_report_free(&p);
    return 0;
}

void ind_report_free(struct ind_report *r)
{
    for (size_t i = 0; i < r->nsec; i++) {
        struct ind_section *sec = &r->sec[i];
        for (size_t j = 0; j < sec->nfig; j++)
            free(sec->fig[j].text);
        free(sec->fig);
        for (size_t j = 0; j < sec->nlist; j++) {
            for (size_t k = 0; k < sec->list[j].n; k++) {
                free(sec->list[j].v[k].code);
                free(sec->list[j].v[k].label);
            }
            free(sec->list[j].v);
        }
        free(sec->list);
        for (size_t j = 0; j < sec->ntable; j++) {
            struct ind_table *t = &sec->table[j];
            for (int c = 0; c < t->ncols; c++)
                free(t->titles[c]);
            free(t->titles);
            for (size_t c = 0; c < t->nrows * (size_t)t->ncols; c++)
                free(t->cells[c]);
            free(t->cells);
            free(t->title);
        }
        free(sec->table);
    }
    free(r->sec);
    memset(r, 0, sizeof *r);
}

static struct ind_section *section_of(const struct ind_report *r, const char *section)
{
    for (size_t i = 0; i < r->nsec; i++)
        if (strcmp(r->sec[i].code, section) == 0)
            return &r->sec[i];
    return NULL;
}

const struct ind_figure *ind_report_figure(const struct ind_report *r, const char *section, const char *code)
{
    struct ind_section *sec = section_of(r, section);
    return sec ? figure_of(sec, code) : NULL;
}

const struct ind_list *ind_report_list(const struct ind_report *r, const char *section, const char *code)
{
    struct ind_section *sec = section_of(r, section);
    for (size_t i = 0; sec && i < sec->nlist; i++)
        if (strcmp(sec->list[i].def->code, code) == 0)
            return &sec->list[i];
    return NULL;
}

const char *ind_unit(const char *one, const char *many, double value)
{
    if (!one)
        return *many && strcmp(many, "%") != 0 ? _(many) : many;
    unsigned long n = value >= 0 && value == floor(value) && value < 1e9 ? (unsigned long)value : 2;
    return NC_ngettext(one, many, n);
}

char *ind_dash_line(const struct ind_section *sec, bool french)
{
    const char *tpl = NULL;
    for (const struct ind_section_def *d = ind_section_defs; d->code; d++)
        if (strcmp(d->code, sec->code) == 0)
            tpl = d->dash;
    if (!tpl)
        return NULL;
    struct strbuf b;
    strbuf_init(&b);
    for (const char *p = _(tpl); *p; p++) {
        const char *end = *p == '{' ? strchr(p, '}') : NULL;
        if (!end) {
            strbuf_addc(&b, *p);
            continue;
        }
        bool with_unit = end > p + 1 && end[-1] == '+';
        char code[64];
        snprintf(code, sizeof code, "%.*s", (int)(end - p - 1 - with_unit), p + 1);
        const struct ind_figure *f = figure_of((struct ind_section *)sec, code);
        bool real = f && f->def->type == IND_REAL;
        double v = f && f->known ? f->value : 0;
        if (!real)
            v = (double)(long)v;
        char t[64];
        numdate_grouped(v, real ? 1 : 0, french, t);
        strbuf_adds(&b, t);
        if (with_unit && f) {
            const char *unit = ind_unit(f->def->unit_one, f->def->unit, v);
            if (*unit)
                strbuf_addf(&b, " %s", unit);
        }
        p = end;
    }
    return strbuf_detach(&b);
}

bool ind_change(const struct ind_figure *f, long *pct)
{
    if (!f->prev_set || !f->prev_known || !f->known)
        return false;
    if (f->def->type == IND_SHARE) {
        *pct = lround(f->value - f->prev);
        return true;
    }
    if (f->prev == 0)
        return false;
    *pct = lround((f->value - f->prev) / f->prev * 100.0);
    return true;
}

/* ---- The figures as structs (the Dashboard and the unit tests) ---- */

static double fig(const struct ind_report *r, const char *section, const char *code)
{
    const struct ind_figure *f = ind_report_figure(r, section, code);
    return f && f->known ? f->value : 0;
}

/* A breakdown of choices as an array in the choices' order; *unset gets
 * the "not given" item when asked. */
static long *list_counts(const struct ind_report *r, const char *section, const char *code, long *unset)
{
    const struct ind_list *l = ind_report_list(r, section, code);
    long *v = xcalloc(l && l->n ? l->n : 1, sizeof *v);
    for (size_t i = 0; l && i < l->n; i++) {
        if (!*l->v[i].code && unset)
            *unset = l->v[i].value;
        else
            v[i] = l->v[i].value;
    }
    return v;
}

static void list_to_counts(const struct ind_report *r, const char *section, const char *code, struct ind_counts *out)
{
    const struct ind_list *l = ind_report_list(r, section, code);
    for (size_t i = 0; l && i < l->n; i++)
        collect_count(l->v[i].code, l->v[i].value, out);
}

int ind_initiatives(struct store *s, const struct ind_scope *sc, struct ind_initiatives *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct ind_report r;
    if (ind_report(s, sc, NULL, "initiatives", &r, err) != 0)
        return err->code;
    const char *S = "initiatives";
    out->started = (long)fig(&r, S, "started");
    out->active = (long)fig(&r, S, "active");
    out->innovative = (long)fig(&r, S, "innovative");
    out->inhabitants_involved = (long)fig(&r, S, "inhabitants_involved");
    out->volunteers = (long)fig(&r, S, "volunteers");
    out->volunteer_hours = fig(&r, S, "volunteer_hours");
    out->with_territory = (long)fig(&r, S, "with_territory");
    out->in_qpv = (long)fig(&r, S, "in_qpv");
    out->by_status = list_counts(&r, S, "by_status", NULL);
    out->by_carried_by = list_counts(&r, S, "by_carried_by", NULL);
    list_to_counts(&r, S, "by_theme", &out->themes);
    ind_report_free(&r);
    return 0;
}

void ind_initiatives_free(struct ind_initiatives *i)
{
    free(i->by_status);
    free(i->by_carried_by);
    i->by_status = i->by_carried_by = NULL;
    ind_counts_free(&i->themes);
}

int ind_actions(struct store *s, const struct ind_scope *sc, struct ind_actions *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct ind_report r;
    if (ind_report(s, sc, NULL, "actions", &r, err) != 0)
        return err->code;
    const char *S = "actions";
    out->held = (long)fig(&r, S, "held");
    out->participants = (long)fig(&r, S, "participants");
    out->follow_ups = (long)fig(&r, S, "follow_ups");
    out->follow_ups_open = (long)fig(&r, S, "follow_ups_open");
    out->follow_ups_past_due = (long)fig(&r, S, "follow_ups_past_due");
    out->by_kind = list_counts(&r, S, "by_kind", NULL);
    out->by_domain = list_counts(&r, S, "by_domain", &out->domain_unset);
    list_to_counts(&r, S, "by_criterion", &out->criteria);
    ind_report_free(&r);
    return 0;
}

void ind_actions_free(struct ind_actions *a)
{
    free(a->by_kind);
    free(a->by_domain);
    a->by_kind = a->by_domain = NULL;
    ind_counts_free(&a->criteria);
}

int ind_difficulties(struct store *s, const struct ind_scope *sc, struct ind_difficulties *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct ind_report r;
    if (ind_report(s, sc, NULL, "difficulties", &r, err) != 0)
        return err->code;
    const char *S = "difficulties";
    out->raised = (long)fig(&r, S, "raised");
    out->open = (long)fig(&r, S, "open");
    out->open_high = (long)fig(&r, S, "open_high");
    out->resolved = (long)fig(&r, S, "resolved");
    out->informed = (long)fig(&r, S, "informed");
    out->informed_dated = (long)fig(&r, S, "informed_dated");
    out->avg_days_to_inform = fig(&r, S, "avg_days_to_inform");
    out->max_days_to_inform = (long)fig(&r, S, "max_days_to_inform");
    out->by_kind = list_counts(&r, S, "by_kind", NULL);
    out->by_severity = list_counts(&r, S, "by_severity", NULL);
    list_to_counts(&r, S, "partners_informed", &out->partners);
    ind_report_free(&r);
    return 0;
}

void ind_difficulties_free(struct ind_difficulties *d)
{
    free(d->by_kind);
    free(d->by_severity);
    d->by_kind = d->by_severity = NULL;
    ind_counts_free(&d->partners);
}

/* Open now, raised by the year's end: the same query for the count and the list. */
static int open_query(struct ind_log_query *o, const struct ind_scope *sc, struct error *err)
{
    if (scope_query(o, "difficulty", sc, false, err) != 0 || query_where_add(&o->q, "status", "open", err) != 0)
        return err->code;
    o->q.to = o->to;
    return 0;
}

static char *column_or_null(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t && *t ? xstrdup((const char *)t) : NULL;
}

struct open_list {
    struct ind_open_difficulty *v;
    size_t n;
};

static int open_row(sqlite3_stmt *st, void *ctx)
{
    struct open_list *l = ctx;
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    struct ind_open_difficulty *d = &l->v[l->n++];
    char **cols[] = {&d->id, &d->raised_on, &d->centre_name, &d->kind, &d->severity, &d->summary, &d->partners,
                     &d->informed_on};
    for (int i = 0; i < 8; i++)
        *cols[i] = column_or_null(st, i);
    return 0;
}

int ind_open_difficulties(struct store *s, const struct ind_scope *sc, struct ind_open_difficulty **out, size_t *n,
                          struct error *err)
{
    *out = NULL;
    *n = 0;
    struct ind_log_query o;
    if (open_query(&o, sc, err) != 0)
        return err->code;
    struct open_list l = {NULL, 0};
    int rc = query_select(s, &o.q,
                          "t.id, t.raised_on, c.name, t.kind, t.severity, t.summary, t.partners_informed, t.informed_on",
                          "LEFT JOIN centre c ON c.id = t.centre AND c.deleted = 0", "ORDER BY t.raised_on, t.id",
                          open_row, &l, err);
    if (rc < 0) {
        ind_open_difficulties_free(l.v, l.n);
        return rc;
    }
    *out = l.v;
    *n = l.n;
    return 0;
}

void ind_open_difficulties_free(struct ind_open_difficulty *d, size_t n)
{
    for (size_t i = 0; d && i < n; i++) {
        free(d[i].id);
        free(d[i].raised_on);
        free(d[i].centre_name);
        free(d[i].kind);
        free(d[i].severity);
        free(d[i].summary);
        free(d[i].partners);
        free(d[i].informed_on);
    }
    free(d);
}

void ind_composition_date(const struct ind_scope *sc, char out[11])
{
    char today[11], end[40];
    today_of(sc, today);
    snprintf(end, sizeof end, "%04d-12-31", sc->year);
    snprintf(out, 11, "%.10s", strcmp(end, today) < 0 ? end : today);
}

void ind_governance_sum(struct ind_governance *g)
{
    memset(&g->total_comp, 0, sizeof g->total_comp);
    memset(&g->total, 0, sizeof g->total);
    g->councils = g->councils_few_inhabitants = g->councils_no_parity = 0;
    struct gov_composition *tc = &g->total_comp;
    struct gov_year *t = &g->total;
    for (size_t i = 0; i < g->n; i++) {
        const struct gov_body *b = &g->bodies[i];
        const struct gov_composition *c = &g->comp[i];
        const struct gov_year *y = &g->year[i];
        for (int k = 0; k < GOV_MAX_CODES; k++)
            tc->by_college[k] += c->by_college[k];
        tc->seats += c->seats;
        tc->inhabitants += c->inhabitants;
        tc->women += c->women;
        tc->from_qpv += c->from_qpv;
        tc->no_holder += c->no_holder;
        t->planned += y->planned;
        t->planned_held += y->planned_held;
        t->sittings += y->sittings;
        t->with_attendees += y->with_attendees;
        t->attendees += y->attendees;
        t->inhabitants_present += y->inhabitants_present;
        t->first_timers += y->first_timers;
        t->with_inhabitants += y->with_inhabitants;
        for (int k = 0; k < GOV_MAX_CODES; k++)
            t->levels[k] += y->levels[k];
        t->level_unset += y->level_unset;
        if (b->kind && strcmp(b->kind, "citizens_council") == 0) {
            g->councils++;
            if (b->warnings & (GOV_WARN_FEW_INHABITANTS | GOV_WARN_NO_SEATS))
                g->councils_few_inhabitants++;
            if (b->warnings & GOV_WARN_NO_PARITY)
                g->councils_no_parity++;
        }
    }
    gov_year_averages(t);
}

int ind_governance(struct store *s, const struct ind_scope *sc, struct ind_governance *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    ind_composition_date(sc, out->date);
    if (gov_bodies(s, sc->centre, out->date, &out->bodies, &out->n, err) != 0)
        return err->code;
    out->comp = xcalloc(out->n ? out->n : 1, sizeof *out->comp);
    out->year = xcalloc(out->n ? out->n : 1, sizeof *out->year);
    for (size_t i = 0; i < out->n; i++)
        if (gov_composition(s, out->bodies[i].id, out->date, &out->comp[i], err) != 0 ||
            gov_year(s, out->bodies[i].id, sc->year, &out->year[i], err) != 0) {
            ind_governance_free(out);
            return err->code;
        }
    ind_governance_sum(out);
    return 0;
}

void ind_governance_free(struct ind_governance *g)
{
    gov_bodies_free(g->bodies, g->n);
    free(g->comp);
    free(g->year);
    memset(g, 0, sizeof *g);
}

const struct kind *ind_log_kind(enum ind_log log)
{
    static const char *const names[IND_LOGS] = {"initiative", "meeting", "action", "difficulty"};
    return log < IND_LOGS ? kind_find(names[log]) : NULL;
}

const char *ind_log_title(enum ind_log log)
{
    static const char *const titles[IND_LOGS] = {N_("Initiatives started"), N_("Sittings"), N_("Actions"),
                                                 N_("Difficulties raised")};
    return log < IND_LOGS ? titles[log] : NULL;
}

static int month_row(sqlite3_stmt *st, void *ctx)
{
    long *months = ctx;
    int m = sqlite3_column_int(st, 0);
    if (m >= 1 && m <= 12)
        months[m - 1] = (long)sqlite3_column_int64(st, 1);
    return 0;
}

int ind_log_query(const struct ind_scope *sc, enum ind_log log, struct ind_log_query *out, struct error *err)
{
    const struct kind *k = ind_log_kind(log);
    if (!k)
        return error_add(err, ERR_INVALID, "logbook %d: there are %d logbooks", (int)log, (int)IND_LOGS);
    return scope_query(out, k->name, sc, true, err);
}

int ind_monthly(struct store *s, const struct ind_scope *sc, long out[IND_LOGS][12], struct error *err)
{
    memset(out, 0, sizeof(long) * IND_LOGS * 12);
    for (int log = 0; log < IND_LOGS; log++) {
        struct ind_log_query y;
        if (ind_log_query(sc, (enum ind_log)log, &y, err) != 0)
            return err->code;
        char *select = xasprintf("CAST(substr(t.%s, 6, 2) AS INTEGER), count(*)", y.q.kind->date_field);
        int rc = query_select(s, &y.q, select, NULL, "GROUP BY 1", month_row, out[log], err);
        free(select);
        if (rc < 0)
            return rc;
    }
    return 0;
}

char *ind_centre_id(struct store *s, const char *text, struct error *err)
{
    const struct field *f = kind_field(kind_find("initiative"), "centre");
    return ref_resolve(s, f, text, err);
}
