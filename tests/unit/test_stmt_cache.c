/* The statement cache of model/store.c: a statement handed out by
 * db_prepare is never reset, reused or finalized under its caller, even
 * when every slot is taken or a walk nests a walk over the same SQL; and a
 * normal session of lists and pages fits in the cache many times over.
 * Meant to run under ASan and valgrind, where a use after free shows. */
#include "testutil.h"
#include "model/query.h"
#include "model/store_internal.h"
#include "model/timeline.h"
#include "util/xalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *initiative(struct store *s, const char *centre, const char *title, const char *date)
{
    char *c = xasprintf("centre=%s", centre), *t = xasprintf("title=%s", title), *d = xasprintf("started_on=%s", date);
    char *id = tu_create(s, "initiative", t, c, "status=ongoing", "carried_by=inhabitants", d, NULL);
    free(c);
    free(t);
    free(d);
    return id;
}

/* A store with n initiatives, dated one day apart. */
static struct store *store_with(int n)
{
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre social Les Tilleuls");
    for (int i = 0; i < n; i++) {
        char title[32], date[32];
        snprintf(title, sizeof title, "Initiative %02d", i);
        snprintf(date, sizeof date, "2025-%02d-%02d", 1 + i / 28, 1 + i % 28);
        free(initiative(s, centre, title, date));
    }
    free(centre);
    return s;
}

/* Runs one statement of a text never seen before to its end. */
static void run_new_sql(struct store *s, int n)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT %d AS filler", n);
    sqlite3_stmt *st = db_prepare(s, sql, NULL);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), n);
    db_release(s, st);
}

/* Statements of a caller's own that db_prepare handed out and nobody released. */
static long unreleased(struct store *s)
{
    struct db_cache_stats cs;
    db_cache_stats(s, &cs);
    return cs.uncached;
}

struct walk {
    struct store *s;
    int rows, next_sql;
    struct tu_ids ids;
};

/* For each row of the outer walk: twice the cache's worth of new SQL,
 * which must replace slots other than the walk's own. */
static int fill_cache_fn(struct record *r, bool *keep, void *ctx)
{
    struct walk *w = ctx;
    tu_collect(r, keep, &w->ids);
    for (int i = 0; i < 2 * STMT_CACHE; i++)
        run_new_sql(w->s, w->next_sql++);
    return ++w->rows > 50;
}

static void test_nested_walk_with_full_cache(void **state)
{
    (void)state;
    struct store *s = store_with(3);
    struct walk w = {s, 0, 100000, {0}};
    /* Every slot but one taken, so that the walk's statement lands in the
     * last one: the slot the old cache evicted first. */
    struct db_cache_stats cs;
    db_cache_stats(s, &cs);
    for (int i = cs.cached; i < STMT_CACHE - 1; i++)
        run_new_sql(s, i);
    struct query q;
    query_init(&q, kind_find("initiative"));
    struct error err;
    error_clear(&err);
    assert_int_equal(query_run(s, &q, fill_cache_fn, &w, &err), 3);
    assert_int_equal(w.rows, 3);
    assert_int_equal(w.ids.n, 3);
    for (int i = 0; i < 3; i++)
        assert_true(id_valid(w.ids.v[i]));
    /* No statement of a caller's own is left unfinalized. */
    assert_int_equal(unreleased(s), 0);
    tu_ids_free(&w.ids);
    store_close(s);
}

struct same {
    struct store *s;
    const struct query *q;
    int outer, inner;
};

/* A walk inside a walk over the very same list (same SQL text). */
static int same_inner_fn(struct record *r, bool *keep, void *ctx)
{
    (void)r;
    (void)keep;
    ((struct same *)ctx)->inner++;
    return 0;
}

static int same_outer_fn(struct record *r, bool *keep, void *ctx)
{
    (void)r;
    (void)keep;
    struct same *m = ctx;
    struct error err;
    error_clear(&err);
    assert_int_equal(query_run(m->s, m->q, same_inner_fn, m, &err), 3);
    return ++m->outer > 10;     /* an outer walk started over would never end */
}

static void test_nested_walk_same_sql(void **state)
{
    (void)state;
    struct store *s = store_with(3);
    struct query q;
    query_init(&q, kind_find("initiative"));
    struct same m = {s, &q, 0, 0};
    struct error err;
    error_clear(&err);
    assert_int_equal(query_run(s, &q, same_outer_fn, &m, &err), 3);
    assert_int_equal(m.outer, 3);
    assert_int_equal(m.inner, 9);
    assert_int_equal(unreleased(s), 0);
    store_close(s);
}

/* Every slot held by a statement in the middle of its rows, and one more
 * asked for: it is the caller's own, and none of the held ones moves. */
static void test_every_slot_held(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    sqlite3_stmt *held[STMT_CACHE + 1];
    for (int i = 0; i <= STMT_CACHE; i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT %d UNION ALL SELECT %d", i, -i);
        held[i] = db_prepare(s, sql, NULL);
        assert_non_null(held[i]);
        assert_int_equal(sqlite3_step(held[i]), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(held[i], 0), i);
    }
    /* Prepared and bound but not stepped yet: held all the same. */
    sqlite3_stmt *bound = db_prepare(s, "SELECT ?1", NULL);
    assert_non_null(bound);
    sqlite3_bind_int(bound, 1, 42);
    run_new_sql(s, 7);
    assert_int_equal(sqlite3_step(bound), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(bound, 0), 42);
    db_release(s, bound);
    for (int i = 0; i <= STMT_CACHE; i++) {
        assert_int_equal(sqlite3_step(held[i]), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(held[i], 0), -i);
        assert_int_equal(sqlite3_step(held[i]), SQLITE_DONE);
        db_release(s, held[i]);
    }
    struct db_cache_stats cs;
    db_cache_stats(s, &cs);
    assert_int_equal(cs.cached, STMT_CACHE);
    assert_int_equal(unreleased(s), 0);
    /* Released, the slots serve again. */
    run_new_sql(s, 12345);
    assert_int_equal(unreleased(s), 0);
    store_close(s);
}

struct pager {
    char last_id[37];
    char last_date[11];
    int n;
};

static int remember_fn(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    struct pager *p = ctx;
    snprintf(p->last_id, sizeof p->last_id, "%s", r->id);
    snprintf(p->last_date, sizeof p->last_date, "%s", timeline_date(r));
    p->n++;
    return 0;
}

/* What the list screens, Browse and the command line do in a day: pages
 * of every height forwards and back, through the list and the timeline,
 * with counts. The cache must hold it all without replacing a statement. */
static void test_paging_session_fits(void **state)
{
    (void)state;
    struct store *s = store_with(60);
    struct db_cache_stats before, after;
    db_cache_stats(s, &before);
    struct error err;
    error_clear(&err);
    const struct kind *k = kind_find("initiative");
    for (int height = 1; height <= 40; height++) {
        for (int back = 0; back < 2; back++) {
            struct pager p = {0};
            struct query q;
            query_init(&q, k);
            q.limit = height;
            q.before = back;
            for (int page = 0; page < 3; page++) {
                p.n = 0;
                assert_true(query_run(s, &q, remember_fn, &p, &err) >= 0);
                if (!p.n)
                    break;
                q.after_value = p.last_date;
                q.after_id = p.last_id;
            }
            assert_true(query_count(s, &q, &err) == 60);
            struct timeline_filter f = {{0}, NULL};
            struct pager t = {0};
            assert_true(timeline_run(s, &f, NULL, NULL, back, false, height, remember_fn, &t, &err) >= 0);
            assert_true(timeline_run(s, &f, t.last_date, t.last_id, back, true, height, remember_fn, &t, &err) >= 0);
        }
    }
    db_cache_stats(s, &after);
    int texts = after.cached - before.cached;
    print_message("distinct statements for 240 pages of 40 sizes: %d (cache: %d)\n", texts, STMT_CACHE);
    assert_int_equal(after.evicted, before.evicted);
    assert_true(texts <= STMT_CACHE / 4);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested_walk_with_full_cache),
        cmocka_unit_test(test_nested_walk_same_sql),
        cmocka_unit_test(test_every_slot_held),
        cmocka_unit_test(test_paging_session_fits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
