/* The indicators of a year (definitions in indicators.h). Each figure is
 * an aggregate run through query_select, whose WHERE clause is the lists'
 * one: a scope is a struct query (kind, centre, from/to), so the dashboard's
 * drill-down lists exactly the records a figure counts. Governance comes
 * from model/governance.h. */
#include "model/indicators.h"
#include "model/query_internal.h"
#include "model/record_internal.h"
#include "util/numdate.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scope_q {
    struct query q;
    char from[16], to[16];
};

/* The records of kind dated in sc's year (dated: false drops the bounds),
 * in sc's centre. */
static int scope_query(struct scope_q *sq, const char *kind, const struct ind_scope *sc, bool dated,
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

static int counts_of(struct store *s, const struct query *q, const char *field, struct ind_counts *out,
                     struct error *err)
{
    int rc = query_frequency(s, q, field, collect_count, out, err);
    if (rc < 0)
        ind_counts_free(out);
    return rc < 0 ? rc : 0;
}

struct choice_ctx {
    const struct field *f;
    long *out;
    long *unset;
};

static int choice_count(const char *value, long count, void *ctx)
{
    struct choice_ctx *c = ctx;
    for (int i = 0; i < IND_MAX_CODES && c->f->choices[i].code; i++)
        if (strcmp(c->f->choices[i].code, value) == 0) {
            c->out[i] += count;
            return 0;
        }
    if (c->unset)
        *c->unset += count;
    return 0;
}

/* Records of q per choice of field, in the choices' order; records
 * without a value (or an unknown code) go to *unset when not NULL. */
static int by_choice(struct store *s, const struct query *q, const char *field, long out[IND_MAX_CODES], long *unset,
                     struct error *err)
{
    struct choice_ctx c = {kind_field(q->kind, field), out, unset};
    int rc = query_frequency(s, q, field, choice_count, &c, err);
    return rc < 0 ? rc : 0;
}

/* The row of an aggregate select: up to 8 numbers. */
struct sums {
    double v[8];
    int n;
};

static int sums_row(sqlite3_stmt *st, void *ctx)
{
    struct sums *r = ctx;
    r->n = sqlite3_column_count(st);
    for (int i = 0; i < r->n && i < 8; i++)
        r->v[i] = sqlite3_column_double(st, i);
    return 1;
}

static int sums_of(struct store *s, const struct query *q, const char *select, struct sums *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    int rc = query_select(s, q, select, NULL, NULL, sums_row, out, err);
    return rc < 0 ? rc : 0;
}

int ind_initiatives(struct store *s, const struct ind_scope *sc, struct ind_initiatives *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct scope_q y;
    if (scope_query(&y, "initiative", sc, true, err) != 0)
        return err->code;
    struct sums r;
    if (sums_of(s, &y.q,
                "count(*), total(t.innovative = 1), total(t.inhabitants_involved), total(t.volunteers), "
                "total(t.volunteer_hours), total(t.territory IS NOT NULL), "
                "total(EXISTS (SELECT 1 FROM territory x WHERE x.id = t.territory AND x.deleted = 0 "
                "AND coalesce(x.qpv_code, '') <> ''))",
                &r, err) != 0)
        return err->code;
    out->started = (long)r.v[0];
    out->innovative = (long)r.v[1];
    out->inhabitants_involved = (long)r.v[2];
    out->volunteers = (long)r.v[3];
    out->volunteer_hours = r.v[4];
    out->with_territory = (long)r.v[5];
    out->in_qpv = (long)r.v[6];

    /* Active: started by the year's end, not ended before it began. The
     * date is written into the SQL from an int, never from user text. */
    struct scope_q a;
    if (scope_query(&a, "initiative", sc, false, err) != 0)
        return err->code;
    a.q.to = a.to;
    char *active = xasprintf("total(t.ended_on IS NULL OR t.ended_on >= '%s')", a.from);
    int rc = sums_of(s, &a.q, active, &r, err);
    free(active);
    if (rc != 0)
        return rc;
    out->active = (long)r.v[0];

    if (by_choice(s, &y.q, "status", out->by_status, NULL, err) != 0 ||
        by_choice(s, &y.q, "carried_by", out->by_carried_by, NULL, err) != 0 ||
        counts_of(s, &y.q, "themes", &out->themes, err) != 0)
        return err->code;
    return 0;
}

void ind_initiatives_free(struct ind_initiatives *i)
{
    ind_counts_free(&i->themes);
}

int ind_actions(struct store *s, const struct ind_scope *sc, struct ind_actions *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct scope_q y;
    if (scope_query(&y, "action", sc, true, err) != 0)
        return err->code;
    char today[11];
    today_of(sc, today);
    /* Open and past due as defined in indicators.h; today is a valid ISO
     * date (checked), so it can be written into the SQL. */
    char *select = xasprintf("count(*), total(t.participants), count(t.follow_up_due), "
                             "total(t.follow_up_due IS NOT NULL AND (t.follow_up_due >= '%s' OR coalesce(t.outcome, '') = '')), "
                             "total(t.follow_up_due < '%s' AND coalesce(t.outcome, '') = '')",
                             today, today);
    struct sums r;
    int rc = sums_of(s, &y.q, select, &r, err);
    free(select);
    if (rc != 0)
        return rc;
    out->held = (long)r.v[0];
    out->participants = (long)r.v[1];
    out->follow_ups = (long)r.v[2];
    out->follow_ups_open = (long)r.v[3];
    out->follow_ups_past_due = (long)r.v[4];
    if (by_choice(s, &y.q, "kind", out->by_kind, NULL, err) != 0 ||
        by_choice(s, &y.q, "domain", out->by_domain, &out->domain_unset, err) != 0 ||
        counts_of(s, &y.q, "criteria", &out->criteria, err) != 0)
        return err->code;
    return 0;
}

void ind_actions_free(struct ind_actions *a)
{
    ind_counts_free(&a->criteria);
}

static int open_query(struct scope_q *o, const struct ind_scope *sc, struct error *err);

int ind_difficulties(struct store *s, const struct ind_scope *sc, struct ind_difficulties *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct scope_q y;
    if (scope_query(&y, "difficulty", sc, true, err) != 0)
        return err->code;
    struct sums r;
    if (sums_of(s, &y.q,
                "count(*), total(t.partners_informed IS NOT NULL), count(t.informed_on), "
                "total(julianday(t.informed_on) - julianday(t.raised_on)), "
                "coalesce(max(julianday(t.informed_on) - julianday(t.raised_on)), 0)",
                &r, err) != 0)
        return err->code;
    out->raised = (long)r.v[0];
    out->informed = (long)r.v[1];
    out->informed_dated = (long)r.v[2];
    out->avg_days_to_inform = out->informed_dated ? r.v[3] / (double)out->informed_dated : 0;
    out->max_days_to_inform = (long)r.v[4];

    /* Open now and raised by the year's end, in any earlier year too. */
    struct scope_q o;
    if (open_query(&o, sc, err) != 0)
        return err->code;
    if (sums_of(s, &o.q, "count(*), total(t.severity = 'high')", &r, err) != 0)
        return err->code;
    out->open = (long)r.v[0];
    out->open_high = (long)r.v[1];

    /* Resolved in the year, whenever raised (dates from an int). */
    struct scope_q all;
    if (scope_query(&all, "difficulty", sc, false, err) != 0)
        return err->code;
    char *resolved = xasprintf("total(t.status = 'resolved' AND t.resolved_on BETWEEN '%s' AND '%s')", all.from, all.to);
    int rc = sums_of(s, &all.q, resolved, &r, err);
    free(resolved);
    if (rc != 0)
        return rc;
    out->resolved = (long)r.v[0];

    if (by_choice(s, &y.q, "kind", out->by_kind, NULL, err) != 0 ||
        by_choice(s, &y.q, "severity", out->by_severity, NULL, err) != 0 ||
        counts_of(s, &y.q, "partners_informed", &out->partners, err) != 0)
        return err->code;
    return 0;
}

void ind_difficulties_free(struct ind_difficulties *d)
{
    ind_counts_free(&d->partners);
}

/* Open now, raised by the year's end: the same query for the count and the list. */
static int open_query(struct scope_q *o, const struct ind_scope *sc, struct error *err)
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
    struct scope_q o;
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

int ind_governance(struct store *s, const struct ind_scope *sc, struct ind_governance *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    char today[11], end[16];
    today_of(sc, today);
    snprintf(end, sizeof end, "%04d-12-31", sc->year);
    snprintf(out->date, sizeof out->date, "%.10s", strcmp(end, today) < 0 ? end : today);
    if (gov_bodies(s, sc->centre, out->date, &out->bodies, &out->n, err) != 0)
        return err->code;
    out->comp = xcalloc(out->n ? out->n : 1, sizeof *out->comp);
    out->year = xcalloc(out->n ? out->n : 1, sizeof *out->year);
    long with_inhabitants = 0;
    for (size_t i = 0; i < out->n; i++) {
        struct gov_body *b = &out->bodies[i];
        struct gov_composition *c = &out->comp[i];
        struct gov_year *y = &out->year[i];
        if (gov_composition(s, b->id, out->date, c, err) != 0 || gov_year(s, b->id, sc->year, y, err) != 0) {
            ind_governance_free(out);
            return err->code;
        }
        struct gov_composition *tc = &out->total_comp;
        for (int k = 0; k < GOV_MAX_CODES; k++)
            tc->by_college[k] += c->by_college[k];
        tc->seats += c->seats;
        tc->inhabitants += c->inhabitants;
        tc->women += c->women;
        tc->from_qpv += c->from_qpv;
        tc->no_holder += c->no_holder;
        struct gov_year *t = &out->total;
        t->planned += y->planned;
        t->planned_held += y->planned_held;
        t->sittings += y->sittings;
        t->with_attendees += y->with_attendees;
        t->attendees += y->attendees;
        t->inhabitants_present += y->inhabitants_present;
        t->first_timers += y->first_timers;
        with_inhabitants += y->with_inhabitants;
        for (int k = 0; k < GOV_MAX_CODES; k++)
            t->levels[k] += y->levels[k];
        t->level_unset += y->level_unset;
        if (b->kind && strcmp(b->kind, "citizens_council") == 0) {
            out->councils++;
            if (b->warnings & (GOV_WARN_FEW_INHABITANTS | GOV_WARN_NO_SEATS))
                out->councils_few_inhabitants++;
            if (b->warnings & GOV_WARN_NO_PARITY)
                out->councils_no_parity++;
        }
    }
    out->total.with_inhabitants = with_inhabitants;
    if (out->total.with_attendees)
        out->total.avg_attendees = (double)out->total.attendees / (double)out->total.with_attendees;
    if (with_inhabitants)
        out->total.avg_inhabitants = (double)out->total.inhabitants_present / (double)with_inhabitants;
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

static int month_row(sqlite3_stmt *st, void *ctx)
{
    long *months = ctx;
    int m = sqlite3_column_int(st, 0);
    if (m >= 1 && m <= 12)
        months[m - 1] = (long)sqlite3_column_int64(st, 1);
    return 0;
}

int ind_monthly(struct store *s, const struct ind_scope *sc, long out[IND_LOGS][12], struct error *err)
{
    memset(out, 0, sizeof(long) * IND_LOGS * 12);
    for (int log = 0; log < IND_LOGS; log++) {
        const struct kind *k = ind_log_kind((enum ind_log)log);
        struct scope_q y;
        /* A sitting has no centre of its own: its body's, through a join
         * (the centre is a checked id, so it may be written into the SQL). */
        bool via_body = log == IND_SITTINGS;
        struct ind_scope all = *sc;
        if (via_body)
            all.centre = NULL;
        if (scope_query(&y, k->name, &all, true, err) != 0)
            return err->code;
        char *join = NULL;
        if (via_body && sc->centre) {
            if (!id_valid(sc->centre))
                return error_add(err, ERR_INVALID, "centre: '%s' is not an id", sc->centre);
            join = xasprintf("JOIN body b ON b.id = t.body AND b.centre = '%s'", sc->centre);
        }
        char *select = xasprintf("CAST(substr(t.%s, 6, 2) AS INTEGER), count(*)", k->date_field);
        int rc = query_select(s, &y.q, select, join, "GROUP BY 1", month_row, out[log], err);
        free(select);
        free(join);
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
