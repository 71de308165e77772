/* Governance indicators on a hand-built dataset: composition on a date
 * (terms starting, ending, deleted seats), the citizens' council warning,
 * planned sittings and their ids, the figures of a year, the list of bodies
 * and the member's centre. Expected values are computed by hand in the
 * comments next to them. */
#include "testutil.h"
#include "model/governance.h"
#include "model/indicators.h"
#include "model/query.h"
#include "model/store_internal.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct world {
    struct store *s;
    char *centre_a, *centre_b;
    char *cc;       /* citizens' council "Conseil citoyen Nord", centre A, quarterly */
    char *cc_empty; /* citizens' council without seats, centre A, no rhythm */
    char *board;    /* board, centre B, monthly, three partner men */
    char *cc_sud;   /* citizens' council, centre B, yearly: 1 inhabitant of 4, 2 women */
    char *m_jan, *m_may, *m_jun, *m_oct;   /* sittings of cc in 2025 */
};

static char *pair(const char *field, const char *value)
{
    return xasprintf("%s=%s", field, value);
}

/* A body that has met since 2020 (its plan starts then: see test_plan_start). */
static char *add_body(struct store *s, const char *centre, const char *name, const char *kind, const char *every)
{
    char *c = pair("centre", centre), *n = pair("name", name), *k = pair("kind", kind), *e = pair("meets_every", every);
    char *id = tu_create(s, "body", c, n, k, e, "first_sitting_on=2020-01-01", NULL);
    free(c), free(n), free(k), free(e);
    return id;
}

/* A seat; extra is one more "field=value" or NULL, extra2 likewise. */
static char *add_seat(struct store *s, const char *body, const char *college, int woman, int qpv, const char *extra,
                      const char *extra2)
{
    char *b = pair("body", body), *c = pair("college", college);
    char *w = xasprintf("woman=%d", woman), *q = xasprintf("from_qpv=%d", qpv);
    char *id = tu_create(s, "seat", b, c, w, q, extra ? extra : extra2, extra ? extra2 : NULL, NULL);
    free(b), free(c), free(w), free(q);
    return id;
}

/* A sitting of body on date with attendees, inhabitants, first-timers (-1:
 * left empty) and a level (NULL: none). */
static char *add_sitting(struct store *s, const char *body, const char *date, int att, int inh, int first,
                         const char *level)
{
    struct error err;
    error_clear(&err);
    struct record *r = record_new(kind_find("meeting"));
    record_set(r, "body", body, NULL);
    record_set(r, "held_on", date, NULL);
    char buf[16];
    if (att >= 0) {
        snprintf(buf, sizeof buf, "%d", att);
        record_set(r, "attendees", buf, NULL);
        snprintf(buf, sizeof buf, "%d", inh);
        record_set(r, "inhabitants_present", buf, NULL);
        snprintf(buf, sizeof buf, "%d", first);
        record_set(r, "first_timers", buf, NULL);
    }
    if (level)
        record_set(r, "participation_level", level, NULL);
    if (record_create(s, r, &err) != 0)
        fail_msg("sitting on %s: %s", date, err.msg);
    char *id = xstrdup(r->id);
    record_free(r);
    return id;
}

static void del(struct store *s, const char *id)
{
    struct error err;
    error_clear(&err);
    if (record_delete(s, id, &err) != 0)
        fail_msg("delete: %s", err.msg);
}

static int setup(void **state)
{
    struct world *w = xcalloc(1, sizeof *w);
    w->s = tu_store(NULL);
    w->centre_a = tu_centre(w->s, "Centre A");
    w->centre_b = tu_centre(w->s, "Centre B");
    struct store *s = w->s;

    w->cc = add_body(s, w->centre_a, "Conseil citoyen Nord", "citizens_council", "quarter");
    char *p1 = tu_create(s, "person", "pseudonym=Awa D.", NULL);
    char *holder = pair("holder", p1);
    /* Seats of cc, and whether they count on 2025-06-14 / 06-15 / 07-01:
     *  1 inhabitants W qpv holder, from 2024-01-01          yes yes yes
     *  2 inhabitants M qpv, no term                          yes yes yes
     *  3 users W, from 2025-01-01                            yes yes yes
     *  4 partners M, 2020-01-01..2025-06-15 (ends that day)  yes no  no
     *  5 staff W, from 2025-07-01                            no  no  yes
     *  6 associations M, deleted                             no  no  no */
    free(add_seat(s, w->cc, "inhabitants", 1, 1, holder, "term_start=2024-01-01"));
    free(add_seat(s, w->cc, "inhabitants", 0, 1, NULL, NULL));
    free(add_seat(s, w->cc, "users", 1, 0, "term_start=2025-01-01", NULL));
    free(add_seat(s, w->cc, "partners", 0, 0, "term_start=2020-01-01", "term_end=2025-06-15"));
    free(add_seat(s, w->cc, "staff", 1, 0, "term_start=2025-07-01", NULL));
    char *gone = add_seat(s, w->cc, "associations", 0, 0, NULL, NULL);
    del(s, gone);
    free(gone);
    free(holder);
    free(p1);

    w->cc_empty = add_body(s, w->centre_a, "Conseil citoyen vide", "citizens_council", "none");
    w->board = add_body(s, w->centre_b, "Conseil d'administration", "board", "month");
    for (int i = 0; i < 3; i++)
        free(add_seat(s, w->board, "partners", 0, 0, NULL, NULL));
    w->cc_sud = add_body(s, w->centre_b, "Conseil citoyen Sud", "citizens_council", "year");
    free(add_seat(s, w->cc_sud, "inhabitants", 1, 1, NULL, NULL));
    free(add_seat(s, w->cc_sud, "users", 0, 0, NULL, NULL));
    free(add_seat(s, w->cc_sud, "users", 0, 0, NULL, NULL));
    free(add_seat(s, w->cc_sud, "users", 1, 0, NULL, NULL));
    char *dead = add_body(s, w->centre_b, "Ancien bureau", "bureau", "month");
    del(s, dead);
    free(dead);

    /* Sittings of cc: four live ones in 2025, one deleted, one in 2024. */
    w->m_jan = add_sitting(s, w->cc, "2025-01-20", 10, 4, 1, "information");
    w->m_may = add_sitting(s, w->cc, "2025-05-05", 20, 12, 3, "co_decision");
    w->m_jun = add_sitting(s, w->cc, "2025-06-30", -1, -1, -1, NULL);
    w->m_oct = add_sitting(s, w->cc, "2025-10-01", 6, 6, 0, "co_decision");
    char *m = add_sitting(s, w->cc, "2025-07-15", 100, 50, 10, "consultation");
    del(s, m);
    free(m);
    free(add_sitting(s, w->cc, "2024-12-31", 50, 20, 5, "information"));
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    store_close(w->s);
    free(w->centre_a), free(w->centre_b), free(w->cc), free(w->cc_empty), free(w->board), free(w->cc_sud);
    free(w->m_jan), free(w->m_may), free(w->m_jun), free(w->m_oct);
    free(w);
    return 0;
}

static struct gov_composition comp_on(struct world *w, const char *body, const char *date)
{
    struct gov_composition c;
    struct error err;
    error_clear(&err);
    if (gov_composition(w->s, body, date, &c, &err) != 0)
        fail_msg("gov_composition: %s", err.msg);
    return c;
}

static void test_composition_on_dates(void **state)
{
    struct world *w = *state;
    /* 06-15: seats 1, 2, 3: 2 inhabitants, 1 user; women 1+3; qpv 1+2;
     * without holder 2 and 3. */
    struct gov_composition c = comp_on(w, w->cc, "2025-06-15");
    assert_int_equal(c.seats, 3);
    assert_int_equal(c.inhabitants, 2);
    assert_int_equal(c.by_college[0], 2);   /* inhabitants */
    assert_int_equal(c.by_college[1], 1);   /* users */
    assert_int_equal(c.by_college[5], 0);   /* partners: its term ended that day */
    assert_int_equal(c.women, 2);
    assert_int_equal(c.from_qpv, 2);
    assert_int_equal(c.no_holder, 2);
    /* 06-14: seat 4 still counts. */
    c = comp_on(w, w->cc, "2025-06-14");
    assert_int_equal(c.seats, 4);
    assert_int_equal(c.by_college[5], 1);
    assert_int_equal(c.women, 2);
    assert_int_equal(c.no_holder, 3);
    /* 07-01: seat 5 starts (staff is the 5th college). */
    c = comp_on(w, w->cc, "2025-07-01");
    assert_int_equal(c.seats, 4);
    assert_int_equal(c.by_college[4], 1);
    assert_int_equal(c.women, 3);
    /* 2023: only seats 2 and 4 (1 starts in 2024, 3 in 2025). */
    c = comp_on(w, w->cc, "2023-05-01");
    assert_int_equal(c.seats, 2);
    assert_int_equal(c.inhabitants, 1);
    assert_int_equal(c.women, 0);
    /* No seats; an unknown body is simply empty. */
    c = comp_on(w, w->cc_empty, "2025-06-15");
    assert_int_equal(c.seats, 0);
    c = comp_on(w, "no-such-body", NULL);
    assert_int_equal(c.seats, 0);
    /* Today (NULL): seats 1, 2, 3 and 5 have begun, 4 has ended (the
     * tests run after 2025-07-01). */
    c = comp_on(w, w->cc, NULL);
    assert_int_equal(c.seats, 4);
}

static void test_percent(void **state)
{
    (void)state;
    assert_int_equal(gov_percent(1, 3), 33);
    assert_int_equal(gov_percent(2, 3), 67);
    assert_int_equal(gov_percent(1, 2), 50);
    assert_int_equal(gov_percent(1, 8), 13);   /* 12.5 rounds up */
    assert_int_equal(gov_percent(0, 5), 0);
    assert_int_equal(gov_percent(7, 7), 100);
    assert_int_equal(gov_percent(0, 0), -1);
}

static void test_warnings(void **state)
{
    struct world *w = *state;
    /* 06-15: 2/3 inhabitants (enough), 2/3 women = 67% > 60%: no parity. */
    struct gov_composition c = comp_on(w, w->cc, "2025-06-15");
    assert_int_equal(gov_warnings("citizens_council", &c), GOV_WARN_NO_PARITY);
    /* 06-14: 2/4 inhabitants is exactly half (enough), 2/4 women: parity. */
    c = comp_on(w, w->cc, "2025-06-14");
    assert_int_equal(gov_warnings("citizens_council", &c), 0);
    /* Any other kind is never flagged. */
    c = comp_on(w, w->cc, "2025-06-15");
    assert_int_equal(gov_warnings("board", &c), 0);
    assert_int_equal(gov_warnings(NULL, &c), 0);
    c = comp_on(w, w->cc_empty, "2025-06-15");
    assert_int_equal(gov_warnings("citizens_council", &c), GOV_WARN_NO_SEATS);
    /* cc_sud: 1/4 inhabitants, 2/4 women. */
    c = comp_on(w, w->cc_sud, "2025-06-15");
    assert_int_equal(gov_warnings("citizens_council", &c), GOV_WARN_FEW_INHABITANTS);
    /* Parity bounds are inclusive: 2 of 5 (40%) and 3 of 5 (60%) pass,
     * 1 of 5 and 4 of 5 do not. */
    struct gov_composition t = {.seats = 5, .inhabitants = 5, .women = 2};
    assert_int_equal(gov_warnings("citizens_council", &t), 0);
    t.women = 3;
    assert_int_equal(gov_warnings("citizens_council", &t), 0);
    t.women = 1;
    assert_int_equal(gov_warnings("citizens_council", &t), GOV_WARN_NO_PARITY);
    t.women = 4;
    t.inhabitants = 2;
    assert_int_equal(gov_warnings("citizens_council", &t), GOV_WARN_NO_PARITY | GOV_WARN_FEW_INHABITANTS);
}

static void test_planned(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct gov_planned *p;
    size_t n;
    /* Quarters whose first day is in [02-10, 12-31]: April, July, October. */
    assert_int_equal(gov_planned(w->s, w->cc, "2025-02-10", "2025-12-31", &p, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(p[0].date, "2025-04-01");
    assert_string_equal(p[0].period_end, "2025-06-30");
    assert_true(p[0].held);
    assert_string_equal(p[0].held_id, w->m_may);   /* the earliest of May and June */
    assert_string_not_equal(p[0].id, w->m_may);
    assert_string_equal(p[1].date, "2025-07-01");
    assert_string_equal(p[1].period_end, "2025-09-30");
    assert_false(p[1].held);                        /* the July sitting is deleted */
    assert_string_equal(p[1].held_id, "");
    assert_string_equal(p[2].date, "2025-10-01");
    assert_string_equal(p[2].period_end, "2025-12-31");
    assert_true(p[2].held);
    /* Held on the planned date: the sitting has the planned id. */
    assert_string_equal(p[2].id, w->m_oct);
    assert_string_equal(p[2].held_id, w->m_oct);
    free(p);

    /* The planned id is the one a sitting created on that date gets. */
    assert_int_equal(gov_planned(w->s, w->board, "2025-01-31", "2025-03-01", &p, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].date, "2025-02-01");
    assert_string_equal(p[0].period_end, "2025-02-28");
    assert_string_equal(p[1].date, "2025-03-01");
    assert_false(p[0].held);
    char *made = add_sitting(w->s, w->board, "2025-02-01", 5, 0, 0, NULL);
    assert_string_equal(p[0].id, made);
    free(p);
    assert_int_equal(gov_planned(w->s, w->board, "2025-02-01", "2025-02-01", &p, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_true(p[0].held);
    assert_string_equal(p[0].held_id, made);
    free(p);
    del(w->s, made);
    free(made);

    /* A leap February; a yearly body; no rhythm; bad input. */
    assert_int_equal(gov_planned(w->s, w->board, "2024-02-01", "2024-02-29", &p, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].period_end, "2024-02-29");
    free(p);
    assert_int_equal(gov_planned(w->s, w->cc_sud, "2024-01-01", "2026-12-31", &p, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(p[2].date, "2026-01-01");
    assert_string_equal(p[2].period_end, "2026-12-31");
    free(p);
    assert_int_equal(gov_planned(w->s, w->cc_empty, "2025-01-01", "2025-12-31", &p, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_null(p);
    assert_int_equal(gov_planned(w->s, "no-such-body", "2025-01-01", "2025-12-31", &p, &n, &err), ERR_NOTFOUND);
    error_clear(&err);
    assert_int_equal(gov_planned(w->s, w->cc, "2025-13-01", "2025-12-31", &p, &n, &err), ERR_INVALID);
}

static void test_year(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct gov_year y;
    /* 2025: 4 quarters planned, Q1 (Jan), Q2 (May, June) and Q4 (Oct) held.
     * Sittings: Jan 10/4/1 information, May 20/12/3 co_decision, June
     * nothing recorded, Oct 6/6/0 co_decision (deleted July and 2024 out).
     * Attendees 36 over 3 = 12; inhabitants 22 over 3; first-timers 4. */
    assert_int_equal(gov_year(w->s, w->cc, 2025, &y, &err), 0);
    assert_int_equal(y.planned, 4);
    assert_int_equal(y.planned_held, 3);
    assert_int_equal(y.sittings, 4);
    assert_int_equal(y.with_attendees, 3);
    assert_int_equal(y.attendees, 36);
    assert_int_equal(y.inhabitants_present, 22);
    assert_int_equal(y.first_timers, 4);
    assert_float_equal(y.avg_attendees, 12.0, 1e-9);
    assert_float_equal(y.avg_inhabitants, 22.0 / 3.0, 1e-9);
    assert_int_equal(y.levels[0], 1);   /* information */
    assert_int_equal(y.levels[1], 0);   /* consultation: only the deleted one */
    assert_int_equal(y.levels[4], 2);   /* co_decision */
    assert_int_equal(y.level_unset, 1);
    /* 2024: one sitting on the 31st of December, the last quarter held. */
    assert_int_equal(gov_year(w->s, w->cc, 2024, &y, &err), 0);
    assert_int_equal(y.planned, 4);
    assert_int_equal(y.planned_held, 1);
    assert_int_equal(y.sittings, 1);
    assert_float_equal(y.avg_attendees, 50.0, 1e-9);
    assert_int_equal(y.levels[0], 1);
    /* A monthly body that never met; a body with no rhythm. */
    assert_int_equal(gov_year(w->s, w->board, 2025, &y, &err), 0);
    assert_int_equal(y.planned, 12);
    assert_int_equal(y.planned_held, 0);
    assert_int_equal(y.sittings, 0);
    assert_float_equal(y.avg_attendees, 0.0, 1e-9);
    assert_int_equal(gov_year(w->s, w->cc_empty, 2025, &y, &err), 0);
    assert_int_equal(y.planned, 0);
    assert_int_equal(y.sittings, 0);
}

static void test_bodies(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct gov_body *b;
    size_t n;
    /* Centre A then B; names in order; the deleted body left out. */
    assert_int_equal(gov_bodies(w->s, NULL, "2025-06-15", &b, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_string_equal(b[0].id, w->cc);
    assert_string_equal(b[0].centre_name, "Centre A");
    assert_string_equal(b[0].kind, "citizens_council");
    assert_string_equal(b[0].meets_every, "quarter");
    assert_int_equal(b[0].comp.seats, 3);
    assert_int_equal(b[0].comp.inhabitants, 2);
    assert_int_equal(b[0].comp.women, 2);
    assert_int_equal(b[0].comp.from_qpv, 2);
    assert_int_equal(b[0].comp.no_holder, 2);
    assert_int_equal(b[0].warnings, GOV_WARN_NO_PARITY);
    assert_string_equal(b[1].id, w->cc_empty);
    assert_int_equal(b[1].comp.seats, 0);
    assert_int_equal(b[1].comp.no_holder, 0);
    assert_int_equal(b[1].warnings, GOV_WARN_NO_SEATS);
    assert_string_equal(b[2].id, w->cc_sud);   /* "Conseil c..." before "Conseil d'..." */
    assert_int_equal(b[2].comp.seats, 4);
    assert_int_equal(b[2].comp.inhabitants, 1);
    assert_int_equal(b[2].warnings, GOV_WARN_FEW_INHABITANTS);
    assert_string_equal(b[3].id, w->board);
    assert_int_equal(b[3].comp.seats, 3);
    assert_int_equal(b[3].comp.women, 0);
    assert_int_equal(b[3].warnings, 0);
    assert_string_equal(b[3].centre, w->centre_b);
    gov_bodies_free(b, n);
    /* The same figures as gov_composition, body by body. */
    assert_int_equal(gov_bodies(w->s, w->centre_b, "2025-06-14", &b, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(b[0].id, w->cc_sud);
    assert_string_equal(b[1].id, w->board);
    gov_bodies_free(b, n);
    assert_int_equal(gov_bodies(w->s, w->centre_a, "2025-06-14", &b, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(b[0].comp.seats, 4);
    assert_int_equal(b[0].warnings, 0);
    gov_bodies_free(b, n);
    assert_int_equal(gov_bodies(w->s, "no-such-centre", NULL, &b, &n, &err), 0);
    assert_int_equal(n, 0);
    gov_bodies_free(b, n);
}

static void test_login_centre(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    /* The store's creator is an admin member without a centre. */
    char *c = gov_login_centre(w->s);
    assert_null(c);
    struct query q;
    query_init(&q, kind_find("member"));
    assert_int_equal(query_where_add(&q, "login", store_login(w->s), &err), 0);
    struct tu_records rs = {0};
    assert_int_equal(query_run(w->s, &q, tu_keep, &rs, &err), 1);
    record_set(rs.v[0], "centre", w->centre_b, NULL);
    if (record_update(w->s, rs.v[0], &err) != 0)
        fail_msg("%s", err.msg);
    tu_records_free(&rs);
    c = gov_login_centre(w->s);
    assert_non_null(c);
    assert_string_equal(c, w->centre_b);
    free(c);
}

/* The plan starts where the body does: a monthly body created on
 * 2 December 2026 misses nothing from January to November, in the body's
 * figures and in the funder report's "held against planned"; a recorded
 * first sitting, or an earlier sitting held, moves the start. */
static void test_plan_start(void **state)
{
    struct world *w = *state;
    struct store *s = w->s;
    struct error err;
    error_clear(&err);
    s->now_override_ms = 1796212800000LL;      /* created 2026-12-02 12:00 UTC */
    char *c = pair("centre", w->centre_a);
    char *b = tu_create(s, "body", c, "name=Commission jeunesse", "kind=commission", "meets_every=month", NULL);
    s->now_override_ms = 0;
    struct record *r = record_load(s, b, &err);
    assert_non_null(r);
    assert_memory_equal(r->created_at, "2026-12-02", 10);
    record_free(r);

    struct gov_year y;
    assert_int_equal(gov_year(s, b, 2026, &y, &err), 0);
    assert_int_equal(y.planned, 1);             /* December only */
    assert_int_equal(y.planned_held, 0);
    struct gov_planned *p;
    size_t n;
    assert_int_equal(gov_planned(s, b, "2026-01-01", "2026-12-31", &p, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].date, "2026-12-01");
    free(p);
    assert_int_equal(gov_year(s, b, 2025, &y, &err), 0);
    assert_int_equal(y.planned, 0);             /* before it existed */
    /* The funder report counts the same: its line for the body. */
    struct ind_governance g;
    struct ind_scope sc = {2026, w->centre_a, "2026-12-31"};
    assert_int_equal(ind_governance(s, &sc, &g, &err), 0);
    size_t found = g.n;
    for (size_t i = 0; i < g.n; i++)
        if (strcmp(g.bodies[i].id, b) == 0)
            found = i;
    assert_true(found < g.n);
    assert_int_equal(g.year[found].planned, 1);
    assert_int_equal(g.year[found].planned_held, 0);
    ind_governance_free(&g);

    /* A sitting held in March, recorded late: the body met then, so the
     * plan starts in March (10 months), March held. */
    free(add_sitting(s, b, "2026-03-12", 6, 4, 1, NULL));
    assert_int_equal(gov_year(s, b, 2026, &y, &err), 0);
    assert_int_equal(y.planned, 10);
    assert_int_equal(y.planned_held, 1);

    /* A first sitting recorded on the body wins over both. */
    r = record_load(s, b, &err);
    assert_int_equal(record_set(r, "first_sitting_on", "2026-06-15", &err), 0);
    assert_int_equal(record_update(s, r, &err), 0);
    record_free(r);
    assert_int_equal(gov_year(s, b, 2026, &y, &err), 0);
    assert_int_equal(y.planned, 7);             /* June to December */
    assert_int_equal(y.planned_held, 0);        /* the March sitting is before the plan */
    free(b);
    free(c);
}

/* The pieces without a store (the hub's report arranges its own rows
 * with them): a plan from a rhythm and a start, sittings walked over it,
 * a composition and a year from grouped rows. */
static void test_plan_pieces(void **state)
{
    (void)state;
    struct gov_planned *p;
    size_t n;
    /* quarterly, starting 2026-05-10: the quarters from April on */
    gov_plan("b1", "quarter", "2026-05-10", "2026-01-01", "2026-12-31", &p, &n);
    assert_int_equal(n, 3);
    assert_string_equal(p[0].date, "2026-04-01");
    assert_string_equal(p[0].period_end, "2026-06-30");
    assert_string_equal(p[2].date, "2026-10-01");
    assert_false(p[0].held);
    size_t i = 0;
    assert_true(gov_plan_mark(p, n, &i, "2026-03-01", "m0"));   /* before the plan: nothing */
    assert_true(gov_plan_mark(p, n, &i, "2026-06-30", "m1"));   /* the last day of the first quarter */
    assert_true(gov_plan_mark(p, n, &i, "2026-06-30", "m2"));   /* a second one: the first stays */
    assert_true(gov_plan_mark(p, n, &i, "2026-11-02", "m3"));
    assert_true(p[0].held);
    assert_string_equal(p[0].held_id, "m1");
    assert_false(p[1].held);
    assert_true(p[2].held);
    assert_false(gov_plan_mark(p, n, &i, "2027-01-05", "m4"));  /* past the plan */
    free(p);
    gov_plan("b1", NULL, "", "2026-01-01", "2026-12-31", &p, &n);
    assert_int_equal(n, 0);
    assert_null(p);
    gov_plan("b1", "month", "", "2026-01-01", "2026-12-31", &p, &n);
    assert_int_equal(n, 12);
    free(p);

    struct gov_composition c = {0};
    gov_composition_add(&c, "inhabitants", 3, 2, 1, 0);
    gov_composition_add(&c, "partners", 2, 1, 0, 1);
    gov_composition_add(&c, NULL, 1, 0, 0, 1);
    assert_int_equal(c.seats, 6);
    assert_int_equal(c.inhabitants, 3);
    assert_int_equal(c.women, 3);
    assert_int_equal(c.from_qpv, 1);
    assert_int_equal(c.no_holder, 2);
    assert_int_equal(c.by_college[0], 3);      /* inhabitants, the first college */
    assert_int_equal(c.by_college[5], 2);      /* partners, the sixth */
    long colleges = 0;
    for (int k = 0; k < GOV_MAX_CODES; k++)
        colleges += c.by_college[k];
    assert_int_equal(colleges, 5);             /* a seat without a college counts in none */

    struct gov_year y = {0};
    struct gov_sittings a = {"consultation", 2, 2, 30, 12, 3, 1}, b = {NULL, 1, 0, 0, 0, 0, 0};
    gov_year_add(&y, &a);
    gov_year_add(&y, &b);
    gov_year_averages(&y);
    assert_int_equal(y.sittings, 3);
    assert_int_equal(y.level_unset, 1);
    assert_int_equal(y.attendees, 30);
    assert_true(y.avg_attendees > 14.99 && y.avg_attendees < 15.01);       /* 30 over 2 */
    assert_true(y.avg_inhabitants > 11.99 && y.avg_inhabitants < 12.01);   /* 12 over 1 */
    long levels = 0;
    for (int k = 0; k < GOV_MAX_CODES; k++)
        levels += y.levels[k];
    assert_int_equal(levels, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_composition_on_dates, setup, teardown),
        cmocka_unit_test(test_percent),
        cmocka_unit_test_setup_teardown(test_warnings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_planned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_year, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bodies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_centre, setup, teardown),
        cmocka_unit_test(test_plan_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
