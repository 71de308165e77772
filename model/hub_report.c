/* The federation's report (carnet report --db URI): the yearly report of
 * model/report.h computed by PostgreSQL over the hub's tables, for every
 * centre the role may read (row-level security decides) or one. The
 * figures are the report's own (model/ind_source.h): the same aggregates
 * of model/indicator_defs.c, run by PostgreSQL (SQLite's total() as
 * sum, julianday() as the hub's, model/hub_views.c), the same windows and scopes, and the
 * governance figures from grouped queries arranged by the functions of
 * model/governance.h. Nothing is copied into a store. Every query runs
 * in one read-only snapshot, so a report is consistent while centres
 * sync. */
#include "model/hub_internal.h"
#include "model/ind_source.h"
#include "model/kind.h"
#include "model/report_internal.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hub_src {
    struct hub *h;
    const char *dataset;        /* a dataset's id, or NULL: every dataset the role reads */
};

/* $1 is the dataset (NULL: any), $2 the centre (NULL: any). */
static const char *const *scope_params(const struct hub_src *hs, const struct ind_scope *sc, const char *p[2])
{
    p[0] = hs->dataset;
    p[1] = sc->centre;
    return p;
}

/* A date of the scope's year: its first day (end false) or its last. */
static void year_day(int year, bool end, char out[40])
{
    snprintf(out, 40, end ? "'%04d-12-31'" : "'%04d-01-01'", year);
}

/* " WHERE ..." of the live records of kind k (aliased t) in window win of
 * sc, as the store's lists filter them (model/query.c): the centre is
 * the record's, or for a sitting its body's; dates compare as the ISO
 * text they are. */
static void scope_where(struct strbuf *b, const struct kind *k, enum ind_window win, const struct ind_scope *sc)
{
    strbuf_adds(b, " WHERE t.deleted = 0 AND ($1::uuid IS NULL OR t.dataset = $1::uuid)");
    if (kind_field(k, "centre"))
        strbuf_adds(b, " AND ($2::text IS NULL OR t.centre = $2::text)");
    else if (kind_field(k, "body"))
        strbuf_adds(b, " AND ($2::text IS NULL OR t.body IN (SELECT b.id FROM carnet.body b WHERE b.dataset = "
                       "t.dataset AND b.centre = $2::text))");
    char from[40], to[40];
    year_day(sc->year, false, from);
    year_day(sc->year, true, to);
    const char *d = k->date_field;
    switch (win) {
    case IND_IN_YEAR:
        strbuf_addf(b, " AND t.%s COLLATE \"C\" >= %s AND t.%s COLLATE \"C\" <= %s", d, from, d, to);
        break;
    case IND_OPEN:
        strbuf_adds(b, " AND t.status = 'open'");
        /* fall through */
    case IND_BY_END:
        strbuf_addf(b, " AND t.%s COLLATE \"C\" <= %s", d, to);
        break;
    default:
        break;
    }
}

static PGresult *scope_query(struct hub_src *hs, const char *sql, const struct ind_scope *sc, const char *doing,
                             struct error *err)
{
    const char *p[2];
    return hub_query(hs->h, sql, 2, scope_params(hs, sc, p), doing, err);
}

static double value_of(PGresult *r, int row, int col)
{
    double x = 0;
    if (!PQgetisnull(r, row, col) && numdate_to_double(PQgetvalue(r, row, col), &x) != 0)
        x = 0;
    return x;
}

static long long_of(PGresult *r, int row, int col)
{
    return (long)value_of(r, row, col);
}

static char *text_of(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : xstrdup(PQgetvalue(r, row, col));
}

/* sql with each total(x) of SQLite written coalesce(sum(x), 0), the same
 * value, which PostgreSQL computes with its own sum (the hub's total(),
 * kept for the SQL of the views, is an SQL function called per row). */
static void pg_totals(struct strbuf *b, const char *sql)
{
    for (const char *p = sql; *p;) {
        bool word = p > sql && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.');
        if (word || strncmp(p, "total(", 6) != 0) {
            strbuf_addc(b, *p++);
            continue;
        }
        const char *q = p + 6;
        int depth = 1;
        for (; *q && depth; q++)
            if (*q == '(')
                depth++;
            else if (*q == ')')
                depth--;
        if (depth) {            /* unbalanced: as it is */
            strbuf_adds(b, p);
            return;
        }
        char *inner = xasprintf("%.*s", (int)(q - 1 - (p + 6)), p + 6);
        strbuf_adds(b, "coalesce(sum(");
        pg_totals(b, inner);
        strbuf_adds(b, "), 0)");
        free(inner);
        p = q;
    }
}

static int hub_values(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc,
                      const char *select, size_t ncols, double *v, bool *null, struct error *err)
{
    const struct kind *k = kind_find(kind);
    struct strbuf sql;
    strbuf_init(&sql);
    strbuf_adds(&sql, "SELECT ");
    pg_totals(&sql, select);
    strbuf_addf(&sql, " FROM carnet.%s t", k->name);
    scope_where(&sql, k, win, sc);
    PGresult *r = scope_query(ctx, sql.s, sc, N_("computing the report's figures"), err);
    strbuf_free(&sql);
    if (!r)
        return err->code;
    for (size_t i = 0; i < ncols && (int)i < PQnfields(r); i++) {
        null[i] = PQntuples(r) == 0 || PQgetisnull(r, 0, (int)i);
        v[i] = PQntuples(r) ? value_of(r, 0, (int)i) : 0;
    }
    PQclear(r);
    return 0;
}

/* Runs sql (freed) and gives fn each (value, count) row. */
static int count_rows(struct hub_src *hs, struct strbuf *sql, const struct ind_scope *sc, query_freq_fn fn,
                      void *fctx, struct error *err)
{
    PGresult *r = scope_query(hs, sql->s, sc, N_("computing the report's figures"), err);
    strbuf_free(sql);
    if (!r)
        return err->code;
    for (int i = 0; i < PQntuples(r); i++)
        if (fn(PQgetvalue(r, i, 0), long_of(r, i, 1), fctx))
            break;
    PQclear(r);
    return 0;
}

static int hub_frequency(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc,
                         const char *field, query_freq_fn fn, void *fctx, struct error *err)
{
    const struct kind *k = kind_find(kind);
    const struct field *f = kind_field(k, field);
    if (!f)
        return error_add(err, ERR_INVALID, "%s: no such field for %s", field, _(k->plural));
    struct strbuf sql;
    strbuf_init(&sql);
    /* A set counts under each member, split as the store splits it. */
    if (f->type == FT_SET)
        strbuf_addf(&sql, "SELECT v, n FROM (SELECT m AS v, count(*) AS n FROM carnet.%s t CROSS JOIN LATERAL "
                          "unnest(string_to_array(t.%s, ',')) m", k->name, f->name);
    else
        strbuf_addf(&sql, "SELECT v, n FROM (SELECT coalesce(t.%s::text, '') AS v, count(*) AS n FROM carnet.%s t",
                    f->name, k->name);
    scope_where(&sql, k, win, sc);
    strbuf_adds(&sql, " GROUP BY 1) f ORDER BY n DESC, v COLLATE \"C\"");
    return count_rows(ctx, &sql, sc, fn, fctx, err);
}

static int hub_members(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc,
                       const char *field, const char *by, query_freq_fn fn, void *fctx, struct error *err)
{
    const struct kind *k = kind_find(kind), *t = kind_find(kind_field(k, field)->ref);
    struct strbuf sql;
    strbuf_init(&sql);
    /* A record of one dataset is not another's, whatever their ids. */
    strbuf_addf(&sql, "SELECT coalesce(p.%s, ''), count(DISTINCT (p.dataset, p.id)) FROM carnet.%s t CROSS JOIN "
                      "LATERAL unnest(string_to_array(t.%s, ',')) m JOIN carnet.%s p ON p.dataset = t.dataset AND "
                      "p.%s = m AND p.deleted = 0", by, k->name, field, t->name, kind_set_key(t));
    scope_where(&sql, k, win, sc);
    strbuf_adds(&sql, " GROUP BY 1");
    return count_rows(ctx, &sql, sc, fn, fctx, err);
}

/* As format_member_label: a member's label (its column, else the kind's
 * title), deleted records too. */
static char *hub_label(void *ctx, const char *kind, const char *column, const char *key)
{
    struct hub_src *hs = ctx;
    const struct kind *k = kind_find(kind);
    if (!k)
        return NULL;
    const char *label = kind_field(k, column) ? column : k->title_field;
    char *sql = xasprintf("SELECT %s FROM carnet.%s WHERE %s = $2 AND ($1::uuid IS NULL OR dataset = $1::uuid) AND "
                          "coalesce(%s, '') <> '' ORDER BY deleted, dataset LIMIT 1",
                          label, k->name, kind_set_key(k), label);
    const char *p[2] = {hs->dataset, key};
    struct error err;
    error_clear(&err);
    PGresult *r = hub_query(hs->h, sql, 2, p, N_("reading a label"), &err);
    free(sql);
    char *text = r && PQntuples(r) ? text_of(r, 0, 0) : NULL;
    PQclear(r);
    return text;
}

/* ---- governance: every body at once, arranged as model/governance.c ---- */

/* The bodies of g by (dataset, id), to find the body of a result row. */
struct body_index {
    char *const *datasets;
    const struct ind_governance *g;
    size_t *order;
};

static const struct body_index *sorting;

static int body_cmp(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sorting->datasets[i], sorting->datasets[j]);
    return c ? c : strcmp(sorting->g->bodies[i].id, sorting->g->bodies[j].id);
}

static void body_index_make(struct body_index *x, const struct ind_governance *g, char *const *datasets)
{
    x->g = g;
    x->datasets = datasets;
    x->order = xcalloc(g->n ? g->n : 1, sizeof *x->order);
    for (size_t i = 0; i < g->n; i++)
        x->order[i] = i;
    sorting = x;
    qsort(x->order, g->n, sizeof *x->order, body_cmp);
    sorting = NULL;
}

/* The index in g of the body (dataset, id), or -1. */
static long body_at(const struct body_index *x, const char *dataset, const char *id)
{
    size_t lo = 0, hi = x->g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, i = x->order[mid];
        int c = strcmp(x->datasets[i], dataset);
        if (!c)
            c = strcmp(x->g->bodies[i].id, id);
        if (!c)
            return (long)i;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int hub_governance(void *ctx, const struct ind_scope *sc, struct ind_governance *g, struct error *err)
{
    struct hub_src *hs = ctx;
    memset(g, 0, sizeof *g);
    ind_composition_date(sc, g->date);
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", sc->year);
    snprintf(to, sizeof to, "%04d-12-31", sc->year);
    /* $1 the dataset, then the centre (bodies), the date (seats) or the year (sittings) */
    const char *p[2] = {hs->dataset, sc->centre}, *pd[2] = {hs->dataset, g->date}, *py[3] = {hs->dataset, from, to};
    /* The bodies, in gov_bodies' order, with where their plan starts
     * (governance.h). */
    PGresult *r = hub_query(hs->h,
        "SELECT b.dataset, b.id, b.name, b.kind, b.meets_every, b.centre, c.name, coalesce(b.first_sitting_on, "
        "least(substr(b.created_at, 1, 10), coalesce(f.first, '9999-12-31'))) "
        "FROM carnet.body b LEFT JOIN carnet.centre c ON c.dataset = b.dataset AND c.id = b.centre AND c.deleted = 0 "
        "LEFT JOIN (SELECT m.dataset, m.body, min(m.held_on COLLATE \"C\") AS first FROM carnet.meeting m WHERE "
        "m.deleted = 0 AND ($1::uuid IS NULL OR m.dataset = $1::uuid) GROUP BY 1, 2) f ON f.dataset = b.dataset AND "
        "f.body = b.id "
        "WHERE b.deleted = 0 AND ($1::uuid IS NULL OR b.dataset = $1::uuid) AND ($2::text IS NULL OR b.centre = "
        "$2::text) ORDER BY c.name IS NULL, c.name COLLATE \"C\" NULLS FIRST, b.name COLLATE \"C\" NULLS FIRST, "
        "b.id COLLATE \"C\"", 2, p, N_("computing the report's figures"), err);
    if (!r)
        return err->code;
    g->n = (size_t)PQntuples(r);
    g->bodies = xcalloc(g->n ? g->n : 1, sizeof *g->bodies);
    g->comp = xcalloc(g->n ? g->n : 1, sizeof *g->comp);
    g->year = xcalloc(g->n ? g->n : 1, sizeof *g->year);
    char **datasets = xcalloc(g->n ? g->n : 1, sizeof *datasets), **begins = xcalloc(g->n ? g->n : 1, sizeof *begins);
    for (size_t i = 0; i < g->n; i++) {
        struct gov_body *b = &g->bodies[i];
        datasets[i] = xstrdup(PQgetvalue(r, (int)i, 0));
        snprintf(b->id, sizeof b->id, "%s", PQgetvalue(r, (int)i, 1));
        b->name = text_of(r, (int)i, 2);
        b->kind = text_of(r, (int)i, 3);
        b->meets_every = text_of(r, (int)i, 4);
        b->centre = text_of(r, (int)i, 5);
        b->centre_name = text_of(r, (int)i, 6);
        begins[i] = text_of(r, (int)i, 7);
    }
    PQclear(r);
    struct body_index bx;
    body_index_make(&bx, g, datasets);

    /* The seats counted on the date, per body and college. */
    int rc = 0;
    r = hub_query(hs->h,
        "SELECT s.dataset, s.body, s.college, count(*), count(*) FILTER (WHERE s.woman = 1), count(*) FILTER (WHERE "
        "s.from_qpv = 1), count(*) FILTER (WHERE s.holder IS NULL OR s.holder = '') FROM carnet.seat s WHERE "
        "s.deleted = 0 AND ($1::uuid IS NULL OR s.dataset = $1::uuid) AND (s.term_start IS NULL OR s.term_start "
        "COLLATE \"C\" <= $2) AND (s.term_end IS NULL OR s.term_end COLLATE \"C\" > $2) GROUP BY 1, 2, 3", 2, pd,
        N_("computing the report's figures"), err);
    if (!r)
        rc = err->code;
    for (int i = 0; r && i < PQntuples(r); i++) {
        long at = body_at(&bx, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
        if (at >= 0)
            gov_composition_add(&g->comp[at], PQgetisnull(r, i, 2) ? NULL : PQgetvalue(r, i, 2), long_of(r, i, 3),
                                long_of(r, i, 4), long_of(r, i, 5), long_of(r, i, 6));
    }
    PQclear(r);
    for (size_t i = 0; i < g->n; i++) {
        g->bodies[i].comp = g->comp[i];
        memset(g->bodies[i].comp.by_college, 0, sizeof g->bodies[i].comp.by_college);
        g->bodies[i].warnings = gov_warnings(g->bodies[i].kind, &g->comp[i]);
    }

    /* The year's sittings per body and level, as gov_year's query. */
    r = rc ? NULL : hub_query(hs->h,
        "SELECT m.dataset, m.body, m.participation_level, count(*), count(m.attendees), coalesce(sum(m.attendees), 0), "
        "coalesce(sum(m.inhabitants_present), 0), coalesce(sum(m.first_timers), 0), count(m.inhabitants_present) "
        "FROM carnet.meeting m "
        "WHERE m.deleted = 0 AND ($1::uuid IS NULL OR m.dataset = $1::uuid) AND m.held_on COLLATE \"C\" >= $2 AND "
        "m.held_on COLLATE \"C\" <= $3 GROUP BY 1, 2, 3", 3, py, N_("computing the report's figures"), err);
    if (!r && !rc)
        rc = err->code;
    for (int i = 0; r && i < PQntuples(r); i++) {
        long at = body_at(&bx, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
        struct gov_sittings s = {PQgetisnull(r, i, 2) ? NULL : PQgetvalue(r, i, 2), long_of(r, i, 3),
                                 long_of(r, i, 4), long_of(r, i, 5), long_of(r, i, 6), long_of(r, i, 7),
                                 long_of(r, i, 8)};
        if (at >= 0)
            gov_year_add(&g->year[at], &s);
    }
    PQclear(r);

    /* The planned sittings of the year and which were held: the year's
     * sittings of each body in (held_on, id) order, walked by gov_plan_mark. */
    r = rc ? NULL : hub_query(hs->h,
        "SELECT m.dataset, m.body, m.held_on, m.id FROM carnet.meeting m WHERE m.deleted = 0 AND ($1::uuid IS NULL "
        "OR m.dataset = $1::uuid) AND m.held_on COLLATE \"C\" >= $2 AND m.held_on COLLATE \"C\" <= $3 ORDER BY "
        "m.dataset, m.body COLLATE \"C\", m.held_on COLLATE \"C\", m.id COLLATE \"C\"", 3, py,
        N_("computing the report's figures"), err);
    if (!r && !rc)
        rc = err->code;
    struct gov_planned **plans = xcalloc(g->n ? g->n : 1, sizeof *plans);
    size_t *nplans = xcalloc(g->n ? g->n : 1, sizeof *nplans), *walk = xcalloc(g->n ? g->n : 1, sizeof *walk);
    for (size_t i = 0; i < g->n; i++) {
        const char *b = begins[i] && numdate_date_valid(begins[i]) ? begins[i] : "";
        gov_plan(g->bodies[i].id, g->bodies[i].meets_every, b, from, to, &plans[i], &nplans[i]);
    }
    for (int i = 0; r && i < PQntuples(r); i++) {
        long at = body_at(&bx, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
        if (at >= 0)
            gov_plan_mark(plans[at], nplans[at], &walk[at], PQgetvalue(r, i, 2), PQgetvalue(r, i, 3));
    }
    PQclear(r);
    for (size_t i = 0; i < g->n; i++) {
        g->year[i].planned = (long)nplans[i];
        for (size_t j = 0; j < nplans[i]; j++)
            g->year[i].planned_held += plans[i][j].held;
        gov_year_averages(&g->year[i]);
        free(plans[i]);
        free(datasets[i]);
        free(begins[i]);
    }
    free(plans);
    free(nplans);
    free(walk);
    free(datasets);
    free(begins);
    free(bx.order);
    if (rc) {
        ind_governance_free(g);
        return rc;
    }
    ind_governance_sum(g);
    return 0;
}

static int hub_open_difficulties(void *ctx, const struct ind_scope *sc, struct ind_open_difficulty **out, size_t *n,
                                 struct error *err)
{
    *out = NULL;
    *n = 0;
    const struct kind *k = kind_find("difficulty");
    struct strbuf sql;
    strbuf_init(&sql);
    strbuf_adds(&sql, "SELECT t.id, t.raised_on, c.name, t.kind, t.severity, t.summary, t.partners_informed, "
                      "t.informed_on FROM carnet.difficulty t LEFT JOIN carnet.centre c ON c.dataset = t.dataset AND "
                      "c.id = t.centre AND c.deleted = 0");
    scope_where(&sql, k, IND_OPEN, sc);
    strbuf_adds(&sql, " ORDER BY t.raised_on COLLATE \"C\" NULLS FIRST, t.id COLLATE \"C\"");
    PGresult *r = scope_query(ctx, sql.s, sc, N_("computing the report's figures"), err);
    strbuf_free(&sql);
    if (!r)
        return err->code;
    *n = (size_t)PQntuples(r);
    *out = xcalloc(*n ? *n : 1, sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        struct ind_open_difficulty *d = &(*out)[i];
        char **cols[] = {&d->id, &d->raised_on, &d->centre_name, &d->kind, &d->severity, &d->summary, &d->partners,
                         &d->informed_on};
        for (int c = 0; c < 8; c++) {
            *cols[c] = text_of(r, (int)i, c);
            if (*cols[c] && !**cols[c]) {
                free(*cols[c]);
                *cols[c] = NULL;
            }
        }
    }
    PQclear(r);
    return 0;
}

static int hub_monthly(void *ctx, const struct ind_scope *sc, long out[IND_LOGS][12], struct error *err)
{
    memset(out, 0, sizeof(long) * IND_LOGS * 12);
    for (int log = 0; log < IND_LOGS; log++) {
        const struct kind *k = ind_log_kind((enum ind_log)log);
        struct strbuf sql;
        strbuf_init(&sql);
        strbuf_addf(&sql, "SELECT substr(t.%s, 6, 2), count(*) FROM carnet.%s t", k->date_field, k->name);
        scope_where(&sql, k, IND_IN_YEAR, sc);
        strbuf_adds(&sql, " GROUP BY 1");
        PGresult *r = scope_query(ctx, sql.s, sc, N_("computing the report's figures"), err);
        strbuf_free(&sql);
        if (!r)
            return err->code;
        for (int i = 0; i < PQntuples(r); i++) {
            int m = atoi(PQgetvalue(r, i, 0));
            if (m >= 1 && m <= 12)
                out[log][m - 1] = long_of(r, i, 1);
        }
        PQclear(r);
    }
    return 0;
}

int hub_report(struct hub *h, const struct report_opts *o, const char *dataset, const char *centre,
               struct strbuf *out, struct error *err)
{
    /* One snapshot for every query; the indicators' SQL names the hub's
     * tables and functions (schema carnet) as the store's. */
    if (hub_exec(h, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = carnet, pg_catalog, "
                    "pg_temp", N_("starting the report"), err) != 0)
        return err->code;
    char ds[37] = "", *centre_id = NULL, *who = NULL;
    int rc = centre ? hub_centre_lookup(h, dataset, centre, true, ds, &centre_id, &who, err) : 0;
    if (rc == 0 && dataset && !centre) {
        const char *p[1] = {dataset};
        PGresult *r = hub_query(h, "SELECT 1 FROM carnet.dataset WHERE dataset = $1::uuid", 1, p,
                                N_("finding a dataset"), err);
        if (!r)
            rc = err->code;
        else if (PQntuples(r) == 0)
            rc = error_add(err, ERR_NOTFOUND, "the hub %s holds no dataset %s that you may read: see carnet hub "
                                              "status %s", hub_shown(h), dataset, hub_shown(h));
        PQclear(r);
    }
    struct hub_src hs = {h, centre ? ds : dataset};
    struct ind_source src = {&hs, hub_values, hub_frequency, hub_members, hub_label, hub_governance,
                             hub_open_difficulties, hub_monthly};
    char today[11];
    report_today(o, today);
    struct ind_scope sc = {o->year, centre_id, today};
    int compare = report_compare_year(o);
    struct ind_report rep;
    if (rc == 0 && ind_report_from(&src, &sc, o->label_column, NULL, &rep, err) != 0)
        rc = err->code;
    else if (rc == 0) {
        if (compare && ind_report_compare_from(&src, &rep, &sc, compare, o->label_column, err) != 0)
            rc = err->code;
        else
            rc = report_render(NULL, o, &rep, who, NULL, today, out, err);
        ind_report_free(&rep);
    }
    struct error ignored;
    error_clear(&ignored);
    hub_exec(h, "COMMIT", N_("ending the report"), &ignored);
    free(centre_id);
    free(who);
    return rc;
}
