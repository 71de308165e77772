/* Indicators of a year on a hand-built dataset: every figure of
 * model/indicators.h for 2025, for all centres and for centre A, and the
 * frequency of values under a query (model/query.h), and the timeline of
 * the logbooks (model/timeline.h) on the same records. The dataset is listed
 * in setup() with what each record contributes; expected values are worked
 * out by hand in the comments of each test. "Today" is 2025-06-15. */
#include "testutil.h"
#include "model/indicators.h"
#include "model/query.h"
#include "model/timeline.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY "2025-06-15"

struct world {
    struct store *s;
    char *a, *b;            /* centres */
    char *cc, *board;       /* bodies */
    char *caf, *mairie, *police, *amicale;  /* partners */
};

/* Creates a record of kind from "field=value|field=value..." (values may
 * not hold '|'); returns its id. */
static char *rec(struct store *s, const char *kind, const char *spec)
{
    struct error err;
    error_clear(&err);
    struct record *r = record_new(kind_find(kind));
    char *copy = xstrdup(spec);
    for (char *save = NULL, *p = strtok_r(copy, "|", &save); p; p = strtok_r(NULL, "|", &save))
        if (record_set_pair(r, p, &err) != 0)
            fail_msg("%s: %s", p, err.msg);
    free(copy);
    if (record_create(s, r, &err) != 0)
        fail_msg("%s %s: %s", kind, spec, err.msg);
    char *id = xstrdup(r->id);
    record_free(r);
    return id;
}

/* rec() with a printf-style spec; the id is freed (not needed). */
static void add(struct store *s, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(struct store *s, const char *kind, const char *fmt, ...)
{
    char spec[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(spec, sizeof spec, fmt, ap);
    va_end(ap);
    assert_true(n > 0 && (size_t)n < sizeof spec);
    free(rec(s, kind, spec));
}

static void del_last(struct store *s, const char *kind, const char *spec)
{
    char *id = rec(s, kind, spec);
    struct error err;
    error_clear(&err);
    if (record_delete(s, id, &err) != 0)
        fail_msg("delete: %s", err.msg);
    free(id);
}

static int setup(void **state)
{
    struct world *w = xcalloc(1, sizeof *w);
    struct store *s = w->s = tu_store(NULL);
    char *tq = rec(s, "territory", "name=Quartier Nord|qpv_code=QN075001");
    char *tp = rec(s, "territory", "name=Centre-ville");
    char *spec = xasprintf("name=Centre A|kind=centre_social|territory=%s", tq);
    w->a = rec(s, "centre", spec);
    /* Partners: CAF (caf), Mairie (commune), Police (etat), Amicale
     * (association), and Ancien (entreprise), deleted once named. */
    w->caf = rec(s, "partner", "name=CAF|type=caf");
    w->mairie = rec(s, "partner", "name=Mairie|type=commune");
    w->police = rec(s, "partner", "name=Police|type=etat");
    w->amicale = rec(s, "partner", "name=Amicale des locataires|type=association");
    char *ancien = rec(s, "partner", "name=Ancien partenaire|type=entreprise");
    free(spec);
    w->b = rec(s, "centre", "name=Centre B|kind=evs");
    const char *A = w->a, *B = w->b;

    /* Initiatives. # (centre, territory, status, carried_by, started, ended,
     * inhabitants, volunteers, hours, themes, innovative):
     *  1 A QPV   ongoing   inhabitants 2025-01-10  -          10 3 12.5 youth,culture 1
     *  2 A plain completed centre      2025-03-05 2025-05-01   4 2 6    youth         0
     *  3 A -     idea      inhabitants 2025-03-20  -           - - -    -             0
     *  4 B QPV   ongoing   partners    2025-07-01  -          20 5 30   health,youth  1
     *  5 A QPV   ongoing   shared      2024-11-01  -   (earlier year, active in 2025)
     *  6 A QPV   completed centre      2024-02-01 2024-12-31 (ended before 2025)
     *  7 A       ongoing   deleted, 2025-04-01
     *  8 A       idea      2026-01-05 (next year) */
    add(s, "initiative", "title=Jardin partagé|centre=%s|territory=%s|status=ongoing|carried_by=inhabitants|"
        "started_on=2025-01-10|inhabitants_involved=10|volunteers=3|volunteer_hours=12.5|themes=youth,culture|innovative=1|"
        "partners=Mairie,CAF", A, tq);
    add(s, "initiative", "title=Repair café|centre=%s|territory=%s|status=completed|carried_by=centre|"
        "started_on=2025-03-05|ended_on=2025-05-01|inhabitants_involved=4|volunteers=2|volunteer_hours=6|themes=youth|"
        "partners=mairie", A, tp);
    add(s, "initiative", "title=Boîte à livres|centre=%s|status=idea|carried_by=inhabitants|started_on=2025-03-20|"
        "partners=Ancien partenaire", A);
    struct error derr;
    error_clear(&derr);
    if (record_delete(s, ancien, &derr) != 0)
        fail_msg("%s", derr.msg);
    free(ancien);
    add(s, "initiative", "title=Santé au quartier|centre=%s|territory=%s|status=ongoing|carried_by=partners|"
        "started_on=2025-07-01|inhabitants_involved=20|volunteers=5|volunteer_hours=30|themes=health,youth|innovative=1|"
        "partners=Amicale des locataires", B, tq);
    add(s, "initiative", "title=Fête des voisins|centre=%s|territory=%s|status=ongoing|carried_by=shared|"
        "started_on=2024-11-01|inhabitants_involved=7|themes=culture|partners=Police", A, tq);
    add(s, "initiative", "title=Ancien projet|centre=%s|territory=%s|status=completed|carried_by=centre|"
        "started_on=2024-02-01|ended_on=2024-12-31", A, tq);
    spec = xasprintf("title=Supprimée|centre=%s|status=ongoing|carried_by=centre|started_on=2025-04-01|"
                     "inhabitants_involved=99|themes=youth|partners=Police", A);
    del_last(s, "initiative", spec);
    free(spec);
    add(s, "initiative", "title=Projet 2026|centre=%s|status=idea|carried_by=centre|started_on=2026-01-05", A);

    /* Actions. (centre, held, kind, criteria, domain, participants, due, outcome):
     *  a1 A 2025-02-10 awareness origin,sex employment 30 2025-05-01 -        open, past due
     *  a2 A 2025-04-12 training  origin     -          12 2025-09-01 "fait"   open (not yet due)
     *  a3 B 2025-06-01 awareness age        housing     8 2025-06-10 "relogé" closed
     *  a4 B 2025-06-20 mediation -          employment  - -          -
     *  a5 A 2024-12-01 awareness origin (previous year) due 2025-01-01, no outcome */
    add(s, "action", "title=Sensibilisation emploi|centre=%s|held_on=2025-02-10|kind=awareness|criteria=origin,sex|"
        "domain=employment|participants=30|follow_up_due=2025-05-01|partners=CAF,Mairie", A);
    add(s, "action", "title=Formation bénévoles|centre=%s|held_on=2025-04-12|kind=training|criteria=origin|"
        "participants=12|follow_up_due=2025-09-01|outcome=fait", A);
    add(s, "action", "title=Accès au logement|centre=%s|held_on=2025-06-01|kind=awareness|criteria=age|domain=housing|"
        "participants=8|follow_up_due=2025-06-10|outcome=relogé|partners=Police", B);
    add(s, "action", "title=Médiation bailleur|centre=%s|held_on=2025-06-20|kind=mediation|domain=employment", B);
    add(s, "action", "title=Action 2024|centre=%s|held_on=2024-12-01|kind=awareness|criteria=origin|"
        "participants=50|follow_up_due=2025-01-01", A);

    /* Difficulties. (centre, raised, kind, severity, partners, informed, status, resolved):
     *  d1 A 2025-01-15 finance    high   CAF,Mairie 2025-01-17 open
     *  d2 A 2025-03-01 premises   medium Mairie     2025-03-01 resolved 2025-04-10
     *  d3 B 2025-05-05 staffing   low    -          -          open
     *  d4 A 2024-10-01 safety     high   Police     2024-10-11 open     (earlier, still open)
     *  d5 B 2024-09-01 finance    medium -          -          resolved 2025-02-01
     *  d6 A 2025-08-01 governance low    CAF        -          resolved 2026-01-10 */
    add(s, "difficulty", "summary=Subvention en retard|centre=%s|raised_on=2025-01-15|kind=finance|severity=high|"
        "partners_informed=Mairie,CAF|informed_on=2025-01-17|status=open", A);
    add(s, "difficulty", "summary=Dégât des eaux|centre=%s|raised_on=2025-03-01|kind=premises|severity=medium|"
        "partners_informed=Mairie|informed_on=2025-03-01|status=resolved|resolved_on=2025-04-10", A);
    add(s, "difficulty", "summary=Départ animatrice|centre=%s|raised_on=2025-05-05|kind=staffing|severity=low|status=open", B);
    add(s, "difficulty", "summary=Incidents|centre=%s|raised_on=2024-10-01|kind=safety|severity=high|"
        "partners_informed=Police|informed_on=2024-10-11|status=open", A);
    add(s, "difficulty", "summary=Trésorerie|centre=%s|raised_on=2024-09-01|kind=finance|severity=medium|"
        "status=resolved|resolved_on=2025-02-01", B);
    add(s, "difficulty", "summary=Bureau incomplet|centre=%s|raised_on=2025-08-01|kind=governance|severity=low|"
        "partners_informed=CAF|status=resolved|resolved_on=2026-01-10", A);

    /* Governance. cc: citizens' council of A, quarterly; seats: inhabitants
     * W qpv, associations W, associations M, staff M (1 inhabitant of 4:
     * below 50%; 2 women of 4: parity). board: board of B, monthly; seats:
     * users W, users M, by_right M. Sittings in 2025: cc 02-10 (10, 6, 2,
     * consultation), cc 05-15 (8, 5, 1, co_decision), board 03-03 (5
     * attendees only, no level); cc 2024-12-01 does not count. */
    spec = xasprintf("centre=%s|name=Conseil citoyen|kind=citizens_council|meets_every=quarter|first_sitting_on=2020-01-01", A);
    w->cc = rec(s, "body", spec);
    free(spec);
    spec = xasprintf("centre=%s|name=CA|kind=board|meets_every=month|first_sitting_on=2020-01-01", B);
    w->board = rec(s, "body", spec);
    free(spec);
    add(s, "seat", "body=%s|college=inhabitants|woman=1|from_qpv=1", w->cc);
    add(s, "seat", "body=%s|college=associations|woman=1", w->cc);
    add(s, "seat", "body=%s|college=associations|woman=0", w->cc);
    add(s, "seat", "body=%s|college=staff|woman=0", w->cc);
    add(s, "seat", "body=%s|college=users|woman=1", w->board);
    add(s, "seat", "body=%s|college=users|woman=0", w->board);
    add(s, "seat", "body=%s|college=by_right|woman=0", w->board);
    add(s, "meeting", "body=%s|held_on=2025-02-10|attendees=10|inhabitants_present=6|first_timers=2|"
        "participation_level=consultation", w->cc);
    add(s, "meeting", "body=%s|held_on=2025-05-15|attendees=8|inhabitants_present=5|first_timers=1|"
        "participation_level=co_decision", w->cc);
    add(s, "meeting", "body=%s|held_on=2025-03-03|attendees=5", w->board);
    add(s, "meeting", "body=%s|held_on=2024-12-01|attendees=40|inhabitants_present=30", w->cc);
    free(tq);
    free(tp);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    store_close(w->s);
    free(w->a);
    free(w->b);
    free(w->cc);
    free(w->board);
    free(w->caf);
    free(w->mairie);
    free(w->police);
    free(w->amicale);
    free(w);
    return 0;
}

static struct ind_scope scope(int year, const char *centre)
{
    struct ind_scope sc = {year, centre, TODAY};
    return sc;
}

/* The count of value in c, -1 when absent; and the order of c. */
static long count_of(const struct ind_counts *c, const char *value)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].value, value) == 0)
            return c->v[i].count;
    return -1;
}

static void expect_counts(const struct ind_counts *c, const char *const *values, const long *counts, size_t n)
{
    assert_int_equal(c->n, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(c->v[i].value, values[i]);
        assert_int_equal(c->v[i].count, counts[i]);
    }
}

static void test_initiatives_all(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct ind_initiatives in;
    struct ind_scope sc = scope(2025, NULL);
    assert_int_equal(ind_initiatives(w->s, &sc, &in, &err), 0);
    assert_int_equal(in.started, 4);            /* 1 2 3 4 */
    assert_int_equal(in.active, 5);             /* 1 2 3 4 5 */
    /* idea, emerging, ongoing, completed, abandoned */
    long status[] = {1, 0, 2, 1, 0};
    for (int i = 0; i < 5; i++)
        assert_int_equal(in.by_status[i], status[i]);
    /* inhabitants, centre, partners, shared */
    long carried[] = {2, 1, 1, 0};
    for (int i = 0; i < 4; i++)
        assert_int_equal(in.by_carried_by[i], carried[i]);
    assert_int_equal(in.innovative, 2);
    assert_int_equal(in.inhabitants_involved, 34);   /* 10 + 4 + 20 */
    assert_int_equal(in.volunteers, 10);             /* 3 + 2 + 5 */
    assert_true(fabs(in.volunteer_hours - 48.5) < 1e-9);
    assert_int_equal(in.with_territory, 3);          /* 1 2 4 */
    assert_int_equal(in.in_qpv, 2);                  /* 1 4 */
    const char *themes[] = {"youth", "culture", "health"};
    long tc[] = {3, 1, 1};
    expect_counts(&in.themes, themes, tc, 3);
    ind_initiatives_free(&in);
}

static void test_initiatives_centre(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct ind_initiatives in;
    struct ind_scope sc = scope(2025, w->a);
    assert_int_equal(ind_initiatives(w->s, &sc, &in, &err), 0);
    assert_int_equal(in.started, 3);            /* 1 2 3 */
    assert_int_equal(in.active, 4);             /* 1 2 3 5 */
    assert_int_equal(in.by_status[0], 1);
    assert_int_equal(in.by_status[2], 1);
    assert_int_equal(in.by_status[3], 1);
    assert_int_equal(in.by_carried_by[0], 2);
    assert_int_equal(in.by_carried_by[1], 1);
    assert_int_equal(in.by_carried_by[2], 0);
    assert_int_equal(in.innovative, 1);
    assert_int_equal(in.inhabitants_involved, 14);
    assert_int_equal(in.volunteers, 5);
    assert_true(fabs(in.volunteer_hours - 18.5) < 1e-9);
    assert_int_equal(in.with_territory, 2);
    assert_int_equal(in.in_qpv, 1);
    const char *themes[] = {"youth", "culture"};
    long tc[] = {2, 1};
    expect_counts(&in.themes, themes, tc, 2);
    ind_initiatives_free(&in);

    /* Another year: 2024 has 5 and 6 (both A), 2026 has 8. */
    sc = scope(2024, w->a);
    assert_int_equal(ind_initiatives(w->s, &sc, &in, &err), 0);
    assert_int_equal(in.started, 2);
    assert_int_equal(in.active, 2);
    assert_int_equal(in.in_qpv, 2);
    ind_initiatives_free(&in);
}

static void test_actions(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct ind_actions a;
    struct ind_scope sc = scope(2025, NULL);
    assert_int_equal(ind_actions(w->s, &sc, &a, &err), 0);
    assert_int_equal(a.held, 4);
    assert_int_equal(a.by_kind[0], 2);          /* awareness: a1 a3 */
    assert_int_equal(a.by_kind[1], 1);          /* training */
    assert_int_equal(a.by_kind[2], 1);          /* mediation */
    assert_int_equal(a.by_kind[3], 0);
    assert_int_equal(a.by_domain[0], 2);        /* employment: a1 a4 */
    assert_int_equal(a.by_domain[1], 1);        /* housing */
    assert_int_equal(a.domain_unset, 1);        /* a2 */
    const char *crit[] = {"origin", "age", "sex"};
    long cc[] = {2, 1, 1};
    expect_counts(&a.criteria, crit, cc, 3);
    assert_int_equal(a.participants, 50);       /* 30 + 12 + 8 */
    assert_int_equal(a.follow_ups, 3);          /* a1 a2 a3 */
    assert_int_equal(a.follow_ups_open, 2);     /* a1 (no outcome), a2 (not yet due) */
    assert_int_equal(a.follow_ups_past_due, 1); /* a1 */
    ind_actions_free(&a);

    sc = scope(2025, w->a);
    assert_int_equal(ind_actions(w->s, &sc, &a, &err), 0);
    assert_int_equal(a.held, 2);
    assert_int_equal(a.by_kind[0], 1);
    assert_int_equal(a.by_kind[1], 1);
    assert_int_equal(a.by_domain[0], 1);
    assert_int_equal(a.domain_unset, 1);
    assert_int_equal(count_of(&a.criteria, "origin"), 2);
    assert_int_equal(count_of(&a.criteria, "sex"), 1);
    assert_int_equal(count_of(&a.criteria, "age"), -1);
    assert_int_equal(a.participants, 42);
    assert_int_equal(a.follow_ups, 2);
    assert_int_equal(a.follow_ups_open, 2);
    assert_int_equal(a.follow_ups_past_due, 1);
    ind_actions_free(&a);

    /* Later, a2's due date has passed and it has an outcome: closed. */
    sc = scope(2025, NULL);
    sc.today = "2025-10-01";
    assert_int_equal(ind_actions(w->s, &sc, &a, &err), 0);
    assert_int_equal(a.follow_ups_open, 1);
    assert_int_equal(a.follow_ups_past_due, 1);
    ind_actions_free(&a);
}

/* The item of type code in a breakdown of partners by type: its count, and
 * its label; fails when there is none. */
static const struct ind_item *type_item(const struct ind_report *r, const char *section, const char *code)
{
    const struct ind_list *l = ind_report_list(r, section, "partners_by_type");
    if (!l)
        fail_msg("no partners_by_type in %s", section);
    assert_int_equal(l->n, 9);                  /* every type, in the choices' order */
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].code, code) == 0)
            return &l->v[i];
    fail_msg("%s: no item %s", section, code);
    return NULL;
}

static long by_type(const struct ind_report *r, const char *section, const char *code)
{
    return type_item(r, section, code)->value;
}

/* Each logbook's partners by type: the distinct live partners its records
 * of the year name, whatever the case they were typed in; a deleted
 * partner, a deleted record or one of another year does not count. */
static void test_partners_by_type(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct ind_report r;
    struct ind_scope sc = scope(2025, NULL);
    assert_int_equal(ind_report(w->s, &sc, "label_en", NULL, &r, &err), 0);
    assert_int_equal(by_type(&r, "initiatives", "commune"), 1);    /* Mairie, named by #1 and #2 */
    assert_int_equal(by_type(&r, "initiatives", "caf"), 1);
    assert_int_equal(by_type(&r, "initiatives", "association"), 1); /* #4, centre B */
    assert_int_equal(by_type(&r, "initiatives", "etat"), 0);       /* 2024, and a deleted initiative */
    assert_int_equal(by_type(&r, "initiatives", "entreprise"), 0); /* a deleted partner */
    assert_int_equal(by_type(&r, "initiatives", "autre"), 0);
    assert_string_equal(type_item(&r, "initiatives", "bailleur")->label, "Social landlord");
    assert_int_equal(by_type(&r, "actions", "caf"), 1);
    assert_int_equal(by_type(&r, "actions", "commune"), 1);
    assert_int_equal(by_type(&r, "actions", "etat"), 1);
    assert_int_equal(by_type(&r, "difficulties", "commune"), 1);
    assert_int_equal(by_type(&r, "difficulties", "caf"), 1);
    assert_int_equal(by_type(&r, "difficulties", "etat"), 0);      /* d4: 2024 */
    /* Last year: Police, for initiative 5. */
    assert_int_equal(ind_report_compare(w->s, &r, &sc, 2024, "label_en", &err), 0);
    assert_true(type_item(&r, "initiatives", "etat")->prev_known);
    assert_int_equal(type_item(&r, "initiatives", "etat")->prev, 1);
    assert_int_equal(type_item(&r, "initiatives", "caf")->prev, 0);
    ind_report_free(&r);

    sc = scope(2025, w->a);
    assert_int_equal(ind_report(w->s, &sc, "label_en", NULL, &r, &err), 0);
    assert_int_equal(by_type(&r, "initiatives", "commune"), 1);
    assert_int_equal(by_type(&r, "initiatives", "association"), 0);
    assert_int_equal(by_type(&r, "actions", "etat"), 0);           /* a3 is B's */
    ind_report_free(&r);

    if (tu_french(true)) {
        sc = scope(2025, NULL);
        assert_int_equal(ind_report(w->s, &sc, "label_fr", NULL, &r, &err), 0);
        assert_string_equal(type_item(&r, "initiatives", "commune")->label, "Commune");
        assert_string_equal(type_item(&r, "initiatives", "etat")->label, "État");
        assert_string_equal(type_item(&r, "initiatives", "bailleur")->label, "Bailleur social");
        assert_int_equal(by_type(&r, "initiatives", "caf"), 1);
        ind_report_free(&r);
        tu_french(false);
    }
}

static void test_difficulties(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct ind_difficulties d;
    struct ind_scope sc = scope(2025, NULL);
    assert_int_equal(ind_difficulties(w->s, &sc, &d, &err), 0);
    assert_int_equal(d.raised, 4);              /* d1 d2 d3 d6 */
    assert_int_equal(d.open, 3);                /* d1 d3 d4 */
    assert_int_equal(d.open_high, 2);           /* d1 d4 */
    /* finance, staffing, governance, premises, safety, partnership, other */
    long kinds[] = {1, 1, 1, 1, 0, 0, 0};
    for (int i = 0; i < 7; i++)
        assert_int_equal(d.by_kind[i], kinds[i]);
    assert_int_equal(d.by_severity[0], 2);      /* low: d3 d6 */
    assert_int_equal(d.by_severity[1], 1);      /* medium: d2 */
    assert_int_equal(d.by_severity[2], 1);      /* high: d1 */
    assert_int_equal(d.informed, 3);            /* d1 d2 d6 */
    assert_int_equal(d.informed_dated, 2);      /* d1 (2 days) d2 (0 days) */
    assert_true(fabs(d.avg_days_to_inform - 1.0) < 1e-9);
    assert_int_equal(d.max_days_to_inform, 2);
    assert_int_equal(d.resolved, 2);            /* d2 (2025-04-10) d5 (2025-02-01) */
    const char *partners[2];                    /* ids, in order: 2 difficulties each */
    partners[0] = strcmp(w->caf, w->mairie) < 0 ? w->caf : w->mairie;
    partners[1] = partners[0] == w->caf ? w->mairie : w->caf;
    long pc[] = {2, 2};
    expect_counts(&d.partners, partners, pc, 2);
    ind_difficulties_free(&d);

    sc = scope(2025, w->a);
    assert_int_equal(ind_difficulties(w->s, &sc, &d, &err), 0);
    assert_int_equal(d.raised, 3);              /* d1 d2 d6 */
    assert_int_equal(d.open, 2);                /* d1 d4 */
    assert_int_equal(d.open_high, 2);
    assert_int_equal(d.by_kind[0], 1);
    assert_int_equal(d.by_kind[1], 0);
    assert_int_equal(d.by_severity[0], 1);
    assert_int_equal(d.by_severity[1], 1);
    assert_int_equal(d.by_severity[2], 1);
    assert_int_equal(d.informed, 3);
    assert_int_equal(d.informed_dated, 2);
    assert_int_equal(d.resolved, 1);            /* d2 */
    expect_counts(&d.partners, partners, pc, 2);
    ind_difficulties_free(&d);

    /* The list behind "open": d4 (2024-10-01) then d1, both of A. */
    struct ind_open_difficulty *open;
    size_t nopen;
    assert_int_equal(ind_open_difficulties(w->s, &sc, &open, &nopen, &err), 0);
    assert_int_equal(nopen, 2);
    assert_string_equal(open[0].summary, "Incidents");
    assert_string_equal(open[0].centre_name, "Centre A");
    assert_string_equal(open[1].raised_on, "2025-01-15");
    char *both = xasprintf("%s,%s", partners[0], partners[1]);
    assert_string_equal(open[1].partners, both);
    free(both);
    assert_string_equal(open[1].informed_on, "2025-01-17");
    ind_open_difficulties_free(open, nopen);

    /* 2024: d4 d5 raised; open by 2024-12-31: d4 only (d1 d3 raised later). */
    sc = scope(2024, NULL);
    assert_int_equal(ind_difficulties(w->s, &sc, &d, &err), 0);
    assert_int_equal(d.raised, 2);
    assert_int_equal(d.open, 1);
    assert_int_equal(d.resolved, 0);
    assert_int_equal(d.informed_dated, 1);
    assert_int_equal(d.max_days_to_inform, 10);
    ind_difficulties_free(&d);
}

static void test_governance(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct ind_governance g;
    struct ind_scope sc = scope(2025, NULL);
    assert_int_equal(ind_governance(w->s, &sc, &g, &err), 0);
    assert_string_equal(g.date, TODAY);         /* the year is not over */
    assert_int_equal(g.n, 2);                   /* Centre A's first: cc, then CA */
    assert_string_equal(g.bodies[0].id, w->cc);
    assert_int_equal(g.comp[0].seats, 4);
    assert_int_equal(g.comp[0].by_college[0], 1);   /* inhabitants */
    assert_int_equal(g.comp[0].by_college[2], 2);   /* associations */
    assert_int_equal(g.comp[0].by_college[4], 1);   /* staff */
    assert_int_equal(g.comp[0].women, 2);
    assert_int_equal(g.comp[0].from_qpv, 1);
    assert_int_equal(g.year[0].planned, 4);         /* quarterly */
    assert_int_equal(g.year[0].planned_held, 2);    /* Q1, Q2 */
    assert_int_equal(g.year[1].planned, 12);
    assert_int_equal(g.year[1].planned_held, 1);
    assert_int_equal(g.total_comp.seats, 7);
    assert_int_equal(g.total_comp.inhabitants, 1);
    assert_int_equal(g.total_comp.women, 3);
    assert_int_equal(g.total_comp.from_qpv, 1);
    assert_int_equal(g.total_comp.by_college[1], 2);  /* users */
    assert_int_equal(g.total_comp.by_college[3], 1);  /* by_right */
    assert_int_equal(g.total.planned, 16);
    assert_int_equal(g.total.planned_held, 3);
    assert_int_equal(g.total.sittings, 3);
    assert_int_equal(g.total.with_attendees, 3);
    assert_int_equal(g.total.attendees, 23);
    assert_int_equal(g.total.inhabitants_present, 11);
    assert_int_equal(g.total.with_inhabitants, 2);
    assert_int_equal(g.total.first_timers, 3);
    assert_true(fabs(g.total.avg_attendees - 23.0 / 3) < 1e-9);
    assert_true(fabs(g.total.avg_inhabitants - 5.5) < 1e-9);
    /* information, consultation, concertation, co_construction, co_decision */
    long levels[] = {0, 1, 0, 0, 1};
    for (int i = 0; i < 5; i++)
        assert_int_equal(g.total.levels[i], levels[i]);
    assert_int_equal(g.total.level_unset, 1);
    assert_int_equal(g.councils, 1);
    assert_int_equal(g.councils_few_inhabitants, 1);
    assert_int_equal(g.councils_no_parity, 0);
    ind_governance_free(&g);

    /* A past year: compositions on its last day; centre B only. */
    sc = scope(2024, w->b);
    assert_int_equal(ind_governance(w->s, &sc, &g, &err), 0);
    assert_string_equal(g.date, "2024-12-31");
    assert_int_equal(g.n, 1);
    assert_int_equal(g.total.sittings, 0);
    assert_int_equal(g.total.planned, 12);
    assert_int_equal(g.councils, 0);
    ind_governance_free(&g);
}

static void test_monthly(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    long m[IND_LOGS][12];
    struct ind_scope sc = scope(2025, NULL);
    assert_int_equal(ind_monthly(w->s, &sc, m, &err), 0);
    long want[IND_LOGS][12] = {
        {1, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0},   /* initiatives: Jan, Mar x2, Jul */
        {0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0},   /* sittings: Feb, Mar, May */
        {0, 1, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0},   /* actions: Feb, Apr, Jun x2 */
        {1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0},   /* difficulties: Jan, Mar, May, Aug */
    };
    for (int l = 0; l < IND_LOGS; l++)
        for (int i = 0; i < 12; i++)
            assert_int_equal(m[l][i], want[l][i]);

    sc = scope(2025, w->b);
    assert_int_equal(ind_monthly(w->s, &sc, m, &err), 0);
    long want_b[IND_LOGS][12] = {
        {0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0},
        {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},   /* the board's sitting, through its body */
        {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0},
        {0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0},
    };
    for (int l = 0; l < IND_LOGS; l++)
        for (int i = 0; i < 12; i++)
            assert_int_equal(m[l][i], want_b[l][i]);
    assert_string_equal(ind_log_kind(IND_SITTINGS)->name, "meeting");
}

static int count_row(struct record *r, bool *keep, void *ctx)
{
    (void)r;
    (void)keep;
    (void)ctx;
    return 0;
}

/* The records a logbook's figures count: the query lists what
 * ind_monthly counts, in the centre's scope (a sitting's through its
 * body); the logs' names are the report's. */
static void test_log_query(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    long m[IND_LOGS][12];
    struct ind_scope scopes[] = {scope(2025, NULL), scope(2025, w->b), scope(2024, NULL)};
    for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++) {
        assert_int_equal(ind_monthly(w->s, &scopes[i], m, &err), 0);
        for (int l = 0; l < IND_LOGS; l++) {
            struct ind_log_query lq;
            assert_int_equal(ind_log_query(&scopes[i], (enum ind_log)l, &lq, &err), 0);
            assert_ptr_equal(lq.q.kind, ind_log_kind((enum ind_log)l));
            long total = 0;
            for (int k = 0; k < 12; k++)
                total += m[l][k];
            assert_int_equal(query_count(w->s, &lq.q, &err), total);
            assert_int_equal(query_run(w->s, &lq.q, count_row, NULL, &err), total);
        }
    }
    struct ind_log_query lq;
    struct ind_scope sc = scope(2025, w->b);
    assert_int_equal(ind_log_query(&sc, IND_SITTINGS, &lq, &err), 0);
    assert_int_equal(query_count(w->s, &lq.q, &err), 1);   /* the board's one sitting of 2025 */
    assert_true(ind_log_query(&sc, IND_LOGS, &lq, &err) < 0);
    assert_string_equal(ind_log_title(IND_INITIATIVES), "Initiatives started");
    assert_string_equal(ind_log_title(IND_DIFFICULTIES), "Difficulties raised");
    assert_null(ind_log_title(IND_LOGS));
}

struct freq {
    char v[8][40];
    long n[8];
    int count;
};

static int take(const char *value, long count, void *ctx)
{
    struct freq *f = ctx;
    if (f->count < 8) {
        snprintf(f->v[f->count], sizeof f->v[0], "%s", value);
        f->n[f->count] = count;
    }
    f->count++;
    return 0;
}

static void test_frequency(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    struct query q;
    query_init(&q, kind_find("initiative"));
    struct freq f = {0};
    /* Live initiatives: ongoing 1 4 5, completed 2 6, idea 3 8. */
    assert_int_equal(query_frequency(w->s, &q, "status", take, &f, &err), 3);
    assert_string_equal(f.v[0], "ongoing");
    assert_int_equal(f.n[0], 3);
    assert_string_equal(f.v[1], "completed");   /* ties: by value */
    assert_int_equal(f.n[1], 2);
    assert_string_equal(f.v[2], "idea");
    assert_int_equal(f.n[2], 2);

    /* The same filters as a list: centre B, 2025. */
    assert_int_equal(query_where_add(&q, "centre", w->b, &err), 0);
    q.from = "2025-01-01";
    q.to = "2025-12-31";
    memset(&f, 0, sizeof f);
    assert_int_equal(query_frequency(w->s, &q, "themes", take, &f, &err), 2);
    assert_string_equal(f.v[0], "health");
    assert_string_equal(f.v[1], "youth");
    assert_int_equal(f.n[0] + f.n[1], 2);

    /* Empty values count under "": territory of 2025's initiatives of A is
     * empty for 3 only. */
    query_init(&q, kind_find("initiative"));
    assert_int_equal(query_where_add(&q, "centre", w->a, &err), 0);
    q.from = "2025-01-01";
    q.to = "2025-12-31";
    memset(&f, 0, sizeof f);
    assert_int_equal(query_frequency(w->s, &q, "territory", take, &f, &err), 3);
    long total = f.n[0] + f.n[1] + f.n[2];
    assert_int_equal(total, query_count(w->s, &q, &err));
    assert_true(strcmp(f.v[0], "") == 0 || strcmp(f.v[1], "") == 0 || strcmp(f.v[2], "") == 0);

    /* A set of partners counts by partner id (the most named first: CAF
     * and Mairie twice, Police once); an audit column works too. */
    query_init(&q, kind_find("difficulty"));
    memset(&f, 0, sizeof f);
    assert_int_equal(query_frequency(w->s, &q, "partners_informed", take, &f, &err), 3);
    assert_string_equal(f.v[0], strcmp(w->caf, w->mairie) < 0 ? w->caf : w->mairie);
    assert_string_equal(f.v[1], strcmp(w->caf, w->mairie) < 0 ? w->mairie : w->caf);
    assert_string_equal(f.v[2], w->police);
    memset(&f, 0, sizeof f);
    assert_int_equal(query_frequency(w->s, &q, "created_by", take, &f, &err), 1);
    assert_int_equal(f.n[0], 6);

    /* An unknown field is refused with its name. */
    assert_true(query_frequency(w->s, &q, "colour", take, &f, &err) < 0);
    assert_non_null(strstr(err.msg, "colour"));
}

static void test_centre_id(void **state)
{
    struct world *w = *state;
    struct error err;
    error_clear(&err);
    char *id = ind_centre_id(w->s, "centre b", &err);
    assert_non_null(id);
    assert_string_equal(id, w->b);
    free(id);
    error_clear(&err);
    assert_null(ind_centre_id(w->s, "Centre Z", &err));
    assert_true(err.code != 0);
}

/* The timeline's rows as "date title" strings. */
struct rows {
    struct store *s;
    char v[32][80];
    char id[32][37];
    int n;
};

static int take_row(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    struct rows *rows = ctx;
    if (rows->n < 32) {
        char *title = record_title(rows->s, r);
        snprintf(rows->v[rows->n], sizeof rows->v[0], "%s %s", timeline_date(r), title ? title : "");
        snprintf(rows->id[rows->n], sizeof rows->id[0], "%s", r->id);
        free(title);
    }
    rows->n++;
    return 0;
}

static long tl_count(struct store *s, const char *field, const char *value, const char *text)
{
    struct timeline_filter f = {{NULL}, text};
    for (int i = 0; field && i < TL_FILTERS; i++)
        if (strcmp(timeline_fields[i], field) == 0)
            f.value[i] = value;
    struct error err;
    error_clear(&err);
    long n = timeline_count(s, &f, &err);
    /* The count and the walk agree. */
    struct rows rows = {.s = s};
    assert_int_equal(timeline_run(s, &f, NULL, NULL, false, false, 0, take_row, &rows, &err), n);
    return n;
}

static void test_timeline(void **state)
{
    struct world *w = *state;
    struct store *s = w->s;
    struct error err;
    error_clear(&err);
    /* Live records of the logbooks: 7 initiatives, 4 sittings, 5 actions, 6 difficulties. */
    assert_int_equal(tl_count(s, NULL, NULL, NULL), 22);
    struct timeline_filter all = {{NULL}, NULL};
    struct rows top = {.s = s};
    assert_int_equal(timeline_run(s, &all, NULL, NULL, false, false, 3, take_row, &top, &err), 3);
    assert_string_equal(top.v[0], "2026-01-05 Projet 2026");
    assert_string_equal(top.v[1], "2025-08-01 Bureau incomplet");
    assert_string_equal(top.v[2], "2025-07-01 Santé au quartier");

    /* Pages of 5 by cursor give the 22 rows once each, newest first. */
    struct rows whole = {.s = s};
    assert_int_equal(timeline_run(s, &all, NULL, NULL, false, false, 0, take_row, &whole, &err), 22);
    int seen = 0;
    char date[11] = "", id[37] = "";
    for (;;) {
        struct rows page = {.s = s};
        int n = timeline_run(s, &all, seen ? date : NULL, seen ? id : NULL, false, false, 5, take_row, &page, &err);
        assert_true(n >= 0 && n <= 5);
        for (int i = 0; i < n; i++)
            assert_string_equal(page.id[i], whole.id[seen + i]);
        seen += n;
        if (n < 5)
            break;
        snprintf(date, sizeof date, "%.10s", page.v[n - 1]);
        snprintf(id, sizeof id, "%s", page.id[n - 1]);
    }
    assert_int_equal(seen, 22);
    for (int i = 1; i < 22; i++)
        assert_true(strncmp(whole.v[i - 1], whole.v[i], 10) >= 0);
    /* Backwards from row 10: rows 9, 8, 7 nearest first; inclusive: row 10 first. */
    struct rows back = {.s = s};
    snprintf(date, sizeof date, "%.10s", whole.v[10]);
    assert_int_equal(timeline_run(s, &all, date, whole.id[10], true, false, 3, take_row, &back, &err), 3);
    assert_string_equal(back.id[0], whole.id[9]);
    assert_string_equal(back.id[2], whole.id[7]);
    struct rows incl = {.s = s};
    assert_int_equal(timeline_run(s, &all, date, whole.id[10], false, true, 2, take_row, &incl, &err), 2);
    assert_string_equal(incl.id[0], whole.id[10]);
    assert_string_equal(incl.id[1], whole.id[11]);

    /* Filters, combined with the logbooks that can have them. */
    assert_int_equal(tl_count(s, "centre", "Centre B", NULL), 6);   /* i4 a3 a4 d3 d5 + the board's sitting */
    assert_int_equal(tl_count(s, "qpv", "1", NULL), 4);             /* i1 i4 i5 i6 */
    assert_int_equal(tl_count(s, "qpv", "0", NULL), 8);             /* i2 i3 i8 + 5 actions without territory */
    assert_int_equal(tl_count(s, "theme", "youth", NULL), 3);
    assert_int_equal(tl_count(s, "criterion", "origin", NULL), 3);  /* a1 a2 a5 */
    assert_int_equal(tl_count(s, "status", "open", NULL), 3);       /* difficulties only */
    assert_int_equal(tl_count(s, "status", "ongoing", NULL), 3);    /* initiatives only */
    assert_int_equal(tl_count(s, "body", "CA", NULL), 1);
    assert_int_equal(tl_count(s, "logbook", "action, difficulty", NULL), 11);
    assert_int_equal(tl_count(s, "from", "2025-06-01", NULL), 5);   /* a3 a4 i4 d6 i8 */
    assert_int_equal(tl_count(s, "facilitator", store_login(s), NULL), 22);
    assert_int_equal(tl_count(s, "facilitator", "nobody", NULL), 0);
    assert_int_equal(tl_count(s, NULL, NULL, "sante"), 1);          /* accents optional */
    struct timeline_filter two = {{NULL}, NULL};
    two.value[0] = "2025-06-01";
    two.value[1] = "2025-06-30";
    two.value[3] = "Centre B";
    assert_int_equal(timeline_count(s, &two, &err), 2);             /* a3 a4 */
    two.value[3] = "Centre Z";
    assert_true(timeline_count(s, &two, &err) < 0);
    assert_non_null(strstr(err.msg, "Centre Z"));

    /* Frequency over the timeline. */
    struct freq f = {0};
    assert_int_equal(timeline_frequency(s, &all, "logbook", take, &f, &err), 4);
    assert_string_equal(f.v[0], "initiative");
    assert_int_equal(f.n[0], 7);
    assert_string_equal(f.v[1], "difficulty");
    assert_string_equal(f.v[3], "meeting");
    memset(&f, 0, sizeof f);
    assert_int_equal(timeline_frequency(s, &all, "status", take, &f, &err), 5);
    const char *order[] = {"ongoing", "open", "resolved", "completed", "idea"};
    long counts[] = {3, 3, 3, 2, 2};
    for (int i = 0; i < 5; i++) {
        assert_string_equal(f.v[i], order[i]);
        assert_int_equal(f.n[i], counts[i]);
    }
}

/* The Dashboard's line of a section: every figure of its template, the
 * thousands grouped as the language writes them. */
static void test_dash_line(void **state)
{
    (void)state;
    struct ind_figure fig[32];
    struct ind_section sec = {.code = "initiatives", .fig = fig};
    for (const struct ind_def *d = ind_defs; d->code && sec.nfig < 32; d++)
        if (strcmp(d->section, "initiatives") == 0)
            fig[sec.nfig++] = (struct ind_figure){.def = d, .known = true};
    for (size_t i = 0; i < sec.nfig; i++) {
        if (strcmp(fig[i].def->code, "started") == 0)
            fig[i].value = 1165;
        if (strcmp(fig[i].def->code, "inhabitants_involved") == 0)
            fig[i].value = 36356;
        if (strcmp(fig[i].def->code, "volunteer_hours") == 0)
            fig[i].value = 23424.5;
    }
    char *en = ind_dash_line(&sec, false), *fr = ind_dash_line(&sec, true);
    assert_non_null(strstr(en, "1,165 started"));
    assert_non_null(strstr(en, "36,356 inhabitants"));
    assert_non_null(strstr(en, "23,424.5 h"));
    assert_non_null(strstr(fr, "1\u202f165 started"));
    assert_non_null(strstr(fr, "23\u202f424,5 h"));
    free(en);
    free(fr);
    sec.code = "monthly";   /* no line */
    assert_null(ind_dash_line(&sec, false));
}

/* The governance line with value for every figure, in French or not. */
static char *governance_line(double value, bool french)
{
    struct ind_figure fig[32];
    struct ind_section sec = {.code = "governance", .fig = fig};
    for (const struct ind_def *d = ind_defs; d->code && sec.nfig < 32; d++)
        if (strcmp(d->section, "governance") == 0)
            fig[sec.nfig++] = (struct ind_figure){.def = d, .known = true, .value = value};
    return ind_dash_line(&sec, french);
}

/* {code+}: the number and its unit, singular or plural as the language
 * wants it for 0, 1 and 2 (French: 0 and 1 singular). */
static void test_dash_line_plurals(void **state)
{
    (void)state;
    const char *en[] = {"Governance: 0 bodies, 0 sittings", "Governance: 1 body, 1 sitting",
                        "Governance: 2 bodies, 2 sittings"};
    const char *en_councils[] = {"0 citizens' councils below 50%", "1 citizens' council below 50%",
                                 "2 citizens' councils below 50%"};
    const char *fr[] = {"Gouvernance\u202f: 0 instance, 0 séance", "Gouvernance\u202f: 1 instance, 1 séance",
                        "Gouvernance\u202f: 2 instances, 2 séances"};
    const char *fr_councils[] = {"0 conseil citoyen sous 50", "1 conseil citoyen sous 50",
                                 "2 conseils citoyens sous 50"};
    assert_true(tu_french(false));
    for (int n = 0; n < 3; n++) {
        char *line = governance_line(n, false);
        if (!strstr(line, en[n]) || !strstr(line, en_councils[n]))
            fail_msg("%d: %s", n, line);
        free(line);
    }
    assert_true(tu_french(true));
    char *line[4];
    for (int n = 0; n < 3; n++)
        line[n] = governance_line(n, true);
    line[3] = governance_line(36356, true);
    /* a unit with decimals is plural */
    bool decimals_plural = strcmp(ind_unit(NN_("unit", "day", "days"), 1.5), "jours") == 0;
    assert_true(tu_french(false));  /* before any failure, for the next tests */
    for (int n = 0; n < 3; n++)
        if (!strstr(line[n], fr[n]) || !strstr(line[n], fr_councils[n]))
            fail_msg("%d: %s", n, line[n]);
    assert_non_null(strstr(line[3], "36\u202f356 instances"));  /* grouped thousands stay */
    assert_true(decimals_plural);
    for (int n = 0; n < 4; n++)
        free(line[n]);
    assert_string_equal(ind_unit(NN_("unit", "day", "days"), 1), "day");
    assert_string_equal(ind_unit(NN_("unit", "day", "days"), 2.5), "days");
    assert_string_equal(ind_unit(NULL, "%", 1), "%");
    assert_string_equal(ind_unit(NULL, "", 1), "");
}

/* The definitions are consistent, and each one's SQL runs as plain SQL
 * (the sqlite3 shell, the hub) with :from, :to and :today bound. */
static void test_definitions(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    store_close(s);
    struct sqlite3 *db = tu_raw_open(path, 0);
    size_t n = 0;
    for (const struct ind_def *d = ind_defs; d->code; d++, n++) {
        const struct kind *k = kind_find(d->kind);
        assert_non_null(k);
        for (const struct ind_def *e = ind_defs; e < d; e++)
            if (strcmp(e->section, d->section) == 0 && strcmp(e->code, d->code) == 0)
                fail_msg("%s.%s defined twice", d->section, d->code);
        if (d->type == IND_SHARE) {
            assert_null(d->sql);
            int found = 0;
            for (const struct ind_def *e = ind_defs; e->code; e++)
                if (strcmp(e->section, d->section) == 0 &&
                    (strcmp(e->code, d->part) == 0 || strcmp(e->code, d->whole) == 0))
                    found++;
            assert_int_equal(found, 2);
        }
        if (!d->sql) {
            assert_true(d->type == IND_SHARE || d->window == IND_GOVERNANCE);
            continue;
        }
        char *sql = xasprintf("SELECT %s FROM %s t WHERE t.deleted = 0", d->sql, k->name);
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
            fail_msg("%s.%s: %s", d->section, d->code, sqlite3_errmsg(db));
        const char *params[][2] = {{":from", "2025-01-01"}, {":to", "2025-12-31"}, {":today", "2025-06-15"}};
        for (int i = 0; i < 3; i++) {
            int at = sqlite3_bind_parameter_index(st, params[i][0]);
            if (at)
                sqlite3_bind_text(st, at, params[i][1], -1, SQLITE_STATIC);
        }
        /* no parameter but those three */
        for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
            const char *name = sqlite3_bind_parameter_name(st, i);
            if (!name || (strcmp(name, ":from") && strcmp(name, ":to") && strcmp(name, ":today")))
                fail_msg("%s.%s: parameter %s", d->section, d->code, name ? name : "?");
        }
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        sqlite3_finalize(st);
        free(sql);
    }
    assert_true(n > 30);
    for (const struct ind_breakdown_def *b = ind_breakdown_defs; b->code; b++) {
        const struct field *f = kind_field(kind_find(b->kind), b->field);
        if (!f)
            fail_msg("%s.%s: no field %s.%s", b->section, b->code, b->kind, b->field);
        if (b->labels == IND_CHOICES)
            assert_non_null(f->choices[0].code);
        if (b->labels == IND_CODES)
            assert_non_null(kind_find(b->label_kind));
    }
    sqlite3_close(db);
    free(path);
}

/* An indicator's placeholders take the expressions given, each where it
 * stands, every time (":today" is not ":to" and "day"), the rest as it is. */
static void test_bind_sql(void **state)
{
    (void)state;
    struct strbuf b;
    strbuf_init(&b);
    ind_bind_sql(&b, "total(t.due < :today AND t.d BETWEEN :from AND :to) - total(t.e >= :from)", "'2025-01-01'",
                 "'2025-12-31'", "y.today");
    assert_string_equal(b.s, "total(t.due < y.today AND t.d BETWEEN '2025-01-01' AND '2025-12-31') - "
                             "total(t.e >= '2025-01-01')");
    strbuf_reset(&b);
    ind_bind_sql(&b, "count(*)", "a", "b", "c");
    assert_string_equal(b.s, "count(*)");
    strbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bind_sql),
        cmocka_unit_test(test_initiatives_all), cmocka_unit_test(test_initiatives_centre),
        cmocka_unit_test(test_actions),         cmocka_unit_test(test_difficulties),
        cmocka_unit_test(test_partners_by_type),
        cmocka_unit_test(test_governance),      cmocka_unit_test(test_monthly),
        cmocka_unit_test(test_log_query),
        cmocka_unit_test(test_frequency),       cmocka_unit_test(test_centre_id),
        cmocka_unit_test(test_timeline),        cmocka_unit_test(test_definitions),
        cmocka_unit_test(test_dash_line),       cmocka_unit_test(test_dash_line_plurals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
