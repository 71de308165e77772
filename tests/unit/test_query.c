/* Lists: default orders, every kind of filter, date bounds, the trash,
 * sorting, limits, and keyset pagination (also while another connection
 * inserts between pages); counts agree with lists. */
#include "testutil.h"
#include "model/query.h"
#include "util/xalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct fixture {
    struct store *s;
    char *path;
    char *centre;
};

static struct fixture fx_open(void)
{
    struct fixture fx;
    fx.s = tu_store(&fx.path);
    fx.centre = tu_centre(fx.s, "Centre social Les Tilleuls");
    return fx;
}

static void fx_close(struct fixture *fx)
{
    store_close(fx->s);
    free(fx->path);
    free(fx->centre);
}

/* An initiative with its required fields plus the "field=value" pairs of
 * extra (NULL-ended). Returns its id (the caller frees). */
static char *add_initiative(struct store *s, const char *centre, const char *title, const char *date, const char **extra)
{
    struct error err;
    error_clear(&err);
    struct record *r = record_new(kind_find("initiative"));
    record_set(r, "title", title, NULL);
    record_set(r, "centre", centre, NULL);
    record_set(r, "status", "ongoing", NULL);
    record_set(r, "carried_by", "inhabitants", NULL);
    record_set(r, "started_on", date, NULL);
    for (int i = 0; extra && extra[i]; i++)
        if (record_set_pair(r, extra[i], &err) != 0)
            fail_msg("%s", err.msg);
    if (record_create(s, r, &err) != 0)
        fail_msg("creating '%s': %s", title, err.msg);
    char *id = xstrdup(r->id);
    record_free(r);
    return id;
}

/* The ids q selects, in order. */
static struct tu_ids run_ids(struct store *s, const struct query *q)
{
    struct tu_ids ids = {0};
    struct error err;
    error_clear(&err);
    int n = query_run(s, q, tu_collect, &ids, &err);
    if (n < 0)
        fail_msg("query_run: %s", err.msg);
    assert_int_equal(n, ids.n);
    return ids;
}

/* Runs q on kind/field=value and returns how many rows it selects, checking
 * that query_count agrees. */
static int count_where(struct store *s, const char *kind, const char *field, const char *value)
{
    struct query q;
    query_init(&q, kind_find(kind));
    struct error err;
    error_clear(&err);
    assert_int_equal(query_where_add(&q, field, value, &err), 0);
    struct tu_ids ids = run_ids(s, &q);
    assert_int_equal(query_count(s, &q, &err), ids.n);
    int n = ids.n;
    tu_ids_free(&ids);
    return n;
}

/* date shifted by days, in ISO form (noon avoids any daylight-saving edge). */
static void shift_date(const char *iso, int days, char out[11])
{
    struct tm tm = {0};
    tm.tm_year = atoi(iso) - 1900;
    tm.tm_mon = atoi(iso + 5) - 1;
    tm.tm_mday = atoi(iso + 8) + days;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    mktime(&tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static void test_init_defaults(void **state)
{
    (void)state;
    struct query q;
    for (int i = 0; kinds[i]; i++) {
        query_init(&q, kinds[i]);
        assert_ptr_equal(q.kind, kinds[i]);
        assert_int_equal(q.nwhere, 0);
        assert_null(q.from);
        assert_null(q.to);
        assert_null(q.text);
        assert_null(q.sort);
        assert_null(q.after_id);
        assert_false(q.before);
        assert_int_equal(q.limit, 0);
        assert_int_equal(q.deleted, Q_LIVE);
        /* Logs: newest first; reference data: by name, A to Z. */
        assert_int_equal(q.ascending, kinds[i]->date_field == NULL);
        if (kinds[i]->flags & K_LOG)
            assert_false(q.ascending);
    }

    struct fixture fx = fx_open();
    char *old = add_initiative(fx.s, fx.centre, "Ancienne", "2023-02-01", NULL);
    char *mid = add_initiative(fx.s, fx.centre, "Moyenne", "2023-06-15", NULL);
    char *new = add_initiative(fx.s, fx.centre, "Récente", "2024-01-10", NULL);
    query_init(&q, kind_find("initiative"));
    struct tu_ids ids = run_ids(fx.s, &q);
    assert_int_equal(ids.n, 3);
    assert_string_equal(ids.v[0], new);
    assert_string_equal(ids.v[1], mid);
    assert_string_equal(ids.v[2], old);
    tu_ids_free(&ids);

    /* Centres by name, whatever the order of creation. */
    char *z = tu_create(fx.s, "centre", "name=Zola", "kind=evs", NULL);
    char *a = tu_create(fx.s, "centre", "name=Arlequin", "kind=evs", NULL);
    query_init(&q, kind_find("centre"));
    ids = run_ids(fx.s, &q);
    assert_int_equal(ids.n, 3);
    assert_string_equal(ids.v[0], a);
    assert_string_equal(ids.v[1], fx.centre);   /* "Centre social ..." */
    assert_string_equal(ids.v[2], z);
    tu_ids_free(&ids);

    /* Without a callback the rows are only counted. */
    struct error err;
    error_clear(&err);
    assert_int_equal(query_run(fx.s, &q, NULL, NULL, &err), 3);
    free(old);
    free(mid);
    free(new);
    free(z);
    free(a);
    fx_close(&fx);
}

static void test_where_text_choice_bool_date(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    const char *e1[] = {"innovative=1", "status=completed", "ended_on=2023-05-01", NULL};
    const char *e2[] = {"innovative=0", "description=Un jardin au pied des tours", NULL};
    char *a = add_initiative(fx.s, fx.centre, "Jardin partagé", "2023-03-05", e1);
    char *b = add_initiative(fx.s, fx.centre, "Repair café", "2023-03-06", e2);
    char *c = add_initiative(fx.s, fx.centre, "Jardin partagé bis", "2023-03-05", NULL);

    /* Text: equality on the whole (trimmed) value, not a substring. */
    assert_int_equal(count_where(fx.s, "initiative", "title", "Jardin partagé"), 1);
    assert_int_equal(count_where(fx.s, "initiative", "title", "  Jardin partagé  "), 1);
    assert_int_equal(count_where(fx.s, "initiative", "title", "Jardin"), 0);
    /* Choices: any case. */
    assert_int_equal(count_where(fx.s, "initiative", "status", "completed"), 1);
    assert_int_equal(count_where(fx.s, "initiative", "status", "COMPLETED"), 1);
    assert_int_equal(count_where(fx.s, "initiative", "status", "Ongoing"), 2);
    /* Booleans: every spelling of yes and no. */
    assert_int_equal(count_where(fx.s, "initiative", "innovative", "yes"), 1);
    assert_int_equal(count_where(fx.s, "initiative", "innovative", "oui"), 1);
    assert_int_equal(count_where(fx.s, "initiative", "innovative", "1"), 1);
    assert_int_equal(count_where(fx.s, "initiative", "innovative", "non"), 1);
    assert_int_equal(count_where(fx.s, "initiative", "innovative", ""), 1);   /* c: not given */
    /* Dates: ISO or French. */
    assert_int_equal(count_where(fx.s, "initiative", "started_on", "2023-03-05"), 2);
    assert_int_equal(count_where(fx.s, "initiative", "started_on", "05/03/2023"), 2);
    assert_int_equal(count_where(fx.s, "initiative", "ended_on", "2023-05-01"), 1);
    /* Empty value: the field is empty. */
    assert_int_equal(count_where(fx.s, "initiative", "description", ""), 2);
    assert_int_equal(count_where(fx.s, "initiative", "ended_on", ""), 2);
    assert_int_equal(count_where(fx.s, "initiative", "territory", ""), 3);

    /* Several filters: all must hold. */
    struct query q;
    query_init(&q, kind_find("initiative"));
    struct error err;
    error_clear(&err);
    assert_int_equal(query_where_add(&q, "started_on", "2023-03-05", &err), 0);
    assert_int_equal(query_where_add(&q, "innovative", "no", &err), 0);
    assert_int_equal(query_count(fx.s, &q, &err), 0);
    query_init(&q, kind_find("initiative"));
    assert_int_equal(query_where_add(&q, "started_on", "2023-03-05", &err), 0);
    assert_int_equal(query_where_add(&q, "innovative", "", &err), 0);
    struct tu_ids ids = run_ids(fx.s, &q);
    assert_int_equal(ids.n, 1);
    assert_string_equal(ids.v[0], c);
    tu_ids_free(&ids);

    /* A value the field cannot hold is refused, naming the field. */
    const char *bad[][2] = {{"innovative", "peut-être"}, {"started_on", "2023-02-30"}, {"status", "fini"},
                            {"volunteers", "-3"}};
    for (int i = 0; i < 4; i++) {
        query_init(&q, kind_find("initiative"));
        error_clear(&err);
        assert_int_equal(query_where_add(&q, bad[i][0], bad[i][1], &err), 0);
        assert_int_equal(query_run(fx.s, &q, NULL, NULL, &err), ERR_INVALID);
        assert_non_null(strstr(err.msg, bad[i][0]));
        assert_non_null(strstr(err.msg, bad[i][1]));
        error_clear(&err);
        assert_int_equal(query_count(fx.s, &q, &err), ERR_INVALID);
    }
    free(a);
    free(b);
    free(c);
    fx_close(&fx);
}

static void test_where_reference(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *other = tu_create(fx.s, "centre", "name=Espace de vie sociale La Source", "kind=evs", NULL);
    char *pair = xasprintf("centre=%s", other);
    const char *extra[] = {pair, NULL};
    char *a = add_initiative(fx.s, fx.centre, "Aide aux devoirs", "2023-01-10", NULL);
    char *b = add_initiative(fx.s, fx.centre, "Ciné-débat", "2023-01-11", NULL);
    char *c = add_initiative(fx.s, fx.centre, "Vélo-école", "2023-01-12", extra);

    /* By id, and by name (any case), as on the command line. */
    assert_int_equal(count_where(fx.s, "initiative", "centre", fx.centre), 2);
    assert_int_equal(count_where(fx.s, "initiative", "centre", other), 1);
    assert_int_equal(count_where(fx.s, "initiative", "centre", "Centre social Les Tilleuls"), 2);
    assert_int_equal(count_where(fx.s, "initiative", "centre", "espace de vie sociale la source"), 1);

    /* A name that names nothing is an error, not an empty list. */
    struct query q;
    query_init(&q, kind_find("initiative"));
    struct error err;
    error_clear(&err);
    assert_int_equal(query_where_add(&q, "centre", "Centre inconnu", &err), 0);
    assert_int_equal(query_run(fx.s, &q, NULL, NULL, &err), ERR_INVALID);
    assert_non_null(strstr(err.msg, "Centre: no centre named 'Centre inconnu'"));
    free(pair);
    free(other);
    free(a);
    free(b);
    free(c);
    fx_close(&fx);
}

static void test_where_set_membership(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    const char *e1[] = {"themes=youth", NULL};
    const char *e2[] = {"themes=culture, youth, culture", NULL};
    const char *e3[] = {"themes=culture", NULL};
    char *a = add_initiative(fx.s, fx.centre, "Chantier jeunes", "2023-04-01", e1);
    char *b = add_initiative(fx.s, fx.centre, "Atelier théâtre", "2023-04-02", e2);
    char *c = add_initiative(fx.s, fx.centre, "Chorale", "2023-04-03", e3);
    char *d = add_initiative(fx.s, fx.centre, "Sans thème", "2023-04-04", NULL);

    struct query q;
    query_init(&q, kind_find("initiative"));
    struct error err;
    error_clear(&err);
    assert_int_equal(query_where_add(&q, "themes", "youth", &err), 0);
    struct tu_ids ids = run_ids(fx.s, &q);
    assert_int_equal(ids.n, 2);
    assert_string_equal(ids.v[0], b);   /* newest first */
    assert_string_equal(ids.v[1], a);
    tu_ids_free(&ids);

    /* The filter reads the set_member index: it holds exactly those rows. */
    sqlite3 *db = tu_raw_open(fx.path, 0);
    assert_int_equal(tu_raw_int(db, "SELECT count(*) FROM set_member WHERE field = 'initiative.themes' AND code = 'youth'"), 2);
    assert_int_equal(tu_raw_int(db, "SELECT count(*) FROM set_member WHERE field = 'initiative.themes' AND code = 'culture'"), 2);

    /* Membership is of a whole code, in any case; sets and empty sets. */
    assert_int_equal(count_where(fx.s, "initiative", "themes", "culture"), 2);
    assert_int_equal(count_where(fx.s, "initiative", "themes", "Youth"), 2);
    assert_int_equal(count_where(fx.s, "initiative", "themes", "yout"), 0);
    assert_int_equal(count_where(fx.s, "initiative", "themes", "health"), 0);
    assert_int_equal(count_where(fx.s, "initiative", "themes", ""), 1);

    /* An edit moves the record in the index. */
    struct record *r = record_load(fx.s, a, &err);
    assert_non_null(r);
    record_set(r, "themes", "health", NULL);
    assert_int_equal(record_update(fx.s, r, &err), 0);
    record_free(r);
    assert_int_equal(count_where(fx.s, "initiative", "themes", "youth"), 1);
    assert_int_equal(count_where(fx.s, "initiative", "themes", "health"), 1);
    assert_int_equal(tu_raw_int(db, "SELECT count(*) FROM set_member WHERE field = 'initiative.themes' AND code = 'youth'"), 1);
    sqlite3_close(db);

    /* A set of partners: filtered by a partner's name or id, whole names only. */
    char *cpair = xasprintf("centre=%s", fx.centre);
    char *caf = tu_partner(fx.s, "CAF", "caf");
    free(tu_partner(fx.s, "Ville", "commune"));
    free(tu_partner(fx.s, "CAF du Rhône", "caf"));
    char *d1 = tu_create(fx.s, "difficulty", "summary=Baisse de subvention", cpair, "raised_on=2023-05-02",
                         "kind=finance", "severity=high", "status=open", "partners_informed=Ville, CAF", NULL);
    char *d2 = tu_create(fx.s, "difficulty", "summary=Dégât des eaux", cpair, "raised_on=2023-05-03",
                         "kind=premises", "severity=low", "status=open", "partners_informed=CAF du Rhône", NULL);
    query_init(&q, kind_find("difficulty"));
    assert_int_equal(query_where_add(&q, "partners_informed", "CAF", &err), 0);
    ids = run_ids(fx.s, &q);
    assert_int_equal(ids.n, 1);
    assert_string_equal(ids.v[0], d1);
    tu_ids_free(&ids);
    assert_int_equal(count_where(fx.s, "difficulty", "partners_informed", caf), 1);
    assert_int_equal(count_where(fx.s, "difficulty", "partners_informed", "CAF du Rhône"), 1);
    assert_int_equal(count_where(fx.s, "difficulty", "partners_informed", "ville"), 1);
    query_init(&q, kind_find("difficulty"));
    assert_int_equal(query_where_add(&q, "partners_informed", "Vil", &err), 0);
    error_clear(&err);
    assert_true(query_count(fx.s, &q, &err) < 0);
    assert_non_null(strstr(err.msg, "no partner named 'Vil'"));
    free(caf);
    free(cpair);
    free(a);
    free(b);
    free(c);
    free(d);
    free(d1);
    free(d2);
    fx_close(&fx);
}

static void test_where_audit_and_unknown(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *a = add_initiative(fx.s, fx.centre, "Fête de quartier", "2023-06-21", NULL);
    char *b = add_initiative(fx.s, fx.centre, "Bal populaire", "2023-07-14", NULL);
    const char *me = store_login(fx.s);
    assert_int_equal(count_where(fx.s, "initiative", "created_by", me), 2);
    assert_int_equal(count_where(fx.s, "initiative", "updated_by", me), 2);
    assert_int_equal(count_where(fx.s, "initiative", "created_by", "quelquun"), 0);
    assert_int_equal(count_where(fx.s, "initiative", "id", b), 1);
    assert_int_equal(count_where(fx.s, "initiative", "id", fx.centre), 0);   /* a centre's id */

    struct query q;
    query_init(&q, kind_find("initiative"));
    struct error err;
    error_clear(&err);
    assert_int_equal(query_where_add(&q, "id", a, &err), 0);
    struct tu_ids ids = run_ids(fx.s, &q);
    assert_int_equal(ids.n, 1);
    assert_string_equal(ids.v[0], a);
    tu_ids_free(&ids);

    /* Unknown fields are refused at once, naming the field and the kind. */
    query_init(&q, kind_find("initiative"));
    assert_int_equal(query_where_add(&q, "colour", "bleu", &err), ERR_INVALID);
    assert_int_equal(q.nwhere, 0);
    assert_non_null(strstr(err.msg, "colour"));
    assert_non_null(strstr(err.msg, "initiative"));
    error_clear(&err);
    assert_int_equal(query_where_add(&q, "deleted", "1", &err), ERR_INVALID);   /* not a filter: q.deleted is */

    /* At most QUERY_MAX_WHERE filters. */
    error_clear(&err);
    for (int i = 0; i < QUERY_MAX_WHERE; i++)
        assert_int_equal(query_where_add(&q, "status", "ongoing", &err), 0);
    assert_int_equal(query_where_add(&q, "status", "ongoing", &err), ERR_INVALID);
    assert_int_equal(q.nwhere, QUERY_MAX_WHERE);
    assert_int_equal(query_count(fx.s, &q, &err), 2);
    free(a);
    free(b);
    fx_close(&fx);
}

static void test_from_to(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    const char *dates[] = {"2023-12-31", "2024-01-01", "2024-01-15", "2024-01-31", "2024-02-01"};
    char *ids[5];
    for (int i = 0; i < 5; i++)
        ids[i] = add_initiative(fx.s, fx.centre, "Permanence numérique", dates[i], NULL);

    struct query q;
    struct error err;
    error_clear(&err);
    query_init(&q, kind_find("initiative"));
    q.from = "2024-01-01";
    q.to = "2024-01-31";
    struct tu_ids got = run_ids(fx.s, &q);   /* both bounds inclusive */
    assert_int_equal(got.n, 3);
    assert_string_equal(got.v[0], ids[3]);
    assert_string_equal(got.v[1], ids[2]);
    assert_string_equal(got.v[2], ids[1]);
    tu_ids_free(&got);
    assert_int_equal(query_count(fx.s, &q, &err), 3);
    q.from = "01/01/2024";   /* French dates too */
    q.to = "31/01/2024";
    assert_int_equal(query_count(fx.s, &q, &err), 3);
    q.from = "2024-01-15";
    q.to = NULL;
    assert_int_equal(query_count(fx.s, &q, &err), 3);
    q.from = NULL;
    q.to = "2024-01-01";
    assert_int_equal(query_count(fx.s, &q, &err), 2);
    q.from = "2024-01-02";
    q.to = "2024-01-14";
    assert_int_equal(query_count(fx.s, &q, &err), 0);

    /* A bound that is not a date is refused, naming which one. */
    const char *bad[] = {"2024-02-30", "demain", "2024-1-5"};
    for (int i = 0; i < 3; i++) {
        query_init(&q, kind_find("initiative"));
        q.to = bad[i];
        error_clear(&err);
        assert_int_equal(query_run(fx.s, &q, NULL, NULL, &err), ERR_INVALID);
        assert_non_null(strstr(err.msg, "--to"));
        assert_non_null(strstr(err.msg, bad[i]));
    }
    query_init(&q, kind_find("initiative"));
    q.from = "hier";
    error_clear(&err);
    assert_int_equal(query_count(fx.s, &q, &err), ERR_INVALID);
    assert_non_null(strstr(err.msg, "--from"));

    /* Kinds without a date refuse bounds. */
    query_init(&q, kind_find("centre"));
    q.from = "2024-01-01";
    error_clear(&err);
    assert_int_equal(query_run(fx.s, &q, NULL, NULL, &err), ERR_INVALID);
    assert_non_null(strstr(err.msg, "centres have no date"));
    for (int i = 0; i < 5; i++)
        free(ids[i]);
    fx_close(&fx);
}

static void test_deleted(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *ids[4];
    for (int i = 0; i < 4; i++)
        ids[i] = add_initiative(fx.s, fx.centre, "Troc de vêtements", i % 2 ? "2023-09-01" : "2023-09-02", NULL);
    struct error err;
    error_clear(&err);
    assert_int_equal(record_delete(fx.s, ids[1], &err), 0);
    assert_int_equal(record_erase(fx.s, ids[2], &err), 0);

    struct query q;
    query_init(&q, kind_find("initiative"));
    struct tu_ids live = run_ids(fx.s, &q);
    assert_int_equal(live.n, 2);
    assert_true(tu_ids_find(&live, ids[0]) >= 0 && tu_ids_find(&live, ids[3]) >= 0);
    q.deleted = Q_TRASH;
    struct tu_ids trash = run_ids(fx.s, &q);
    assert_int_equal(trash.n, 2);
    assert_true(tu_ids_find(&trash, ids[1]) >= 0 && tu_ids_find(&trash, ids[2]) >= 0);
    assert_int_equal(query_count(fx.s, &q, &err), 2);
    q.deleted = Q_ALL;
    struct tu_ids all = run_ids(fx.s, &q);
    assert_int_equal(all.n, 4);
    assert_int_equal(query_count(fx.s, &q, &err), 4);

    assert_int_equal(record_restore(fx.s, ids[1], &err), 0);
    q.deleted = Q_LIVE;
    assert_int_equal(query_count(fx.s, &q, &err), 3);
    tu_ids_free(&live);
    tu_ids_free(&trash);
    tu_ids_free(&all);
    for (int i = 0; i < 4; i++)
        free(ids[i]);
    fx_close(&fx);
}

static void test_sort_and_limit(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    const char *titles[] = {"Vélo-école", "Atelier cuisine", "Journal de quartier", "Boîte à livres", "Épicerie solidaire"};
    char *ids[5];
    for (int i = 0; i < 5; i++) {
        char date[11];
        snprintf(date, sizeof date, "2023-10-%02d", 10 + i);
        ids[i] = add_initiative(fx.s, fx.centre, titles[i], date, NULL);
    }
    struct query q;
    struct error err;
    error_clear(&err);
    query_init(&q, kind_find("initiative"));
    q.sort = "title";
    q.ascending = true;
    struct tu_ids got = run_ids(fx.s, &q);
    /* Byte order of UTF-8: "É" (0xC3) after every ASCII letter. */
    int want[] = {1, 3, 2, 0, 4};
    assert_int_equal(got.n, 5);
    for (int i = 0; i < 5; i++)
        assert_string_equal(got.v[i], ids[want[i]]);
    tu_ids_free(&got);
    q.ascending = false;
    got = run_ids(fx.s, &q);
    for (int i = 0; i < 5; i++)
        assert_string_equal(got.v[i], ids[want[4 - i]]);
    tu_ids_free(&got);

    /* A limit keeps the first rows of the order; counts ignore it. */
    q.ascending = true;
    q.limit = 2;
    got = run_ids(fx.s, &q);
    assert_int_equal(got.n, 2);
    assert_string_equal(got.v[0], ids[1]);
    assert_string_equal(got.v[1], ids[3]);
    tu_ids_free(&got);
    assert_int_equal(query_count(fx.s, &q, &err), 5);
    q.limit = 10;
    assert_int_equal(query_run(fx.s, &q, NULL, NULL, &err), 5);

    /* A field without an index cannot sort: the message lists those that can. */
    const char *unsortable[] = {"description", "volunteers", "nonexistent"};
    for (int i = 0; i < 3; i++) {
        query_init(&q, kind_find("initiative"));
        q.sort = unsortable[i];
        error_clear(&err);
        assert_int_equal(query_run(fx.s, &q, NULL, NULL, &err), ERR_INVALID);
        assert_non_null(strstr(err.msg, unsortable[i]));
        assert_non_null(strstr(err.msg, "title, status, started_on"));
    }
    for (int i = 0; i < 5; i++)
        free(ids[i]);
    fx_close(&fx);
}

/* A callback that stops the walk after `left` rows. */
static int stop_after(struct record *r, bool *keep, void *ctx)
{
    (void)r;
    (void)keep;
    return --*(int *)ctx <= 0;
}

static void test_sort_value_and_stop(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *a = add_initiative(fx.s, fx.centre, "Café des parents", "2023-11-02", NULL);
    char *b = add_initiative(fx.s, fx.centre, "Ciné-débat", "2023-11-03", NULL);
    struct error err;
    error_clear(&err);
    struct record *r = record_load(fx.s, a, &err);
    struct query q;
    query_init(&q, kind_find("initiative"));
    assert_string_equal(query_sort_value(&q, r), "2023-11-02");
    q.sort = "title";
    assert_string_equal(query_sort_value(&q, r), "Café des parents");
    q.sort = "status";
    assert_string_equal(query_sort_value(&q, r), "ongoing");
    record_free(r);
    r = record_load(fx.s, fx.centre, &err);
    query_init(&q, kind_find("centre"));
    assert_string_equal(query_sort_value(&q, r), "Centre social Les Tilleuls");
    record_free(r);

    /* A nonzero return stops the walk; the rows passed are counted. */
    query_init(&q, kind_find("initiative"));
    int left = 1;
    assert_int_equal(query_run(fx.s, &q, stop_after, &left, &err), 1);
    free(a);
    free(b);
    fx_close(&fx);
}

/* ---- keyset pagination ---- */

struct key {
    char date[11];
    char id[37];
};

static int key_cmp(const struct key *a, const struct key *b)
{
    int c = strcmp(a->date, b->date);
    return c ? c : strcmp(a->id, b->id);
}

static int key_cmp_desc(const void *a, const void *b)
{
    return key_cmp(b, a);
}

/* n initiatives on few dates (about ten a day, so ties are broken by the id);
 * keys gets them in list order (newest first, then the greatest id). */
static void make_many(struct fixture *fx, int n, struct key *keys)
{
    struct error err;
    error_clear(&err);
    assert_int_equal(store_begin(fx->s, &err), 0);
    for (int i = 0; i < n; i++) {
        char title[64];
        snprintf(title, sizeof title, "Initiative %04d", i);
        shift_date("2023-01-01", (i * 7) % (n / 10 + 1), keys[i].date);
        char *id = add_initiative(fx->s, fx->centre, title, keys[i].date, NULL);
        snprintf(keys[i].id, sizeof keys[i].id, "%s", id);
        free(id);
    }
    assert_int_equal(store_commit(fx->s, &err), 0);
    qsort(keys, (size_t)n, sizeof *keys, key_cmp_desc);
}

/* Called between two pages with the cursor (the last row seen). */
typedef void (*page_hook)(const char *value, const char *id, void *ctx);

/* Walks q in pages of size `page` from q's cursor on, appending every id
 * seen to out; returns the number of pages read. */
static int walk(struct store *s, struct query *q, int page, struct tu_ids *out, page_hook hook, void *ctx)
{
    char *value = q->after_value ? xstrdup(q->after_value) : NULL;
    char *id = q->after_id ? xstrdup(q->after_id) : NULL;
    int pages = 0;
    struct error err;
    error_clear(&err);
    for (;;) {
        struct tu_records rows = {0};
        q->limit = page;
        q->after_value = value;
        q->after_id = id;
        int n = query_run(s, q, tu_keep, &rows, &err);
        if (n < 0)
            fail_msg("page %d: %s", pages, err.msg);
        assert_int_equal(n, rows.n);
        assert_true(n <= page);
        for (int i = 0; i < n; i++)
            tu_collect(rows.v[i], NULL, out);
        if (n > 0) {
            pages++;
            free(value);
            free(id);
            value = xstrdup(query_sort_value(q, rows.v[n - 1]));
            id = xstrdup(rows.v[n - 1]->id);
        }
        tu_records_free(&rows);
        if (n < page)
            break;
        if (hook)
            hook(value, id, ctx);
    }
    free(value);
    free(id);
    q->after_value = q->after_id = NULL;
    return pages;
}

#define MANY 1000
#define PAGE 37

static void test_paging(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    struct key *keys = xcalloc(MANY, sizeof *keys);
    make_many(&fx, MANY, keys);

    struct query q;
    query_init(&q, kind_find("initiative"));
    /* The whole list in one go is the expected order. */
    struct tu_ids all = run_ids(fx.s, &q);
    assert_int_equal(all.n, MANY);
    for (int i = 0; i < MANY; i++)
        assert_string_equal(all.v[i], keys[i].id);
    tu_ids_free(&all);

    /* Forward, newest first: each row once, in order. */
    struct tu_ids seen = {0};
    assert_int_equal(walk(fx.s, &q, PAGE, &seen, NULL, NULL), (MANY + PAGE - 1) / PAGE);
    assert_int_equal(seen.n, MANY);
    for (int i = 0; i < MANY; i++)
        assert_string_equal(seen.v[i], keys[i].id);
    tu_ids_free(&seen);

    /* Oldest first. */
    query_init(&q, kind_find("initiative"));
    q.ascending = true;
    walk(fx.s, &q, PAGE, &seen, NULL, NULL);
    assert_int_equal(seen.n, MANY);
    for (int i = 0; i < MANY; i++)
        assert_string_equal(seen.v[i], keys[MANY - 1 - i].id);
    tu_ids_free(&seen);

    /* Page up from row 500: the 37 rows above it, nearest first. */
    query_init(&q, kind_find("initiative"));
    q.before = true;
    q.limit = PAGE;
    q.after_value = keys[500].date;
    q.after_id = keys[500].id;
    struct tu_ids up = run_ids(fx.s, &q);
    assert_int_equal(up.n, PAGE);
    for (int i = 0; i < PAGE; i++)
        assert_string_equal(up.v[i], keys[499 - i].id);
    tu_ids_free(&up);

    /* Page up from the last row back to the top: every other row once. */
    q.after_value = keys[MANY - 1].date;
    q.after_id = keys[MANY - 1].id;
    walk(fx.s, &q, PAGE, &seen, NULL, NULL);
    assert_int_equal(seen.n, MANY - 1);
    for (int i = 0; i < MANY - 1; i++)
        assert_string_equal(seen.v[i], keys[MANY - 2 - i].id);
    tu_ids_free(&seen);

    /* Page up in an ascending list goes towards the oldest. */
    query_init(&q, kind_find("initiative"));
    q.ascending = true;
    q.before = true;
    q.limit = 3;
    q.after_value = keys[10].date;
    q.after_id = keys[10].id;
    up = run_ids(fx.s, &q);
    assert_int_equal(up.n, 3);
    for (int i = 0; i < 3; i++)
        assert_string_equal(up.v[i], keys[11 + i].id);
    tu_ids_free(&up);

    /* Paging on another sort: by title, A to Z. */
    query_init(&q, kind_find("initiative"));
    q.sort = "title";
    q.ascending = true;
    walk(fx.s, &q, PAGE, &seen, NULL, NULL);
    assert_int_equal(seen.n, MANY);
    struct error err;
    error_clear(&err);
    for (int i = 0; i < MANY; i++) {
        struct record *r = record_load(fx.s, seen.v[i], &err);
        char want[64];
        snprintf(want, sizeof want, "Initiative %04d", i);
        assert_string_equal(record_get(r, "title"), want);
        record_free(r);
    }
    tu_ids_free(&seen);
    free(keys);
    fx_close(&fx);
}

/* Another writer (a second connection to the same file, as another process
 * would be) adds rows between pages: before the cursor, after it, and on the
 * cursor's own date. */
struct writer {
    struct store *s;
    const char *centre;
    struct key behind[64], ahead[64];
    int nbehind, nahead;
    int pages;
};

static void insert_between_pages(const char *value, const char *id, void *ctx)
{
    struct writer *w = ctx;
    struct key cursor;
    snprintf(cursor.date, sizeof cursor.date, "%s", value);
    snprintf(cursor.id, sizeof cursor.id, "%s", id);
    int shifts[] = {1, -1, 0, 0, 30, -30};   /* newer (already passed), older (still to come), the same day */
    if (w->nbehind + w->nahead + 6 > 64)
        return;
    for (int i = 0; i < 6; i++) {
        struct key k;
        shift_date(value, shifts[i], k.date);
        char title[64];
        snprintf(title, sizeof title, "Nouvelle %d.%d", w->pages, i);
        char *nid = add_initiative(w->s, w->centre, title, k.date, NULL);
        snprintf(k.id, sizeof k.id, "%s", nid);
        free(nid);
        /* In a newest-first walk the rows still to come are the smaller keys. */
        if (key_cmp(&k, &cursor) < 0)
            w->ahead[w->nahead++] = k;
        else
            w->behind[w->nbehind++] = k;
    }
    w->pages++;
}

static void test_paging_with_concurrent_inserts(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    const int n = 400;
    struct key *keys = xcalloc((size_t)n, sizeof *keys);
    make_many(&fx, n, keys);

    struct error err;
    error_clear(&err);
    struct writer w = {.centre = fx.centre};
    w.s = store_open(fx.path, 0, &err);
    if (!w.s)
        fail_msg("second connection: %s", err.msg);

    struct query q;
    query_init(&q, kind_find("initiative"));
    struct tu_ids seen = {0};
    walk(fx.s, &q, PAGE, &seen, insert_between_pages, &w);
    assert_true(w.pages >= 8);
    assert_true(w.nahead > 0 && w.nbehind > 0);

    /* No row visited twice. */
    char **sorted = xmalloc((size_t)seen.n * sizeof *sorted);
    memcpy(sorted, seen.v, (size_t)seen.n * sizeof *sorted);
    qsort(sorted, (size_t)seen.n, sizeof *sorted, (int (*)(const void *, const void *))strcmp);
    for (int i = 1; i < seen.n; i++)
        if (strcmp(sorted[i - 1], sorted[i]) == 0)
            fail_msg("%s was listed twice", sorted[i]);
    free(sorted);
    /* Every row present at the start, and every row added ahead of the
     * cursor, seen once; rows added behind it are not. */
    for (int i = 0; i < n; i++)
        if (tu_ids_find(&seen, keys[i].id) < 0)
            fail_msg("row %d (%s %s) was skipped", i, keys[i].date, keys[i].id);
    for (int i = 0; i < w.nahead; i++)
        if (tu_ids_find(&seen, w.ahead[i].id) < 0)
            fail_msg("a row added ahead of the cursor (%s %s) was skipped", w.ahead[i].date, w.ahead[i].id);
    for (int i = 0; i < w.nbehind; i++)
        assert_int_equal(tu_ids_find(&seen, w.behind[i].id), -1);
    assert_int_equal(seen.n, n + w.nahead);
    /* And the walk is still in list order. */
    for (int i = 1; i < seen.n; i++) {
        struct record *a = record_load(fx.s, seen.v[i - 1], &err), *b = record_load(fx.s, seen.v[i], &err);
        struct key ka, kb;
        snprintf(ka.date, sizeof ka.date, "%s", record_get(a, "started_on"));
        snprintf(ka.id, sizeof ka.id, "%s", a->id);
        snprintf(kb.date, sizeof kb.date, "%s", record_get(b, "started_on"));
        snprintf(kb.id, sizeof kb.id, "%s", b->id);
        assert_true(key_cmp(&ka, &kb) > 0);
        record_free(a);
        record_free(b);
    }
    tu_ids_free(&seen);
    store_close(w.s);
    free(keys);
    fx_close(&fx);
}

static void test_count_matches_run(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    struct error err;
    error_clear(&err);
    assert_int_equal(store_begin(fx.s, &err), 0);
    char **ids = xcalloc(60, sizeof *ids);
    for (int i = 0; i < 60; i++) {
        char date[11], themes[40], status[40], desc[80];
        shift_date("2023-03-01", i * 5, date);
        snprintf(themes, sizeof themes, "themes=%s", i % 3 ? "youth,culture" : "health");
        snprintf(status, sizeof status, "status=%s", i % 4 ? "ongoing" : "idea");
        snprintf(desc, sizeof desc, "description=%s", i % 5 ? "Un atelier pour les familles" : "Une fête");
        const char *extra[] = {themes, status, desc, i % 2 ? "innovative=oui" : "innovative=non", NULL};
        ids[i] = add_initiative(fx.s, fx.centre, "Atelier", date, extra);
    }
    assert_int_equal(store_commit(fx.s, &err), 0);
    for (int i = 0; i < 60; i += 7)
        assert_int_equal(record_delete(fx.s, ids[i], &err), 0);

    struct query q;
    for (int variant = 0; variant < 8; variant++) {
        query_init(&q, kind_find("initiative"));
        if (variant & 1)
            assert_int_equal(query_where_add(&q, "themes", "youth", &err), 0);
        if (variant & 2) {
            q.from = "2023-06-01";
            q.to = "2023-12-31";
        }
        if (variant & 4) {
            assert_int_equal(query_where_add(&q, "innovative", "oui", &err), 0);
            q.text = "familles";
        }
        for (int d = Q_LIVE; d <= Q_ALL; d++) {
            q.deleted = (enum query_deleted)d;
            long count = query_count(fx.s, &q, &err);
            assert_true(count > 0);
            assert_int_equal(query_run(fx.s, &q, NULL, NULL, &err), count);
            /* A limit or a cursor does not change the count. */
            q.limit = 3;
            assert_int_equal(query_count(fx.s, &q, &err), count);
            q.limit = 0;
        }
    }
    /* The three parts agree: live + trash = all. */
    query_init(&q, kind_find("initiative"));
    long live = query_count(fx.s, &q, &err);
    q.deleted = Q_TRASH;
    long trash = query_count(fx.s, &q, &err);
    q.deleted = Q_ALL;
    assert_int_equal(live + trash, query_count(fx.s, &q, &err));
    assert_int_equal(trash, 9);
    for (int i = 0; i < 60; i++)
        free(ids[i]);
    free(ids);
    fx_close(&fx);
}

/* query_first: the first of the list's order whatever the limit, NULL
 * without an error when nothing matches, NULL with one on a bad query. */
static void test_first(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    struct error err;
    error_clear(&err);
    char *old = add_initiative(fx.s, fx.centre, "Ancienne", "2024-01-10", NULL);
    char *recent = add_initiative(fx.s, fx.centre, "Récente", "2025-06-01", NULL);
    struct query q;
    query_init(&q, kind_find("initiative"));
    q.limit = 5;
    struct record *r = query_first(fx.s, &q, &err);
    assert_non_null(r);
    assert_string_equal(r->id, recent);
    record_free(r);
    q.ascending = true;
    r = query_first(fx.s, &q, &err);
    assert_non_null(r);
    assert_string_equal(r->id, old);
    record_free(r);
    assert_int_equal(query_where_add(&q, "title", "Aucune", &err), 0);
    assert_null(query_first(fx.s, &q, &err));
    assert_int_equal(err.code, 0);
    query_init(&q, kind_find("initiative"));
    q.sort = "no_such_field";
    assert_null(query_first(fx.s, &q, &err));
    assert_int_not_equal(err.code, 0);
    free(old);
    free(recent);
    fx_close(&fx);
}

/* A frequency without a field names "(none)" in the user's language. */
static void test_frequency_no_field_words(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    struct query q;
    query_init(&q, kind_find("initiative"));
    struct error err;
    assert_true(tu_french(true));
    error_clear(&err);
    assert_true(query_frequency(fx.s, &q, NULL, NULL, NULL, &err) < 0);
    assert_true(tu_french(false));  /* before any failure, for the next tests */
    if (!strstr(err.msg, "(aucun)\u202f: ce champ n'existe pas pour les initiatives"))
        fail_msg("%s", err.msg);
    error_clear(&err);
    assert_true(query_frequency(fx.s, &q, NULL, NULL, NULL, &err) < 0);
    assert_non_null(strstr(err.msg, "(none): no such field for initiatives"));
    fx_close(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_defaults),
        cmocka_unit_test(test_frequency_no_field_words),
        cmocka_unit_test(test_where_text_choice_bool_date),
        cmocka_unit_test(test_where_reference),
        cmocka_unit_test(test_where_set_membership),
        cmocka_unit_test(test_where_audit_and_unknown),
        cmocka_unit_test(test_from_to),
        cmocka_unit_test(test_deleted),
        cmocka_unit_test(test_sort_and_limit),
        cmocka_unit_test(test_sort_value_and_stop),
        cmocka_unit_test(test_paging),
        cmocka_unit_test(test_paging_with_concurrent_inserts),
        cmocka_unit_test(test_count_matches_run),
        cmocka_unit_test(test_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
